using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Schema;
using Lint.Tests.TestSupport;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// Issue 15, point 5 (schema messages): every keyword of the incident schema is reported in plain words, through the
/// real engine with every rule on (one finding, at its line:col); a pattern by what it means, never as a raw regular
/// expression. In a user's schema, a subschema's description or title says what a pattern means, and a long pattern
/// or enum is abbreviated.
/// </summary>
public sealed class PlainWordsMessagesTests : IDisposable
{
    private readonly ExampleCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    /// <summary>One change to a valid record (a JSON Pointer, and the new value as JSON), the finding's value as it appears in the file, and the message.</summary>
    public static TheoryData<string, string, string, string> IncidentSchemaKeywords() => new()
    {
        // pattern: the site's (with its meaning), the slug's and a taxonomy id's (kebab-case), a source link's (prefix)
        { "/site", "\"http://example.org/\"", "\"http://example.org/\"", "site must be an https:// address without a trailing slash (such as https://example.org), found string \"http://example.org/\"" },
        { "/record/category", "\"Rule of Law\"", "\"Rule of Law\"", "record.category must be lowercase kebab-case: lowercase letters and digits, words joined by single hyphens (such as icc-sanctions), found string \"Rule of Law\"" },
        { "/record/relatedIncidents/0", "\"Attacks_On_Judiciary\"", "\"Attacks_On_Judiciary\"", "record.relatedIncidents[0] must be lowercase kebab-case: lowercase letters and digits, words joined by single hyphens (such as icc-sanctions), found string \"Attacks_On_Judiciary\"" },
        { "/record/sources/0/url", "\"ftp://example.org/report\"", "\"ftp://example.org/report\"", "record.sources[0].url must start with http:// or https://, found string \"ftp://example.org/report\"" },
        // type
        { "/record/sourceCount", "\"2\"", "\"2\"", "record.sourceCount must be an integer, found string \"2\"" },
        { "/record/ongoing", "\"yes\"", "\"yes\"", "record.ongoing must be a boolean, found string \"yes\"" },
        { "/record/tags", "\"war crimes\"", "\"war crimes\"", "record.tags must be an array, found string \"war crimes\"" },
        // minimum, minLength
        { "/record/civilianCasualties", "-1", "\"civilianCasualties\": -1", "record.civilianCasualties must be at least 0, found integer -1" },
        { "/record/summary", "\"\"", "\"summary\": \"\"", "record.summary must not be empty" },
        // format: date, date-time, uri
        { "/record/lastUpdated", "\"2026-02-30\"", "\"2026-02-30\"", "record.lastUpdated must be a real calendar date written YYYY-MM-DD, found string \"2026-02-30\"" },
        { "/generatedAt", "\"2026-04-08 03:57\"", "\"2026-04-08 03:57\"", "generatedAt must be an RFC 3339 date-time such as 2025-02-06T12:00:00Z, found string \"2026-04-08 03:57\"" },
        { "/record/sources/0/url", "\"https://exa mple.org/\"", "\"https://exa mple.org/\"", "record.sources[0].url must be an absolute URI such as https://example.org/page, found string \"https://exa mple.org/\"" },
    };

    [Theory]
    [MemberData(nameof(IncidentSchemaKeywords))]
    public async Task Each_keyword_of_the_incident_schema_is_one_finding_in_plain_words(string pointer, string json, string where, string message)
    {
        var doc = Incidents.Valid("plain");
        Set(doc, pointer, JsonNode.Parse(json));
        var text = Incidents.ToText(doc);

        var f = Assert.Single(await _corpus.LintAsync("plain.json", text));
        Assert.Equal("schema", f.RuleId);
        Assert.Equal(message, f.Message);
        Assert.Equal(pointer, f.Pointer);
        // The finding is at the value: where it is within the text searched for.
        var at = ExampleCorpus.PositionOf(text, where);
        Assert.Equal((at.Line, at.Column + where.LastIndexOf(json, StringComparison.Ordinal)), (f.Line, f.Column));
        Assert.DoesNotContain("^", f.Message);
    }

