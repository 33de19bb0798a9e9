using Lint.Formatting;

namespace Lint.Tests.Formatting;

/// <summary>The stylish layout: aligned columns, no trailing whitespace, and no line padded out to a very long message.</summary>
public sealed class StylishLayoutTests
{
    private static string Render(params Finding[] findings)
    {
        var result = new LintResult(findings, 1, TimeSpan.Zero);
        var writer = new StringWriter();
        new StylishFormatter().Write(new ReportInput(result, SampleReport.Rules, Color: false), writer);
        return writer.ToString();
    }

    [Fact]
    public void NoLineEndsInWhitespace()
    {
        var text = Render(
            new Finding("schema", Severity.Error, "short", "a.json", 1, 1, ""),
            new Finding("schema", Severity.Error, "a message that ends in a space ", "a.json", 2, 1, ""),
            new Finding("", Severity.Warning, "a finding of a rule without an id", "a.json", 3, 1, ""),
            new Finding("source-count", Severity.Error, "a much longer message than the others in this file", "a.json", 10, 12, ""));
        foreach (var line in text.Split('\n'))
            Assert.False(line.Length > 0 && char.IsWhiteSpace(line[^1]), $"trailing whitespace in [{line}]");
    }

    [Fact]
    public void RuleIdsLineUpAfterOrdinaryMessages()
    {
        var lines = Render(
            new Finding("schema", Severity.Error, "short", "a.json", 1, 1, ""),
            new Finding("source-count", Severity.Error, "a longer message", "a.json", 10, 12, "")).Split('\n');
        Assert.Equal("  1:1    error  short             schema", lines[1]);
        Assert.Equal("  10:12  error  a longer message  source-count", lines[2]);
    }

    [Fact]
    public void AVeryLongMessageDoesNotPadTheOtherLinesOutToItsWidth()
    {
        var lines = Render(
            new Finding("schema", Severity.Error, "short", "a.json", 1, 1, ""),
            new Finding("schema", Severity.Error, new string('x', 2000), "a.json", 2, 1, "")).Split('\n');
        Assert.Equal("  1:1  error  short  schema", lines[1]);
        Assert.Equal("  2:1  error  " + new string('x', 2000) + "  schema", lines[2]);
    }
}
