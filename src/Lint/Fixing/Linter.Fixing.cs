using System.Diagnostics;
using Lint.Fixing;
using Lint.Parsing;
using Lint.Rules;

namespace Lint;

public sealed partial class Linter
{
    /// <summary>The most fix passes made on one file: lint, apply the fixes that do not conflict, lint again, and so on.</summary>
    public const int MaxFixPasses = 10;

    /// <summary>Writes fixed bytes over a file (path, bytes read, new bytes). Tests replace it to simulate failures.</summary>
    internal Action<string, byte[], byte[]> WriteFile { get; set; } = (path, original, content) => AtomicFile.Replace(path, original, content);

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
        var corpus = BuildCorpus(_discovery.CorpusFiles().Where(f => f != full), (full, bytes));
        var result = FixContent(DisplayPath(full), full, bytes, corpus, cancellationToken, out _);
        return Task.FromResult(result with { Remaining = Reported(result.Remaining) });
    }

    /// <summary>Fixes <paramref name="text"/> as if it were the file <paramref name="path"/>; see <see cref="FixAsync(string, byte[], CancellationToken)"/>.</summary>
    public Task<FixResult> FixTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        FixAsync(path, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>
    /// Lints files, directories and globs (with none, the configuration's <c>include</c> set) and fixes them. With
    /// <paramref name="write"/>, every file that fixes change is replaced atomically (<see cref="AtomicFile"/>); a file
    /// that fixes do not change is never written. A file that cannot be written is left as it was and keeps its
    /// findings, each fixable one saying why it was not fixed. Without <paramref name="write"/> (a dry run) nothing is
    /// written and the report is what would remain.
    /// </summary>
    /// <returns>The findings that remain (with <see cref="LintResult.Fixes"/> set) and the changed files.</returns>
    /// <exception cref="Config.LintConfigurationException">A target matches no file.</exception>
    public async Task<FixRunResult> FixFilesAsync(IReadOnlyList<string> targets, bool write, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var walk = new Engine.WalkReport();
        var corpusWalk = targets.Count == 0 ? walk : new Engine.WalkReport();
        var corpusFiles = _discovery.CorpusFiles(corpusWalk);
        var files = targets.Count == 0 ? corpusFiles : _discovery.ExpandTargets(targets, _options.WorkingDirectory, walk);
        // Temporary files left by a killed --fix are never linted; a run that writes removes the stale ones.
        if (write) IO.AtomicFile.RemoveLeftovers(walk.TemporaryFiles.Concat(corpusWalk.TemporaryFiles).Distinct(StringComparer.Ordinal));
        var corpus = BuildCorpus(corpusFiles.Concat(files).Distinct(StringComparer.Ordinal), null);
        var outcomes = new (IReadOnlyList<Finding> Findings, FileFix? Fix)[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism), CancellationToken = cancellationToken },
            (i, ct) =>
            {
                outcomes[i] = FixFile(files[i], corpus, write, ct);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        var changed = outcomes.Where(o => o.Fix is not null).Select(o => o.Fix!).ToList();
        var done = changed.Where(f => f.Error is null).ToList();
        var summary = new FixSummary(done.Sum(f => f.AppliedFixes), done.Count, DryRun: !write, FailedFiles: changed.Count - done.Count);
        var result = Finish(outcomes.SelectMany(o => o.Findings).Concat(WalkFindings(walk)), files.Select(DisplayPath), watch) with { Fixes = summary };
        return new FixRunResult(result, changed);
    }

    private (IReadOnlyList<Finding> Findings, FileFix? Fix) FixFile(string fullPath, ICorpus corpus, bool write, CancellationToken cancellationToken)
    {
        // The same guarded read as linting (size limit, no link out of the project); unread files report why, unfixed.
        var outcome = _reader.Read(fullPath, Config.MaxFileSize);
        if (outcome.Bytes is not { } bytes) return (Unread(fullPath, outcome), null);
        string display = DisplayPath(fullPath);
        var fix = FixContent(display, fullPath, bytes, corpus, cancellationToken, out var initial);
        if (!fix.Changed) return (fix.Remaining, null);
        if (!write) return (fix.Remaining, new FileFix(display, fullPath, bytes, fix.Fixed, fix.AppliedFixes, Written: false, Error: null));
        try
        {
            WriteFile(fullPath, bytes, fix.Fixed);
            return (fix.Remaining, new FileFix(display, fullPath, bytes, fix.Fixed, fix.AppliedFixes, Written: true, Error: null));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file is as it was, so its findings are those of the original; the fixable ones say why they remain.
            string reason = Text.Sanitize(ex.Message, 300);
            var findings = initial.Select(f => f.Fix is null || !ShouldFix(f) ? f : f with { Message = $"{f.Message} (not fixed: the file could not be written: {reason})" }).ToList();
            return (findings, new FileFix(display, fullPath, bytes, fix.Fixed, fix.AppliedFixes, Written: false, Error: reason));
        }
    }

    /// <summary>The fix loop on one document. <see cref="FixResult.Remaining"/> is unsorted and unfiltered.</summary>
    internal FixResult FixContent(string displayPath, string fullPath, byte[] bytes, ICorpus corpus, CancellationToken cancellationToken, out IReadOnlyList<Finding> initial)
    {
        var current = bytes;
        var findings = LintContent(displayPath, fullPath, current, corpus);
        initial = findings;
        int applied = 0, passes = 0;
        while (passes < MaxFixPasses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fixable = findings.Where(ShouldFix).OrderBy(f => f, Finding.ReportOrder).Select(f => f.Fix!).ToList();
            if (fixable.Count == 0) break;
            var application = FixApplier.Apply(current, fixable);
            if (application.Applied.Count == 0 || application.Result.AsSpan().SequenceEqual(current)) break;
            // Safety net: a pass whose result is not well-formed JSON is thrown away (no rule's fix should ever do that).
            if (!IsWellFormed(application.Result)) break;
            current = application.Result;
            applied += application.Applied.Count;
            passes++;
            findings = LintContent(displayPath, fullPath, current, corpus);
        }
        return new FixResult(bytes, current, applied, passes, findings);
    }

    /// <summary>Whether a finding's fix is applied: it has one and the finding is reported (under <c>--quiet</c>, errors only).</summary>
    private bool ShouldFix(Finding finding) =>
        finding.Fix is not null && finding.Severity != Severity.Off && (!_options.Quiet || finding.Severity == Severity.Error);

    private IReadOnlyList<Finding> Reported(IEnumerable<Finding> findings)
    {
        var list = findings.Where(f => !_options.Quiet || f.Severity == Severity.Error).ToList();
        list.Sort(Finding.ReportOrder);
        return list;
    }

    private static bool IsWellFormed(byte[] bytes)
    {
        var (document, error, _) = StrictJsonParser.Parse(bytes);
        document?.Dispose();
        return error is null;
    }
}
