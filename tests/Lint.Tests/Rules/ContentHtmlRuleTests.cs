using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>content-html</c> (see <see cref="RuleFixtureTest"/>), and where its findings land in the file.</summary>
public sealed class ContentHtmlRuleTests() : RuleFixtureTest("content-html")
{
    [Fact]
    public async Task TheFindingPointsAtTheOffendingTagThroughEscapes()
    {
        var dir = Path.Combine(RuleDirectory, "invalid", "stray-end-tag-after-escapes");
        var result = await LintCase(dir, RuleId);
        var finding = Assert.Single(result.Findings);
        var line = File.ReadAllLines(Path.Combine(dir, "sample-incident.json"))[finding.Line - 1];
        Assert.StartsWith("</em>", line[(finding.Column - 1)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrlfFilesGetTheSameColumns()
    {
        var dir = Path.Combine(RuleDirectory, "invalid", "stray-end-tag-crlf");
        Assert.Contains("\r\n", File.ReadAllText(Path.Combine(dir, "sample-incident.json")));
        var finding = Assert.Single((await LintCase(dir, RuleId)).Findings);
        var line = File.ReadAllLines(Path.Combine(dir, "sample-incident.json"))[finding.Line - 1];
        Assert.StartsWith("</div>", line[(finding.Column - 1)..], StringComparison.Ordinal);
    }
}
