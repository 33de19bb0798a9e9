using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>date-order</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class DateOrderRuleTests() : RuleFixtureTest("date-order")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("same-day", d => d.Set("/record/date", "2025-03-01").Set("/record/displayDate", "March 1, 2025").Set("/record/timeline/0/date", "2025-03-01")
            .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/sample-incident. Published March 1, 2025. Updated March 1, 2025.")),
        Invalid("date-after-last-updated", d => d.Set("/record/date", "2025-03-05").Set("/record/displayDate", "March 5, 2025").Set("/record/timeline/0/date", "2025-03-01")
            .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/sample-incident. Published March 5, 2025. Updated March 1, 2025."),
            At("8:13", "/record/date", "date-after-last-updated", "date 2025-03-05 is after lastUpdated 2025-03-01")),
        Invalid("timeline-after-generated-at", d => d.Set("/record/timeline/2", Json("""{ "date": "2025-05-01", "title": "Planned hearing" }""")),
            At("72:17", "/record/timeline/2/date", "entry-after-generated-at", "timeline[2].date 2025-05-01 is after generatedAt 2025-04-01")),
    ];
}
