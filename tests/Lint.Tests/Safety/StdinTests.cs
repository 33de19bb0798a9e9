using System.Text;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary><c>--stdin --stdin-filename NAME</c>: standard input is linted as the file NAME, against the project's corpus.</summary>
public sealed class StdinTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _config;

    public StdinTests()
    {
        Directory.CreateDirectory(_dir.Combine("incidents"));
        foreach (var file in Directory.GetFiles(Incidents.ExamplesDirectory))
            File.Copy(file, _dir.Combine("incidents", Path.GetFileName(file)));
        _config = _dir.Write("lint.config.json", "{ \"include\": [\"incidents/**/*.json\"], \"site\": \"https://trumpswarcrimes.com\" }");
    }

    public void Dispose() => _dir.Dispose();

    private static Func<Stream> Input(string text) => () => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static Func<Stream> Input(byte[] bytes) => () => new MemoryStream(bytes);

    private Task<Cli.Run> LintStdinAsync(Func<Stream> stdin, string name, params string[] extra) =>
        Cli.InProcessAsync(["--config", _config, "--format", "json", "--stdin", "--stdin-filename", name, .. extra], stdin);

    [Fact]
    public async Task StandardInputIsLintedAsTheNamedFileAgainstTheCorpus()
    {
        var doc = Incidents.Valid("unsaved-incident");
        // One related slug exists in the corpus, one does not.
        doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray("icc-sanctions", "no-such-incident");
        var run = await LintStdinAsync(Input(Incidents.ToText(doc)), _dir.Combine("incidents", "unsaved-incident.json"));
        run.AssertNoCrash();
        Assert.Equal(1, run.Exit);
        var finding = Assert.Single(run.Findings());
        Assert.Equal(("related-exists", _dir.Combine("incidents", "unsaved-incident.json")), (finding.RuleId, finding.File));
        Assert.Contains("\"no-such-incident\"", finding.Message);
    }

    [Fact]
    public async Task TheNameDecidesTheFileNameRules()
    {
        // The content of icc-sanctions.json given as another name: slug-filename sees the name. A copy that kept the
        // old slug is slug-filename's finding alone (duplicate-slug counts only files whose slug matches their name).
        var text = File.ReadAllText(_dir.Combine("incidents", "icc-sanctions.json"));
        var run = await LintStdinAsync(Input(text), _dir.Combine("incidents", "renamed.json"));
        Assert.Equal(1, run.Exit);
        Assert.Equal(["slug-filename"], run.Findings().Select(f => f.RuleId).Order(StringComparer.Ordinal));
        // As its own name, the unsaved text replaces the file on disk: no duplicate with itself.
        var same = await LintStdinAsync(Input(text), _dir.Combine("incidents", "icc-sanctions.json"));
        Assert.Equal(0, same.Exit);
        Assert.Empty(same.Findings());
    }

    [Fact]
    public async Task HostileStandardInputGetsFindingsNotACrash()
    {
        foreach (var (name, bytes) in HostileCorpus.FileCases())
        {
            var run = await LintStdinAsync(Input(bytes), _dir.Combine("incidents", name));
            run.AssertNoCrash();
            Assert.True(run.Exit == 1, $"{name}: exit {run.Exit}\n{run.Stderr}");
            Assert.NotEmpty(run.Findings());
        }
    }

    [Fact]
    public async Task StandardInputOverTheSizeLimitIsNotReadInFull()
    {
        var config = _dir.Write("small/lint.config.json", "{ \"maxFileSize\": 1000 }");
        var run = await Cli.InProcessAsync(["--config", config, "--format", "json", "--stdin", "--stdin-filename", "big.json"], Input(new byte[5000]));
        Assert.Equal(1, run.Exit);
        Assert.Equal("file-too-large", Assert.Single(run.Findings()).RuleId);
    }

    [Theory]
    [InlineData(new[] { "--stdin" }, "--stdin requires --stdin-filename")]
    [InlineData(new[] { "--stdin", "--stdin-filename", "" }, "--stdin requires --stdin-filename")]
    [InlineData(new[] { "--stdin-filename", "x.json" }, "--stdin-filename is only used with --stdin")]
    [InlineData(new[] { "--stdin", "--stdin-filename", "x.json", "incidents" }, "do not also give paths")]
    public async Task MisusedStdinOptionsAreUsageErrors(string[] args, string message)
    {
        var run = await Cli.InProcessAsync(["--config", _config, .. args], Input("{}"));
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task TheProgramReadsItsRealStandardInput()
    {
        var doc = Incidents.Valid("piped-incident");
        doc["record"]!["sourceCount"] = 99;
        var run = await Cli.ChildProcessAsync(["--config", _config, "--format", "json", "--stdin", "--stdin-filename", "incidents/piped-incident.json"],
            TimeSpan.FromSeconds(60), Encoding.UTF8.GetBytes(Incidents.ToText(doc)), workingDirectory: _dir.Path);
        Assert.True(run.Exit == 1, run.Stdout + run.Stderr);
        var finding = Assert.Single(run.Findings(), f => f.RuleId == "source-count");
        Assert.StartsWith("sourceCount is 99 but sources has", finding.Message);
    }
}
