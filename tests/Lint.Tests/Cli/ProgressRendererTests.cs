using System.Collections.Concurrent;
using Lint.Cli;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>The progress line: only on a terminal outside CI, only after a second, throttled, erased at the end.</summary>
public sealed class ProgressRendererTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(false, "", true)]
    [InlineData(true, null, false)]
    [InlineData(false, "true", false)]
    [InlineData(false, "1", false)]
    [InlineData(true, "true", false)]
    public void ShowsOnlyOnATerminalOutsideCi(bool stderrRedirected, string? ci, bool expected) =>
        Assert.Equal(expected, ProgressRenderer.ShouldShow(stderrRedirected, ci));

    [Fact]
    public void ARunShorterThanTheDelayPrintsNothing()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        using (var renderer = new ProgressRenderer(output, clock))
        {
            for (int i = 0; i <= 50; i++)
            {
                renderer.Report(new LintProgress(i, 50));
                clock.Advance(TimeSpan.FromMilliseconds(19)); // 950 ms in all
            }
        }
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void ALongRunDrawsOneLineThrottledAndErasesIt()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var renderer = new ProgressRenderer(output, clock);
        renderer.Report(new LintProgress(0, 10));
        clock.Advance(ProgressRenderer.Delay);
        renderer.Report(new LintProgress(3, 10));
        Assert.Equal("\rlinting 3/10 files\u001b[K", output.ToString());

        clock.Advance(TimeSpan.FromMilliseconds(50)); // within the redraw interval: skipped
        renderer.Report(new LintProgress(4, 10));
        Assert.Equal("\rlinting 3/10 files\u001b[K", output.ToString());

        clock.Advance(ProgressRenderer.Interval);
        renderer.Report(new LintProgress(5, 10));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        renderer.Report(new LintProgress(10, 10)); // the last one is always drawn
        Assert.Equal("\rlinting 3/10 files\u001b[K\rlinting 5/10 files\u001b[K\rlinting 10/10 files\u001b[K", output.ToString());

        renderer.Dispose();
        Assert.EndsWith("\r\u001b[K", output.ToString());
        int length = output.ToString().Length;
        renderer.Report(new LintProgress(10, 10));
        renderer.Dispose();
        Assert.Equal(length, output.ToString().Length);
    }

    [Fact]
    public async Task TheEngineReportsEveryFileOnce()
    {
        using var temp = new TempDir();
        temp.CopyFrom(Incidents.ExamplesDirectory);
        var reports = new ConcurrentQueue<LintProgress>();
        var linter = new Linter(new LintOptions
        {
            WorkingDirectory = temp.Path,
            Config = Lint.Config.LintConfig.Defaults(temp.Path),
            Progress = new Collector(reports),
            MaxDegreeOfParallelism = 4,
        });
        var result = await linter.LintAsync([]);
        Assert.Equal(7, result.FilesChecked);
        var list = reports.ToList();
        Assert.Equal(new LintProgress(0, 7), list[0]);
        Assert.All(list, p => Assert.Equal(7, p.FilesTotal));
        Assert.Equal(Enumerable.Range(0, 8), list.Select(p => p.FilesDone).Order());
    }

    private sealed class Collector(ConcurrentQueue<LintProgress> queue) : IProgress<LintProgress>
    {
        public void Report(LintProgress value) => queue.Enqueue(value);
    }
}
