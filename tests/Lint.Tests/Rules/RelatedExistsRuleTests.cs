using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>related-exists</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class RelatedExistsRuleTests() : RuleFixtureTest("related-exists")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("all-exist", d => d.Set("/record/relatedIncidents", Json("""["other-incident"]"""))) with { Others = ["other-incident"] },
        Invalid("missing-slug", d => d.Set("/record/relatedIncidents", Json("""["other-incident", "renamed-incident"]""")),
            At("50:7", "/record/relatedIncidents/1", "unknown-slug", "related incident \"renamed-incident\" does not exist in the corpus")) with { Others = ["other-incident"] },
    ];
}
