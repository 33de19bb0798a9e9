using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>related-duplicate</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class RelatedDuplicateRuleTests() : RuleFixtureTest("related-duplicate")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("distinct", d => d.Set("/record/relatedIncidents", Json("""["other-incident", "third-incident"]"""))) with { Others = ["other-incident", "third-incident"] },
        Invalid("listed-twice", d => d.Set("/record/relatedIncidents", Json("""["other-incident", "third-incident", "other-incident"]""")),
            At("51:7", "/record/relatedIncidents/2", "repeated-slug", "related incident \"other-incident\" is already listed at index 0")) with
        {
            Others = ["other-incident", "third-incident"],
            Fixed = d => d.Delete("/record/relatedIncidents/2"),
        },
    ];
}
