namespace Lint.Parsing;

/// <summary>Maps byte offsets of a UTF-8 text to 1-based line and column (column counted in Unicode code points).</summary>
public sealed class LineIndex
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private int[]? _lineStarts;
    private int _directQueries;

    /// <summary>How many positions are counted directly before the line starts are indexed.</summary>
    private const int DirectQueries = 8;

    /// <summary>
    /// Indexes the line starts of <paramref name="bytes"/> (on first use: a clean file never needs them). A line ends at
    /// <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c> (the three line endings JSON's whitespace allows, as editors count
    /// them), so a file saved with classic Mac line endings gets the same line numbers as its LF copy.
    /// </summary>
    public LineIndex(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    private int[] LineStarts => _lineStarts ??= Index(_bytes);

    private static int[] Index(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (span.IndexOf((byte)'\r') < 0)
        {
            // Only \n (most files): counted first (vectorized), so the starts go straight into an array of the right size.
            var starts = new int[span.Count((byte)'\n') + 1];
            int i = 0, line = 1;
            while (line < starts.Length)
            {
                i += span.Slice(i).IndexOf((byte)'\n') + 1;
                starts[line++] = i;
            }
            return starts;
        }
        var list = new List<int> { 0 };
        for (int i = 0; ;)
        {
            int n = span.Slice(i).IndexOfAny((byte)'\n', (byte)'\r');
            if (n < 0) break;
            i += n;
            // \r\n is one line ending.
            i += span[i] == (byte)'\r' && i + 1 < span.Length && span[i + 1] == (byte)'\n' ? 2 : 1;
            list.Add(i);
        }
        return list.ToArray();
    }

    /// <summary>
    /// The byte offset where 0-based line <paramref name="line"/> starts, counting only <c>\n</c> as a line ending:
    /// how System.Text.Json numbers the lines of its errors (<see cref="System.Text.Json.JsonException.LineNumber"/>).
    /// </summary>
    public int NewlineLineStart(int line)
    {
        var span = _bytes.Span;
        int i = 0;
        for (int l = 0; l < line; l++)
        {
            int n = span.Slice(i).IndexOf((byte)'\n');
            if (n < 0) return span.Length;
            i += n + 1;
        }
        return i;
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
            if (before.Contains((byte)'\r'))
            {
                // A lone \r ends a line too (\r\n is one ending); a \r whose \n is at the offset has not ended its line yet.
                var counted = before[^1] == (byte)'\r' && offset < _bytes.Length && _bytes.Span[offset] == (byte)'\n' ? before[..^1] : before;
                idx = counted.Count((byte)'\n') + counted.Count((byte)'\r') - counted.Count("\r\n"u8);
                start = Math.Max(counted.LastIndexOf((byte)'\n'), counted.LastIndexOf((byte)'\r')) + 1;
            }
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
