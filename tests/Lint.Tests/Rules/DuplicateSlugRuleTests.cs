namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>duplicate-slug</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class DuplicateSlugRuleTests() : RuleFixtureTest("duplicate-slug");
