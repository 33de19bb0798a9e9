using Lint.Baseline;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Baseline;

/// <summary>The baseline step a command runs: write, apply, or nothing.</summary>
public sealed class BaselineRunTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static LintResult Result(params (string Rule, string Pointer)[] findings) =>
        new(findings.Select(f => new Finding(f.Rule, Severity.Error, "m", "a.json", 1, 1, f.Pointer)).ToList(), 1, TimeSpan.Zero) { Files = ["a.json"] };

    [Fact]
    public void WithoutABaselineTheResultPassesThrough()
    {
        var run = new BaselineRun(null, null, _dir.Path);
        var result = Result(("source-count", "/record/sourceCount"));
        var outcome = run.Apply(result);
        Assert.False(run.IsActive);
        Assert.Same(result, outcome.Result);
        Assert.Null(outcome.Comparison);
        Assert.Null(outcome.Written);
    }

    [Fact]
    public void WritingRecordsTodayAndPrunesWhatIsGoneThenApplyingSuppressesIt()
    {
        var path = _dir.Combine("lint-baseline.json");
        var first = new BaselineRun(null, path, _dir.Path).Apply(Result(("source-count", "/record/sourceCount"), ("schema", "/record/title")));
        Assert.Equal(2, first.Written!.FindingCount);
        Assert.Empty(first.Result.Findings);

        var second = new BaselineRun(null, path, _dir.Path).Apply(Result(("schema", "/record/title")));
        Assert.Equal((1, 1), (second.Written!.FindingCount, second.Pruned));

        var applied = new BaselineRun(path, null, _dir.Path).Apply(Result(("schema", "/record/title"), ("date-order", "/record/date")));
        Assert.Equal(["date-order"], applied.Result.Findings.Select(f => f.RuleId));
        Assert.Equal(1, applied.Comparison!.Suppressed);
    }

    [Fact]
    public void BothPathsAtOnceAreRefusedAndAMissingBaselineIsAnError()
    {
        Assert.Throws<ArgumentException>(() => new BaselineRun("a.json", "b.json", _dir.Path));
        Assert.Throws<BaselineException>(() => new BaselineRun(_dir.Combine("missing.json"), null, _dir.Path));
    }
}
