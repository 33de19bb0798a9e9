namespace Lint.Parsing;

/// <summary>
/// Maps positions inside the decoded value of one JSON string to byte offsets of the file, through escapes: a finding
/// about a place inside a string (an HTML tag in <c>contentHtml</c>, an attribute, a link) points at that exact
/// character of the file, whatever was escaped before it (<c>\"</c>, <c>\n</c>, <c>\u00e9</c>, a surrogate pair
/// <c>\ud83d\ude00</c>) and whatever raw UTF-8 text precedes it. Offsets go through <see cref="LineIndex"/> like any
/// other, so every output format and the language server see the same line and column.
/// </summary>
/// <remarks>
/// Indexes are UTF-16 code units of the decoded string (what <see cref="string"/> and HTML parsers count). Both units
/// of a surrogate pair map to the first byte of the character (or of its first <c>\u</c> escape, for the high unit, and
/// of its second escape, for the low unit). The index equal to the decoded length maps to the closing quote.
/// The map is built on first use and costs one <see cref="int"/> per decoded unit; a string without escapes and
/// without non-ASCII text needs no map at all.
/// </remarks>
public sealed class StringPositions
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int _contentStart;
    private readonly int _contentEnd;
    private int[]? _offsets;
    private bool _simple;
    private bool _built;

    /// <param name="bytes">The file's bytes.</param>
    /// <param name="span">The span of the string value, quotes included (as <see cref="PositionMap"/> gives it).</param>
    public StringPositions(byte[] bytes, NodeSpan span)
        : this(ArgumentNullExceptionGuard(bytes), span)
    {
    }

    private static ReadOnlyMemory<byte> ArgumentNullExceptionGuard(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes;
    }

    /// <param name="memory">The file's bytes (kept unchanged while this map is in use).</param>
    /// <param name="span">The span of the string value, quotes included.</param>
    internal StringPositions(ReadOnlyMemory<byte> memory, NodeSpan span)
    {
        var bytes = memory.Span;
        if (span.Length < 2 || span.Start < 0 || span.End > bytes.Length || bytes[span.Start] != (byte)'"' || bytes[span.End - 1] != (byte)'"')
            throw new ArgumentException("the span is not a JSON string", nameof(span));
        _bytes = memory;
        _contentStart = span.Start + 1;
        _contentEnd = span.End - 1;
    }

    /// <summary>The byte offset in the file of the decoded UTF-16 unit at <paramref name="index"/> (clamped to the string).</summary>
    public int OffsetOf(int index)
    {
        Build();
        if (index <= 0) return _contentStart;
        if (_simple) return Math.Min(_contentStart + index, _contentEnd);
        var offsets = _offsets!;
        return index >= offsets.Length ? _contentEnd : offsets[index];
    }

    private void Build()
    {
        if (_built) return;
        var bytes = _bytes.Span;
        var raw = bytes.Slice(_contentStart, _contentEnd - _contentStart);
        if (raw.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0 && raw.IndexOf((byte)'\\') < 0)
        {
            _simple = true;
            _built = true;
            return;
        }
        var offsets = new List<int>(raw.Length + 1);
        int i = _contentStart;
        while (i < _contentEnd)
        {
            byte b = bytes[i];
            if (b == (byte)'\\')
            {
                // A well-formed document (the strict parser has checked it): \X or \uXXXX, one UTF-16 unit each.
                offsets.Add(i);
                i += bytes[i + 1] == (byte)'u' ? 6 : 2;
            }
            else if (b < 0x80)
            {
                offsets.Add(i);
                i++;
            }
            else
            {
                int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                offsets.Add(i);
                if (length == 4) offsets.Add(i); // a character outside the BMP is two UTF-16 units
                i += length;
            }
        }
        _offsets = offsets.ToArray();
        _built = true;
    }
}
