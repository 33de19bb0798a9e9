namespace Lint.Parsing;

/// <summary>Maps byte offsets of a UTF-8 text to 1-based line and column (column counted in Unicode code points).</summary>
public sealed class LineIndex
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private int[]? _lineStarts;

    /// <summary>Indexes the line starts of <paramref name="bytes"/> (on first use: a clean file never needs them). Lines end at <c>\n</c>; a <c>\r</c> before it belongs to the line ending.</summary>
    public LineIndex(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    private int[] LineStarts => _lineStarts ??= Index(_bytes);

    private static int[] Index(ReadOnlyMemory<byte> bytes)
    {
        var starts = new List<int> { 0 };
        var span = bytes.Span;
        int i = 0;
        while (true)
        {
            int n = span.Slice(i).IndexOf((byte)'\n');
            if (n < 0) break;
            i += n + 1;
            starts.Add(i);
        }
        return starts.ToArray();
    }

    /// <summary>The byte offset where 0-based line <paramref name="line"/> starts.</summary>
    public int LineStart(int line) => LineStarts[Math.Clamp(line, 0, LineStarts.Length - 1)];

    /// <summary>1-based (line, column) of a byte offset.</summary>
    public (int Line, int Column) ToLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, _bytes.Length);
        var lineStarts = LineStarts;
        int idx = Array.BinarySearch(lineStarts, offset);
        if (idx < 0) idx = ~idx - 1;
        int start = lineStarts[idx];
        var span = _bytes.Span.Slice(start, offset - start);
        int column = 1;
        foreach (var b in span)
        {
            if ((b & 0xC0) != 0x80) column++;
        }
        return (idx + 1, column);
    }
}
