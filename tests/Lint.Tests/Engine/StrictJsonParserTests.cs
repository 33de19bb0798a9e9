using System.Text;
using Lint.Parsing;

namespace Lint.Tests.Engine;

public sealed class StrictJsonParserTests
{
    private static (int Line, int Column, string Message) Error(string text) => Error(Encoding.UTF8.GetBytes(text));

    private static (int Line, int Column, string Message) Error(byte[] bytes)
    {
        var (doc, error, lines) = StrictJsonParser.Parse(bytes);
        Assert.Null(doc);
        Assert.NotNull(error);
        var (l, c) = lines.ToLineColumn(error!.Offset);
        return (l, c, error.Message);
    }

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9, "trailing commas are not allowed in JSON")]
    [InlineData("{\n  // note\n  \"a\": 1\n}", 2, 3, "comments are not allowed in JSON")]
    [InlineData("{\"a\": 1 /* x */}", 1, 9, "comments are not allowed in JSON")]
    [InlineData("{} {}", 1, 4, "unexpected content after the JSON value")]
    [InlineData("{\"a\": [1, 2", 1, 12, "unexpected end of file; the JSON is incomplete")]
    [InlineData("", 1, 1, "the file is empty; expected a JSON object")]
    [InlineData(" \n\t ", 1, 1, "the file holds only whitespace; expected a JSON object")]
    public void RejectsWhatRfc8259Rejects(string text, int line, int column, string message)
    {
        var (l, c, m) = Error(text);
        Assert.Equal((line, column, message), (l, c, m));
    }

    [Fact]
    public void RejectsInvalidUtf8AtTheBadByte()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"a\": \"é x\"\n}").ToList();
        int at = bytes.IndexOf((byte)'x');
        bytes[at] = 0xFF;
        var (l, c, m) = Error(bytes.ToArray());
        Assert.Equal((2, 11), (l, c)); // columns count code points: é is one column
        Assert.Contains("not valid UTF-8", m);
    }

    [Fact]
    public void RejectsAByteOrderMark()
    {
        var (_, _, m) = Error([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']);
        Assert.Contains("byte order mark", m);
    }

    [Fact]
    public void LimitsNestingDepthWithoutRecursion()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var (_, _, m) = Error(deep);
        Assert.Contains($"nested more than {StrictJsonParser.MaxDepth} levels", m);
    }

    [Fact]
    public void CollectsDuplicateKeysWithTheirPointerAndBothPositions()
    {
        var text = "{\"a\": {\"x\": 1, \"y~/\": 2, \"y~/\": 3}, \"b\": [{\"k\": 1, \"k\": 2}]}";
        var (doc, error, lines) = StrictJsonParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Null(error);
        using (doc)
        {
            Assert.Equal(["/a/y~0~1", "/b/0/k"], doc!.DuplicateKeys.Select(d => d.Pointer));
            var first = doc.DuplicateKeys[0];
            Assert.Equal(text.IndexOf("\"y~/\": 3", StringComparison.Ordinal), first.Offset);
            Assert.Equal(text.IndexOf("\"y~/\"", StringComparison.Ordinal), first.FirstOffset);
        }
    }

    [Theory]
    [InlineData(10, 9)]
    [InlineData(200, 150)]
    [InlineData(200, 0)]
    public void FindsARepeatedKeyInSmallAndLargeObjects(int properties, int repeated)
    {
        var text = "{" + string.Join(", ", Enumerable.Range(0, properties).Select(i => $"\"k{i}\": {i}")) + $", \"k{repeated}\": -1}}";
        var (doc, error, _) = StrictJsonParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Null(error);
        using (doc) Assert.Equal([$"/k{repeated}"], doc!.DuplicateKeys.Select(d => d.Pointer));
    }

    [Fact]
    public void AnEscapedNameRepeatsItsPlainSpelling()
    {
        var (doc, _, _) = StrictJsonParser.Parse(Encoding.UTF8.GetBytes("{\"nested\": [{\"a\": 1, \"\\u0061\": 2}]}"));
        using (doc) Assert.Equal(["/nested/0/a"], doc!.DuplicateKeys.Select(d => d.Pointer));
    }

    [Fact]
    public void DistinctKeysAndEscapedValuesAreNotDuplicates()
    {
        var text = "{\"a\": \"x \\\" \\u2014 y\", \"b\": {\"a\": 1}, \"c\": [{\"a\": 1}, {\"a\": 2}]}";
        var (doc, error, _) = StrictJsonParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Null(error);
        using (doc) Assert.Empty(doc!.DuplicateKeys);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    public void NamesOfNestedObjectsAreComparedWithinTheirOwnObjectOnly(int properties)
    {
        // Each level repeats its parent's names (not a duplicate); only the innermost object repeats one of its own.
        string Keys(string inner) => string.Join(", ", Enumerable.Range(0, properties).Select(i => $"\"k{i}\": {(i == 1 ? inner : i.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        var text = "{" + Keys("{" + Keys("{\"k0\": 1, \"z\": 2, \"k0\": 3}") + "}") + "}";
        var (doc, error, _) = StrictJsonParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Null(error);
        using (doc) Assert.Equal(["/k1/k1/k0"], doc!.DuplicateKeys.Select(d => d.Pointer));
    }
}
