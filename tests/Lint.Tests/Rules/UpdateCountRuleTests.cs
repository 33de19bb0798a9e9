using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>update-count</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class UpdateCountRuleTests() : RuleFixtureTest("update-count")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("matches", d => d.Set("/record/updateCount", 2).Set("/record/updateLog/1", Json("""{ "date": "2025-03-01", "summary": "Same day." }"""))),
        Invalid("off-by-one", d => d.Set("/record/updateCount", 0),
            At("34:20", "/record/updateCount", "count-mismatch", "updateCount is 0 but updateLog has 1 entry")),
    ];
}
