using System.Text.Json;
using Lint.Schema;
using Lint.Schema.Draft7;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// Per dialect, <see cref="SchemaValidator.UnsupportedKeywordsOf"/> is exactly the keywords the validator does not
/// enforce in a schema of that dialect: every keyword of 2019-09 and 2020-12 rejects a violating instance and is
/// accepted by lint, and every listed keyword lets a violating instance through and is refused by lint.
/// </summary>
public sealed class DialectKeywordSupportTests
{
    public sealed record Case(string Dialect, string Keyword, string Schema, string Violating, string Conforming);

    private const string S2019 = "\"$schema\":\"https://json-schema.org/draft/2019-09/schema\",";

    /// <summary>A 2019-09 schema from JSON written with single quotes.</summary>
    private static string D2019(string body) => "{" + S2019 + body.Replace('\'', '"');
    private const string S2020 = "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",";

    /// <summary>A 2020-12 schema from JSON written with single quotes.</summary>
    private static string D2020(string body) => "{" + S2020 + body.Replace('\'', '"');

    /// <summary>Keywords that the later drafts added or changed, per dialect.</summary>
    public static readonly Case[] Supported =
    [
        new("2019-09", "$defs", D2019("'$defs':{'i':{'type':'integer'}},'$ref':'#/$defs/i'}"), "\"x\"", "1"),
        new("2019-09", "$anchor", D2019("'$defs':{'i':{'$anchor':'int','type':'integer'}},'$ref':'#int'}"), "\"x\"", "1"),
        new("2019-09", "$ref", D2019("'$defs':{'i':{'type':'integer'}},'$ref':'#/$defs/i','minimum':2}"), "1", "2"),
        new("2019-09", "$recursiveRef", D2019("'$recursiveAnchor':true,'type':'object','additionalProperties':{'$recursiveRef':'#'}}"), """{"a":{"b":1}}""", """{"a":{"b":{}}}"""),
        new("2019-09", "items", D2019("'items':[{'type':'integer'}],'additionalItems':false}"), "[1,2]", "[1]"),
        new("2019-09", "minContains", D2019("'contains':{'type':'integer'},'minContains':2}"), "[1,\"x\"]", "[1,2]"),
        new("2019-09", "maxContains", D2019("'contains':{'type':'integer'},'maxContains':1}"), "[1,2]", "[1]"),
        new("2019-09", "dependentRequired", D2019("'dependentRequired':{'a':['b']}}"), """{"a":1}""", """{"a":1,"b":2}"""),
        new("2019-09", "dependentSchemas", D2019("'dependentSchemas':{'a':{'required':['b']}}}"), """{"a":1}""", """{"a":1,"b":2}"""),
        new("2019-09", "unevaluatedProperties", D2019("'allOf':[{'properties':{'a':{}}}],'unevaluatedProperties':false}"), """{"a":1,"b":2}""", """{"a":1}"""),
        new("2019-09", "unevaluatedItems", D2019("'allOf':[{'items':[{}]}],'unevaluatedItems':false}"), "[1,2]", "[1]"),
        new("2020-12", "$defs", D2020("'$defs':{'i':{'type':'integer'}},'$ref':'#/$defs/i'}"), "\"x\"", "1"),
        new("2020-12", "$anchor", D2020("'$defs':{'i':{'$anchor':'int','type':'integer'}},'$ref':'#int'}"), "\"x\"", "1"),
        new("2020-12", "$ref", D2020("'$defs':{'i':{'type':'integer'}},'$ref':'#/$defs/i','minimum':2}"), "1", "2"),
        new("2020-12", "$dynamicRef", D2020("'$dynamicAnchor':'node','type':'object','additionalProperties':{'$dynamicRef':'#node'}}"), """{"a":{"b":1}}""", """{"a":{"b":{}}}"""),
        new("2020-12", "prefixItems", D2020("'prefixItems':[{'type':'integer'}]}"), "[\"x\"]", "[1]"),
        new("2020-12", "items", D2020("'prefixItems':[{}],'items':false}"), "[1,2]", "[1]"),
        new("2020-12", "minContains", D2020("'contains':{'type':'integer'},'minContains':2}"), "[1,\"x\"]", "[1,2]"),
        new("2020-12", "maxContains", D2020("'contains':{'type':'integer'},'maxContains':1}"), "[1,2]", "[1]"),
        new("2020-12", "dependentRequired", D2020("'dependentRequired':{'a':['b']}}"), """{"a":1}""", """{"a":1,"b":2}"""),
        new("2020-12", "dependentSchemas", D2020("'dependentSchemas':{'a':{'required':['b']}}}"), """{"a":1}""", """{"a":1,"b":2}"""),
        new("2020-12", "unevaluatedProperties", D2020("'oneOf':[{'properties':{'a':{}}},{'properties':{'b':{}},'required':['b']}],'unevaluatedProperties':false}"), """{"a":1,"c":2}""", """{"a":1}"""),
        new("2020-12", "unevaluatedItems", D2020("'anyOf':[{'prefixItems':[{}]},{'contains':{'const':'x'}}],'unevaluatedItems':false}"), "[1,2]", "[1,\"x\"]"),
        new("2020-12", "format", D2020("'format':'date'}"), "\"2025-02-30\"", "\"2025-02-28\""),
        new("2019-09", "format", D2019("'format':'date-time'}"), "\"2025-02-06T12:00:00\"", "\"2025-02-06T12:00:00Z\""),
    ];

