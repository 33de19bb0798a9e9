using System.Text;
using Lint.Parsing;

namespace Lint.Tests.Engine;

public sealed class LineIndexTests
{
    /// <summary>
    /// Positions asked in increasing order are counted directly (each count going on from the last); a position before
    /// the last indexes every line start. All give the same line and column (code points) at every offset, with LF,
    /// CRLF, blank lines, multi-byte characters and no final newline.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("\n")]
    [InlineData("{\n  \"a\": \"é—😀\",\r\n\r\n  \"b\": [1,\n2]\n}")]
    [InlineData("\n\n\nx — y\n😀😀\nend")]
    public void DirectCountsAndTheIndexAgreeAtEveryOffset(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var indexed = new LineIndex(bytes);
        indexed.ToLineColumn(bytes.Length);
        indexed.ToLineColumn(0); // before the last position: the line starts are indexed from now on
        var increasing = new LineIndex(bytes);
        for (int offset = -1; offset <= bytes.Length + 1; offset++)
        {
            var expected = indexed.ToLineColumn(offset);
            Assert.Equal(expected, new LineIndex(bytes).ToLineColumn(offset));
            Assert.Equal(expected, increasing.ToLineColumn(offset));
            Assert.Equal(expected, increasing.ToLineColumn(offset)); // the same position twice
        }
        // And by hand: line = newlines before the offset + 1; column = code points since the line's start + 1.
        int last = bytes.Length;
        var prefix = Encoding.UTF8.GetString(bytes, 0, last);
        int line = prefix.Count(c => c == '\n') + 1;
        var tail = prefix[(prefix.LastIndexOf('\n') + 1)..];
        Assert.Equal((line, tail.EnumerateRunes().Count() + 1), new LineIndex(bytes).ToLineColumn(last));
    }
}
