using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>schema</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class SchemaRuleTests() : RuleFixtureTest("schema")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("optional-fields-absent", d => d.Delete("/record/sources/0/publisher")),
        Valid("optional-dollar-schema", d => d.Set("/$schema", "../../schemas/incident.schema.json")),
        Invalid("bad-slug-pattern", d => d.Set("/record/relatedIncidents", Json("""["Not_A_Slug"]""")),
            At("49:7", "/record/relatedIncidents/0", "violation", "record.relatedIncidents[0] must match the pattern ^[a-z0-9]+(-[a-z0-9]+)*$ (lowercase kebab-case), found string \"Not_A_Slug\"")),
        Invalid("impossible-date", d => d.Set("/record/date", "2025-02-30"),
            At("8:13", "/record/date", "violation", "record.date must be a real calendar date written YYYY-MM-DD, found string \"2025-02-30\"")),
        Invalid("missing-title", d => d.Delete("/record/title"),
            At("4:13", "/record/title", "missing-property", "record is missing required property 'title'")),
        Invalid("misspelt-field", d => d.Rename("/record/summary", "sumary"),
            At("12:5", "/record/sumary", "unknown-property", "unknown property 'sumary' in record; did you mean 'summary'?")),
        Invalid("mistyped-count", d => d.Set("/record/sourceCount", "2"),
            At("32:20", "/record/sourceCount", "violation", "record.sourceCount must be an integer, found string \"2\"")),
        Invalid("negative-count", d => d.Set("/record/civilianCasualties", -1),
            At("43:27", "/record/civilianCasualties", "violation", "record.civilianCasualties must be at least 0, found integer -1")),
        Invalid("not-an-object", null,
            At("1:1", "", "violation", "the document must be an object, found array")) with { Text = _ => "[]\n" },
        Invalid("unknown-top-level", d => d.Set("/generator", "x"),
            At("81:3", "/generator", "unknown-property", "unknown property 'generator' in the document")),
    ];
}
