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
        _dir.Write("schema.json", "{\n  \"type\": \"object\",\n  \"properties\": { \"site\": { \"const\": \"https://example.org\" } }\n}");
        var config = WriteConfig("schema.json");
        var ex = Assert.Throws<LintConfigurationException>(NewLinter);
        Assert.Contains("schema.json:3:29: the schema uses 'const', which lint's validator does not enforce", ex.Message);
        Assert.Contains("\"unsupportedKeywords\": \"warning\"", ex.Message);

        var run = await Cli.InProcessAsync(["--config", config]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("'const'", run.Stderr);
    }

    [Fact]
    public async Task TheWarningOptionDowngradesUnsupportedKeywordsToWarningsOnStderr()
    {
        _dir.Write("schemas/part.json", "{ \"definitions\": { \"r\": { \"type\": \"object\", \"propertyNames\": { \"maxLength\": 4 } } } }");
        _dir.Write("schemas/main.json", "{ \"type\": \"object\", \"if\": { \"required\": [\"x\"] }, \"then\": { \"required\": [\"y\"] }, \"properties\": { \"record\": { \"$ref\": \"part.json#/definitions/r\" }, \"const\": { \"type\": \"string\" } } }");
        var config = WriteConfig("schemas/main.json", ", \"unsupportedKeywords\": \"warning\"");
        _dir.Write("incidents/a.json", "{ \"record\": { \"slug\": \"a\" } }");

        var linter = NewLinter();
        // Each use is named with its location, including in the referenced file; a property named "const" is not a keyword.
        Assert.Equal(3, linter.Warnings.Count);
        Assert.Contains(linter.Warnings, w => w.Contains("main.json:1:21: the schema uses 'if'", StringComparison.Ordinal));
        Assert.Contains(linter.Warnings, w => w.Contains("main.json:1:50: the schema uses 'then'", StringComparison.Ordinal));
        Assert.Contains(linter.Warnings, w => w.Contains("part.json:1:45: the schema uses 'propertyNames'", StringComparison.Ordinal));
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
    private static readonly Dictionary<string, (string Schema, string Instance)> IgnoredKeywordCases = new()
    {
        ["const"] = ("{\"const\": 1}", "2"),
        ["contains"] = ("{\"contains\": {\"type\": \"string\"}}", "[1]"),
        ["if"] = ("{\"if\": {\"type\": \"string\"}, \"then\": {\"minLength\": 5}}", "\"a\""),
        ["then"] = ("{\"if\": {\"type\": \"string\"}, \"then\": {\"minLength\": 5}}", "\"a\""),
        ["else"] = ("{\"if\": {\"type\": \"string\"}, \"else\": {\"type\": \"boolean\"}}", "1"),
        ["propertyNames"] = ("{\"propertyNames\": {\"maxLength\": 1}}", "{\"ab\": 1}"),
        ["dependencies"] = ("{\"dependencies\": {\"a\": [\"b\"], \"c\": {\"required\": [\"d\"]}}}", "{\"a\": 1, \"c\": 1}"),
        ["dependentSchemas"] = ("{\"dependentSchemas\": {\"a\": {\"required\": [\"b\"]}}}", "{\"a\": 1}"),
        ["dependentRequired"] = ("{\"dependentRequired\": {\"a\": [\"b\"]}}", "{\"a\": 1}"),
        ["unevaluatedProperties"] = ("{\"unevaluatedProperties\": false}", "{\"a\": 1}"),
        ["unevaluatedItems"] = ("{\"unevaluatedItems\": false}", "[1]"),
        ["prefixItems"] = ("{\"prefixItems\": [{\"type\": \"string\"}]}", "[1]"),
    };

    /// <summary>Draft-07 keywords the validator enforces, each with a schema and an instance that violates it.</summary>
    private static readonly Dictionary<string, (string Schema, string Instance)> EnforcedKeywordCases = new()
    {
        ["type"] = ("{\"type\": \"string\"}", "1"),
        ["enum"] = ("{\"enum\": [\"a\"]}", "\"b\""),
        ["multipleOf"] = ("{\"multipleOf\": 2}", "3"),
        ["maximum"] = ("{\"maximum\": 1}", "2"),
        ["exclusiveMaximum"] = ("{\"exclusiveMaximum\": 1}", "1"),
        ["minimum"] = ("{\"minimum\": 1}", "0"),
        ["exclusiveMinimum"] = ("{\"exclusiveMinimum\": 1}", "1"),
        ["maxLength"] = ("{\"maxLength\": 1}", "\"ab\""),
        ["minLength"] = ("{\"minLength\": 2}", "\"a\""),
        ["pattern"] = ("{\"pattern\": \"^a$\"}", "\"b\""),
        ["items"] = ("{\"items\": {\"type\": \"string\"}}", "[1]"),
        ["additionalItems"] = ("{\"items\": [{\"type\": \"string\"}], \"additionalItems\": false}", "[\"a\", 1]"),
        ["maxItems"] = ("{\"maxItems\": 1}", "[1, 2]"),
        ["minItems"] = ("{\"minItems\": 1}", "[]"),
        ["uniqueItems"] = ("{\"uniqueItems\": true}", "[1, 1]"),
        ["maxProperties"] = ("{\"maxProperties\": 1}", "{\"a\": 1, \"b\": 2}"),
        ["minProperties"] = ("{\"minProperties\": 1}", "{}"),
        ["required"] = ("{\"required\": [\"a\"]}", "{}"),
        ["properties"] = ("{\"properties\": {\"a\": {\"type\": \"string\"}}}", "{\"a\": 1}"),
        ["patternProperties"] = ("{\"patternProperties\": {\"^a\": {\"type\": \"string\"}}}", "{\"ab\": 1}"),
        ["additionalProperties"] = ("{\"additionalProperties\": false}", "{\"a\": 1}"),
        ["allOf"] = ("{\"allOf\": [{\"type\": \"string\"}]}", "1"),
        ["anyOf"] = ("{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"boolean\"}]}", "1"),
        ["oneOf"] = ("{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}", "1"),
        ["not"] = ("{\"not\": {\"type\": \"integer\"}}", "1"),
        ["format"] = ("{\"format\": \"date\"}", "\"2025-02-30\""),
        ["$ref"] = ("{\"definitions\": {\"s\": {\"type\": \"string\"}}, \"$ref\": \"#/definitions/s\"}", "1"),
        // Not a draft-07 keyword, but references into it resolve like into definitions: nothing is half-checked.
        ["$defs"] = ("{\"properties\": {\"x\": {\"$ref\": \"#/$defs/s\"}}, \"$defs\": {\"s\": {\"type\": \"string\"}}}", "{\"x\": 1}"),
        ["definitions"] = ("{\"properties\": {\"x\": {\"$ref\": \"#/definitions/s\"}}, \"definitions\": {\"s\": {\"type\": \"string\"}}}", "{\"x\": 1}"),
    };

    /// <summary>Draft-07 keywords that only annotate (nothing to enforce).</summary>
    private static readonly string[] AnnotationKeywords =
        ["$schema", "$id", "$comment", "title", "description", "default", "examples", "readOnly", "writeOnly", "contentMediaType", "contentEncoding"];

    /// <summary>Every keyword of the draft-07 meta-schema, plus the later drafts' keywords the list names.</summary>
    private static readonly string[] Draft07Keywords =
    [
        "$id", "$schema", "$ref", "$comment", "title", "description", "default", "readOnly", "writeOnly", "examples", "multipleOf",
        "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "additionalItems", "items",
        "maxItems", "minItems", "uniqueItems", "contains", "maxProperties", "minProperties", "required", "additionalProperties",
        "definitions", "properties", "patternProperties", "dependencies", "propertyNames", "const", "enum", "type", "format",
        "contentMediaType", "contentEncoding", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
    ];

    private static IReadOnlyList<SchemaViolation> Validate(string schema, string instance)
    {
        var validator = SchemaValidator.FromText(schema, "drift-test", null, allowUnsupportedKeywords: true);
        using var doc = JsonDocument.Parse(instance);
        return validator.Validate(doc.RootElement);
    }

    [Fact]
    public void EveryListedUnsupportedKeywordIsReallyIgnoredByTheValidator()
    {
        // When the validator starts enforcing a keyword, this fails: remove it from SchemaValidator.UnsupportedKeywords.
        Assert.Equal(SchemaValidator.UnsupportedKeywords.Order(StringComparer.Ordinal), IgnoredKeywordCases.Keys.Order(StringComparer.Ordinal));
        var drifted = new List<string>();
        foreach (var (keyword, (schema, instance)) in IgnoredKeywordCases)
        {
            var violations = Validate(schema, instance);
            if (violations.Count > 0)
                drifted.Add($"'{keyword}' is listed as unsupported but the validator enforces it ({violations[0].Message}): remove it from SchemaValidator.UnsupportedKeywords");
        }
        Assert.True(drifted.Count == 0, string.Join("\n", drifted));
    }

    [Fact]
    public void EveryOtherDraft07KeywordIsEnforcedByTheValidator()
    {
        var ignored = new List<string>();
        foreach (var (keyword, (schema, instance)) in EnforcedKeywordCases)
        {
            if (Validate(schema, instance).Count == 0)
                ignored.Add($"'{keyword}' is not enforced: {schema} accepts {instance}; add it to SchemaValidator.UnsupportedKeywords (and to the ignored cases here)");
        }
        Assert.True(ignored.Count == 0, string.Join("\n", ignored));
    }

    [Fact]
    public void EveryDraft07KeywordIsClassified()
    {
        var classified = IgnoredKeywordCases.Keys.Concat(EnforcedKeywordCases.Keys).Concat(AnnotationKeywords).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(Draft07Keywords.Where(k => !classified.Contains(k)));
        Assert.Empty(EnforcedKeywordCases.Keys.Intersect(SchemaValidator.UnsupportedKeywords));
    }

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
        // ^(a+)+$ backtracks exponentially on "aaa…a!": 40 letters would take days without a match timeout.
        _dir.Write("schema.json", """
            {
              "type": "object",
              "properties": {
                "record": {
                  "type": "object",
                  "properties": { "title": { "type": "string", "pattern": "^(a+)+$" } },
                  "patternProperties": { "^(b+)+$": { "type": "string" } }
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
        foreach (var file in new[] { "evil-value.json", "evil-name.json" })
        {
            var finding = Assert.Single(findings, f => f.File.EndsWith(file, StringComparison.Ordinal) && f.RuleId == "schema");
            Assert.Contains("check of this file is incomplete: the pattern", finding.Message);
            Assert.Contains("took more than 2 s", finding.Message);
        }
    }

    [Fact]
    public void TheLintLibrarySetsARegexTimeoutForTheProcessWhenNothingElseDid()
    {
        // In this test process a regular expression may have run before the library loaded, so only the setting is checked.
        Assert.Equal(RegexSafety.MatchTimeout, AppContext.GetData(RegexSafety.DefaultTimeoutKey));
    }
}
