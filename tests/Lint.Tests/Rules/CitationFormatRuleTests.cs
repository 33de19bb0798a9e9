using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>citation-format</c>: inline cases (<see cref="RuleCase"/>), and a folder fixture for an escaped title (bytes matter).</summary>
public sealed class CitationFormatRuleTests() : RuleFixtureTest("citation-format")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Invalid("stale-updated-date", d => d.Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/sample-incident. Published February 6, 2025. Updated February 6, 2025."),
            At("79:17", "/record/citation", "citation-mismatch", "citation does not match \"{title}. {url}. Published {displayDate}. Updated {displayLastUpdated}.\"; expected \"Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/sample-incident. Published February 6, 2025. Updated March 1, 2025.\"")),
    ];
}
