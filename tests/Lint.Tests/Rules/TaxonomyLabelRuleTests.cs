using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>taxonomy-label</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class TaxonomyLabelRuleTests() : RuleFixtureTest("taxonomy-label")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("configured-taxonomy", d => d.Set("/record/posture", "alleged").Set("/record/postureLabel", "Alleged record")) with
        {
            Config = """{ "taxonomy": { "posture": { "alleged": "Alleged record" } } }""",
        },
        // An unknown id has no safe fix: "sometimes" fixable.
        Invalid("unknown-id", d => d.Set("/record/posture", "alleged"),
            At("17:16", "/record/posture", "unknown-id", "unknown posture \"alleged\"; known posture ids: reported") with { Fixable = false }),
        Invalid("wrong-label", d => d.Set("/record/categoryLabel", "Rule of law"),
            At("14:22", "/record/categoryLabel", "wrong-label", "categoryLabel \"Rule of law\" should be \"Rule of Law\", the label of category \"rule-of-law\"")),
    ];
}
