using Lint.Rules;

namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>content-unsafe</c> (see <see cref="RuleFixtureTest"/>), the scheme reading, and one finding per defect.</summary>
public sealed class ContentUnsafeRuleTests() : RuleFixtureTest("content-unsafe")
{
    [Theory]
    [InlineData("javascript:alert(1)", "javascript")]
    [InlineData("JaVaScRiPt:alert(1)", "javascript")]
    [InlineData("  javascript:alert(1)", "javascript")]
    [InlineData("java\tscript:alert(1)", "javascript")]
    [InlineData("java\nscript:alert(1)", "javascript")]
    [InlineData("\u0001javascript:alert(1)", "javascript")]
    [InlineData("jav\u0000ascript:alert(1)", "javascript")]
    [InlineData("VBScript:msgbox", "vbscript")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", "data")]
    [InlineData(" DATA:image/png;base64,AA", "data")]
    [InlineData("https://example.org/javascript:x", null)]
    [InlineData("/incident/javascript:x", null)]
    [InlineData("mailto:a@example.org", null)]
    [InlineData("javascript", null)]
    [InlineData("#javascript:x", null)]
    [InlineData("javascripts:x", null)]
    public void ReadsTheSchemeAsABrowserDoesOnTheSafeSide(string url, string? scheme) =>
        Assert.Equal(scheme, ContentUnsafeRule.DangerousScheme(url));

    [Fact]
    public async Task AMalformedAndUnsafeContentGetsEachFindingOnceFromItsOwner()
    {
        var dir = Path.Combine(RuleDirectory, "invalid", "malformed-and-unsafe");
        var result = await CaseLinter(dir, null).LintAsync([]);
        var html = result.Findings.Where(f => f.RuleId.StartsWith("content-", StringComparison.Ordinal) || f.RuleId == "heading-id").ToList();
        Assert.Equal(
            [("content-html", "stray-end-tag", 1), ("content-unsafe", "event-handler", 1), ("content-html", "misnested", 1), ("content-html", "stray-end-tag", 2)],
            html.Select(f => (f.RuleId, f.MessageId!, html.Where(g => g.RuleId == f.RuleId && g.MessageId == f.MessageId).ToList().IndexOf(f) + 1)));
        Assert.Equal(html.Count, html.Select(f => (f.Line, f.Column)).Distinct().Count());
    }
}
