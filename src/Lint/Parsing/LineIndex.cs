namespace Lint.Parsing;

/// <summary>Maps byte offsets of a UTF-8 text to 1-based line and column (column counted in Unicode code points).</summary>
public sealed class LineIndex
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private int[]? _lineStarts;
    // The last position counted directly: while positions are asked in increasing order (a clean file asks for its
    // slug and its references, in document order), each count starts where the previous one ended, so the file is
    // scanned at most once and no line is indexed. A position before the last one indexes every line.
    private int _countedTo;
    private int _countedLines;

    /// <summary>Indexes the line starts of <paramref name="bytes"/> (on first use: a clean file never needs them). Lines end at <c>\n</c>; a <c>\r</c> before it belongs to the line ending.</summary>
    public LineIndex(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    private int[] LineStarts => _lineStarts ??= Index(_bytes);

    private static int[] Index(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        // Counted first (vectorized), so the starts go straight into an array of the right size.
        var starts = new int[span.Count((byte)'\n') + 1];
        int i = 0, line = 1;
        while (line < starts.Length)
        {
            i += span.Slice(i).IndexOf((byte)'\n') + 1;
            starts[line++] = i;
        }
        return starts;
    }

    /// <summary>The byte offset where 0-based line <paramref name="line"/> starts.</summary>
    public int LineStart(int line) => LineStarts[Math.Clamp(line, 0, LineStarts.Length - 1)];

    /// <summary>1-based (line, column) of a byte offset.</summary>
    public (int Line, int Column) ToLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, _bytes.Length);
        int idx, start;
        if (_lineStarts is null && offset >= _countedTo)
        {
            var between = _bytes.Span[_countedTo..offset];
            _countedLines += between.Count((byte)'\n');
            _countedTo = offset;
            idx = _countedLines;
            start = _bytes.Span[..offset].LastIndexOf((byte)'\n') + 1;
        }
        else
        {
            var lineStarts = LineStarts;
            idx = Array.BinarySearch(lineStarts, offset);
            if (idx < 0) idx = ~idx - 1;
            start = lineStarts[idx];
        }
        var span = _bytes.Span.Slice(start, offset - start);
        int column = 1;
        foreach (var b in span)
        {
            if ((b & 0xC0) != 0x80) column++;
        }
        return (idx + 1, column);
    }
}