    /// <summary>Keywords of other drafts that a dialect does not define: not enforced there, so refused.</summary>
    public static readonly Case[] Foreign =
    [
        new("2019-09", "dependencies", D2019("'dependencies':{'a':['b']}}"), """{"a":1}""", """{"a":1,"b":2}"""),
        new("2019-09", "prefixItems", D2019("'prefixItems':[{'type':'integer'}]}"), "[\"x\"]", "[1]"),
        new("2019-09", "$dynamicRef", D2019("'properties':{'a':{'$dynamicRef':'#/$defs/i'}},'$defs':{'i':{'type':'integer'}}}"), """{"a":"x"}""", """{"a":1}"""),
        new("2020-12", "dependencies", D2020("'dependencies':{'a':['b']}}"), """{"a":1}""", """{"a":1,"b":2}"""),
        new("2020-12", "additionalItems", D2020("'prefixItems':[{}],'additionalItems':false}"), "[1,2]", "[1]"),
        new("2020-12", "$recursiveRef", D2020("'properties':{'a':{'$recursiveRef':'#/$defs/i'}},'$defs':{'i':{'type':'integer'}}}"), """{"a":"x"}""", """{"a":1}"""),
    ];

    public static TheoryData<string> SupportedCases() => new(Supported.Select(c => c.Dialect + " " + c.Keyword));

    public static TheoryData<string> ForeignCases() => new(Foreign.Select(c => c.Dialect + " " + c.Keyword));

    private static bool Rejects(CompiledSchema schema, string instance)
    {
        using var doc = JsonDocument.Parse(instance);
        bool valid = schema.IsValid(doc.RootElement);
        Assert.Equal(valid, schema.Validate(doc.RootElement).Count == 0);
        return !valid;
    }

    [Theory]
    [MemberData(nameof(SupportedCases))]
    public void A_keyword_of_the_dialect_is_enforced_and_accepted_by_lint(string id)
    {
        var c = Supported.Single(x => x.Dialect + " " + x.Keyword == id);
        Assert.DoesNotContain(c.Keyword, SchemaValidator.UnsupportedKeywordsOf(c.Dialect));
        var validator = SchemaValidator.FromText(c.Schema, "test", null);
        Assert.Equal(c.Dialect, validator.Dialect);
        Assert.True(Rejects(validator.Schema, c.Violating), $"{id}: {c.Violating} should be rejected by {c.Schema}");
        Assert.False(Rejects(validator.Schema, c.Conforming), $"{id}: {c.Conforming} should be accepted by {c.Schema}");
    }

