using System.Text;
using Lint.Config;
using Lint.Parsing;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Engine;

/// <summary>Line numbers are the same whatever line endings a file uses: LF, CRLF or classic Mac CR-only.</summary>
public sealed class LineEndingTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void LinesEndAtEveryLineEnding(string eol)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join(eol, "{", "  \"a\": 1,", "  \"b\": [", "    true", "  ]", "}"));
        using var doc = StrictJsonParser.Parse(bytes).Document!;
        Assert.True(doc.Positions.TryGet("/b/0", out var span));
        Assert.Equal((4, 5), doc.Lines.ToLineColumn(span.Start));
        Assert.True(doc.Positions.TryGet("/a", out var a));
        Assert.Equal((2, 8), doc.Lines.ToLineColumn(a.Start));
    }

    [Fact]
    public void EveryOffsetOfACrOnlyTextHasThePositionOfItsLfCopyCountedDirectlyOrIndexed()
    {
        var lf = Encoding.UTF8.GetBytes("{\n  \"a\": \"é\",\n\n  \"b\": [1,\n 2]\n}\n");
        var cr = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(lf).Replace('\n', '\r'));
        var lfLines = new LineIndex(lf);
        var crLines = new LineIndex(cr);
        // The first queries are counted directly, the later ones through the index of line starts: both agree.
        for (int round = 0; round < 2; round++)
            for (int offset = 0; offset <= lf.Length; offset++)
                Assert.Equal(lfLines.ToLineColumn(offset), crLines.ToLineColumn(offset));
    }

    [Fact]
    public void ASyntaxErrorInACrOnlyFileIsReportedOnItsLine()
    {
        // System.Text.Json counts only \n; the error still lands where an editor shows it.
        var bytes = Encoding.UTF8.GetBytes("{\r  \"a\": 1,\r  \"b\": tru\r}\r");
        var (_, error, lines) = StrictJsonParser.Parse(bytes);
        Assert.NotNull(error);
        Assert.Equal(3, lines.ToLineColumn(error!.Offset).Line);
        var lf = Encoding.UTF8.GetBytes("{\n  \"a\": 1,\n  \"b\": tru\n}\n");
        var (_, lfError, lfLines) = StrictJsonParser.Parse(lf);
        Assert.Equal(lfLines.ToLineColumn(lfError!.Offset), lines.ToLineColumn(error.Offset));
    }

    [Fact]
    public async Task FindingsInACrOnlyIncidentFileHaveTheLineNumbersOfItsLfCopy()
    {
        using var temp = new TempDir();
        var doc = Incidents.Valid("cr-only");
        doc["record"]!["sourceCount"] = 99;
        var lf = Incidents.ToText(doc).ReplaceLineEndings("\n");
        temp.Write("lf/cr-only.json", lf);
        temp.Write("cr/cr-only.json", lf.Replace("\n", "\r", StringComparison.Ordinal));
        var linter = new Linter(new LintOptions { WorkingDirectory = temp.Path, Config = LintConfig.Defaults(temp.Path) with { Include = ["cr/*.json"] } });
        var cr = await linter.LintAsync(["cr/cr-only.json"]);
        var linterLf = new Linter(new LintOptions { WorkingDirectory = temp.Path, Config = LintConfig.Defaults(temp.Path) with { Include = ["lf/*.json"] } });
        var expected = await linterLf.LintAsync(["lf/cr-only.json"]);
        // source-count, and related-exists from the corpus index (which reads positions too).
        Assert.Equal(["source-count", "related-exists", "related-exists"], cr.Findings.Select(f => f.RuleId));
        Assert.All(cr.Findings, f => Assert.True(f.Line > 30, $"{f.RuleId} reported on line {f.Line}"));
        Assert.Equal(expected.Findings.Select(f => (f.RuleId, f.Line, f.Column)), cr.Findings.Select(f => (f.RuleId, f.Line, f.Column)));
    }
}
