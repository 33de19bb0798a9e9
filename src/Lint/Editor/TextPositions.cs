using Lint.Parsing;

namespace Lint.Editor;

/// <summary>How an editor counts the characters of a line (LSP <c>positionEncoding</c>).</summary>
public enum PositionEncoding
{
    /// <summary>UTF-16 code units: the LSP default (a character outside the BMP, such as most emoji, counts 2).</summary>
    Utf16 = 0,
    /// <summary>UTF-8 bytes.</summary>
    Utf8 = 1,
    /// <summary>Unicode code points (what lint's own columns count).</summary>
    Utf32 = 2,
}

/// <summary>A 0-based line and character offset in some <see cref="PositionEncoding"/>, as editors count them.</summary>
public readonly record struct EditorPosition(int Line, int Character);

/// <summary>A range between two <see cref="EditorPosition"/>s (end exclusive).</summary>
public readonly record struct EditorRange(EditorPosition Start, EditorPosition End);

/// <summary>
/// Converts between byte offsets of a UTF-8 text and editor positions. Lines end at <c>\n</c>, <c>\r\n</c> or a lone
/// <c>\r</c>, as the Language Server Protocol says; a position past the end of its line is clamped to the line's end.
/// Bytes that are not valid UTF-8 count as one character each (an editor shows each as U+FFFD).
/// </summary>
public sealed class TextPositions
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly PositionEncoding _encoding;
    private int[]? _lineStarts;

    /// <summary>Indexes <paramref name="bytes"/> for <paramref name="encoding"/> (line starts are found on first use).</summary>
    public TextPositions(ReadOnlyMemory<byte> bytes, PositionEncoding encoding)
    {
        _bytes = bytes;
        _encoding = encoding;
    }

    /// <summary>The encoding positions are counted in.</summary>
    public PositionEncoding Encoding => _encoding;

    private int[] LineStarts => _lineStarts ??= IndexLines(_bytes.Span);

    private static int[] IndexLines(ReadOnlySpan<byte> span)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < span.Length; i++)
        {
            byte b = span[i];
            if (b == (byte)'\n') starts.Add(i + 1);
            else if (b == (byte)'\r')
            {
                if (i + 1 < span.Length && span[i + 1] == (byte)'\n') i++;
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }

    /// <summary>Number of lines (a text ending with a line break has an empty last line).</summary>
    public int LineCount => LineStarts.Length;

    /// <summary>The byte offset just past the last character of 0-based line <paramref name="line"/>, before its line break.</summary>
    private int LineContentEnd(int line)
    {
        var starts = LineStarts;
        var span = _bytes.Span;
        int end = line + 1 < starts.Length ? starts[line + 1] : span.Length;
        if (end > starts[line] && span[end - 1] == (byte)'\n') end--;
        if (end > starts[line] && span[end - 1] == (byte)'\r') end--;
        return end;
    }

    /// <summary>The editor position of a byte offset (clamped to the text; an offset inside a character is moved to its start).</summary>
    public EditorPosition ToPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _bytes.Length);
        var starts = LineStarts;
        int line = Array.BinarySearch(starts, offset);
        if (line < 0) line = ~line - 1;
        int end = Math.Min(offset, LineContentEnd(line));
        return new EditorPosition(line, Count(_bytes.Span[starts[line]..end]));
    }

    /// <summary>The byte offset of an editor position; a character past the line's end (or a line past the text's end) is clamped.</summary>
    public int ToOffset(EditorPosition position)
    {
        var starts = LineStarts;
        if (position.Line < 0) return 0;
        if (position.Line >= starts.Length) return _bytes.Length;
        int start = starts[position.Line];
        int end = LineContentEnd(position.Line);
        var span = _bytes.Span;
        int units = 0, i = start;
        while (i < end && units < position.Character)
        {
            int length = SequenceLength(span, i, end);
            units += UnitsOf(span, i, length);
            if (units > position.Character) break; // inside a surrogate pair: stay at the character's start
            i += length;
        }
        return i;
    }

    /// <summary>The editor range of the bytes <paramref name="start"/> to <paramref name="end"/>.</summary>
    public EditorRange ToRange(int start, int end) => new(ToPosition(start), ToPosition(Math.Max(start, end)));

    /// <summary>
    /// The byte offset of lint's 1-based <paramref name="line"/> and <paramref name="column"/> (code points), as a
    /// <see cref="Finding"/> carries them; lines are counted exactly as lint counts them (<see cref="LineIndex"/>).
    /// </summary>
    public static int OffsetOfLintPosition(ReadOnlySpan<byte> bytes, LineIndex lines, int line, int column)
    {
        int i = lines.LineStart(line - 1);
        for (int c = 1; c < column && i < bytes.Length; c++)
        {
            if (bytes[i] is (byte)'\n' or (byte)'\r') break;
            i += SequenceLength(bytes, i, bytes.Length);
        }
        return Math.Min(i, bytes.Length);
    }

    /// <summary>Characters of <paramref name="span"/> in this encoding.</summary>
    private int Count(ReadOnlySpan<byte> span)
    {
        if (_encoding == PositionEncoding.Utf8) return span.Length;
        int units = 0;
        for (int i = 0; i < span.Length;)
        {
            int length = SequenceLength(span, i, span.Length);
            units += UnitsOf(span, i, length);
            i += length;
        }
        return units;
    }

    private int UnitsOf(ReadOnlySpan<byte> span, int i, int length) => _encoding switch
    {
        PositionEncoding.Utf8 => length,
        // A four-byte sequence is a code point outside the BMP: a surrogate pair in UTF-16.
        PositionEncoding.Utf16 => length == 4 ? 2 : 1,
        _ => 1,
    };

    /// <summary>The length of the well-formed UTF-8 sequence at <paramref name="i"/>, or 1 for an invalid byte.</summary>
    internal static int SequenceLength(ReadOnlySpan<byte> span, int i, int end)
    {
        byte b = span[i];
        int length = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 1;
        if (length == 1 || i + length > end) return 1;
        for (int k = 1; k < length; k++)
        {
            if ((span[i + k] & 0xC0) != 0x80) return 1;
        }
        return length;
    }
}
