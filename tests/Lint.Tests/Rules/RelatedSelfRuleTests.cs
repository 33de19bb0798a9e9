using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>related-self</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class RelatedSelfRuleTests() : RuleFixtureTest("related-self")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("others-only", d => d.Set("/record/relatedIncidents", Json("""["other-incident"]"""))) with { Others = ["other-incident"] },
        Invalid("lists-itself", d => d.Set("/record/relatedIncidents", Json("""["other-incident", "sample-incident"]""")),
            At("50:7", "/record/relatedIncidents/1", "self-reference", "the incident lists its own slug \"sample-incident\" as related")) with
        {
            Others = ["other-incident"],
            Fixed = d => d.Delete("/record/relatedIncidents/1"),
        },
        // The only entry: the fix leaves [], not a blank line between the brackets.
        Invalid("only-item", d => d.Set("/record/relatedIncidents", Json("""["sample-incident"]""")),
            At("49:7", "/record/relatedIncidents/0", "self-reference", "the incident lists its own slug \"sample-incident\" as related")),
        Invalid("repeated-self", d => d.Set("/record/relatedIncidents", Json("""["sample-incident", "sample-incident", "other-incident"]""")),
            At("49:7", "/record/relatedIncidents/0", "self-reference", "the incident lists its own slug \"sample-incident\" as related"),
            At("50:7", "/record/relatedIncidents/1", "self-reference", "the incident lists its own slug \"sample-incident\" as related")) with
        {
            Others = ["other-incident"],
            Fixed = d => d.Set("/record/relatedIncidents", Json("""["other-incident"]""")),
        },
    ];
}
