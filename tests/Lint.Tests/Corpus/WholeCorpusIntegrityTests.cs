using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Corpus;

/// <summary>
/// related-exists and duplicate-slug are decided for every file of the corpus on every run: a rename or deletion
/// among the files being linted is reported in each other file that still names the old slug.
/// </summary>
public sealed class WholeCorpusIntegrityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public WholeCorpusIntegrityTests()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        _dir.Write("lint.config.json", """{ "include": ["*.json"] }""");
    }

    public void Dispose() => _dir.Dispose();

    private LintProcess.Result Lint(params string[] args) => LintProcess.Run(_dir.Path, args);

    /// <summary>What a contributor does by hand: move the file and change its slug, url and citation.</summary>
    private void RenameByHand(string from, string to)
    {
        var doc = JsonNode.Parse(File.ReadAllText(_dir.Combine(from + ".json")))!.AsObject();
        var record = doc["record"]!.AsObject();
        record["slug"] = to;
        record["url"] = record["url"]!.GetValue<string>().Replace("/incident/" + from, "/incident/" + to, StringComparison.Ordinal);
        record["citation"] = record["citation"]!.GetValue<string>().Replace("/incident/" + from, "/incident/" + to, StringComparison.Ordinal);
        File.Delete(_dir.Combine(from + ".json"));
        _dir.Write(to + ".json", Incidents.ToText(doc));
    }

    [Fact]
    public void LintingTheRenamedFileReportsEveryFileThatStillNamesTheOldSlug()
    {
        RenameByHand("icc-sanctions", "icc-sanctions-2025");
        var run = Lint("icc-sanctions-2025.json");
        Assert.Equal(1, run.ExitCode);
        // Both referring files are named, at the line:col of the entry, with the likely new slug and the note.
        foreach (var file in new[] { "attacks-on-judiciary.json", "icc-immunity-demands-rome-statute.json" })
            Assert.Matches($@"(?m)^{file.Replace(".", "\\.")}\n\s+\d+:\d+\s+error\s+related incident ""icc-sanctions"" does not exist in the corpus; did you mean ""icc-sanctions-2025""\? \(in a file not named in this run", run.Stdout);
        Assert.Contains("2 problems (2 errors, 0 warnings)", run.Stdout);
        Assert.Contains("1 file checked", run.Stdout);

        // The json report marks them and gives the exact position.
        var json = JsonDocument.Parse(Lint("--format", "json", "icc-sanctions-2025.json").Stdout).RootElement;
        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.True(f.GetProperty("outsideTargets").GetBoolean()));
        var rome = findings.Single(f => f.GetProperty("file").GetString() == "icc-immunity-demands-rome-statute.json");
        Assert.Equal("/record/relatedIncidents/0", rome.GetProperty("pointer").GetString());
        var (line, column) = PositionOf(_dir.Combine("icc-immunity-demands-rome-statute.json"), "\"icc-sanctions\"");
        Assert.Equal((line, column), (rome.GetProperty("line").GetInt32(), rome.GetProperty("column").GetInt32()));
    }

    [Fact]
    public void ADeletionIsCaughtWithNoFileToLint()
    {
        File.Delete(_dir.Combine("icc-sanctions.json"));
        // What the hook runs for a commit that stages only the deletion: --corpus-only with no file.
        var run = Lint("--corpus-only");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("attacks-on-judiciary.json", run.Stdout);
        Assert.Contains("icc-immunity-demands-rome-statute.json", run.Stdout);
        Assert.Contains("0 files checked", run.Stdout);
        // Any other file named on the command line gives the same two findings.
        var other = Lint("gaza-arms-complicity.json");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("2 problems (2 errors, 0 warnings)", other.Stdout);
        // And a clean corpus passes.
        _dir.Write("icc-sanctions.json", File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-sanctions.json")));
        Assert.Equal(0, Lint("--corpus-only").ExitCode);
    }

    [Fact]
    public void ABaselineAdoptsAPreExistingDanglingReference()
    {
        var path = _dir.Combine("gaza-arms-complicity.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"relatedIncidents\": [", "\"relatedIncidents\": [\n      \"an-old-deleted-incident\",", StringComparison.Ordinal));
        Assert.Equal(0, Lint("--write-baseline", "lint-baseline.json").ExitCode);
        // A hook run on another file: the recorded finding in the file not named is suppressed.
        var hook = Lint("--baseline", "lint-baseline.json", "icc-sanctions.json");
        Assert.True(hook.ExitCode == 0, hook.Stdout + hook.Stderr);
        Assert.Contains("1 finding suppressed by the baseline", hook.Stdout);
        // A new break is still reported.
        RenameByHand("icc-sanctions", "icc-sanctions-2025");
        var broken = Lint("--baseline", "lint-baseline.json", "icc-sanctions-2025.json");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("2 problems (2 errors, 0 warnings)", broken.Stdout);
        // --write-baseline from a partial run does not count the unnamed file's finding twice.
        Assert.Equal(0, Lint("--write-baseline", "lint-baseline.json", "icc-sanctions-2025.json").ExitCode);
        var baseline = JsonDocument.Parse(File.ReadAllText(_dir.Combine("lint-baseline.json"))).RootElement.GetProperty("entries");
        Assert.Equal(3, baseline.GetArrayLength());
        Assert.All(baseline.EnumerateArray(), e => Assert.Equal(1, e.GetProperty("count").GetInt32()));
    }

    [Fact]
    public void FindingsInFilesNotNamedCountTowardMaxWarningsAndQuietDropsThem()
    {
        RenameByHand("icc-sanctions", "icc-sanctions-2025");
        var warn = Lint("--rule", "related-exists=warning", "--max-warnings", "1", "icc-sanctions-2025.json");
        Assert.Equal(1, warn.ExitCode);
        Assert.Contains("2 warnings exceed --max-warnings 1", warn.Stderr);
        Assert.Equal(0, Lint("--rule", "related-exists=warning", "--max-warnings", "2", "icc-sanctions-2025.json").ExitCode);
        Assert.Equal(0, Lint("--rule", "related-exists=warning", "--quiet", "icc-sanctions-2025.json").ExitCode);
        // An override that turns the rule off for a file applies there too.
        _dir.Write("lint.config.json", """{ "include": ["*.json"], "overrides": [ { "files": ["attacks-*.json"], "rules": { "related-exists": "off" } } ] }""");
        var run = Lint("icc-sanctions-2025.json");
        Assert.Contains("1 problem (1 error, 0 warnings)", run.Stdout);
        Assert.DoesNotContain("attacks-on-judiciary.json", run.Stdout);
    }

    [Fact]
    public void EveryFormatSaysTheFindingComesFromAFileNotNamed()
    {
        RenameByHand("icc-sanctions", "icc-sanctions-2025");
        foreach (var format in new[] { "github", "junit", "sarif" })
        {
            var run = Lint("--format", format, "icc-sanctions-2025.json");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("in a file not named in this run", run.Stdout);
            Assert.Contains("attacks-on-judiciary.json", run.Stdout);
        }
        var sarif = JsonDocument.Parse(Lint("--format", "sarif", "icc-sanctions-2025.json").Stdout).RootElement;
        var results = sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.GetProperty("properties").GetProperty("outsideTargets").GetBoolean()));
    }

    [Fact]
    public void ADuplicatedSlugIsReportedOnTheFileNotNamedToo()
    {
        var copy = JsonNode.Parse(File.ReadAllText(_dir.Combine("icc-sanctions.json")))!;
        _dir.Write("archive/icc-sanctions.json", Incidents.ToText(copy));
        _dir.Write("lint.config.json", """{ "include": ["**/*.json"] }""");
        var run = Lint("archive/icc-sanctions.json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("slug \"icc-sanctions\" is also declared by icc-sanctions.json", run.Stdout);
        Assert.Contains("slug \"icc-sanctions\" is also declared by archive/icc-sanctions.json (in a file not named", run.Stdout);
    }

    [Fact]
    public void TheIndexGivesTheSameReportAsNoCache()
    {
        RenameByHand("icc-sanctions", "icc-sanctions-2025");
        Thread.Sleep(200);
        var cold = Lint("--format", "json", "icc-sanctions-2025.json").Stdout;
        var warm = Lint("--format", "json", "icc-sanctions-2025.json").Stdout;
        var none = Lint("--format", "json", "--no-cache", "icc-sanctions-2025.json").Stdout;
        Assert.Equal(Findings(none), Findings(cold));
        Assert.Equal(Findings(none), Findings(warm));
        static string Findings(string report) => JsonDocument.Parse(report).RootElement.GetProperty("findings").GetRawText();
    }

    private static (int Line, int Column) PositionOf(string path, string text)
    {
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            int at = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (at >= 0) return (i + 1, at + 1);
        }
        throw new InvalidOperationException(text + " not found");
    }
}
