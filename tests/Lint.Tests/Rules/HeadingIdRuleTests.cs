using Lint.Rules;

namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>heading-id</c> (see <see cref="RuleFixtureTest"/>) and its kebab-case of heading text.</summary>
public sealed class HeadingIdRuleTests() : RuleFixtureTest("heading-id")
{
    [Theory]
    [InlineData("The ICC's Response", "the-iccs-response")]
    [InlineData("The ICC\u2019s Response", "the-iccs-response")]
    [InlineData("Executive Order 14203", "executive-order-14203")]
    [InlineData("UN Charter Article 2(4)", "un-charter-article-24")]
    [InlineData("  Why This Is Classified Severe ", "why-this-is-classified-severe")]
    [InlineData("Café — Résumé", "café-résumé")]
    [InlineData("!!!", "")]
    public void KebabCaseOfHeadingText(string text, string id) => Assert.Equal(id, HeadingIdRule.Kebab(text));
}
