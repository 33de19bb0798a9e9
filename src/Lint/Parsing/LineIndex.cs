namespace Lint.Parsing;

/// <summary>Maps byte offsets of a UTF-8 text to 1-based line and column (column counted in Unicode code points).</summary>
public sealed class LineIndex
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private int[]? _lineStarts;
    private int _directQueries;

    /// <summary>How many positions are counted directly before the line starts are indexed.</summary>
    private const int DirectQueries = 8;

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
        if (_lineStarts is null && _directQueries < DirectQueries)
        {
            // The first few positions of a file (a clean file asks for its slug and its references only) are counted
            // directly, without indexing every line.
            _directQueries++;
            var before = _bytes.Span[..offset];
            idx = before.Count((byte)'\n');
            start = before.LastIndexOf((byte)'\n') + 1;
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
