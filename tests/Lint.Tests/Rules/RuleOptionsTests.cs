using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// Rule options: declared with a JSON Schema in the rule's metadata, written as <c>"id": ["severity", { ... }]</c>,
/// validated with <c>file:line:col</c>, layered by <c>overrides</c>, read by the rule through <see cref="FileContext.Options"/>;
/// custom rules use the same mechanism.
/// </summary>
public sealed class RuleOptionsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A corpus of the examples plus <c>tagged.json</c>, whose tags repeat one tag in another case.</summary>
    private string WriteCorpus(string config)
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        _dir.Write(ConfigLoader.FileName, config);
        var doc = Incidents.Valid("tagged");
        doc["record"]!["tags"]!.AsArray().Add("War Crimes");
        return _dir.Write("tagged.json", Incidents.ToText(doc));
    }

    private async Task<IReadOnlyList<Finding>> LintAsync(string file, IReadOnlyList<ILintRule>? extra = null)
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, AdditionalRules = extra ?? [] });
        return (await linter.LintAsync([file])).Findings;
    }

    private LintConfigurationException Invalid(string config, IReadOnlyList<ILintRule>? extra = null)
    {
        _dir.Write(ConfigLoader.FileName, config);
        return Assert.Throws<LintConfigurationException>(() => new Linter(new LintOptions { WorkingDirectory = _dir.Path, AdditionalRules = extra ?? [] }));
    }

    [Fact]
    public async Task WithoutOptionsTheRuleUsesTheSchemaDefault()
    {
        var file = WriteCorpus("""{ "rules": { "duplicate-tag": "error" } }""");
        var finding = Assert.Single(await LintAsync(file));
        Assert.Equal(("duplicate-tag", "repeated-tag", "/record/tags/3", Severity.Error), (finding.RuleId, finding.MessageId, finding.Pointer, finding.Severity));
    }

    [Fact]
    public async Task AnOptionChangesWhatTheRuleFlags()
    {
        var file = WriteCorpus("""{ "rules": { "duplicate-tag": ["error", { "caseSensitive": true }] } }""");
        Assert.Empty(await LintAsync(file));
        File.WriteAllText(_dir.Combine(ConfigLoader.FileName), """{ "rules": { "duplicate-tag": ["error", { "caseSensitive": false }] } }""");
        Assert.Equal("duplicate-tag", Assert.Single(await LintAsync(file)).RuleId);
    }

    [Fact]
    public async Task TheOneElementArrayIsASeverity()
    {
        var file = WriteCorpus("""{ "rules": { "duplicate-tag": ["off"] } }""");
        Assert.Empty(await LintAsync(file));
    }

    [Fact]
    public async Task OverridesReplaceOptionsPerFileAndASeverityAloneKeepsThem()
    {
        var file = WriteCorpus("""
            {
              "rules": { "duplicate-tag": ["warning", { "caseSensitive": true }] },
              "overrides": [
                { "files": ["tagged.json"], "rules": { "duplicate-tag": "error" } }
              ]
            }
            """);
        Assert.Empty(await LintAsync(file)); // the override set a severity only: the options of "rules" still apply
        var other = _dir.Write("other/tagged-too.json", File.ReadAllText(file).Replace("\"slug\": \"tagged\"", "\"slug\": \"tagged-too\"").Replace("/incident/tagged", "/incident/tagged-too"));
        File.WriteAllText(_dir.Combine(ConfigLoader.FileName), """
            {
              "rules": { "duplicate-tag": ["warning", { "caseSensitive": true }] },
              "overrides": [
                { "files": ["other/**"], "rules": { "duplicate-tag": ["error", { "caseSensitive": false }] } }
              ]
            }
            """);
        Assert.Empty(await LintAsync(file));
        var finding = Assert.Single(await LintAsync(other));
        Assert.Equal(("duplicate-tag", Severity.Error), (finding.RuleId, finding.Severity));
    }

    [Fact]
    public void TheLoaderKeepsTheOptionsValidatedAndWithDefaults()
    {
        var path = _dir.Write(ConfigLoader.FileName, """{ "rules": { "duplicate-tag": ["warning", {}], "source-count": "off" } }""");
        var config = ConfigLoader.LoadFile(path, RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToList());
        Assert.Equal(Severity.Warning, config.Rules["duplicate-tag"]);
        Assert.Equal(Severity.Off, config.Rules["source-count"]);
        var options = config.RuleOptions["duplicate-tag"];
        Assert.True(options.IsConfigured);
        Assert.False(options.GetBoolean("caseSensitive")); // the schema's default
        Assert.False(config.RuleOptions.ContainsKey("source-count"));
    }

    [Theory]
    // A value of the wrong type: at the value, naming the option.
    [InlineData("{\n  \"rules\": {\n    \"duplicate-tag\": [\"warning\", { \"caseSensitive\": \"yes\" }]\n  }\n}", "3:53", "option of rule 'duplicate-tag': caseSensitive must be a boolean, found string \"yes\"")]
    // An unknown option: at its name, with the closest known one.
    [InlineData("{\n  \"rules\": {\n    \"duplicate-tag\": [\"warning\", { \"caseSensitiv\": true }]\n  }\n}", "3:36", "unknown property 'caseSensitiv' in the options; did you mean 'caseSensitive'?")]
    // Options for a rule that has none.
    [InlineData("{\n  \"rules\": {\n    \"source-count\": [\"error\", { \"x\": 1 }]\n  }\n}", "3:31", "rule 'source-count' has no options; write \"source-count\": \"error\"")]
    // A bad severity in the array form.
    [InlineData("{\n  \"rules\": {\n    \"duplicate-tag\": [\"warn\", {}]\n  }\n}", "3:23", "must be one of 'off', 'warning', 'error'")]
    // Options that are not an object, an empty array, a third element.
    [InlineData("{\n  \"rules\": {\n    \"duplicate-tag\": [\"warning\", true]\n  }\n}", "3:34", "rules[\"duplicate-tag\"][1] must be an object")]
    [InlineData("{\n  \"rules\": {\n    \"duplicate-tag\": []\n  }\n}", "3:22", "must have at least 1 item")]
    [InlineData("{\n  \"rules\": {\n    \"duplicate-tag\": [\"warning\", {}, {}]\n  }\n}", "3:22", "has more items than the schema allows (at most 2)")]
    // In an override too.
    [InlineData("{\n  \"overrides\": [{ \"files\": [\"a/**\"], \"rules\": {\n    \"duplicate-tag\": [\"error\", { \"caseSensitive\": 1 }] } }]\n}", "3:51", "caseSensitive must be a boolean, found integer 1")]
    public void InvalidOptionsAreAConfigurationErrorAtTheirPosition(string config, string lineColumn, string reason)
    {
        var ex = Invalid(config);
        Assert.Contains($"{ConfigLoader.FileName}:{lineColumn}: ", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    /// <summary>A custom rule with options, as a library user writes it: a minimum number of tags.</summary>
    private sealed class MinimumTagsRule : IFileRule
    {
        public static RuleMessage TooFew { get; } = new("too-few-tags", "{{count}} tags, fewer than the {{minimum}} the configuration asks for");

        public RuleMetadata Metadata { get; } = new("minimum-tags", "Fewer tags than configured.", Severity.Warning, FixAvailability.Never)
        {
            Messages = [TooFew],
            OptionsSchema = """
                {
                  "type": "object",
                  "additionalProperties": false,
                  "properties": {
                    "minimum": { "description": "The fewest tags a record may have.", "type": "integer", "minimum": 0, "default": 1 }
                  }
                }
                """,
        };

        public void Check(FileContext context)
        {
            if (context.Record is not { } record || !record.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array) return;
            int minimum = context.Options.GetInt32("minimum");
            if (tags.GetArrayLength() < minimum)
                context.Report("/record/tags", TooFew.With(("count", tags.GetArrayLength().ToString()), ("minimum", minimum.ToString())));
        }
    }

    [Fact]
    public async Task ACustomRuleDeclaresReadsAndValidatesOptionsTheSameWay()
    {
        var file = WriteCorpus("""{ "rules": { "minimum-tags": ["error", { "minimum": 5 }] } }""");
        var findings = await LintAsync(file, [new MinimumTagsRule()]);
        Assert.Contains(findings, f => f is { RuleId: "minimum-tags", MessageId: "too-few-tags", Severity: Severity.Error, Pointer: "/record/tags" }
            && f.Message == "4 tags, fewer than the 5 the configuration asks for");
        File.WriteAllText(_dir.Combine(ConfigLoader.FileName), """{ "rules": { "minimum-tags": "error" } }""");
        Assert.DoesNotContain(await LintAsync(file, [new MinimumTagsRule()]), f => f.RuleId == "minimum-tags"); // default 1
        var ex = Invalid("{ \"rules\": { \"minimum-tags\": [\"error\", { \"minimum\": -1 }] } }", [new MinimumTagsRule()]);
        Assert.Equal(_dir.Combine(ConfigLoader.FileName) + ":1:53: invalid configuration: option of rule 'minimum-tags': minimum must be at least 0, found integer -1", ex.Message);
    }

    [Fact]
    public void OptionsGivenInCodeAreValidatedToo()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        var config = LintConfig.Defaults(_dir.Path) with
        {
            RuleOptions = new Dictionary<string, RuleOptions> { ["duplicate-tag"] = RuleOptions.FromJson("""{ "caseSensitive": "no" }""") },
        };
        var ex = Assert.Throws<LintConfigurationException>(() => new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = config }));
        Assert.Contains("invalid options of rule 'duplicate-tag' at '/caseSensitive'", ex.Message);
    }

    private sealed class BadSchemaRule(string schema) : IFileRule
    {
        public RuleMetadata Metadata { get; } = new("bad-options", "A rule whose options schema is unusable.", Severity.Warning, FixAvailability.Never) { OptionsSchema = schema };

        public void Check(FileContext context)
        {
        }
    }

    [Theory]
    [InlineData("""{ "type": "object", "properties": { "x": { "type": "nonsense" } } }""")]
    [InlineData("""{ "type": "array" }""")]
    [InlineData("""{ "type": "object", "properties": { "x": { "type": "integer", "default": "one" } } }""")]
    [InlineData("not json")]
    public void ARuleWithAnUnusableOptionsSchemaIsRefusedByName(string schema)
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        var ex = Assert.Throws<LintConfigurationException>(() => new Linter(new LintOptions { WorkingDirectory = _dir.Path, AdditionalRules = [new BadSchemaRule(schema)] }));
        Assert.StartsWith("rule 'bad-options' declares options that lint cannot use: ", ex.Message);
    }

    [Fact]
    public void ParsedOptionsAreBuiltOncePerOptionsObject()
    {
        var options = RuleOptions.FromJson("""{ "names": ["a", "b"] }""");
        int built = 0;
        HashSet<string> Parse(RuleOptions o)
        {
            built++;
            return o.GetStrings("names").ToHashSet();
        }
        var first = options.Parsed(Parse);
        var second = options.Parsed(Parse);
        Assert.Same(first, second);
        Assert.Equal(1, built);
        Assert.Equal(["a", "b"], first.Order());
    }

    [Fact]
    public void GettersRefuseAMissingOrMistypedValue()
    {
        var options = RuleOptions.FromJson("""{ "n": 3, "s": "x" }""");
        Assert.Equal(3, options.GetInt32("n"));
        Assert.Equal("x", options.GetString("s"));
        Assert.Contains("'missing' has no value", Assert.Throws<InvalidOperationException>(() => options.GetBoolean("missing")).Message);
        Assert.Contains("'s' is string, not a whole number", Assert.Throws<InvalidOperationException>(() => options.GetInt32("s")).Message);
        Assert.Throws<ArgumentException>(() => RuleOptions.FromJson("[1]"));
    }

    [Fact]
    public void EveryBuiltInOptionsSchemaCompilesAndDocumentsEachOption()
    {
        foreach (var rule in RuleRegistry.BuiltIn)
        {
            if (RuleOptionsSchema.Of(rule.Metadata) is not { } schema) continue;
            Assert.NotEmpty(schema.Options);
            foreach (var option in schema.Options)
            {
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{rule.Metadata.Id}: option '{option.Name}' has no description");
                Assert.True(option.DefaultJson is not null, $"{rule.Metadata.Id}: option '{option.Name}' has no default");
            }
        }
        Assert.Contains(RuleRegistry.BuiltIn, r => r.Metadata.OptionsSchema is not null);
    }

    [Fact]
    public void TheRulesCommandAndThePageShowTheOptions()
    {
        var rule = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == "duplicate-tag").Metadata;
        var header = RuleCatalog.PageHeader(rule);
        Assert.Contains("| `caseSensitive` | boolean | `false` | Whether tags that differ only in letter case", header);
        Assert.Contains("\"duplicate-tag\": [\"warning\", { ... }]", header);
        var r = LintProcess.Run(_dir.Path, ["rules"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("  duplicate-tag caseSensitive: boolean, default false. Whether tags", r.Stdout);
        var explain = LintProcess.Run(_dir.Path, ["explain", "duplicate-tag"]);
        Assert.Contains("| `caseSensitive` | boolean | `false` |", explain.Stdout);
    }

    [Fact]
    public void TheConfigurationSchemaAcceptsBothForms()
    {
        using var ok = JsonDocument.Parse("""{ "rules": { "a": "off", "b": ["warning"], "c": ["error", { "x": 1 }] }, "overrides": [{ "files": ["x"], "rules": { "d": ["off", {}] } }] }""");
        Assert.Empty(Lint.Schema.SchemaValidator.Configuration.Validate(ok.RootElement));
        using var bad = JsonDocument.Parse("""{ "rules": { "a": 3, "b": ["error", 1], "c": ["error", {}, {}] } }""");
        Assert.Equal(3, Lint.Schema.SchemaValidator.Configuration.Validate(bad.RootElement).Count);
    }
}
