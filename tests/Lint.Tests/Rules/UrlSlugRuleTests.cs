namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>url-slug</c> (see <see cref="RuleFixtureTest"/>).</summary>
public sealed class UrlSlugRuleTests() : RuleFixtureTest("url-slug");
