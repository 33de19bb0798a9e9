namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>duplicate-tag</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class DuplicateTagRuleTests() : RuleFixtureTest("duplicate-tag");
