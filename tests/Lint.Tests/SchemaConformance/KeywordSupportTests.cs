using System.Text.Json;
using Lint.Schema;
using Lint.Schema.Draft7;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// <see cref="SchemaValidator.UnsupportedKeywords"/> must be exactly the keywords the validator does not enforce:
/// every draft-07 keyword rejects a violating instance, and every listed keyword does not.
/// </summary>
public sealed class KeywordSupportTests
{
    /// <summary>A schema using a keyword, an instance that violates it, and one that does not.</summary>
    public sealed record Case(string Keyword, string Schema, string Violating, string Conforming);

    /// <summary>One case per draft-07 keyword that constrains instances.</summary>
    public static readonly Case[] Draft7 =
    [
        new("type", """{"type":"integer"}""", "\"x\"", "1"),
        new("enum", """{"enum":[1,2]}""", "3", "2.0"),
        new("const", """{"const":"a"}""", "\"b\"", "\"a\""),
        new("multipleOf", """{"multipleOf":2}""", "3", "4"),
        new("maximum", """{"maximum":2}""", "3", "2"),
        new("exclusiveMaximum", """{"exclusiveMaximum":2}""", "2", "1"),
        new("minimum", """{"minimum":2}""", "1", "2"),
        new("exclusiveMinimum", """{"exclusiveMinimum":2}""", "2", "3"),
        new("maxLength", """{"maxLength":2}""", "\"abc\"", "\"\uD83D\uDCA9\uD83D\uDCA9\""),
        new("minLength", """{"minLength":2}""", "\"\uD83D\uDCA9\"", "\"ab\""),
        new("pattern", """{"pattern":"^a"}""", "\"ba\"", "\"ab\""),
        new("format", """{"format":"date"}""", "\"2025-02-30\"", "\"2025-02-28\""),
        new("items", """{"items":{"type":"integer"}}""", "[\"x\"]", "[1]"),
        new("additionalItems", """{"items":[{}],"additionalItems":false}""", "[1,2]", "[1]"),
        new("maxItems", """{"maxItems":1}""", "[1,2]", "[1]"),
        new("minItems", """{"minItems":1}""", "[]", "[1]"),
        new("uniqueItems", """{"uniqueItems":true}""", "[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1.0}]", "[1,2]"),
        new("contains", """{"contains":{"const":1}}""", "[2]", "[2,1]"),
        new("maxProperties", """{"maxProperties":1}""", """{"a":1,"b":2}""", """{"a":1}"""),
        new("minProperties", """{"minProperties":1}""", "{}", """{"a":1}"""),
        new("required", """{"required":["a"]}""", "{}", """{"a":1}"""),
        new("properties", """{"properties":{"a":{"type":"string"}}}""", """{"a":1}""", """{"a":"x"}"""),
        new("patternProperties", """{"patternProperties":{"^a":{"type":"string"}}}""", """{"ab":1}""", """{"ab":"x","b":1}"""),
        new("additionalProperties", """{"properties":{"a":{}},"additionalProperties":false}""", """{"b":1}""", """{"a":1}"""),
        new("dependencies", """{"dependencies":{"a":["b"],"c":{"required":["d"]}}}""", """{"a":1}""", """{"a":1,"b":2}"""),
        new("propertyNames", """{"propertyNames":{"maxLength":1}}""", """{"ab":1}""", """{"a":1}"""),
        new("if", """{"if":{"type":"integer"},"then":{"minimum":0}}""", "-1", "\"x\""),
        new("then", """{"if":{"minimum":0},"then":{"type":"integer"}}""", "1.5", "-1.5"),
        new("else", """{"if":{"type":"integer"},"else":{"type":"string"}}""", "true", "\"x\""),
        new("allOf", """{"allOf":[{"type":"integer"},{"minimum":0}]}""", "-1", "1"),
        new("anyOf", """{"anyOf":[{"type":"integer"},{"type":"string"}]}""", "true", "1"),
        new("oneOf", """{"oneOf":[{"type":"integer"},{"minimum":0}]}""", "1", "-1"),
        new("not", """{"not":{"type":"integer"}}""", "1", "\"x\""),
        new("$ref", """{"$ref":"#/definitions/i","definitions":{"i":{"type":"integer"}}}""", "\"x\"", "1"),
        new("definitions", """{"properties":{"a":{"$ref":"#/definitions/i"}},"definitions":{"i":{"$id":"#int","type":"integer"}}}""", """{"a":"x"}""", """{"a":1}"""),
        new("$id", """{"$id":"http://example.org/root.json","properties":{"a":{"$ref":"item.json"}},"definitions":{"i":{"$id":"item.json","type":"integer"}}}""", """{"a":"x"}""", """{"a":1}"""),
    ];

