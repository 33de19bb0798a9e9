using System.Globalization;
using System.Text;
using Lint.Parsing;

namespace Lint.Tests.Engine;

/// <summary>Positions inside decoded JSON strings map to the exact character of the file, through escapes.</summary>
public sealed class StringPositionsTests
{
    private static ParsedDocument Parse(string json) => StrictJsonParser.Parse(Encoding.UTF8.GetBytes(json)).Document!;

    [Theory]
    // The target "<x" after each kind of escape and raw non-ASCII text.
    [InlineData("{\"s\": \"<x\"}", 1, 8)]
    [InlineData("{\"s\": \"a\\\"b<x\"}", 1, 12)]                       // \"
    [InlineData("{\"s\": \"a\\nb\\tc\\\\d\\/<x\"}", 1, 20)]             // \n \t \\ \/
    [InlineData("{\"s\": \"\\u00e9\\u00E9<x\"}", 1, 20)]                // \u00e9 twice
    [InlineData("{\"s\": \"\\ud83d\\ude00<x\"}", 1, 20)]                // an escaped surrogate pair
    [InlineData("{\"s\": \"é—😀<x\"}", 1, 11)]                          // raw UTF-8: columns count code points
    [InlineData("{\r\n  \"s\": \"é\\r\\n<x\"\r\n}", 2, 14)]             // CRLF file, escaped CRLF in the value
    [InlineData("{\"a\":1,\"s\":\"\\\"\\u003cp\\u003e<x\"}", 1, 28)]     // minified, escaped markup before the target
    public void TheTargetIsFoundAtItsPlaceInTheFile(string json, int line, int column)
    {
        using var doc = Parse(json);
        string decoded = doc.Root.GetProperty("s").GetString()!;
        int index = decoded.IndexOf("<x", StringComparison.Ordinal);
        int offset = doc.OffsetInString("/s", index);
        Assert.Equal((line, column), doc.Lines.ToLineColumn(offset));
        Assert.Equal((byte)'<', doc.Bytes[offset]);
    }

    [Fact]
    public void TheEndOfTheStringIsTheClosingQuoteAndANonStringIsTheNode()
    {
        using var doc = Parse("{\"s\": \"a\\u00e9\", \"n\": 12}");
        Assert.Equal((byte)'"', doc.Bytes[doc.OffsetInString("/s", 2)]);
        Assert.Equal(doc.OffsetInString("/s", 2), doc.OffsetInString("/s", 99));
        Assert.Equal(doc.OffsetOf("/n"), doc.OffsetInString("/n", 1));
        Assert.Equal(doc.OffsetOf("/missing"), doc.OffsetInString("/missing", 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void EveryUnitOfARandomlyEscapedStringMapsToTheByteThatWroteIt(int seed)
    {
        // Writes random text with a random choice of escape per character, recording where each UTF-16 unit was written.
        var random = new Random(seed);
        var json = new StringBuilder("{\"k\": \"");
        var expected = new List<int>();
        var units = new StringBuilder();
        int ByteOffset() => Encoding.UTF8.GetByteCount(json.ToString());
        string[] samples = ["a", "<", "\"", "\\", "/", "\n", "\r", "\t", "é", "—", "😀", "\u2028", "&", " "];
        for (int i = 0; i < 200; i++)
        {
            string c = samples[random.Next(samples.Length)];
            int mode = random.Next(3);
            if (c.Length == 2 && mode == 2)
            {
                // Surrogate pair as two \u escapes: each unit maps to its own escape.
                expected.Add(ByteOffset());
                json.Append("\\u").Append(((int)c[0]).ToString("x4", CultureInfo.InvariantCulture));
                expected.Add(ByteOffset());
                json.Append("\\u").Append(((int)c[1]).ToString("X4", CultureInfo.InvariantCulture));
            }
            else if (mode == 2 || c is "\"" or "\\" or "\n" or "\r" or "\t")
            {
                expected.Add(ByteOffset());
                json.Append(c switch
                {
                    "\"" => "\\\"", "\\" => "\\\\", "\n" => "\\n", "\r" => "\\r", "\t" => "\\t", "/" when mode == 1 => "\\/",
                    _ => "\\u" + ((int)c[0]).ToString("x4", CultureInfo.InvariantCulture),
                });
            }
            else
            {
                int at = ByteOffset();
                foreach (var _ in c) expected.Add(at);
                json.Append(c);
            }
            units.Append(c);
        }
        int close = ByteOffset();
        json.Append("\"}");
        using var doc = Parse(json.ToString());
        Assert.Equal(units.ToString(), doc.Root.GetProperty("k").GetString());
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected[i] == doc.OffsetInString("/k", i), $"unit {i}: expected byte {expected[i]}, got {doc.OffsetInString("/k", i)}");
        Assert.Equal(close, doc.OffsetInString("/k", expected.Count));
    }
}
