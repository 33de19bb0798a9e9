using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>display-date</c>: inline cases (<see cref="RuleCase"/>), and a folder fixture with CRLF line endings and no final newline (bytes matter).</summary>
public sealed class DisplayDateRuleTests() : RuleFixtureTest("display-date")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        // Across a year boundary (generatedAt moves on too, so that every rule is satisfied).
        Valid("long-form", d => d.Set("/generatedAt", "2026-04-01T12:00:00Z").Set("/record/date", "2025-12-31").Set("/record/lastUpdated", "2026-01-01")
            .Set("/record/displayDate", "December 31, 2025").Set("/record/displayLastUpdated", "January 1, 2026")
            .Set("/record/timeline/0/date", "2025-12-31").Set("/record/timeline/1/date", "2026-01-01").Set("/record/updateLog/0/date", "2026-01-01")
            .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/sample-incident. Published December 31, 2025. Updated January 1, 2026.")),
        Invalid("abbreviated-month", d => d.Set("/record/displayLastUpdated", "Mar 1, 2025"),
            At("11:27", "/record/displayLastUpdated", "not-long-form", "displayLastUpdated \"Mar 1, 2025\" should be \"March 1, 2025\", the long form of lastUpdated")),
        Invalid("wrong-day", d => d.Set("/record/displayDate", "February 7, 2025"),
            At("10:20", "/record/displayDate", "not-long-form", "displayDate \"February 7, 2025\" should be \"February 6, 2025\", the long form of date")),
    ];
}
