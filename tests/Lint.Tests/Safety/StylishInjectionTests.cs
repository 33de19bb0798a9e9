using System.Text.RegularExpressions;
using Lint.Formatting;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>Hostile titles and file names cannot forge workflow commands or emit terminal escapes through the stylish and json formats.</summary>
public sealed partial class StylishInjectionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<RuleMetadata> Rules => RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList();

    /// <summary>lint's own colour codes: underline, red, yellow, dim and reset.</summary>
    [GeneratedRegex("\u001b\\[(4|31|33|2|0)m")]
    private static partial Regex OwnColours();

    /// <summary>Fails on anything in a stylish report that could act on a terminal or a GitHub log.</summary>
    private static void AssertInert(string output, bool color)
    {
        if (color) output = OwnColours().Replace(output, "");
        var lines = output.Split('\n');
        foreach (var line in lines)
        {
            Assert.True(Lint.Parsing.Text.IsSafe(line), $"a control, bidi or invisible character, or ##[, in: {Lint.Parsing.Text.Sanitize(line, 300)}");
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal), $"a line reads as a workflow command: {line}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HostileTitlesAndFileNamesAreInertInStylishOutput(bool color)
    {
        var result = await InjectionCorpus.LintAsync(_dir);
        var output = new StringWriter();
        new StylishFormatter().Write(new ReportInput(result, Rules, color), output);
        var text = output.ToString();
        AssertInert(text, color);
        // The hostile content is shown, escaped, not dropped: each title's forged command is visible as text.
        Assert.Contains("hostile-title \\u000A::error file=x::forged", text);
        Assert.Contains("\\u001B[31mred", text);
        Assert.Contains("\\u202Egnp.exe", text);
        Assert.Contains("##\\u005Berror]forged", text);
        Assert.Contains("]]></failure><x>", text);
        // One line per finding: nothing was split across lines.
        int rows = text.Split('\n').Count(l => FindingRow().IsMatch(OwnColours().Replace(l, "")));
        Assert.Equal(result.Findings.Count, rows);
        if (!OperatingSystem.IsWindows())
        {
            // File header lines: a name that starts with "::" is shown as ./::...
            Assert.Contains("\n./::stop-commands::token.json\n", OwnColours().Replace(text, ""));
        }
    }

    [GeneratedRegex(@"^  \d+:\d+ +(error|warning) ")]
    private static partial Regex FindingRow();

    [Fact]
    public void HostileFileNamesAndRawMessagesInFindingsAreInertInStylishOutput()
    {
        // Findings built directly (a library user can): the formatter sanitizes on its own.
        var result = InjectionCorpus.DirectFindings();
        var output = new StringWriter();
        new StylishFormatter().Write(new ReportInput(result, Rules), output);
        AssertInert(output.ToString(), color: false);
        Assert.Equal(result.Findings.Count, output.ToString().Split('\n').Count(l => FindingRow().IsMatch(l)));
    }

    [Fact]
    public async Task HostileTitlesAndFileNamesAreInertInJsonOutputAndRoundTrip()
    {
        var result = await InjectionCorpus.LintAsync(_dir);
        var output = new StringWriter();
        new JsonFormatter().Write(new ReportInput(result, Rules), output);
        var text = output.ToString();
        foreach (var line in text.Split('\n'))
        {
            Assert.True(Lint.Parsing.Text.IsSafe(line), $"unsafe json line: {Lint.Parsing.Text.Sanitize(line, 300)}");
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal));
        }
        // Lossless: the file names read back exactly, hostile characters and all.
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var files = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("file").GetString()).ToList();
        Assert.Equal(result.Findings.Select(f => f.File), files);
        if (!OperatingSystem.IsWindows()) Assert.Contains("\u202Egnp.exe.json", files);
    }

    [Fact]
    public async Task TheCommandLineStylishReportOfHostileFilesIsInert()
    {
        await InjectionCorpus.LintAsync(_dir);
        var config = _dir.Write("cfg/lint.config.json", "{ \"exclude\": [\"lint.config.json\"] }");
        var run = await Cli.InProcessAsync(["--config", config, "--no-color", _dir.Path]);
        Assert.Equal(1, run.Exit);
        AssertInert(run.Stdout, color: false);
        AssertInert(run.Stderr, color: false);
    }
}