    private static void Set(JsonNode doc, string pointer, JsonNode? value)
    {
        var tokens = Lint.Parsing.JsonPointer.Split(pointer);
        JsonNode parent = doc;
        foreach (var t in tokens.Take(tokens.Count - 1)) parent = parent is JsonArray a ? a[int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)]! : parent[t]!;
        if (parent is JsonArray array) array[int.Parse(tokens[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else parent[tokens[^1]] = value;
    }

    /// <summary>Every pattern of the incident schema has a meaning in words (none falls back to the raw expression).</summary>
    [Fact]
    public void Every_pattern_of_the_bundled_schemas_has_a_plain_words_meaning()
    {
        foreach (var file in new[] { "incident.schema.json", "incident-2020-12.schema.json", "lint-config.schema.json", "lint-report.schema.json", "lint-baseline.schema.json" })
        {
            var patterns = new List<string>();
            void Walk(JsonElement e)
            {
                if (e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in e.EnumerateObject())
                    {
                        if (p.Name == "pattern" && p.Value.ValueKind == JsonValueKind.String) patterns.Add(p.Value.GetString()!);
                        Walk(p.Value);
                    }
                }
                else if (e.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in e.EnumerateArray()) Walk(item);
                }
            }
            using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "schemas", file)));
            Walk(schema.RootElement);
            Assert.NotEmpty(patterns);
            foreach (var pattern in patterns) Assert.NotNull(Lint.Schema.Draft7.PlainWords.PatternRequirement(pattern));
        }
    }

    [Theory]
    // a user's pattern: the subschema's description, else its title, else what a simple pattern means, else the pattern, abbreviated
    [InlineData("""{"properties":{"code":{"type":"string","pattern":"^[A-Z]{2}$","description":"Two-letter ISO 3166 country code, such as FR"}}}""", """{"code":"fra"}""", "code must be as its schema describes it (\"Two-letter ISO 3166 country code, such as FR\"), found string \"fra\"")]
    [InlineData("""{"properties":{"code":{"pattern":"^[A-Z]{2}$","title":"Country code"}}}""", """{"code":"fra"}""", "code must be as its schema describes it (\"Country code\"), found string \"fra\"")]
    [InlineData("""{"properties":{"code":{"pattern":"^[A-Z]{2}$"}}}""", """{"code":"fra"}""", "code must be 2 characters long, only uppercase letters, found string \"fra\"")]
    [InlineData("""{"properties":{"id":{"pattern":"^[a-z0-9_-]+$"}}}""", """{"id":"A b"}""", "id must contain only lowercase letters, digits, underscores and hyphens, found string \"A b\"")]
    [InlineData("""{"properties":{"isbn":{"pattern":"^ISBN "}}}""", """{"isbn":"978"}""", "isbn must start with \"ISBN \", found string \"978\"")]
    [InlineData("""{"properties":{"f":{"pattern":"\\.pdf$"}}}""", """{"f":"a.doc"}""", "f must end with \".pdf\", found string \"a.doc\"")]
    [InlineData("""{"properties":{"v":{"pattern":"^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?:/(?:[0-9]|[12][0-9]|3[0-2]))?(?:,(?:[0-9]{1,3}\\.){3}[0-9]{1,3})*$"}}}""", """{"v":"x"}""", "v must match the regular expression ^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?:/(?:[0-9]|[12][0-9]|3[0-2])…, found string \"x\"")]
    // type, enum, const, combinations, lengths
    [InlineData("""{"type":["string","null"]}""", "1", "the document must be a string or null, found integer 1")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "true", "the document must be a string or an integer, found boolean true")]
    [InlineData("""{"oneOf":[{"const":"draft"},{"const":"final"}]}""", "\"done\"", "the document must be 'draft' or 'final', found string \"done\"")]
    [InlineData("""{"anyOf":[{"type":"string","minLength":3},{"type":"integer","minimum":10}],"description":"A code of three letters or more, or a number from 10"}""", "1", "the document must be as its schema describes it (\"A code of three letters or more, or a number from 10\"), found integer 1")]
    [InlineData("""{"not":{"const":"TODO"}}""", "\"TODO\"", "the document must not be 'TODO', found string \"TODO\"")]
    [InlineData("""{"maxLength":1}""", "\"ab\"", "the document must be at most 1 character long, found 2")]
    [InlineData("""{"minLength":3}""", "\"ab\"", "the document must be at least 3 characters long, found string \"ab\" (2 characters)")]
    [InlineData("""{"const":"x"}""", "\"y\"", "the document must be 'x', found string \"y\"")]
    public void A_users_schema_is_described_in_plain_words(string schema, string instance, string message)
    {
        using var doc = JsonDocument.Parse(instance);
        var v = Assert.Single(SchemaValidator.FromText(schema, "custom.schema.json", null).Validate(doc.RootElement));
        Assert.Equal(message, v.Message);
    }

    [Fact]
    public void A_long_enum_lists_ten_values_and_counts_the_rest()
    {
        var values = string.Join(",", Enumerable.Range(1, 50).Select(i => $"\"code-{i}\""));
        using var doc = JsonDocument.Parse("\"nope\"");
        var v = Assert.Single(SchemaValidator.FromText($$"""{"enum":[{{values}}]}""", "custom.schema.json", null).Validate(doc.RootElement));
        Assert.Equal("the document must be one of 'code-1', 'code-2', 'code-3', 'code-4', 'code-5', 'code-6', 'code-7', 'code-8', 'code-9', 'code-10' … (40 more), found string \"nope\"", v.Message);
    }

    [Fact]
    public async Task A_custom_schemas_description_is_used_at_the_values_line_and_column()
    {
        using var dir = new TempDir();
        dir.Write("schemas/record.schema.json", """
            {
              "type": "object",
              "properties": {
                "record": {
                  "type": "object",
                  "properties": {
                    "country": { "type": "string", "pattern": "^[A-Z]{2}$", "description": "Two-letter ISO 3166 country code, such as FR" }
                  }
                }
              }
            }
            """);
        dir.Write("lint.config.json", """{ "include": ["incidents/**/*.json"], "schema": "schemas/record.schema.json" }""");
        dir.Write("incidents/a.json", "{\n  \"record\": {\n    \"country\": \"France\"\n  }\n}\n");
        var linter = new Linter(new LintOptions { WorkingDirectory = dir.Path, ConfigPath = dir.Combine("lint.config.json") });
        var result = await linter.LintAsync([]);
        var f = Assert.Single(result.Findings, f => f.RuleId == "schema");
        Assert.Equal((3, 16), (f.Line, f.Column));
        Assert.Equal("record.country must be as its schema describes it (\"Two-letter ISO 3166 country code, such as FR\"), found string \"France\"", f.Message);
    }
}
