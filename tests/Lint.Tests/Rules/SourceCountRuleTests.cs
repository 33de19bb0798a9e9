namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>source-count</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class SourceCountRuleTests() : RuleFixtureTest("source-count");
