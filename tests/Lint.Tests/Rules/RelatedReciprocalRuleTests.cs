using System.Text;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// Fixture tests of <c>related-reciprocal</c> (see <see cref="RuleFixtureTest"/>; its fixes write the other file, so the
/// golden fixed files come from the run loop's dry run), and its cross-file fix through the real run loop and command:
/// only <c>--fix</c> writes, atomically and byte-preserving; a target fixed in the same run, one that does not parse,
/// one with a repeated key, one outside the project or one that cannot be written.
/// </summary>
public sealed class RelatedReciprocalRuleTests() : RuleFixtureTest("related-reciprocal"), IDisposable
{
    private readonly TempDir _dir = new();

    protected override bool FixesOtherFiles => true;

    public void Dispose() => _dir.Dispose();

    private static string Case(string name) => Path.Combine(FixturesRoot, "related-reciprocal", "invalid", name);

    /// <summary>Copies the incident files of an invalid case (not its golden files) into the temporary folder.</summary>
    private void CopyCase(string name)
    {
        foreach (var file in CaseFiles(Case(name))) File.Copy(file, _dir.Combine(Path.GetFileName(file)));
    }

    /// <summary>A linter of the temporary corpus with the defaults, and <c>related-reciprocal</c> on (or as given).</summary>
    private Linter LinterOf(string root, Severity reciprocal = Severity.Warning, params (string Id, Severity Severity)[] more)
    {
        var overrides = new Dictionary<string, Severity> { ["related-reciprocal"] = reciprocal };
        foreach (var (id, s) in more) overrides[id] = s;
        return new Linter(new LintOptions { WorkingDirectory = root, Config = LintConfig.Defaults(root), RuleOverrides = overrides });
    }

