using System.Text;

namespace Lint.Fixing;

/// <summary>The outcome of fixing one document in memory (<see cref="Linter.FixAsync(string, byte[], CancellationToken)"/>).</summary>
/// <param name="Original">The bytes that were given.</param>
/// <param name="Fixed">The bytes after every applicable fix; the very same bytes as <paramref name="Original"/> when nothing applied.</param>
/// <param name="AppliedFixes">How many fixes were applied, over all passes.</param>
/// <param name="Passes">How many passes applied at least one fix.</param>
/// <param name="Remaining">The findings of the fixed bytes, in report order (what is left to do by hand).</param>
public sealed record FixResult(byte[] Original, byte[] Fixed, int AppliedFixes, int Passes, IReadOnlyList<Finding> Remaining)
{
    /// <summary>Whether the fixed bytes differ from the original.</summary>
    public bool Changed => !Original.AsSpan().SequenceEqual(Fixed);

    /// <summary>The fixed document as text (UTF-8).</summary>
    public string FixedText => Encoding.UTF8.GetString(Fixed);

    /// <summary>A unified diff from the original to the fixed bytes, with <paramref name="path"/> in the headers; empty when nothing changed.</summary>
    public string Diff(string path) => UnifiedDiff.Create(path, Original, Fixed);
}

/// <summary>What <c>--fix</c> or <c>--fix-dry-run</c> did to one file whose fixes changed it.</summary>
/// <param name="File">The path as displayed in reports.</param>
/// <param name="FullPath">The full path.</param>
/// <param name="Original">The bytes as read.</param>
/// <param name="Fixed">The bytes after fixing.</param>
/// <param name="AppliedFixes">How many fixes were applied.</param>
/// <param name="Written">Whether the fixed bytes were written to the file (always false in a dry run).</param>
/// <param name="Error">Why the file could not be written, when writing failed; the file is then left as it was.</param>
public sealed record FileFix(string File, string FullPath, byte[] Original, byte[] Fixed, int AppliedFixes, bool Written, string? Error)
{
    /// <summary>A unified diff of the change, with the display path in the headers.</summary>
    public string Diff() => UnifiedDiff.Create(File, Original, Fixed);
}

/// <summary>The outcome of fixing files (<see cref="Linter.FixFilesAsync"/>).</summary>
/// <param name="Result">The report after fixing: the findings that remain, with <see cref="LintResult.Fixes"/> set.</param>
/// <param name="Files">The files that fixes changed (or would change, in a dry run), in path order.</param>
public sealed record FixRunResult(LintResult Result, IReadOnlyList<FileFix> Files);

/// <summary>How many fixes a run applied (or would apply, in a dry run), for the report summary.</summary>
/// <param name="AppliedFixes">Fixes applied over all files.</param>
/// <param name="FilesFixed">Files changed.</param>
/// <param name="DryRun">Whether nothing was written (<c>--fix-dry-run</c>).</param>
/// <param name="FailedFiles">Files whose fixes could not be written (left as they were).</param>
public sealed record FixSummary(int AppliedFixes, int FilesFixed, bool DryRun, int FailedFiles = 0)
{
    /// <summary>Display paths of the files whose fixes could not be written: their fixable findings are not "fixable with --fix" in this run's summary.</summary>
    public IReadOnlyCollection<string> FailedPaths { get; init; } = [];

    /// <summary>The summary text: <c>N fixes applied in M files</c> (or <c>would be applied</c> in a dry run).</summary>
    public override string ToString()
    {
        string fixes = AppliedFixes == 1 ? "fix" : "fixes";
        string files = FilesFixed == 1 ? "file" : "files";
        string text = DryRun
            ? $"{AppliedFixes} {fixes} would be applied in {FilesFixed} {files} (dry run, nothing written)"
            : $"{AppliedFixes} {fixes} applied in {FilesFixed} {files}";
        if (FailedFiles > 0) text += $"; {FailedFiles} {(FailedFiles == 1 ? "file" : "files")} could not be written (fixes not applied)";
        return text;
    }
}
