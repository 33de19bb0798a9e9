using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>url-slug</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class UrlSlugRuleTests() : RuleFixtureTest("url-slug")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("configured-site-matches") with { Config = """{ "site": "https://incidents.example.org" }""" },
        Invalid("wrong-url", d => d.Set("/record/url", "https://incidents.example.org/incidents/sample-incident"),
            At("7:12", "/record/url", "url-mismatch", "url \"https://incidents.example.org/incidents/sample-incident\" should be \"https://incidents.example.org/incident/sample-incident\" ({site}/incident/{slug})")),
        Invalid("site-differs-from-config", null,
            At("2:11", "/site", "site-mismatch", "site \"https://incidents.example.org\" differs from the configured site \"https://other.example.org\"")) with
        {
            Config = """{ "site": "https://other.example.org" }""",
            Fixed = d => d.Set("/site", "https://other.example.org").Set("/record/url", "https://other.example.org/incident/sample-incident"),
            // With every rule on, the citation follows the url.
            FixedWithAllRules = d => d.Set("/site", "https://other.example.org").Set("/record/url", "https://other.example.org/incident/sample-incident")
                .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://other.example.org/incident/sample-incident. Published February 6, 2025. Updated March 1, 2025."),
        },
        Invalid("site-and-url-wrong", d => d.Set("/record/url", "https://incidents.example.org/incidents/sample-incident"),
            At("2:11", "/site", "site-mismatch", "site \"https://incidents.example.org\" differs from the configured site \"https://other.example.org\""),
            At("7:12", "/record/url", "url-mismatch", "url \"https://incidents.example.org/incidents/sample-incident\" should be \"https://other.example.org/incident/sample-incident\" ({site}/incident/{slug})")) with
        {
            Config = """{ "site": "https://other.example.org" }""",
            Fixed = d => d.Set("/site", "https://other.example.org").Set("/record/url", "https://other.example.org/incident/sample-incident"),
            // With every rule on, the citation follows the url.
            FixedWithAllRules = d => d.Set("/site", "https://other.example.org").Set("/record/url", "https://other.example.org/incident/sample-incident")
                .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://other.example.org/incident/sample-incident. Published February 6, 2025. Updated March 1, 2025."),
        },
    ];
}
