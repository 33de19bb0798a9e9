namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>document-count</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class DocumentCountRuleTests() : RuleFixtureTest("document-count");
