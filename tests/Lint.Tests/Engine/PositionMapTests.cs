using System.Text;
using System.Text.Json;
using CsCheck;
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

    /// <summary>
    /// The two ways a pointer is resolved give the same answer: the walk of the parsed tree (used when no name is
    /// repeated) and the token pass that maps every node. Checked on every node of the example records and of random
    /// documents (escaped and non-ASCII names, empty names, nesting), and on pointers that name nothing.
    /// </summary>
    [Fact]
    public void WalkingTheTreeGivesTheSameSpansAsTheTokenMap()
    {
        foreach (var file in Directory.GetFiles(TestSupport.Incidents.ExamplesDirectory, "*.json"))
            AssertSameAnswers(File.ReadAllBytes(file));
        AssertSameAnswers(Encoding.UTF8.GetBytes(Text));
        AssertSameAnswers(Encoding.UTF8.GetBytes("{\"\": {\"\": [\"\", {\"~\": 1, \"/\": 2, \"~1\": 3}]}, \"a\\u0062\": \"\\\"x\\n\"}"));
        AssertSameAnswers(Encoding.UTF8.GetBytes("  [ 1 , -0.5e3 , \"é\" , [ ] , { } ]  "));
        AssertSameAnswers(Encoding.UTF8.GetBytes("\"just a string\""));
        Gen.Int[0, int.MaxValue].Sample(seed => AssertSameAnswers(Encoding.UTF8.GetBytes(RandomJson(new Random(seed), 0))), iter: 500);
    }

    private static readonly string[] Leaves = ["0", "1", "-2.5e10", "true", "false", "null", "\"\"", "\"s\"", "\"x — y\"", "\"\\u00e9\\\"\""];
    private static readonly string[] Names = ["a", "", "a/b", "~", "~0", "é", "a\\u0062", "\\\"q", "10", "0"];

    /// <summary>A random JSON value up to four levels deep whose objects never repeat a (decoded) name.</summary>
    private static string RandomJson(Random random, int depth)
    {
        int kind = depth >= 4 ? 0 : random.Next(3);
        if (kind == 0) return Leaves[random.Next(Leaves.Length)];
        int count = random.Next(5);
        if (kind == 1) return "[" + string.Join(", ", Enumerable.Range(0, count).Select(_ => RandomJson(random, depth + 1))) + "]";
        var names = Enumerable.Range(0, count).Select(_ => Names[random.Next(Names.Length)])
            .DistinctBy(n => JsonDocument.Parse("\"" + n + "\"").RootElement.GetString());
        return "{" + string.Join(",\n ", names.Select(n => $"\"{n}\": {RandomJson(random, depth + 1)}")) + "}";
    }

    private static void AssertSameAnswers(byte[] bytes)
    {
        var (doc, error, _) = StrictJsonParser.Parse(bytes);
        Assert.Null(error);
        using (doc)
        {
            Assert.Empty(doc!.DuplicateKeys);
            // A second map over the same bytes that never walks the tree: the token pass is the reference.
            var reference = new PositionMap(bytes, 0).AllNodes();
            foreach (var (pointer, span) in reference)
            {
                Assert.True(doc.Positions.TryGet(pointer, out var walked), pointer);
                Assert.Equal(span, walked);
                foreach (var absent in new[] { pointer + "/zz", pointer + "/01", pointer + "/-1", pointer + "/~2", pointer + "/~", pointer + "/99" })
                    Assert.Equal(reference.ContainsKey(absent), doc.Positions.TryGet(absent, out _));
            }
            Assert.False(doc.Positions.TryGet("no-slash", out _));
        }
    }
}
