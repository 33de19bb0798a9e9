namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>duplicate-source</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class DuplicateSourceRuleTests() : RuleFixtureTest("duplicate-source");
