using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>
/// <c>--corpus-only</c> (what the pre-commit hook runs): of the files given, only those of the configured corpus are
/// linted, so staged package.json or lint.config.json files are skipped; cross-file rules still see the whole corpus.
/// </summary>
public sealed class CorpusOnlyTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _incident;

    public CorpusOnlyTests()
    {
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            _temp.Write(Path.Combine("content", "incidents", Path.GetFileName(file)), File.ReadAllText(file));
        _temp.Write("content/incidents/drafts/wip.json", "{ \"not\": \"an incident\" }");
        _temp.Write("lint.config.json", """{ "include": ["content/incidents/**/*.json"], "exclude": ["**/drafts/**"] }""");
        _temp.Write("package.json", """{ "name": "site" }""");
        _incident = "content/incidents/icc-sanctions.json";
    }

    public void Dispose() => _temp.Dispose();

    private string[] Staged => ["lint.config.json", "package.json", "content/incidents/drafts/wip.json", _incident];

    [Fact]
    public async Task OnlyCorpusFilesOfTheTargetsAreLinted()
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = _temp.Path, CorpusOnly = true });
        var result = await linter.LintAsync(Staged);
        Assert.Equal(1, result.FilesChecked);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task WithoutTheOptionEveryGivenFileIsLinted()
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = _temp.Path });
        var result = await linter.LintAsync(["lint.config.json", "package.json", _incident]);
        // The configuration in use is never an incident file; what is not linted is said in a notice.
        Assert.Equal(2, result.FilesChecked);
        Assert.Contains(result.Findings, f => f.File == "package.json" && f.RuleId == "schema");
        Assert.Equal(["lint.config.json: not linted: it is the configuration in use, not an incident file"], result.Notices);
    }

    [Fact]
    public async Task CrossFileRulesStillSeeTheWholeCorpus()
    {
        var path = _temp.Combine("content", "incidents", "icc-sanctions.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"relatedIncidents\": [", "\"relatedIncidents\": [\n      \"no-such-incident\",", StringComparison.Ordinal));
        var linter = new Linter(new LintOptions { WorkingDirectory = _temp.Path, CorpusOnly = true });
        var result = await linter.LintAsync([_incident]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("related-exists", finding.RuleId);
        Assert.Contains("no-such-incident", finding.Message);
    }

    [Fact]
    public async Task NoCorpusFileAmongTheTargetsIsACleanPass()
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = _temp.Path, CorpusOnly = true });
        var result = await linter.LintAsync(["package.json"]);
        Assert.Equal(0, result.FilesChecked);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task TheCommandLineOptionIsAccepted()
    {
        // The in-process CLI lints relative to the process's current directory, so pass absolute paths.
        var (code, stdout, stderr) = await CliRunner.RunAsync("--corpus-only", "--config", _temp.Combine("lint.config.json"),
            _temp.Combine("package.json"), _temp.Combine(_incident));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("1 file checked", stdout);
    }
}
