using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Cli;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>
/// The CI gate through the command line (<see cref="CommandLineBuilder"/>, as the <c>lint</c> program runs it):
/// exit codes with --max-warnings and --quiet, -o/--output, and the baseline round trip.
/// </summary>
public sealed class CiGateCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public CiGateCliTests()
    {
        Directory.CreateDirectory(Corpus);
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory)) File.Copy(file, Path.Combine(Corpus, Path.GetFileName(file)));
        _dir.Write("lint.config.json", """{ "include": ["incidents/**/*.json"], "site": "https://trumpswarcrimes.com" }""");
    }

    public void Dispose() => _dir.Dispose();

    private string Corpus => _dir.Combine("incidents");

    private string Config => _dir.Combine("lint.config.json");

    private sealed record Run(int ExitCode, string Stdout, string Stderr);

    private async Task<Run> LintAsync(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var root = CommandLineBuilder.Build(stdout, stderr);
        int code = await CommandLineBuilder.RunAsync(root, ["-c", Config, "--no-color", .. args], stderr);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    private void Edit(string file, Action<JsonObject> change)
    {
        var path = Path.Combine(Corpus, file);
        var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(doc["record"]!.AsObject());
        File.WriteAllText(path, Incidents.ToText(doc));
    }

    private void AddRepeatedTag(string file) =>
        Edit(file, r => r["tags"]!.AsArray().Add(((string)r["tags"]![0]!).ToUpperInvariant()));

    private void BreakSourceCount(string file) =>
        Edit(file, r => r["sourceCount"] = (int)r["sourceCount"]! + 1);

    [Fact]
    public async Task ACleanCorpusExitsZero()
    {
        var run = await LintAsync();
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("0 problems", run.Stdout);
    }

    [Fact]
    public async Task WarningsAreWithinBudgetUpToMaxWarningsAndFailAboveIt()
    {
        AddRepeatedTag("icc-sanctions.json");
        AddRepeatedTag("gaza-arms-complicity.json");

        var noLimit = await LintAsync();
        Assert.True(noLimit.ExitCode == 0, noLimit.Stdout + noLimit.Stderr);
        Assert.Contains("2 problems (0 errors, 2 warnings)", noLimit.Stdout);

        Assert.Equal(0, (await LintAsync("--max-warnings", "2")).ExitCode);
        Assert.Equal(0, (await LintAsync("--max-warnings", "5")).ExitCode);

        var over = await LintAsync("--max-warnings", "1");
        Assert.Equal(1, over.ExitCode);
        Assert.Contains("2 warnings exceed --max-warnings 1", over.Stderr);

        Assert.Equal(1, (await LintAsync("--max-warnings", "0")).ExitCode);
    }

    [Fact]
    public async Task QuietDropsWarningsSoTheyDoNotCountAgainstTheBudget()
    {
        AddRepeatedTag("icc-sanctions.json");
        var quiet = await LintAsync("--quiet", "--max-warnings", "0");
        Assert.True(quiet.ExitCode == 0, quiet.Stdout + quiet.Stderr);
        Assert.Contains("0 problems (0 errors, 0 warnings)", quiet.Stdout);

        // Errors still fail a quiet run, whatever the budget.
        BreakSourceCount("gaza-arms-complicity.json");
        var withError = await LintAsync("--quiet", "--max-warnings", "10");
        Assert.Equal(1, withError.ExitCode);
        Assert.Contains("1 problem (1 error, 0 warnings)", withError.Stdout);
        Assert.Equal(1, (await LintAsync("--max-warnings", "0")).ExitCode);
    }

    [Theory]
    [InlineData("-1", "--max-warnings expects a whole number, 0 or more (such as --max-warnings 0), not '-1'")]
    [InlineData("many", "many")]
    public async Task AnInvalidMaxWarningsIsAUsageError(string value, string reason)
    {
        var run = await LintAsync("--max-warnings", value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task OutputWritesTheReportToTheFileAndTheSummaryToTheConsole()
    {
        BreakSourceCount("icc-sanctions.json");
        var report = _dir.Combine("report.json");
        _dir.Write("report.json", "stale report from an earlier run, much longer than nothing\n");
        var run = await LintAsync("--format", "json", "-o", report);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^1 problem \(1 error, 0 warnings\), 1 fixable with --fix; 7 files checked in [0-9.]+s\n$", run.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("source-count", finding.GetProperty("ruleId").GetString());
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public async Task AnOutputFileThatCannotBeWrittenIsAUsageErrorAndLeavesNothingBehind()
    {
        var missing = await LintAsync("--format", "sarif", "-o", _dir.Combine("no-such-folder", "report.sarif"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);
        Assert.DoesNotContain("   at ", missing.Stderr);

        var directory = await LintAsync("-o", Corpus);
        Assert.Equal(2, directory.ExitCode);
        Assert.Contains("is a directory", directory.Stderr);
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task BaselineRoundTripThroughTheCommandLine()
    {
        BreakSourceCount("icc-sanctions.json");
        AddRepeatedTag("icc-sanctions.json");
        Edit("gaza-arms-complicity.json", r => r["displayDate"] = "Febuary 1, 2025");
        var baseline = _dir.Combine("lint-baseline.json");
        Assert.Equal(1, (await LintAsync()).ExitCode);

        // Adopt: record today's findings; the run then passes.
        var write = await LintAsync("--write-baseline", baseline);
        Assert.True(write.ExitCode == 0, write.Stdout + write.Stderr);
        Assert.Contains($"wrote the baseline {baseline}: 3 findings recorded", write.Stderr);
        Assert.Contains("3 findings suppressed by the baseline", write.Stdout);
        var written = File.ReadAllText(baseline);
        Assert.Contains("\"file\": \"incidents/icc-sanctions.json\"", written);
        Assert.DoesNotContain("\"line\"", written);

        // Lines inserted above the findings: nothing reported.
        foreach (var file in new[] { "icc-sanctions.json", "gaza-arms-complicity.json" })
        {
            var path = Path.Combine(Corpus, file);
            File.WriteAllText(path, "{\n\n\n" + File.ReadAllText(path)[1..]);
        }
        var moved = await LintAsync("--baseline", baseline);
        Assert.True(moved.ExitCode == 0, moved.Stdout + moved.Stderr);
        Assert.StartsWith("0 problems (0 errors, 0 warnings)", moved.Stdout);
        Assert.EndsWith("3 findings suppressed by the baseline\n", moved.Stdout);

        // A new defect: only it is reported, and it fails the gate.
        BreakSourceCount("iran-war-no-quarter-declaration.json");
        var withNew = await LintAsync("--baseline", baseline, "--format", "json");
        Assert.Equal(1, withNew.ExitCode);
        using (var doc = JsonDocument.Parse(withNew.Stdout))
        {
            var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
            Assert.EndsWith("iran-war-no-quarter-declaration.json", finding.GetProperty("file").GetString());
            Assert.Equal(3, doc.RootElement.GetProperty("summary").GetProperty("baseline").GetProperty("suppressed").GetInt32());
        }
        Assert.Contains("lint: 3 findings suppressed by the baseline", withNew.Stderr);

        // An old defect fixed: reported as gone; --write-baseline prunes it.
        Edit("gaza-arms-complicity.json", r => r["displayDate"] = Incidents.LongForm((string)r["date"]!));
        var fixedOne = await LintAsync("--baseline", baseline);
        Assert.Equal(1, fixedOne.ExitCode);
        Assert.Contains("2 findings suppressed by the baseline; 1 baseline entry no longer occurs; run --write-baseline to prune", fixedOne.Stdout);

        var prune = await LintAsync("--write-baseline", baseline);
        Assert.Equal(0, prune.ExitCode);
        Assert.Contains("3 findings recorded, 1 that no longer occurs pruned", prune.Stderr);
        var pruned = File.ReadAllText(baseline);
        Assert.DoesNotContain("display-date", pruned);
        Assert.Contains("iran-war-no-quarter-declaration.json", pruned);
        var after = await LintAsync("--baseline", baseline);
        Assert.Equal(0, after.ExitCode);
        Assert.DoesNotContain("no longer occur", after.Stdout);
    }

    [Fact]
    public async Task QuietWithABaselineDoesNotMistakeHiddenWarningsForFixedOnes()
    {
        AddRepeatedTag("icc-sanctions.json");
        BreakSourceCount("gaza-arms-complicity.json");
        var baseline = _dir.Combine("lint-baseline.json");
        Assert.Equal(0, (await LintAsync("--write-baseline", baseline, "--quiet")).ExitCode);
        Assert.Contains("duplicate-tag", File.ReadAllText(baseline));
        var run = await LintAsync("--baseline", baseline, "--quiet");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("no longer occur", run.Stdout);
    }

    [Fact]
    public async Task ABaselineNamedLintBaselineJsonIsNotLintedAsAnIncident()
    {
        // The default include is every *.json below the configuration; the conventional baseline name is excluded.
        _dir.Write("lint.config.json", """{ "site": "https://trumpswarcrimes.com" }""");
        BreakSourceCount("icc-sanctions.json");
        var baseline = _dir.Combine("lint-baseline.json");
        Assert.Equal(0, (await LintAsync("--write-baseline", baseline)).ExitCode);
        var run = await LintAsync("--baseline", baseline);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("7 files checked", run.Stdout);
    }

    [Theory]
    [InlineData("{ \"version\": 1, \"entries\": [ { \"file\": 3 } ] }", "invalid baseline: entries[0].file is missing or not a non-empty string")]
    [InlineData("{ \"version\": 1, ", "the baseline is not valid JSON")]
    public async Task AnInvalidBaselineIsAUsageError(string content, string reason)
    {
        var path = _dir.Write("lint-baseline.json", content);
        var run = await LintAsync("--baseline", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Stderr);
        Assert.StartsWith("lint: ", run.Stderr);
        Assert.Equal("", run.Stdout);
        // --write-baseline refuses to overwrite a file it cannot read, too.
        var write = await LintAsync("--write-baseline", path);
        Assert.Equal(2, write.ExitCode);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public async Task AMissingBaselineIsAUsageErrorThatSaysHowToCreateIt()
    {
        var run = await LintAsync("--baseline", _dir.Combine("missing.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist; create it with --write-baseline", run.Stderr);
    }

    [Fact]
    public async Task BaselineAndWriteBaselineTogetherIsAUsageError()
    {
        var run = await LintAsync("--baseline", "a.json", "--write-baseline", "b.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("either --baseline or --write-baseline", run.Stderr);
    }
}
