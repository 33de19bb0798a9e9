using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>invalid-json</c>: inline cases (<see cref="RuleCase"/>), and folder fixtures for the bytes that are not JSON.</summary>
public sealed class InvalidJsonRuleTests() : RuleFixtureTest("invalid-json")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
    ];
}
