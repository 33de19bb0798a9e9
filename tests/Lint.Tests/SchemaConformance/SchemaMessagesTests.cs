using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Schema;
using Lint.Schema.Draft7;

namespace Lint.Tests.SchemaConformance;

/// <summary>The incident schema's violations: pointers and plain-words messages, as before the validator changed.</summary>
public sealed class SchemaMessagesTests
{
    private static readonly string ExamplePath = Path.Combine(TestSuite.Folder, "..", "examples", "icc-immunity-demands-rome-statute.json");

    private static IReadOnlyList<SchemaViolation> ValidateExample(Action<JsonObject> mutate)
    {
        var doc = JsonNode.Parse(File.ReadAllText(ExamplePath))!.AsObject();
        mutate(doc);
        using var parsed = JsonDocument.Parse(doc.ToJsonString());
        return SchemaValidator.Default.Validate(parsed.RootElement);
    }

    private static JsonObject Record(JsonObject doc) => doc["record"]!.AsObject();

    [Fact]
    public void Every_example_is_valid()
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(ExamplePath)!, "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            Assert.Empty(SchemaValidator.Default.Validate(doc.RootElement));
            Assert.True(SchemaValidator.Default.Schema.IsValid(doc.RootElement));
        }
    }

    [Fact]
    public void A_string_count_is_one_violation_at_the_value()
    {
        var v = Assert.Single(ValidateExample(d => Record(d)["sourceCount"] = "15"));
        Assert.Equal(new SchemaViolation("/record/sourceCount", "record.sourceCount must be an integer, found string \"15\""), v);
    }

    [Fact]
    public void A_count_written_as_a_decimal_is_an_integer_as_draft07_and_lint_before_say()
    {
        Assert.Empty(ValidateExample(d => Record(d)["sourceCount"] = JsonValue.Create(15.0m)));
        var v = Assert.Single(ValidateExample(d => Record(d)["sourceCount"] = JsonValue.Create(15.5m)));
        Assert.Equal("record.sourceCount must be an integer, found number 15.5", v.Message);
    }

    [Fact]
    public void A_missing_property_is_reported_at_its_pointer()
    {
        var v = Assert.Single(ValidateExample(d => Record(d).Remove("title")));
        Assert.Equal(new SchemaViolation("/record/title", "record is missing required property 'title'") { Kind = SchemaViolationKind.MissingRequired }, v);
    }

    [Fact]
    public void A_typo_is_one_unknown_property_with_a_suggestion()
    {
        var v = Assert.Single(ValidateExample(d =>
        {
            var r = Record(d);
            var value = r["summary"]!.DeepClone();
            r.Remove("summary");
            r["sumary"] = value;
        }));
        Assert.Equal(new SchemaViolation("/record/sumary", "unknown property 'sumary' in record; did you mean 'summary'?", AtKey: true) { Kind = SchemaViolationKind.UnknownProperty, SuggestedName = "summary" }, v);
    }

    [Fact]
    public void Nested_violations_have_readable_paths()
    {
        var violations = ValidateExample(d =>
        {
            var source = Record(d)["sources"]![0]!.AsObject();
            source["url"] = "notaurl";
            source["extra"] = 1;
            Record(d)["tags"]!.AsArray().Add("");
            d["generatedAt"] = "2025-02-06 12:00:00";
            Record(d)["date"] = "2025-02-30";
        });
        Assert.Contains(new SchemaViolation("/record/sources/0/url", "record.sources[0].url must start with http:// or https://, found string \"notaurl\""), violations);
        Assert.Contains(new SchemaViolation("/record/sources/0/extra", "unknown property 'extra' in record.sources[0]", AtKey: true) { Kind = SchemaViolationKind.UnknownProperty }, violations);
        Assert.Contains(violations, v => v.Pointer == "/record/tags/8" && v.Message == "record.tags[8] must not be empty");
        Assert.Contains(new SchemaViolation("/generatedAt", "generatedAt must be an RFC 3339 date-time such as 2025-02-06T12:00:00Z, found string \"2025-02-06 12:00:00\""), violations);
        Assert.Contains(new SchemaViolation("/record/date", "record.date must be a real calendar date written YYYY-MM-DD, found string \"2025-02-30\""), violations);
        Assert.Equal(violations.Count, violations.Select(v => v.Pointer).Distinct().Count());
    }

    [Fact]
    public void A_wrong_root_is_one_violation()
    {
        using var doc = JsonDocument.Parse("[]");
        var v = Assert.Single(SchemaValidator.Default.Validate(doc.RootElement));
        Assert.Equal(new SchemaViolation("", "the document must be an object, found array"), v);
    }

    [Theory]
    [InlineData("""{"const":"a"}""", "\"b\"", "", "the document must be 'a', found string \"b\"")]
    [InlineData("""{"enum":["a",1,null]}""", "2", "", "the document must be one of 'a', 1, null, found integer 2")]
    [InlineData("""{"properties":{"n":{"multipleOf":0.5}}}""", """{"n":0.7}""", "/n", "n must be a multiple of 0.5, found number 0.7")]
    [InlineData("""{"properties":{"n":{"exclusiveMinimum":0}}}""", """{"n":0}""", "/n", "n must be greater than 0, found integer 0")]
    [InlineData("""{"contains":{"type":"integer"}}""", """["x"]""", "", "the document must contain at least one item that matches the 'contains' schema; none of its 1 items does")]
    [InlineData("""{"dependencies":{"a":["b"]}}""", """{"a":1}""", "/b", "the document has property 'a', so it must also have property 'b'")]
    [InlineData("""{"propertyNames":{"pattern":"^[a-z]+$"}}""", """{"Ab":1}""", "/Ab", "property name 'Ab' in the document must contain only lowercase letters, found string \"Ab\"")]
    [InlineData("""{"properties":{"a":false}}""", """{"a":1}""", "/a", "property 'a' is not allowed in the document")]
    [InlineData("""{"dependencies":{"a":false}}""", """{"a":1}""", "/a", "property 'a' is not allowed in the document")]
    [InlineData("""{"properties":{"a":{"items":false}}}""", """{"a":[1]}""", "/a/0", "a[0] is not allowed")]
    [InlineData("""{"items":[{}],"additionalItems":false}""", """[1,2]""", "", "the document has more items than the schema allows (at most 1)")]
    [InlineData("""{"uniqueItems":true}""", """[1,{"a":[1]},{"a":[1.0]}]""", "", "the document must not contain duplicate items (items 1 and 2 are equal)")]
    [InlineData("""{"if":{"type":"integer"},"then":{"minimum":0},"else":{"type":"string"}}""", "-1", "", "the document must be at least 0, found integer -1")]
    [InlineData("""{"oneOf":[{"type":"integer"},{"minimum":0}]}""", "1", "", "the document must match exactly one of the 2 allowed forms (oneOf); it matches more than one")]
    [InlineData("""{"not":{"type":"integer"}}""", "1", "", "the document must not be an integer, found integer 1")]
    [InlineData("""{"type":["string","null"]}""", "1", "", "the document must be a string or null, found integer 1")]
    [InlineData("""{"maxLength":1}""", "\"\u00e9\u00e9\"", "", "the document must be at most 1 character long, found 2")]
    public void Messages_for_every_keyword(string schema, string instance, string pointer, string message)
    {
        using var doc = JsonDocument.Parse(instance);
        var v = Assert.Single(SchemaValidator.FromText(schema, "test", null).Validate(doc.RootElement));
        Assert.Equal(pointer, v.Pointer);
        Assert.Equal(message, v.Message);
    }

    [Fact]
    public void Lone_surrogate_escapes_do_not_throw()
    {
        var schema = CompiledSchema.FromText("""{"properties":{"a":{"minLength":2,"pattern":"^x","enum":["b"]}},"propertyNames":{"maxLength":3},"additionalProperties":false}""");
        using var doc = JsonDocument.Parse("""{"a":"\ud800","\udc00xyz":1}""");
        var violations = schema.Validate(doc.RootElement);
        Assert.Contains(violations, v => v.Pointer == "/a");
        Assert.Contains(violations, v => v.Pointer == "/\\udc00xyz" && v.AtKey);
        Assert.Throws<SchemaLoadException>(() => CompiledSchema.FromText("""{"properties":{"\ud800":{}},"required":["\ud800"]}"""));
    }

    [Fact]
    public void An_evil_pattern_runs_in_linear_time_and_gives_an_ordinary_violation()
    {
        // Exponential for a backtracking engine; lint compiles such patterns for the non-backtracking engine.
        var schema = CompiledSchema.FromText("""{"properties":{"s":{"pattern":"^(\\w+\\s?)*$"}}}""", new SchemaLoadOptions { RegexTimeout = TimeSpan.FromMilliseconds(50) });
        using var doc = JsonDocument.Parse($$"""{"s":"{{new string('a', 5000)}} {{new string('b', 40)}}!"}""");
        var v = Assert.Single(schema.Validate(doc.RootElement));
        Assert.Equal("/s", v.Pointer);
        Assert.StartsWith("s must match the regular expression ^(\\w+\\s?)*$", v.Message);
    }

    [Fact]
    public void An_evil_pattern_that_needs_backtracking_times_out_as_a_violation_not_an_exception()
    {
        // The backreference keeps this pattern on the backtracking engine, where the match timeout bounds it.
        var schema = CompiledSchema.FromText("""{"properties":{"s":{"pattern":"^(\\w+\\s?)*(x)?\\2$"}}}""", new SchemaLoadOptions { RegexTimeout = TimeSpan.FromMilliseconds(50) });
        using var doc = JsonDocument.Parse($$"""{"s":"{{new string('a', 5000)}} {{new string('b', 40)}}!"}""");
        var v = Assert.Single(schema.Validate(doc.RootElement));
        Assert.Equal("/s", v.Pointer);
        Assert.Contains("matching took longer than 0.05 s", v.Message);
        Assert.False(schema.IsValid(doc.RootElement));
    }

    [Theory]
    [InlineData("""{"type":"strnig"}""", "/type", "type 'strnig' is not a JSON Schema type")]
    [InlineData("""{"properties":{"a":{"minLength":-1}}}""", "/properties/a/minLength", "minLength must be a non-negative integer")]
    [InlineData("""{"pattern":"("}""", "/pattern", "is not a valid regular expression")]
    [InlineData("""{"exclusiveMinimum":true}""", "/exclusiveMinimum", "the draft-04 boolean form is not supported")]
    [InlineData("""{"properties":{"a":{"$ref":"#/definitions/missing"}}}""", "/properties/a", "points to nothing")]
    [InlineData("""{"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"allOf":[{"$ref":"#/definitions/a"}]}},"$ref":"#/definitions/a"}""", null, "in a loop")]
    public void Invalid_schemas_are_refused_at_load_time(string schema, string? pointer, string message)
    {
        var ex = Assert.Throws<SchemaLoadException>(() => CompiledSchema.FromText(schema));
        Assert.Contains(message, ex.Message);
        Assert.Equal(pointer, ex.SchemaPointer);
        var lint = Assert.Throws<SchemaLoadException>(() => SchemaValidator.FromText(schema, "custom.json", null));
        Assert.StartsWith(pointer is null ? "custom.json: " : "custom.json:1:", lint.Message);
    }
}
