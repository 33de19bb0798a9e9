namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>update-count</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class UpdateCountRuleTests() : RuleFixtureTest("update-count");
