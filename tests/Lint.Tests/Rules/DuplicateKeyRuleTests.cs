namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>duplicate-key</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class DuplicateKeyRuleTests() : RuleFixtureTest("duplicate-key");
