namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>related-exists</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class RelatedExistsRuleTests() : RuleFixtureTest("related-exists");
