using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>slug-filename</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class SlugFilenameRuleTests() : RuleFixtureTest("slug-filename")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        // A malformed slug is the schema's finding alone (and url-slug and citation-format wait for it).
        Valid("malformed-slug-is-schema-business", d => d.Set("/record/slug", "Sample_Incident")) with
        {
            WithAllRules = [Also("schema", "5:13", "/record/slug", "violation", "record.slug must match the pattern ^[a-z0-9]+(-[a-z0-9]+)*$ (lowercase kebab-case), found string \"Sample_Incident\"")],
        },
        Invalid("renamed-slug", d => d.Set("/record/slug", "other-incident").Set("/record/url", "https://incidents.example.org/incident/other-incident")
            .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/other-incident. Published February 6, 2025. Updated March 1, 2025."),
            At("5:13", "/record/slug", "slug-mismatch", "slug \"other-incident\" does not match the file name \"sample-incident.json\"; rename the file or fix the slug")),
    ];
}