    [Fact]
    public async Task IsOffByDefaultAndExamplesStayClean()
    {
        Assert.False(RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == "related-reciprocal").Metadata.EnabledByDefault);
        CopyCase("not-listed-back");
        var defaults = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path) });
        Assert.DoesNotContain((await defaults.LintAsync([])).Findings, f => f.RuleId == "related-reciprocal");
        var on = await LinterOf(_dir.Path).LintAsync([]);
        var finding = Assert.Single(on.Findings, f => f.RuleId == "related-reciprocal");
        Assert.Equal((Severity.Warning, "alpha-incident.json", "/record/relatedIncidents/0"), (finding.Severity, finding.File, finding.Pointer));
        Assert.True(finding.IsFixable);
    }

    [Fact]
    public async Task OnlyFixWritesTheOtherFileAndTheReportIsWhatRemains()
    {
        CopyCase("not-listed-back");
        var beta = _dir.Combine("beta-incident.json");
        var before = File.ReadAllBytes(beta);
        var alphaBefore = File.ReadAllBytes(_dir.Combine("alpha-incident.json"));
        var linter = LinterOf(_dir.Path);
        // A plain lint and a dry run write nothing; the dry run shows the diff of the other file.
        await linter.LintAsync([]);
        var dry = await linter.FixFilesAsync([_dir.Combine("alpha-incident.json")], write: false);
        Assert.Equal(before, File.ReadAllBytes(beta));
        var change = Assert.Single(dry.Files);
        Assert.Equal(("beta-incident.json", false), (change.File, change.Written));
        Assert.Contains("+      \"alpha-incident\"", change.Diff());
        Assert.Contains("--- a/beta-incident.json", change.Diff());
        // --fix of alpha alone (as a hook would) writes beta, not alpha.
        var run = await linter.FixFilesAsync([_dir.Combine("alpha-incident.json")], write: true);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Case("not-listed-back"), FixedFolder, "beta-incident.json")), File.ReadAllBytes(beta));
        Assert.Equal(alphaBefore, File.ReadAllBytes(_dir.Combine("alpha-incident.json")));
        Assert.Equal((1, 1), (run.Result.Fixes!.AppliedFixes, run.Result.Fixes.FilesFixed));
        Assert.Empty(run.Result.Findings);
        Assert.Empty((await linter.LintAsync([])).Findings);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ATargetFixedInTheSameRunGetsBothFixesAndIsReportedAsItIsNow()
    {
        CopyCase("not-listed-back");
        var beta = _dir.Combine("beta-incident.json");
        // beta has a fixable defect of its own above its list (sourceCount) and an unfixable one below it (a repeated
        // source URL): both fixes land, and the remaining finding is at its line in the file as written.
        var text = File.ReadAllText(beta).Replace("\"sourceCount\": 2", "\"sourceCount\": 7");
        text = text.Replace("\"url\": \"https://news.example.com/b\"", "\"url\": \"https://news.example.com/a\"");
        File.WriteAllText(beta, text);
        var linter = LinterOf(_dir.Path);
        var run = await linter.FixFilesAsync([], write: true);
        var fixedText = File.ReadAllText(beta);
        Assert.Contains("\"sourceCount\": 2", fixedText);
        Assert.Contains("\"delta-incident\",\n      \"alpha-incident\"\n    ]", fixedText);
        var change = Assert.Single(run.Files);
        Assert.Equal(2, change.AppliedFixes);
        var fresh = await linter.LintAsync([]);
        Assert.Equal(ReportText.Of(fresh.Findings), ReportText.Of(run.Result.Findings));
        Assert.Contains(run.Result.Findings, f => f.RuleId == "duplicate-source");
    }

    [Fact]
    public async Task ATargetWithARepeatedKeyIsNotChanged()
    {
        CopyCase("not-listed-back");
        var beta = _dir.Combine("beta-incident.json");
        var text = File.ReadAllText(beta).Replace("\"relatedIncidents\": [", "\"relatedIncidents\": [],\n    \"relatedIncidents\": [");
        File.WriteAllText(beta, text);
        var before = File.ReadAllBytes(beta);
        var run = await LinterOf(_dir.Path).FixFilesAsync([], write: true);
        Assert.Equal(before, File.ReadAllBytes(beta));
        var finding = Assert.Single(run.Result.Findings, f => f.RuleId == "related-reciprocal");
        Assert.Contains("(not fixed: its record or relatedIncidents is written twice (duplicate-key)", finding.Message);
        Assert.Contains(run.Result.Findings, f => f.RuleId == "duplicate-key");
    }

    [Fact]
    public async Task ATargetThatStopsParsingBeforeTheFixIsNotChanged()
    {
        CopyCase("not-listed-back");
        var beta = _dir.Combine("beta-incident.json");
        var linter = LinterOf(_dir.Path);
        // beta is read for the corpus before alpha is linted; it breaks while alpha is being linted.
        linter.FileRead = path =>
        {
            if (path.EndsWith("alpha-incident.json", StringComparison.Ordinal)) File.WriteAllText(beta, "{ \"record\": ");
        };
        var run = await linter.FixFilesAsync([_dir.Combine("alpha-incident.json")], write: true);
        Assert.Equal("{ \"record\": ", File.ReadAllText(beta));
        var finding = Assert.Single(run.Result.Findings, f => f.RuleId == "related-reciprocal");
        Assert.Contains("(not fixed: beta-incident.json is not well-formed JSON", finding.Message);
        Assert.Equal(0, run.Result.Fixes!.AppliedFixes);
    }

    [Fact]
    public async Task ATargetOutsideTheProjectIsNeverWritten()
    {
        var project = _dir.Combine("project");
        var outside = _dir.Combine("outside");
        Directory.CreateDirectory(project);
        Directory.CreateDirectory(outside);
        File.Copy(Path.Combine(Case("not-listed-back"), "alpha-incident.json"), Path.Combine(project, "alpha-incident.json"));
        var beta = Path.Combine(outside, "beta-incident.json");
        File.Copy(Path.Combine(Case("not-listed-back"), "beta-incident.json"), beta);
        var before = File.ReadAllBytes(beta);
        // beta is part of the run only because it is named on the command line.
        var run = await LinterOf(project, Severity.Warning, ("related-exists", Severity.Off)).FixFilesAsync([Path.Combine(project, "alpha-incident.json"), beta], write: true);
        Assert.Equal(before, File.ReadAllBytes(beta));
        var finding = Assert.Single(run.Result.Findings, f => f.RuleId == "related-reciprocal");
        Assert.Contains("lies outside the project", finding.Message);
    }

    [Fact]
    public async Task AReadOnlyTargetKeepsItsContentAndTheFindingSaysWhy()
    {
        if (OperatingSystem.IsWindows()) return;
        CopyCase("not-listed-back");
        var beta = _dir.Combine("beta-incident.json");
        File.SetUnixFileMode(beta, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = File.ReadAllBytes(beta);
        var run = await LinterOf(_dir.Path).FixFilesAsync([], write: true);
        Assert.Equal(before, File.ReadAllBytes(beta));
        var finding = Assert.Single(run.Result.Findings, f => f.RuleId == "related-reciprocal");
        Assert.Contains("(not fixed: beta-incident.json could not be written: the file is read-only", finding.Message);
        Assert.Empty(run.Files);
    }

    [Fact]
    public async Task TheCommandShowsTheDiffOfTheOtherFileAndWritesOnlyWithFix()
    {
        CopyCase("crlf");
        _dir.Write("lint.config.json", "{ \"rules\": { \"related-reciprocal\": \"warning\" } }\n");
        var beta = _dir.Combine("beta-incident.json");
        var before = File.ReadAllBytes(beta);
        var lint = LintProcess.Run(_dir.Path, ["--no-color"]);
        Assert.Equal(0, lint.ExitCode);
        Assert.Contains("warning  related incident \"beta-incident\" does not list this incident (\"alpha-incident\") back in its relatedIncidents  related-reciprocal", lint.Stdout);
        Assert.Contains("1 fixable with --fix", lint.Stdout);
        var dry = LintProcess.Run(_dir.Path, ["--fix-dry-run", "--no-color"]);
        Assert.Contains("--- a/beta-incident.json", dry.Stdout);
        Assert.Contains("+      \"alpha-incident\"", dry.Stdout);
        Assert.Equal(before, File.ReadAllBytes(beta));
        var fix = LintProcess.Run(_dir.Path, ["--fix", "--no-color"]);
        Assert.Equal(0, fix.ExitCode);
        Assert.Contains("1 fix applied in 1 file", fix.Stdout);
        var written = File.ReadAllBytes(beta);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Case("crlf"), FixedFolder, "beta-incident.json")), written);
        // Every line still ends in CRLF.
        Assert.Equal(Encoding.UTF8.GetString(written).Split('\n').Length - 1, Encoding.UTF8.GetString(written).Split("\r\n").Length - 1);
    }
}
