using System.Text;
using Lint.Parsing;

namespace Lint.Tests.Engine;

public sealed class PositionMapTests
{
    private const string Text = "{\n  \"t\": \"a — b\",\n  \"list\": [10, {\"a/b\": true}],\n  \"x~y\": null\n}";

    private static ParsedDocument Parse() => StrictJsonParser.Parse(Encoding.UTF8.GetBytes(Text)).Document!;

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("/t", 2, 8)]
    [InlineData("/list", 3, 11)]
    [InlineData("/list/0", 3, 12)]
    [InlineData("/list/1", 3, 16)]
    [InlineData("/list/1/a~1b", 3, 24)]
    [InlineData("/x~0y", 4, 10)]
    public void PointsAtTheStartOfTheNode(string pointer, int line, int column)
    {
        using var doc = Parse();
        Assert.True(doc.Positions.TryGet(pointer, out var span));
        Assert.Equal((line, column), doc.Lines.ToLineColumn(span.Start));
    }

    [Fact]
    public void SpansCoverExactlyTheValueAndKeysStartAtTheQuote()
    {
        using var doc = Parse();
        Assert.True(doc.Positions.TryGet("/t", out var t));
        Assert.Equal("\"a — b\"", Encoding.UTF8.GetString(doc.Bytes, t.Start, t.Length));
        Assert.Equal("\"t\"", Encoding.UTF8.GetString(doc.Bytes, t.KeyStart, 3));
        Assert.True(doc.Positions.TryGet("/list", out var list));
        Assert.Equal("[10, {\"a/b\": true}]", Encoding.UTF8.GetString(doc.Bytes, list.Start, list.Length));
        Assert.Equal(-1, doc.Positions.GetNearest("/list/0").KeyStart);
    }

    [Fact]
    public void MissingNodesFallBackToTheNearestAncestor()
    {
        using var doc = Parse();
        Assert.False(doc.Positions.TryGet("/list/1/missing", out _));
        Assert.True(doc.Positions.TryGet("/list/1", out var parent));
        Assert.Equal(parent, doc.Positions.GetNearest("/list/1/missing"));
    }

    [Fact]
    public void ColumnsCountCodePointsAndLinesAcceptCrLf()
    {
        var bytes = Encoding.UTF8.GetBytes("{\r\n\"é—😀\": 1,\r\n\"b\": 2}");
        var (doc, _, lines) = StrictJsonParser.Parse(bytes);
        using (doc)
        {
            Assert.True(doc!.Positions.TryGet("/é—😀", out var a));
            Assert.Equal((2, 8), lines.ToLineColumn(a.Start));
            Assert.True(doc.Positions.TryGet("/b", out var b));
            Assert.Equal((3, 6), lines.ToLineColumn(b.Start));
        }
    }

    [Theory]
    [InlineData("/record/sources/0/url", "record.sources[0].url")]
    [InlineData("", "the document")]
    [InlineData("/a.b/c", "[\"a.b\"].c")]
    [InlineData("/a~1b", "[\"a/b\"]")]
    public void DisplayPaths(string pointer, string display) => Assert.Equal(display, JsonPointer.ToDisplayPath(pointer));
}