    [Theory]
    [MemberData(nameof(ForeignCases))]
    public void A_keyword_the_dialect_does_not_define_is_not_enforced_so_lint_refuses_it(string id)
    {
        var c = Foreign.Single(x => x.Dialect + " " + x.Keyword == id);
        Assert.Contains(c.Keyword, SchemaValidator.UnsupportedKeywordsOf(c.Dialect));
        var schema = CompiledSchema.FromText(c.Schema);
        Assert.Equal(c.Dialect, schema.Dialect);
        Assert.False(Rejects(schema, c.Violating), $"{id} is enforced after all: {c.Violating} rejected by {c.Schema}");
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaValidator.FromText(c.Schema, "custom.schema.json", null));
        Assert.Contains($"'{c.Keyword}'", ex.Message);
        Assert.Contains($"({c.Dialect} does not define it)", ex.Message);
        Assert.StartsWith("custom.schema.json:1:", ex.Message);
        // Accepted (and ignored) when the configuration says "unsupportedKeywords": "warning".
        Assert.Equal(c.Dialect, SchemaValidator.FromText(c.Schema, "custom.schema.json", null, allowUnsupportedKeywords: true).Dialect);
    }

    [Theory]
    [InlineData("2019-09")]
    [InlineData("2020-12")]
    public void The_unsupported_list_is_exactly_the_foreign_cases(string dialect) =>
        Assert.Equal(Foreign.Where(c => c.Dialect == dialect).Select(c => c.Keyword).Order(StringComparer.Ordinal), SchemaValidator.UnsupportedKeywordsOf(dialect).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("2019-09", "Lint.schemas.metaschemas.2019-09.meta.")]
    [InlineData("2020-12", "Lint.schemas.metaschemas.2020-12.meta.")]
    public void Every_keyword_of_the_bundled_meta_schemas_is_known_and_none_is_refused(string dialect, string prefix)
    {
        var known = Lint.Schema.Draft7.Dialect.AllKeywords(Lint.Schema.Draft7.Dialect.ParseName(dialect)!.Value).ToHashSet();
        var names = typeof(SchemaValidator).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            using var meta = JsonDocument.Parse(SchemaValidator.ReadResource(name));
            foreach (var keyword in meta.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name))
            {
                Assert.Contains(keyword, known);
                Assert.DoesNotContain(keyword, SchemaValidator.UnsupportedKeywordsOf(dialect));
            }
        }
    }

    [Fact]
    public void Defs_in_draft07_is_still_refused_and_definitions_in_2020_12_is_plain_data()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaValidator.FromText("""{"$defs":{"i":{"type":"integer"}}}""", "custom.schema.json", null));
        Assert.Contains("'$defs'", ex.Message);
        Assert.Contains("(draft-07 does not define it)", ex.Message);
        Assert.Contains("declare a later dialect with \"$schema\"", ex.Message);
        // In 2020-12, definitions is no keyword: accepted, and a JSON Pointer into it still resolves.
        var schema = SchemaValidator.FromText(D2020("'definitions':{'i':{'type':'integer'}},'properties':{'a':{'$ref':'#/definitions/i'}}}"), "custom.schema.json", null).Schema;
        Assert.True(Rejects(schema, """{"a":"x"}"""));
        Assert.False(Rejects(schema, """{"a":1}"""));
    }

    [Fact]
    public void The_official_meta_schemas_are_bundled_and_validate_schemas_without_any_download()
    {
        foreach (var (dialect, uri) in new[] { ("2019-09", "https://json-schema.org/draft/2019-09/schema"), ("2020-12", "https://json-schema.org/draft/2020-12/schema") })
        {
            var meta = CompiledSchema.FromText($$"""{"$schema":"{{uri}}","$ref":"{{uri}}"}""", new SchemaLoadOptions { AllowFileReferences = false });
            Assert.Equal(dialect, meta.Dialect);
            Assert.False(Rejects(meta, """{"type":"object","properties":{"a":{"minimum":1}},"$defs":{"x":{"type":"string"}}}"""));
            Assert.True(Rejects(meta, """{"type":"objekt"}"""));
            Assert.True(Rejects(meta, """{"properties":{"a":{"minimum":"one"}}}"""));
        }
    }

    [Fact]
    public void An_unknown_json_schema_org_dialect_is_refused_in_plain_words()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaValidator.FromText("""{"$schema":"https://json-schema.org/draft/next/schema","type":"object"}""", "custom.schema.json", null));
        Assert.Contains("names a dialect lint does not know", ex.Message);
    }

    [Fact]
    public void A_custom_meta_schema_elsewhere_is_a_remote_reference_unless_mapped()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => CompiledSchema.FromText("""{"$schema":"https://example.org/my-dialect","type":"object"}"""));
        Assert.Contains("remote references are not allowed", ex.Message);
        // Through schemaMap it is read from disk (the suite's custom meta-schemas without the validation vocabulary).
        var mapped = CompiledSchema.FromText("""{"$schema":"http://localhost:1234/draft2020-12/metaschema-no-validation.json","properties":{"a":{"minimum":10}}}""", TestSuite.Options);
        Assert.Equal("2020-12", mapped.Dialect);
        Assert.False(Rejects(mapped, """{"a":1}"""));
    }
}
