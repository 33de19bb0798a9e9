using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lint.Config;
using Lint.Schema;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// A user schema cannot make lint reach the network, cannot be half-enforced silently, and cannot hang a run with
/// an evil regular expression.
/// </summary>
public sealed class SchemaSafetyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteConfig(string schemaFile, string extra = "") =>
        _dir.Write("lint.config.json", $"{{ \"include\": [\"incidents/**/*.json\"], \"schema\": \"{schemaFile}\"{extra} }}");

    private Linter NewLinter() => new(new LintOptions { WorkingDirectory = _dir.Path, ConfigPath = _dir.Combine("lint.config.json") });

    // ---- remote references -----------------------------------------------------------------------------------------

    public static TheoryData<string> RemoteReferences() => new()
    {
        "http://127.0.0.1:{port}/incident.schema.json",
        "https://127.0.0.1:{port}/incident.schema.json#/definitions/x",
        "HTTP://127.0.0.1:{port}/upper.json",
        "//127.0.0.1:{port}/network-path.json",
        "ftp://127.0.0.1:{port}/x.json",
    };

    [Theory]
    [MemberData(nameof(RemoteReferences))]
    public async Task ARemoteReferenceIsRefusedWithExit2AndNothingIsFetched(string reference)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var url = reference.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _dir.Write("schema.json", $"{{ \"type\": \"object\", \"properties\": {{ \"record\": {{ \"$ref\": \"{url}\" }} }} }}");
        var config = WriteConfig("schema.json");

        var ex = Assert.Throws<LintConfigurationException>(NewLinter);
        Assert.Contains("remote references are not allowed", ex.Message);
        Assert.Contains("schema.json:1:", ex.Message);

        var run = await Cli.InProcessAsync(["--config", config]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("remote references are not allowed", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);

        // Nothing connected to the listener, not even a connection left waiting to be accepted.
        Assert.False(listener.Pending(), "lint connected to the address of a remote $ref");
    }

    [Fact]
    public void ARemoteReferenceInALocallyReferencedSchemaIsRefusedToo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _dir.Write("schemas/part.json", $"{{ \"definitions\": {{ \"r\": {{ \"$ref\": \"http://127.0.0.1:{port}/r.json\" }} }} }}");
        _dir.Write("schemas/main.json", "{ \"properties\": { \"record\": { \"$ref\": \"part.json#/definitions/r\" } } }");
        WriteConfig("schemas/main.json");
        var ex = Assert.Throws<LintConfigurationException>(NewLinter);
        Assert.Contains("remote references are not allowed", ex.Message);
        Assert.Contains("part.json", ex.Message);
        Assert.False(listener.Pending());
    }

    [Fact]
    public void ARelativeReferenceUnderAnHttpIdIsLookedUpNextToTheSchemaNotFetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _dir.Write("schema.json", $"{{ \"$id\": \"http://127.0.0.1:{port}/root.json\", \"properties\": {{ \"record\": {{ \"$ref\": \"other.json\" }} }} }}");
        WriteConfig("schema.json");
        var ex = Assert.Throws<LintConfigurationException>(NewLinter);
        Assert.Contains("other.json", ex.Message);
        Assert.False(listener.Pending());
    }

    [Fact]
    public void AFileUrlReferenceIsRefused()
    {
        _dir.Write("schema.json", "{ \"properties\": { \"record\": { \"$ref\": \"file:///etc/passwd\" } } }");
        WriteConfig("schema.json");
        var ex = Assert.Throws<LintConfigurationException>(NewLinter);
        Assert.Contains("file URLs are not allowed in references", ex.Message);
    }

    [Fact]
    public async Task LocalReferencesStillWork()
    {
        _dir.Write("schemas/part.json", "{ \"definitions\": { \"r\": { \"type\": \"object\", \"required\": [\"slug\"] } } }");
        _dir.Write("schemas/main.json", "{ \"type\": \"object\", \"properties\": { \"record\": { \"$ref\": \"part.json#/definitions/r\" } } }");
        WriteConfig("schemas/main.json");
        _dir.Write("incidents/no-slug.json", "{ \"record\": {} }");
        var result = await NewLinter().LintAsync([]);
        Assert.Contains(result.Findings, f => f.RuleId == "schema" && f.Message == "record is missing required property 'slug'");
    }

    // ---- unsupported keywords --------------------------------------------------------------------------------------

    [Fact]
    public async Task AnUnsupportedKeywordIsAConfigurationErrorThatNamesIt()
    {
        _dir.Write("schema.json", "{\n  \"type\": \"object\",\n  \"properties\": { \"tags\": { \"prefixItems\": [{ \"type\": \"string\" }] } }\n}");
        var config = WriteConfig("schema.json");
        var ex = Assert.Throws<LintConfigurationException>(NewLinter);
        Assert.Contains("schema.json:3:29: the schema uses 'prefixItems', which lint's validator does not enforce", ex.Message);
        Assert.Contains("\"unsupportedKeywords\": \"warning\"", ex.Message);

        var run = await Cli.InProcessAsync(["--config", config]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("'prefixItems'", run.Stderr);
    }

    [Fact]
    public async Task TheWarningOptionDowngradesUnsupportedKeywordsToWarningsOnStderr()
    {
        _dir.Write("schemas/part.json", "{ \"definitions\": { \"r\": { \"type\": \"object\", \"unevaluatedProperties\": { \"maxLength\": 4 } } } }");
        _dir.Write("schemas/main.json", "{ \"type\": \"object\", \"dependentRequired\": { \"x\": [\"y\"] }, \"prefixItems\": [ { \"required\": [\"y\"] } ], \"properties\": { \"record\": { \"$ref\": \"part.json#/definitions/r\" }, \"prefixItems\": { \"type\": \"string\" } } }");
        var config = WriteConfig("schemas/main.json", ", \"unsupportedKeywords\": \"warning\"");
        _dir.Write("incidents/a.json", "{ \"record\": { \"slug\": \"a\" } }");

        var linter = NewLinter();
        // Each use is named with its location, including in the referenced file; a property named "prefixItems" is not a keyword.
        Assert.Equal(3, linter.Warnings.Count);
        Assert.Contains(linter.Warnings, w => w.Contains("main.json:1:21: the schema uses 'dependentRequired'", StringComparison.Ordinal));
        Assert.Contains(linter.Warnings, w => w.Contains("main.json:1:58: the schema uses 'prefixItems'", StringComparison.Ordinal));
        Assert.Contains(linter.Warnings, w => w.Contains("part.json:1:45: the schema uses 'unevaluatedProperties'", StringComparison.Ordinal));
        Assert.All(linter.Warnings, w => Assert.EndsWith("it is ignored (\"unsupportedKeywords\": \"warning\")", w));

        var run = await Cli.InProcessAsync(["--config", config]);
        Assert.Equal(0, run.Exit);
        Assert.Equal(3, run.Stderr.Split('\n').Count(l => l.StartsWith("lint: warning: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheWarningOptionAcceptsOnlyErrorOrWarning()
    {
        _dir.Write("schema.json", "{ \"type\": \"object\" }");
        var config = WriteConfig("schema.json", ", \"unsupportedKeywords\": \"off\"");
        var run = await Cli.InProcessAsync(["--config", config]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("unsupportedKeywords must be one of 'error', 'warning'", run.Stderr);
    }

    /// <summary>A schema using each keyword, and an instance that violates it, for every keyword of <see cref="SchemaValidator.UnsupportedKeywords"/>.</summary>
    // The drift between SchemaValidator.UnsupportedKeywords and what the validator enforces is tested in both
    // directions by SchemaConformance/KeywordSupportTests, against the validator lint really uses.

    [Fact]
    public async Task ASchemaOrAConfigurationNested100000DeepIsAConfigurationErrorNotACrash()
    {
        _dir.Write("schema.json", string.Concat(Enumerable.Repeat("{\"items\":", 100_000)) + "{}" + new string('}', 100_000));
        var config = WriteConfig("schema.json");
        var run = await Cli.InProcessAsync(["--config", config]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("the schema is not valid JSON: the document is nested more than 256 levels deep", run.Stderr);

        var deepConfig = _dir.Write("deep/lint.config.json", "{\"rules\": " + new string('[', 100_000) + new string(']', 100_000) + "}");
        var run2 = await Cli.InProcessAsync(["--config", deepConfig]);
        Assert.Equal(2, run2.Exit);
        Assert.Contains("nested more than 256 levels deep", run2.Stderr);
    }

    [Fact]
    public async Task ConfigurationErrorsQuotingTheSchemaOrConfigurationAreSanitized()
    {
        var config = _dir.Write("lint.config.json", "{ \"\\u001b[31mx\": 1, \"\\u001b[31mx\": 2 }");
        var run = await Cli.InProcessAsync(["--config", config]);
        Assert.Equal(2, run.Exit);
        Assert.DoesNotContain('\u001b', run.Stderr);
        Assert.Contains("\\u001B[31mx", run.Stderr);
    }

    // ---- evil regular expressions ----------------------------------------------------------------------------------

    [Fact]
    public async Task AnEvilPatternInAUserSchemaCannotHangTheRun()
    {
        // ^(a+)+$ backtracks exponentially on "aaa…a!": 40 letters would take days for a backtracking engine. lint
        // runs it on the non-backtracking engine (linear time, an ordinary finding); a pattern with a backreference
        // needs backtracking and is bounded by the match timeout instead (a finding that says the check is incomplete).
        _dir.Write("schema.json", """
            {
              "type": "object",
              "properties": {
                "record": {
                  "type": "object",
                  "properties": { "title": { "type": "string", "pattern": "^(a+)+$" } },
                  "patternProperties": { "^(b+)+(x)?\\2$": { "type": "string" } }
                }
              }
            }
            """);
        var config = WriteConfig("schema.json");
        var evil = new string('a', 40) + "!";
        _dir.Write("incidents/evil-value.json", $"{{ \"record\": {{ \"title\": \"{evil}\" }} }}");
        _dir.Write("incidents/evil-name.json", $"{{ \"record\": {{ \"{new string('b', 40)}!\": 1 }} }}");

        // A fresh process: the default regex timeout is process-wide and set first thing by the lint command.
        var run = await Cli.ChildProcessAsync(["--config", config, "--format", "json"], TimeSpan.FromSeconds(60), workingDirectory: _dir.Path);
        Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stdout}\n{run.Stderr}");
        Assert.DoesNotContain("   at ", run.Stderr);
        var findings = run.Findings();
        var value = Assert.Single(findings, f => f.File.EndsWith("evil-value.json", StringComparison.Ordinal) && f.RuleId == "schema");
        Assert.StartsWith("record.title must match the regular expression ^(a+)+$", value.Message);
        var name = Assert.Single(findings, f => f.File.EndsWith("evil-name.json", StringComparison.Ordinal) && f.RuleId == "schema");
        Assert.Contains("could not be checked against the pattern", name.Message);
        Assert.Contains("matching took longer than 2 s", name.Message);
    }

    [Fact]
    public void TheLintLibrarySetsARegexTimeoutForTheProcessWhenNothingElseDid()
    {
        // In this test process a regular expression may have run before the library loaded, so only the setting is checked.
        Assert.Equal(RegexSafety.MatchTimeout, AppContext.GetData(RegexSafety.DefaultTimeoutKey));
    }
}
