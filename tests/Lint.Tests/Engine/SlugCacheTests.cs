using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Engine;

/// <summary>The opt-in slug-index cache (<c>--cache</c>): consulted while a file is unchanged, never trusted after.</summary>
public sealed class SlugCacheTests : IDisposable
{
    private readonly TempDir _dir = new();

    public SlugCacheTests() => _dir.CopyFrom(Incidents.ExamplesDirectory);

    public void Dispose() => _dir.Dispose();

    private string CachePath => _dir.Combine(".lintcache");

    private Task<LintResult> Lint(bool cache, params string[] targets) =>
        new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path), Cache = cache }).LintAsync(targets);

    [Fact]
    public async Task WithoutTheOptionNothingIsWritten()
    {
        var result = await Lint(cache: false);
        Assert.Empty(result.Findings);
        Assert.False(File.Exists(CachePath));
    }

    [Fact]
    public async Task TheCacheIsWrittenConsultedWhileAFileIsUnchangedAndDroppedWhenItChanges()
    {
        Assert.Empty((await Lint(cache: true)).Findings);
        var lines = File.ReadAllLines(CachePath);
        Assert.Equal("lint slug cache v1", lines[0]);
        Assert.Equal(8, lines.Length);
        var entry = Assert.Single(lines, l => l.StartsWith("icc-sanctions.json\t", StringComparison.Ordinal));
        Assert.EndsWith("\ticc-sanctions", entry);

        // Prove the cache is read: give the unchanged file another slug in the cache only.
        File.WriteAllLines(CachePath, lines.Select(l => l == entry ? entry.Replace("\ticc-sanctions", "\tsomething-else") : l));
        var result = await Lint(cache: true, "icc-immunity-demands-rome-statute.json");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("related-exists", finding.RuleId);
        Assert.Contains("\"icc-sanctions\"", finding.Message);

        // A changed modification time makes the entry stale: the file is read again.
        File.SetLastWriteTimeUtc(_dir.Combine("icc-sanctions.json"), DateTime.UtcNow.AddMinutes(1));
        Assert.Empty((await Lint(cache: true, "icc-immunity-demands-rome-statute.json")).Findings);
        Assert.Contains(File.ReadAllLines(CachePath), l => l.StartsWith("icc-sanctions.json\t", StringComparison.Ordinal) && l.EndsWith("\ticc-sanctions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a cache at all")]
    [InlineData("lint slug cache v1\nicc-sanctions.json\tNaN\t1\tx")]
    [InlineData("lint slug cache v1\ntruncated")]
    public async Task AnUnusableCacheIsIgnoredAndRewritten(string content)
    {
        File.WriteAllText(CachePath, content);
        Assert.Empty((await Lint(cache: true, "icc-immunity-demands-rome-statute.json")).Findings);
        Assert.Equal("lint slug cache v1", File.ReadAllLines(CachePath)[0]);
    }

    [Fact]
    public void TheCommandLineOptionAndTheConfigurationTurnItOn()
    {
        var run = LintProcess.Run(_dir.Path, ["--cache"]);
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(CachePath));
        File.Delete(CachePath);
        _dir.Write("lint.config.json", """{ "include": ["*.json"], "cache": true }""");
        Assert.Equal(0, LintProcess.Run(_dir.Path, []).ExitCode);
        Assert.True(File.Exists(CachePath));
    }
}
