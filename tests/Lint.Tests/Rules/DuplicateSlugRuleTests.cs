using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>duplicate-slug</c>: inline cases (<see cref="RuleCase"/>), and a folder fixture of a corpus with the same file name in two folders.</summary>
public sealed class DuplicateSlugRuleTests() : RuleFixtureTest("duplicate-slug")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("distinct-slugs") with { Others = ["other-incident"] },
    ];
}
