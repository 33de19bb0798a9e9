using System.Text;
using Lint.Parsing;

namespace Lint.Tests.Engine;

public sealed class LineIndexTests
{
    /// <summary>
    /// The first positions of a file are counted directly and later ones through the index of line starts: both give the
    /// same line and column (code points) at every offset, with LF, CRLF, blank lines, multi-byte characters and no
    /// final newline.
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
        for (int i = 0; i < 16; i++) indexed.ToLineColumn(0); // past the direct queries: the line starts are indexed
        for (int offset = -1; offset <= bytes.Length + 1; offset++)
        {
            var direct = new LineIndex(bytes).ToLineColumn(offset);
            Assert.Equal(indexed.ToLineColumn(offset), direct);
        }
        // And by hand: line = newlines before the offset + 1; column = code points since the line's start + 1.
        int last = bytes.Length;
        var prefix = Encoding.UTF8.GetString(bytes, 0, last);
        int line = prefix.Count(c => c == '\n') + 1;
        var tail = prefix[(prefix.LastIndexOf('\n') + 1)..];
        Assert.Equal((line, tail.EnumerateRunes().Count() + 1), new LineIndex(bytes).ToLineColumn(last));
    }
}