    /// <summary>Keywords of later drafts (2019-09, 2020-12) that constrain instances; draft-07 ignores them.</summary>
    public static readonly Case[] LaterDrafts =
    [
        new("$defs", """{"$defs":{"i":{"$id":"http://example.org/int.json","type":"integer"}},"allOf":[{"$ref":"http://example.org/int.json"}]}""", "\"x\"", "1"),
        new("dependentSchemas", """{"dependentSchemas":{"a":{"required":["b"]}}}""", """{"a":1}""", """{"a":1,"b":2}"""),
        new("dependentRequired", """{"dependentRequired":{"a":["b"]}}""", """{"a":1}""", """{"a":1,"b":2}"""),
        new("unevaluatedProperties", """{"properties":{"a":{}},"unevaluatedProperties":false}""", """{"a":1,"b":2}""", """{"a":1}"""),
        new("unevaluatedItems", """{"unevaluatedItems":false}""", "[1]", "[]"),
        new("prefixItems", """{"prefixItems":[{"type":"integer"}]}""", "[\"x\"]", "[1]"),
        new("minContains", """{"contains":{"type":"integer"},"minContains":2}""", "[1,\"x\"]", "[1,2]"),
        new("maxContains", """{"contains":{"type":"integer"},"maxContains":1}""", "[1,2]", "[1]"),
        new("$recursiveRef", """{"type":"object","properties":{"a":{"$recursiveRef":"#"}}}""", """{"a":"x"}""", """{"a":{}}"""),
        new("$dynamicRef", """{"properties":{"a":{"$dynamicRef":"#/definitions/i"}},"definitions":{"i":{"type":"integer"}}}""", """{"a":"x"}""", """{"a":1}"""),
    ];

    private static bool Rejects(CompiledSchema schema, string instance)
    {
        using var doc = JsonDocument.Parse(instance);
        bool valid = schema.IsValid(doc.RootElement);
        Assert.Equal(valid, schema.Validate(doc.RootElement).Count == 0);
        return !valid;
    }

    public static TheoryData<string> Draft7Keywords() => new(Draft7.Select(c => c.Keyword));

    public static TheoryData<string> LaterDraftKeywords() => new(LaterDrafts.Select(c => c.Keyword));

    [Theory]
    [MemberData(nameof(Draft7Keywords))]
    public void A_draft07_keyword_is_enforced_and_accepted_by_lint(string keyword)
    {
        var c = Draft7.Single(x => x.Keyword == keyword);
        Assert.DoesNotContain(keyword, SchemaValidator.UnsupportedKeywords);
        var schema = SchemaValidator.FromText(c.Schema, "test", null).Schema;
        Assert.True(Rejects(schema, c.Violating), $"{keyword}: {c.Violating} should be rejected by {c.Schema}");
        Assert.False(Rejects(schema, c.Conforming), $"{keyword}: {c.Conforming} should be accepted by {c.Schema}");
    }

    [Theory]
    [MemberData(nameof(LaterDraftKeywords))]
    public void A_later_draft_keyword_is_not_enforced_so_lint_refuses_it(string keyword)
    {
        var c = LaterDrafts.Single(x => x.Keyword == keyword);
        Assert.Contains(keyword, SchemaValidator.UnsupportedKeywords);
        // The draft-07 validator ignores the keyword: the violating instance is not rejected (or the schema cannot even load).
        CompiledSchema? schema = null;
        try
        {
            schema = CompiledSchema.FromText(c.Schema);
        }
        catch (SchemaLoadException)
        {
        }
        if (schema is not null) Assert.False(Rejects(schema, c.Violating), $"{keyword} is enforced after all: {c.Violating} rejected by {c.Schema}");
        // So lint refuses the schema rather than half-check it, and says which keyword.
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaValidator.FromText(c.Schema, "custom.schema.json", null));
        Assert.Contains($"'{keyword}'", ex.Message);
        Assert.StartsWith("custom.schema.json:1:", ex.Message);
    }

    [Fact]
    public void The_unsupported_list_is_exactly_the_later_draft_keywords()
    {
        Assert.Equal(LaterDrafts.Select(c => c.Keyword).Order(StringComparer.Ordinal), SchemaValidator.UnsupportedKeywords.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_draft07_keyword_of_the_meta_schema_is_covered()
    {
        // The meta-schema's properties are the draft-07 vocabulary; annotations constrain nothing.
        string[] annotations = ["$schema", "$comment", "title", "description", "default", "readOnly", "writeOnly", "examples", "contentMediaType", "contentEncoding"];
        using var meta = JsonDocument.Parse(SchemaValidator.ReadResource("Lint.schemas.json-schema-draft-07.json"));
        var vocabulary = meta.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Except(annotations).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(vocabulary, Draft7.Select(c => c.Keyword).Order(StringComparer.Ordinal));
        Assert.Empty(vocabulary.Intersect(SchemaValidator.UnsupportedKeywords));
    }

    [Fact]
    public void Definitions_and_defs_differ_in_draft07()
    {
        // The same schema with definitions instead of $defs loads and enforces the identified subschema.
        var schema = CompiledSchema.FromText(LaterDrafts[0].Schema.Replace("$defs", "definitions"));
        Assert.True(Rejects(schema, "\"x\""));
    }
}
