using System.Text.Json;
using Lint.Config;
using Lint.Schema;
using Lint.Schema.Draft7;
using Lint.Tests.TestSupport;

namespace Lint.Tests.SchemaConformance;

/// <summary>Plain-words messages, pointers and positions for the keywords of 2019-09 and 2020-12.</summary>
public sealed class DialectMessagesTests : IDisposable
{
    private const string S2020 = "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",";

    /// <summary>A 2020-12 schema from JSON written with single quotes.</summary>
    private static string D2020(string body) => "{" + S2020 + body.Replace('\'', '"');
    private const string S2019 = "\"$schema\":\"https://json-schema.org/draft/2019-09/schema\",";

    /// <summary>A 2019-09 schema from JSON written with single quotes.</summary>
    private static string D2019(string body) => "{" + S2019 + body.Replace('\'', '"');

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<SchemaViolation> Validate(string schema, string instance)
    {
        var compiled = CompiledSchema.FromText(schema);
        using var doc = JsonDocument.Parse(instance);
        var violations = compiled.Validate(doc.RootElement);
        Assert.Equal(violations.Count == 0, compiled.IsValid(doc.RootElement));
        return violations;
    }

    private const string Record2020 = "{" + S2020 + """
        "type":"object","properties":{"record":{"$ref":"#/$defs/record"}},
        "$defs":{"record":{"type":"object","required":["summary","title"],
          "allOf":[{"properties":{"summary":{"type":"string"}}},{"properties":{"title":{"type":"string"}}}],
          "unevaluatedProperties":false}}}
        """;

    [Fact]
    public void A_typo_rejected_by_unevaluated_properties_is_one_unknown_property_with_a_suggestion()
    {
        var v = Assert.Single(Validate(Record2020, """{"record":{"sumary":"x","title":"t"}}"""));
        Assert.Equal("/record/sumary", v.Pointer);
        Assert.Equal("unknown property 'sumary' in record; did you mean 'summary'?", v.Message);
        Assert.True(v.AtKey);
        Assert.Equal(SchemaViolationKind.UnknownProperty, v.Kind);
        Assert.Equal("summary", v.SuggestedName);
    }

    [Fact]
    public void Two_typos_are_two_findings_and_an_unrelated_name_gets_no_suggestion()
    {
        var vs = Validate(Record2020, """{"record":{"sumary":"x","titl":"t","colour":1}}""");
        Assert.Equal(
            ["unknown property 'sumary' in record; did you mean 'summary'?", "unknown property 'titl' in record; did you mean 'title'?", "unknown property 'colour' in record"],
            vs.Select(v => v.Message));
    }

    [Fact]
    public async Task The_finding_is_at_the_property_name_in_the_file()
    {
        _dir.Write("schemas/record.schema.json", Record2020);
        _dir.Write("lint.config.json", """{ "include": ["incidents/**/*.json"], "schema": "schemas/record.schema.json" }""");
        _dir.Write("incidents/a.json", "{\n  \"record\": {\n    \"title\": \"t\",\n    \"sumary\": \"x\"\n  }\n}\n");
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, ConfigPath = _dir.Combine("lint.config.json") });
        var result = await linter.LintAsync([]);
        var f = Assert.Single(result.Findings, f => f.RuleId == "schema");
        Assert.Equal((4, 5), (f.Line, f.Column));
        Assert.Equal("unknown property 'sumary' in record; did you mean 'summary'?", f.Message);
    }

    public static TheoryData<string, string, string, string> Messages() => new()
    {
        { D2020("'prefixItems':[{'type':'integer'}],'items':false}"), "[1,2,3]", "", "the document has more items than the schema allows (at most 1)" },
        { D2020("'properties':{'a':{'prefixItems':[{'type':'integer'}]}}}"), "{\"a\":[\"x\"]}", "/a/0", "a[0] must be an integer, found string \"x\"" },
        { D2020("'properties':{'a':{'unevaluatedItems':false,'prefixItems':[{}]}}}"), "{\"a\":[1,2]}", "/a/1", "a[1] is not allowed: no item schema of the array covers it (unevaluatedItems is false)" },
        { D2020("'contains':{'type':'integer'},'minContains':2}"), "[1,\"x\"]", "", "the document must contain at least 2 items that match the 'contains' schema (minContains), found 1" },
        { D2020("'contains':{'type':'integer'},'maxContains':1}"), "[1,2]", "", "the document must contain at most 1 item that match the 'contains' schema (maxContains), found 2" },
        { D2020("'dependentRequired':{'a':['b']}}"), """{"a":1}""", "/b", "the document has property 'a', so it must also have property 'b'" },
        { D2019("'dependentSchemas':{'a':{'required':['b']}}}"), """{"a":1}""", "/b", "the document is missing required property 'b'" },
        { D2020("'properties':{'n':{'$dynamicRef':'#/$defs/n'}},'$defs':{'n':{'type':'integer'}}}"), """{"n":"x"}""", "/n", "n must be an integer, found string \"x\"" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_new_keyword_is_reported_in_plain_words_at_its_node(string schema, string instance, string pointer, string message)
    {
        var v = Assert.Single(Validate(schema, instance));
        Assert.Equal(pointer, v.Pointer);
        Assert.Equal(message, v.Message);
    }

    [Fact]
    public void A_dynamic_reference_loop_ends_with_a_finding_not_a_hang()
    {
        // Statically inner's $dynamicRef lands on inner#loop (no loop), but dynamically on the root's "loop" anchor,
        // whose $ref applies inner to the same value again, forever.
        string schema = D2020("'$dynamicAnchor':'loop','$ref':'inner','$defs':{'inner':{'$id':'inner','$dynamicRef':'#loop','$defs':{'a':{'$dynamicAnchor':'loop'}}}}}");
        var compiled = CompiledSchema.FromText(schema);
        using var doc = JsonDocument.Parse("{}");
        var v = Assert.Single(compiled.Validate(doc.RootElement));
        Assert.Contains("nested too deeply", v.Message);
        Assert.False(compiled.IsValid(doc.RootElement));
    }

    [Fact]
    public void A_static_reference_loop_in_2020_12_is_refused_at_load_time()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => CompiledSchema.FromText(D2020("'$ref':'#','minimum':1}")));
        Assert.Contains("applies itself to the same value in a loop", ex.Message);
    }
}
