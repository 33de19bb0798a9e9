namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>taxonomy-label</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class TaxonomyLabelRuleTests() : RuleFixtureTest("taxonomy-label");
