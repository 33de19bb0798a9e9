namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>invalid-json</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class InvalidJsonRuleTests() : RuleFixtureTest("invalid-json");
