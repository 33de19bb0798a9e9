namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>related-duplicate</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class RelatedDuplicateRuleTests() : RuleFixtureTest("related-duplicate");
