namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>date-order</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class DateOrderRuleTests() : RuleFixtureTest("date-order");
