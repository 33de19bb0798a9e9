using Lint.Config;

namespace Lint.Tests.SchemaConformance;

/// <summary>The <c>schemaMap</c> configuration option: URL prefixes of schema references read from local folders.</summary>
public sealed class SchemaMapConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lint-schemamap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void Setup(string? schemaMap)
    {
        Write("schemas/incident.schema.json", """{ "$schema": "http://json-schema.org/draft-07/schema#", "allOf": [ { "$ref": "https://example.org/schemas/base.json#/definitions/record" } ] }""");
        Write("vendor/schemas/base.json", """{ "definitions": { "record": { "type": "object", "required": ["title"], "properties": { "title": { "$ref": "text.json" } } } } }""");
        Write("vendor/schemas/text.json", """{ "type": "string", "minLength": 1 }""");
        Write("lint.config.json", "{ \"schema\": \"schemas/incident.schema.json\"" + (schemaMap is null ? "" : ", \"schemaMap\": " + schemaMap) + " }");
    }

    [Fact]
    public async Task A_mapped_remote_reference_is_read_from_the_folder()
    {
        Setup("""{ "https://example.org/schemas/": "vendor/schemas" }""");
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir });
        Assert.Equal(Path.Combine(_dir, "vendor", "schemas"), linter.Config.SchemaMap["https://example.org/schemas/"]);
        var result = await linter.LintTextAsync("a.json", """{ "title": "" }""");
        var schemaFindings = result.Findings.Where(f => f.RuleId == "schema").ToList();
        Assert.Equal("title must not be empty", Assert.Single(schemaFindings).Message);
    }

    [Fact]
    public void An_unmapped_remote_reference_is_a_configuration_error()
    {
        Setup(null);
        var ex = Assert.Throws<LintConfigurationException>(() => new Linter(new LintOptions { WorkingDirectory = _dir }));
        Assert.Contains("remote references are not allowed", ex.Message);
        Assert.Contains("https://example.org/schemas/base.json", ex.Message);
        Assert.Contains("incident.schema.json:1:", ex.Message);
    }

    [Fact]
    public void A_schemaMap_key_must_be_a_URL_prefix()
    {
        Setup("""{ "vendor": "vendor/schemas" }""");
        var ex = Assert.Throws<LintConfigurationException>(() => new Linter(new LintOptions { WorkingDirectory = _dir }));
        Assert.Contains("lint.config.json:1:", ex.Message);
        Assert.Contains("property name 'vendor' in schemaMap must start with a URL scheme and a colon (such as https:), found string \"vendor\"", ex.Message);
    }
}
