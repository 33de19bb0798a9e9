namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>file-too-large</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class FileTooLargeRuleTests() : RuleFixtureTest("file-too-large");
