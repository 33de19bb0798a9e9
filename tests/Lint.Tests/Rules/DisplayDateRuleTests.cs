namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>display-date</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class DisplayDateRuleTests() : RuleFixtureTest("display-date");
