using Lint.Formatting;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Formatting;

/// <summary>Every format over the one shared set of findings, compared with a reviewed golden file.</summary>
public sealed class FormatterGoldenTests
{
    private static readonly string GoldenDirectory = Path.Combine(Repo.SourceDirectory(), "Golden");

    public static TheoryData<string, string> Formats() => new()
    {
        { "stylish", "report.stylish.txt" },
        { "json", "report.json" },
        { "sarif", "report.sarif" },
        { "github", "report.github.txt" },
        { "junit", "report.junit.xml" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void OutputMatchesTheGoldenFile(string format, string golden) =>
        Golden.Verify(Path.Combine(GoldenDirectory, golden), SampleReport.Render(format));

    [Fact]
    public void EveryRegisteredFormatHasAGoldenFile()
    {
        var tested = Formats().Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(tested, Formatters.All.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FormatsWithoutFindingsStillWriteAValidReport()
    {
        var empty = new ReportInput(new LintResult([], 0, TimeSpan.Zero), SampleReport.Rules) { WorkingDirectory = SampleReport.WorkingDirectory };
        Assert.Equal("0 problems (0 errors, 0 warnings), 0 fixable with --fix; 0 files checked in 0.00s\n", SampleReport.Render("stylish", empty));
        Assert.Equal("0 problems (0 errors, 0 warnings), 0 fixable with --fix; 0 files checked in 0.00s\n", SampleReport.Render("github", empty));
        var junit = System.Xml.Linq.XDocument.Parse(SampleReport.Render("junit", empty));
        Assert.Equal("0", junit.Root!.Attribute("tests")!.Value);
        using var sarif = System.Text.Json.JsonDocument.Parse(SampleReport.Render("sarif", empty));
        Assert.Equal(0, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }
}
