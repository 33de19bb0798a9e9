namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>citation-format</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class CitationFormatRuleTests() : RuleFixtureTest("citation-format");
