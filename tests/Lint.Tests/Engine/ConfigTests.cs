using System.Text;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Engine;

public sealed class ConfigTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly string[] Ids = RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToArray();

    public void Dispose() => _dir.Dispose();

    private LintConfigurationException Invalid(string json)
    {
        var path = _dir.Write(ConfigLoader.FileName, json);
        return Assert.Throws<LintConfigurationException>(() => ConfigLoader.LoadFile(path, Ids));
    }

    [Fact]
    public void IsDiscoveredByWalkingUp()
    {
        var path = _dir.Write(ConfigLoader.FileName, "{\"site\": \"https://a.example\"}");
        Directory.CreateDirectory(_dir.Combine("a", "b"));
        var config = ConfigLoader.Load(null, _dir.Combine("a", "b"), Ids);
        Assert.Equal(path, config.SourcePath);
        Assert.Equal("https://a.example", config.Site);
        Assert.Equal(_dir.Path, config.BaseDirectory);
    }

    [Fact]
    public void ExplicitPathWinsAndMissingFileIsAnError()
    {
        _dir.Write(ConfigLoader.FileName, "{\"site\": \"https://a.example\"}");
        var other = _dir.Write("other/custom.json", "{\"site\": \"https://b.example\"}");
        Assert.Equal("https://b.example", ConfigLoader.Load(other, _dir.Path, Ids).Site);
        var ex = Assert.Throws<LintConfigurationException>(() => ConfigLoader.Load("nope.json", _dir.Path, Ids));
        Assert.Contains("nope.json: configuration file not found", ex.Message);
    }

    [Fact]
    public void ReadsEveryField()
    {
        var path = _dir.Write(ConfigLoader.FileName, """
        {
          "include": ["content/**/*.json"],
          "exclude": ["**/drafts/**"],
          "schema": "schemas/incident.schema.json",
          "site": "https://example.org",
          "maxFileSize": 5000,
          "rules": { "duplicate-source": "off", "timeline-order": "warning" },
          "overrides": [ { "files": ["legacy/**"], "rules": { "citation-format": "off" } } ],
          "taxonomy": { "category": { "war-crimes": "War Crimes" }, "severity": { "severe": "Severe" } }
        }
        """);
        // The schema it names exists (a path that names no file is a configuration error of its own).
        _dir.Write("schemas/incident.schema.json", "{}");
        var c = ConfigLoader.LoadFile(path, Ids);
        Assert.Equal(["content/**/*.json"], c.Include);
        Assert.Equal(["**/drafts/**"], c.Exclude);
        Assert.Equal("schemas/incident.schema.json", c.Schema);
        Assert.Equal(5000, c.MaxFileSize);
        Assert.Equal(Severity.Off, c.Rules["duplicate-source"]);
        Assert.Equal(Severity.Warning, c.Rules["timeline-order"]);
        Assert.Equal(Severity.Off, c.Overrides.Single().Rules["citation-format"]);
        Assert.Equal("War Crimes", c.Taxonomy.LabelsOf("category")["war-crimes"]);
        Assert.Equal("Rule of Law", c.Taxonomy.LabelsOf("category")["rule-of-law"]); // extends the default
        Assert.Equal("Severe", c.Taxonomy.LabelsOf("severity")["severe"]); // and may relabel
    }

    [Fact]
    public void SyntaxErrorsGiveFileLineColumn()
    {
        var ex = Invalid("{\n  \"site\": \"https://a.example\",\n}");
        Assert.EndsWith($"{ConfigLoader.FileName}:3:1: invalid configuration: trailing commas are not allowed in JSON", ex.Message);
    }

    [Fact]
    public void SchemaViolationsGiveFileLineColumnAndReason()
    {
        var ex = Invalid("{\n  \"rules\": { \"schema\": \"warn\" }\n}");
        Assert.Contains($"{ConfigLoader.FileName}:2:24: invalid configuration: rules.schema must be one of 'off', 'warning', 'error', found string \"warn\"", ex.Message);
        ex = Invalid("{\n  \"incldue\": []\n}");
        Assert.Contains(":2:3: invalid configuration: unknown property 'incldue' in the document; did you mean 'include'?", ex.Message);
        ex = Invalid("{ \"site\": \"http://a.example/\" }");
        Assert.Contains(":1:11: invalid configuration: site must be an https:// address without a trailing slash (such as https://example.org), found string \"http://a.example/\"", ex.Message);
    }

    [Fact]
    public void UnknownRuleIdsAreErrorsWithSuggestions()
    {
        var ex = Invalid("{\n  \"overrides\": [ { \"files\": [\"a/**\"], \"rules\": { \"source-cuont\": \"off\" } } ]\n}");
        Assert.Contains($"{ConfigLoader.FileName}:2:50: unknown rule 'source-cuont'; did you mean 'source-count'?", ex.Message);
    }

    [Fact]
    public void DuplicateKeysInConfigurationAreErrors()
    {
        var ex = Invalid("{\"site\": \"https://a.example\", \"site\": \"https://b.example\"}");
        Assert.Contains("property 'site' is defined twice", ex.Message);
    }

    [Fact]
    public void SeveritiesLayerDefaultsRulesOverridesAndCommandLine()
    {
        _dir.Write(ConfigLoader.FileName, """
        { "rules": { "duplicate-tag": "error", "schema": "warning" },
          "overrides": [ { "files": ["legacy/**"], "rules": { "duplicate-tag": "off", "citation-format": "warning" } } ] }
        """);
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, RuleOverrides = new Dictionary<string, Severity> { ["schema"] = Severity.Off } });
        var normal = linter.SeveritiesFor(_dir.Combine("content", "a.json"));
        var legacy = linter.SeveritiesFor(_dir.Combine("legacy", "b.json"));
        Assert.Equal((Severity.Error, Severity.Error, Severity.Off, Severity.Warning), (normal["duplicate-tag"], normal["citation-format"], normal["schema"], normal["related-duplicate"]));
        Assert.Equal((Severity.Off, Severity.Warning, Severity.Off), (legacy["duplicate-tag"], legacy["citation-format"], legacy["schema"]));
    }

    [Fact]
    public void UnknownRuleOnTheCommandLineIsAConfigurationError()
    {
        var ex = Assert.Throws<LintConfigurationException>(() => new Linter(new LintOptions
        {
            Config = LintConfig.Defaults(_dir.Path),
            RuleOverrides = new Dictionary<string, Severity> { ["citation-fromat"] = Severity.Off },
        }));
        Assert.Equal("unknown rule 'citation-fromat'; did you mean 'citation-format'?", ex.Message);
    }

    [Fact]
    public void IncludeAndExcludeAreCaseSensitiveAndSorted()
    {
        _dir.Write("content/b.json", "{}");
        _dir.Write("content/a.json", "{}");
        _dir.Write("content/drafts/c.json", "{}");
        _dir.Write("Content/d.json", "{}");
        _dir.Write("content/e.JSON", "{}");
        var config = LintConfig.Defaults(_dir.Path) with { Include = ["content/**/*.json"], Exclude = ["**/drafts/**"] };
        var files = new Lint.Engine.FileDiscovery(config).CorpusFiles().Select(f => Path.GetRelativePath(_dir.Path, f).Replace('\\', '/'));
        Assert.Equal(["content/a.json", "content/b.json"], files);
    }

    [Fact]
    public async Task ACustomSchemaFromConfigurationIsUsed()
    {
        _dir.Write("strict.schema.json", """{ "type": "object", "required": ["site"], "properties": { "site": { "type": "string" } } }""");
        _dir.Write(ConfigLoader.FileName, """{ "schema": "strict.schema.json", "include": ["*.json"], "exclude": ["lint.config.json", "strict.schema.json"] }""");
        _dir.Write("x.json", """{ "site": 3 }""");
        var result = await new Linter(new LintOptions { WorkingDirectory = _dir.Path }).LintAsync([]);
        var f = Assert.Single(result.Findings);
        Assert.Equal(("schema", "site must be a string, found integer 3", 1, 11), (f.RuleId, f.Message, f.Line, f.Column));
    }

    [Fact]
    public void ASchemaWithARemoteReferenceIsRefused()
    {
        _dir.Write("remote.schema.json", """{ "$ref": "https://schemas.example.invalid/incident.json" }""");
        _dir.Write(ConfigLoader.FileName, """{ "schema": "remote.schema.json" }""");
        var ex = Assert.Throws<LintConfigurationException>(() => new Linter(new LintOptions { WorkingDirectory = _dir.Path }));
        Assert.Contains("remote references are not allowed", ex.Message);
    }
}
