using System.Text;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Acceptance (#14): whatever a pull request puts in the configuration, the schema, its references, the baseline or
/// the corpus, lint reads nothing outside the project (the configuration's folder) and quotes nothing of such a file.
/// Each test makes a secret file beside the project in its temporary folder and runs the command line in every output
/// format: no byte sequence of the secret may appear in any output.
/// </summary>
public sealed class TrustBoundaryTests : IDisposable
{
    private static readonly string[] Formats = ["stylish", "json", "sarif", "github", "junit"];

    private readonly TempDir _dir = new();
    private readonly string _project;
    private readonly string _secretDir;
    private readonly string _secret;
    private readonly string _secretText;

    public TrustBoundaryTests()
    {
        _project = _dir.Combine("project");
        Directory.CreateDirectory(_project);
        _secretDir = _dir.Combine("secret");
        // Valid JSON, so that a loader would happily use it and a schema could quote its values.
        _secretText = "{\"private_key\": \"-----BEGIN PRIVATE KEY-----" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") + "\", \"type\": \"integer\"}";
        _secret = _dir.Write("secret/creds.json", _secretText);
        _dir.Write("project/corpus/a.json", "{}");
    }

    public void Dispose() => _dir.Dispose();

    private string Config(string json) => _dir.Write("project/lint.config.json", json);

    /// <summary>Runs lint in every format and checks that nothing of the secret leaks; returns the runs.</summary>
    private async Task<List<Cli.Run>> RunAllFormatsAsync(params string[] args)
    {
        var runs = new List<Cli.Run>();
        foreach (var format in Formats)
        {
            var run = await Cli.InProcessAsync([.. args, "--format", format]);
            run.AssertNoCrash();
            AssertNoSecret(run.Stdout + run.Stderr, format);
            runs.Add(run);
        }
        return runs;
    }

    /// <summary>No 12-character piece of the secret's value appears (the key is random, so a match is a leak).</summary>
    private void AssertNoSecret(string output, string format)
    {
        var key = _secretText[(_secretText.IndexOf("-----BEGIN", StringComparison.Ordinal))..];
        for (int i = 0; i + 12 <= key.Length; i += 6)
            Assert.False(output.Contains(key.Substring(i, 12), StringComparison.Ordinal), $"{format}: the output quotes the secret file:\n{output}");
    }

    [Fact]
    public async Task AnIncludeOfAFileOutsideTheProjectIsAConfigurationErrorThatQuotesNothing()
    {
        var config = Config("""
            {
              "include": ["corpus/*.json", "../secret/creds.json"],
              "schema": "schema.json"
            }
            """);
        _dir.Write("project/schema.json", """{ "properties": { "private_key": { "type": "integer" } } }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("lint.config.json:2:32: invalid pattern \"../secret/creds.json\": a pattern may not contain '..'", run.Stderr);
        }
    }

    [Fact]
    public async Task AGlobIncludeOutsideTheProjectIsRefusedToo()
    {
        var config = Config("""{ "include": ["../../**/*.json"] }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("invalid pattern \"../../**/*.json\"", run.Stderr);
        }
    }

    [Fact]
    public async Task AnAbsoluteIncludeIsRefused()
    {
        var config = Config($$"""{ "include": [{{System.Text.Json.JsonSerializer.Serialize(_secretDir + "/*.json")}}] }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("a pattern must be relative to the project folder", run.Stderr);
        }
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    public async Task ASchemaReferenceToAFileOutsideTheProjectIsRefusedNamingThePath(string form)
    {
        string reference = form == "absolute" ? _secret + "#/private_key" : "../secret/creds.json#/private_key";
        _dir.Write("project/schema.json", $$"""
            {
              "type": "object",
              "properties": { "record": { "$ref": {{System.Text.Json.JsonSerializer.Serialize(reference)}} } }
            }
            """);
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("schema.json:3:", run.Stderr);
            Assert.Contains(_secret + " lies outside the project", run.Stderr);
        }
    }

    [Fact]
    public async Task TheSchemaItselfOutsideTheProjectIsRefused()
    {
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "../secret/creds.json" }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("the schema file " + _secret + " lies outside the project", run.Stderr);
        }
    }

    [Fact]
    public async Task ASchemaThatIsALinkOutOfTheProjectIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_project, "schema.json"), _secret);
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("is a symbolic link (or lies below one) that leads outside the project", run.Stderr);
        }
    }

    [Fact]
    public async Task ASchemaReferenceThroughALinkedFolderIsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_project, "vendor"), _secretDir);
        _dir.Write("project/schema.json", """{ "properties": { "record": { "$ref": "vendor/creds.json#/private_key" } } }""");
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("leads outside the project", run.Stderr);
        }
    }

    [Fact]
    public async Task ASchemaMapFolderOutsideTheProjectIsRefusedAtItsReference()
    {
        _dir.Write("project/schema.json", """{ "properties": { "record": { "$ref": "https://example.org/s/creds.json#/private_key" } } }""");
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json", "schemaMap": { "https://example.org/s/": "../secret" } }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains(_secret + " lies outside the project", run.Stderr);
        }
    }

    [Fact]
    public async Task ACorpusFileThatIsALinkOutOfTheProjectIsAFindingThatQuotesNothing()
    {
        _dir.Write("project/schema.json", """{ "properties": { "private_key": { "type": "integer" } } }""");
        File.CreateSymbolicLink(Path.Combine(_project, "corpus", "creds.json"), _secret);
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }""");
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(1, run.Exit);
            Assert.Contains("leads outside the project", run.Stdout);
        }
    }

    [Fact]
    public async Task AConfigurationThatIsALinkOutOfItsFolderIsRefused()
    {
        var config = Path.Combine(_project, "lint.config.json");
        _dir.Write("secret/lint.config.json", "{ \"include\": [\"" + _secretText.Replace("\"", "\\\"") + "\"] ");
        File.CreateSymbolicLink(config, Path.Combine(_secretDir, "lint.config.json"));
        foreach (var run in await RunAllFormatsAsync("--config", config))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("the configuration " + config + " is a symbolic link", run.Stderr);
        }
    }

    [Fact]
    public async Task ABaselineThatIsALinkOutOfTheProjectIsRefused()
    {
        var config = Config("""{ "include": ["corpus/*.json"] }""");
        var baseline = Path.Combine(_project, "lint-baseline.json");
        File.CreateSymbolicLink(baseline, _secret);
        foreach (var run in await RunAllFormatsAsync("--config", config, "--baseline", baseline))
        {
            Assert.Equal(2, run.Exit);
            Assert.Contains("the baseline file " + baseline + " is a symbolic link (or lies below one) that leads outside the project", run.Stderr);
        }
    }

    [Fact]
    public async Task ACacheThatIsALinkOutOfTheProjectIsIgnored()
    {
        var config = Config("""{ "include": ["corpus/*.json"], "cache": true }""");
        var cache = Path.Combine(_project, ".lintcache");
        _dir.Write("secret/cache", "lint slug cache v1\ncorpus/a.json\t2\t1\t" + _secretText.Replace("\t", " ") + "\n");
        File.CreateSymbolicLink(cache, Path.Combine(_secretDir, "cache"));
        foreach (var run in await RunAllFormatsAsync("--config", config))
            Assert.Equal(1, run.Exit);
        // The cache was rewritten in place of the link, not through it.
        Assert.Contains("-----BEGIN PRIVATE KEY", File.ReadAllText(Path.Combine(_secretDir, "cache")));
    }
}
