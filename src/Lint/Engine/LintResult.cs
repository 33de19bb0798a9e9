namespace Lint;

/// <summary>The outcome of a lint run.</summary>
/// <param name="Findings">Every finding, in report order (path, line, column, rule).</param>
/// <param name="FilesChecked">How many files were linted.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record LintResult(IReadOnlyList<Finding> Findings, int FilesChecked, TimeSpan Elapsed)
{
    /// <summary>Findings of severity error.</summary>
    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    /// <summary>Findings of severity warning.</summary>
    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);

    /// <summary>Findings that <c>--fix</c> can repair.</summary>
    public int FixableCount => Findings.Count(f => f.IsFixable);

    /// <summary>
    /// Display paths of the files linted (with or without findings), in ordinal order; null when not known, for
    /// example for a result built by hand. Baselines use it to tell a fixed finding from a file that was not linted.
    /// </summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>The same result with its warnings dropped (what <c>--quiet</c> reports).</summary>
    public LintResult ErrorsOnly() => this with { Findings = Findings.Where(f => IsReported(f, quiet: true)).ToList() };

    /// <summary>Whether <paramref name="finding"/> is reported: always, or under <c>--quiet</c> only when it is an error.</summary>
    public static bool IsReported(Finding finding, bool quiet) => !quiet || finding.Severity == Severity.Error;

    /// <summary>
    /// Notes for the person who ran lint that are not findings: a file named on the command line that the configuration
    /// excludes (as ESLint warns), or that is one of lint's own files. The command line prints them on standard error.
    /// </summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>What fixing did, when the run fixed files (<c>--fix</c> or <c>--fix-dry-run</c>); null for a plain lint.</summary>
    public Fixing.FixSummary? Fixes { get; init; }
}
