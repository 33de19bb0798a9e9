namespace Lint.Baseline;

/// <summary>What applying a baseline to a run gave: the result to report, the comparison, and what was written.</summary>
/// <param name="Result">The findings the baseline does not record (the result itself when no baseline is used).</param>
/// <param name="Comparison">How the run compares with the baseline; null when no baseline is used.</param>
/// <param name="Written">The baseline written by <c>--write-baseline</c>, or null.</param>
/// <param name="Pruned">How many recorded findings no longer occur and were left out of <paramref name="Written"/>.</param>
public sealed record BaselineOutcome(LintResult Result, BaselineComparison? Comparison, LintBaseline? Written, int Pruned);

/// <summary>
/// The baseline step of a run (<c>--baseline FILE</c> or <c>--write-baseline FILE</c>), so that a command only passes
/// options through: load the files first (errors before any work), then apply them to the run's result.
/// </summary>
public sealed class BaselineRun
{
    private readonly string? _baselinePath;
    private readonly string? _writePath;
    private readonly string _workingDirectory;
    private readonly LintBaseline? _baseline;
    private readonly LintBaseline? _previous;

    /// <summary>Loads what the options name; with neither path the run has no baseline step.</summary>
    /// <exception cref="BaselineException">A baseline file is missing (for <paramref name="baselinePath"/>), unreadable or invalid.</exception>
    /// <exception cref="ArgumentException">Both paths are given.</exception>
    public BaselineRun(string? baselinePath, string? writePath, string workingDirectory)
        : this(baselinePath, writePath, workingDirectory, Config.LintLimits.Default.BaselineSize, null)
    {
    }

    /// <summary>
    /// Loads what the options name, each file at most <paramref name="maxSize"/> bytes and, inside the project of
    /// <paramref name="boundary"/>, never through a link that leads out of it.
    /// </summary>
    /// <exception cref="BaselineException">A baseline file is missing (for <paramref name="baselinePath"/>), refused, unreadable or invalid.</exception>
    /// <exception cref="ArgumentException">Both paths are given.</exception>
    public BaselineRun(string? baselinePath, string? writePath, string workingDirectory, long maxSize, IO.ProjectBoundary? boundary)
    {
        if (baselinePath is not null && writePath is not null)
            throw new ArgumentException("use either a baseline to apply or one to write, not both");
        _baselinePath = baselinePath;
        _writePath = writePath;
        _workingDirectory = workingDirectory;
        _baseline = baselinePath is null ? null : LintBaseline.Load(baselinePath, maxSize, boundary);
        _previous = writePath is not null && File.Exists(writePath) ? LintBaseline.Load(writePath, maxSize, boundary) : null;
    }

    /// <summary>Whether a baseline is applied or written (warnings must then reach it before <c>--quiet</c> drops them).</summary>
    public bool IsActive => _baselinePath is not null || _writePath is not null;

    /// <summary>
    /// Applies the step to <paramref name="result"/>: writes the baseline (pruning findings that are gone) and reports
    /// against it, or reports against the baseline to apply.
    /// </summary>
    public BaselineOutcome Apply(LintResult result)
    {
        if (_writePath is not null)
        {
            var location = BaselineLocation.For(_writePath, _workingDirectory);
            int pruned = _previous?.Compare(result, location).GoneCount ?? 0;
            var written = LintBaseline.FromResult(result, location, _previous);
            written.Save(_writePath);
            var comparison = written.Compare(result, location);
            return new BaselineOutcome(comparison.Result, comparison, written, pruned);
        }
        if (_baseline is not null)
        {
            var comparison = _baseline.Compare(result, BaselineLocation.For(_baselinePath!, _workingDirectory));
            return new BaselineOutcome(comparison.Result, comparison, null, 0);
        }
        return new BaselineOutcome(result, null, null, 0);
    }
}
