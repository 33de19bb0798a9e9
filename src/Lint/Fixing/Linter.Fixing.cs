using Lint.Fixing;
using Lint.Parsing;
using Lint.Rules;

namespace Lint;

public sealed partial class Linter
{
    /// <summary>The most fix passes made on one file: lint, apply the fixes that do not conflict, lint again, and so on.</summary>
    public const int MaxFixPasses = 10;

    /// <summary>Writes fixed bytes over a file (path, bytes read, new bytes). Tests replace it to simulate failures.</summary>
    internal Action<string, byte[], byte[]> WriteFile { get; set; } = (path, original, content) => IO.AtomicFile.Replace(path, original, content);

    /// <summary>
    /// Fixes <paramref name="bytes"/> as if they were the file <paramref name="path"/> (which need not exist), without
    /// touching the disk. Passes repeat until no fix applies, at most <see cref="MaxFixPasses"/> times; each pass applies
    /// the fixes of the findings that do not overlap or touch an earlier one in report order, and a fix whose inputs were
    /// flagged by another rule (a citation waiting for its display date, say) fires in the pass after that rule's fix.
    /// Content that does not parse is returned unchanged.
    /// </summary>
    /// <param name="path">The file the bytes stand for: its name drives <c>slug-filename</c> and the configuration's overrides.</param>
    /// <param name="bytes">The document, UTF-8.</param>
    /// <param name="cancellationToken">Cancels between passes.</param>
    /// <returns>The fixed bytes, how many fixes applied, and the findings that remain (in report order).</returns>
    public Task<FixResult> FixAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        cancellationToken.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(path, _options.WorkingDirectory);
        if (FileTooLargeRule.Exceeds(bytes.LongLength, Config.MaxFileSize))
            return Task.FromResult(new FixResult(bytes, bytes, 0, 0, Reported(TooLarge(full, bytes.LongLength))));
        var run = PrepareCorpus(_discovery.CorpusFiles(), [full], new Dictionary<string, byte[]?>(StringComparer.Ordinal) { [full] = bytes });
        var result = FixContent(DisplayPath(full), full, bytes, IndexOf(run), cancellationToken, out _, out var entry);
        run.SetLinted(full, entry);
        // The bytes speak for one document: whole-corpus findings in other files are not part of its result.
        var integrity = FinishCorpus(run, reportOthers: false).Findings;
        return Task.FromResult(result with { Remaining = Reported(result.Remaining.Concat(integrity)) });
    }

    /// <summary>Fixes <paramref name="text"/> as if it were the file <paramref name="path"/>; see <see cref="FixAsync(string, byte[], CancellationToken)"/>.</summary>
    public Task<FixResult> FixTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        FixAsync(path, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>
    /// Lints files, directories and globs (with none, the configuration's <c>include</c> set) and fixes them, through
    /// the same run loop as <see cref="LintAsync"/> (discovery, <see cref="LintOptions.CorpusOnly"/>, unreadable
    /// folders, severities, <see cref="LintOptions.Quiet"/>). With <paramref name="write"/>, every file that fixes
    /// change is replaced atomically (<see cref="IO.AtomicFile.Replace"/>); a file that fixes do not change is never written. A
    /// file that cannot be written is left as it was and keeps its findings, each fixable one saying why it was not
    /// fixed. Without <paramref name="write"/> (a dry run) nothing is written and the report is what would remain.
    /// </summary>
    /// <returns>The findings that remain (with <see cref="LintResult.Fixes"/> set) and the changed files.</returns>
    /// <exception cref="Config.LintConfigurationException">A target matches no file.</exception>
    public Task<FixRunResult> FixFilesAsync(IReadOnlyList<string> targets, bool write, CancellationToken cancellationToken = default) =>
        RunAsync(targets, write ? RunMode.Fix : RunMode.DryRun, cancellationToken);

    /// <summary>The fix step of the run loop, on one file's bytes: fix in memory, then write when asked and changed.</summary>
    private FileOutcome FixStep(string display, string fullPath, byte[] bytes, ICorpus corpus, bool write, CancellationToken cancellationToken, out Corpus.CorpusEntry? entry)
    {
        var fix = FixContent(display, fullPath, bytes, corpus, cancellationToken, out var initial, out entry);
        if (!fix.Changed) return new FileOutcome(fix.Remaining, null);
        if (!write) return new FileOutcome(fix.Remaining, new FileFix(display, fullPath, bytes, fix.Fixed, fix.AppliedFixes, Written: false, Error: null));
        try
        {
            WriteFile(fullPath, bytes, fix.Fixed);
            return new FileOutcome(fix.Remaining, new FileFix(display, fullPath, bytes, fix.Fixed, fix.AppliedFixes, Written: true, Error: null));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file is as it was, so its findings are those of the original; the fixable ones say why they remain.
            string reason = Text.Sanitize(ex.Message, 300);
            entry = Corpus.CorpusEntry.FromBytes(bytes, Config.Site); // the file is as it was
            var findings = initial.Select(f => f.Fix is null || !ShouldFix(f) ? f : f with { Message = $"{f.Message} (not fixed: the file could not be written: {reason})" }).ToList();
            return new FileOutcome(findings, new FileFix(display, fullPath, bytes, fix.Fixed, fix.AppliedFixes, Written: false, Error: reason));
        }
    }

    /// <summary>The fix loop on one document. <see cref="FixResult.Remaining"/> is unsorted and unfiltered.</summary>
    internal FixResult FixContent(string displayPath, string fullPath, byte[] bytes, ICorpus corpus, CancellationToken cancellationToken, out IReadOnlyList<Finding> initial, out Corpus.CorpusEntry? entry)
    {
        var current = bytes;
        var findings = LintContentCore(displayPath, fullPath, current, corpus, out entry);
        initial = findings;
        int applied = 0, passes = 0;
        while (passes < MaxFixPasses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A cross-file fix changes another file: the run loop applies it after every file's own fixes.
            var fixable = findings.Where(f => ShouldFix(f) && f.Fix!.Target is null).OrderBy(f => f, Finding.ReportOrder).Select(f => f.Fix!).ToList();
            if (fixable.Count == 0) break;
            var application = FixApplier.Apply(current, fixable);
            if (application.Applied.Count == 0 || application.Result.AsSpan().SequenceEqual(current)) break;
            // Safety net: a pass whose result is not well-formed JSON is thrown away (no rule's fix should ever do that).
            if (!IsWellFormed(application.Result)) break;
            current = application.Result;
            applied += application.Applied.Count;
            passes++;
            findings = LintContentCore(displayPath, fullPath, current, corpus, out entry);
        }
        return new FixResult(bytes, current, applied, passes, findings);
    }

    /// <summary>Whether a finding's fix is applied: it has one and the finding is reported (under <c>--quiet</c>, errors only).</summary>
    private bool ShouldFix(Finding finding) => finding.Fix is not null && finding.Severity != Severity.Off && IsReported(finding);

    private static bool IsWellFormed(byte[] bytes)
    {
        var (document, error, _) = StrictJsonParser.Parse(bytes);
        document?.Dispose();
        return error is null;
    }
}
