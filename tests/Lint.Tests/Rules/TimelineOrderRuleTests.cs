using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>timeline-order</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class TimelineOrderRuleTests() : RuleFixtureTest("timeline-order")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("equal-dates-keep-order", d => d.Insert("/record/timeline/1", Json("""{ "date": "2025-02-06", "title": "Same day" }"""))),
        // A stable sort: entries of the same date keep their order.
        Invalid("equal-dates-stay-in-order", d => d.Set("/record/timeline", Json("""
            [
              { "date": "2025-03-01", "title": "Court responds", "summary": "The court condemned the measures." },
              { "date": "2025-02-06", "title": "Sanctions announced" },
              { "date": "2025-03-01", "title": "Second response, same day" }
            ]
            """)),
            At("68:17", "/record/timeline/1/date", "out-of-order", "timeline is not in ascending date order: entry 1 (2025-02-06) comes after entry 0 (2025-03-01)")) with
        {
            Fixed = d => d.Set("/record/timeline", Json("""
                [
                  { "date": "2025-02-06", "title": "Sanctions announced" },
                  { "date": "2025-03-01", "title": "Court responds", "summary": "The court condemned the measures." },
                  { "date": "2025-03-01", "title": "Second response, same day" }
                ]
                """)),
        },
        Invalid("unsorted-timeline", d => d.Set("/record/timeline", Json("""
            [
              { "date": "2025-03-01", "title": "Court responds", "summary": "The court condemned the measures." },
              { "date": "2025-02-06", "title": "Sanctions announced" }
            ]
            """)),
            At("68:17", "/record/timeline/1/date", "out-of-order", "timeline is not in ascending date order: entry 1 (2025-02-06) comes after entry 0 (2025-03-01)")),
        Invalid("unsorted-update-log", d => d.Set("/record/updateCount", 2).Set("/record/updateLog", Json("""
            [
              { "date": "2025-03-01", "summary": "Second." },
              { "date": "2025-02-10", "summary": "First." }
            ]
            """)),
            At("78:17", "/record/updateLog/1/date", "out-of-order", "updateLog is not in ascending date order: entry 1 (2025-02-10) comes after entry 0 (2025-03-01)")) with
        {
            Fixed = d => d.Set("/record/updateLog", Json("""[{ "date": "2025-02-10", "summary": "First." }, { "date": "2025-03-01", "summary": "Second." }]""")),
        },
    ];
}
