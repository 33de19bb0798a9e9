namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>related-self</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class RelatedSelfRuleTests() : RuleFixtureTest("related-self");
