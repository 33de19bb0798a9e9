namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>timeline-order</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class TimelineOrderRuleTests() : RuleFixtureTest("timeline-order");
