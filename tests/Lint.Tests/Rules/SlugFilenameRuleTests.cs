namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>slug-filename</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class SlugFilenameRuleTests() : RuleFixtureTest("slug-filename");
