using System.Text;
using Lint.Editor;
using Lint.Parsing;

namespace Lint.Tests.Lsp;

/// <summary>Byte offsets to editor positions and back, in the three LSP position encodings.</summary>
public sealed class TextPositionsTests
{
    private static TextPositions Of(string text, PositionEncoding encoding) => new(Encoding.UTF8.GetBytes(text), encoding);

    [Theory]
    [InlineData(PositionEncoding.Utf16, 3)] // a, then the emoji's surrogate pair
    [InlineData(PositionEncoding.Utf8, 5)]  // a, then 4 bytes
    [InlineData(PositionEncoding.Utf32, 2)] // a, then one code point
    public void A_character_after_an_emoji_is_counted_in_the_negotiated_encoding(PositionEncoding encoding, int expected)
    {
        var positions = Of("a😀b", encoding);
        int offsetOfB = Encoding.UTF8.GetByteCount("a😀");
        Assert.Equal(new EditorPosition(0, expected), positions.ToPosition(offsetOfB));
        Assert.Equal(offsetOfB, positions.ToOffset(new EditorPosition(0, expected)));
    }

    [Fact]
    public void A_utf16_position_inside_a_surrogate_pair_lands_on_the_start_of_the_emoji()
    {
        var positions = Of("a😀b", PositionEncoding.Utf16);
        Assert.Equal(1, positions.ToOffset(new EditorPosition(0, 2)));
    }

    [Theory]
    [InlineData(PositionEncoding.Utf16, 1)]
    [InlineData(PositionEncoding.Utf8, 3)]
    [InlineData(PositionEncoding.Utf32, 1)]
    public void An_em_dash_is_one_utf16_unit_and_three_bytes(PositionEncoding encoding, int expected)
    {
        var positions = Of("—x", encoding);
        Assert.Equal(new EditorPosition(0, expected), positions.ToPosition(3));
    }

    [Fact]
    public void CRLF_belongs_to_the_line_ending_and_lines_break_after_it()
    {
        var positions = Of("ab\r\ncd\r\n", PositionEncoding.Utf16);
        Assert.Equal(new EditorPosition(0, 2), positions.ToPosition(2)); // the \r
        Assert.Equal(new EditorPosition(0, 2), positions.ToPosition(3)); // the \n: still the end of line 0
        Assert.Equal(new EditorPosition(1, 0), positions.ToPosition(4));
        Assert.Equal(new EditorPosition(2, 0), positions.ToPosition(8));
        Assert.Equal(3, positions.LineCount);
        // A character past the end of a line is clamped to its end, before the CR.
        Assert.Equal(2, positions.ToOffset(new EditorPosition(0, 40)));
        Assert.Equal(8, positions.ToOffset(new EditorPosition(9, 0)));
    }

    [Fact]
    public void A_lone_CR_ends_a_line_as_the_protocol_says()
    {
        var positions = Of("a\rb", PositionEncoding.Utf16);
        Assert.Equal(new EditorPosition(1, 0), positions.ToPosition(2));
        Assert.Equal(2, positions.ToOffset(new EditorPosition(1, 0)));
    }

    [Fact]
    public void Lint_line_and_code_point_column_map_to_the_byte_they_name()
    {
        // lint counts columns in code points: the 'x' after an em dash and an emoji on line 2 is column 3.
        var bytes = Encoding.UTF8.GetBytes("{\r\n\"—😀x\": 1}");
        var lines = new LineIndex(bytes);
        int offset = TextPositions.OffsetOfLintPosition(bytes, lines, 2, 4);
        Assert.Equal((byte)'x', bytes[offset]);
        Assert.Equal((2, 4), lines.ToLineColumn(offset));
        Assert.Equal(new EditorPosition(1, 4), new TextPositions(bytes, PositionEncoding.Utf16).ToPosition(offset));
        Assert.Equal(new EditorPosition(1, 8), new TextPositions(bytes, PositionEncoding.Utf8).ToPosition(offset));
        Assert.Equal(new EditorPosition(1, 3), new TextPositions(bytes, PositionEncoding.Utf32).ToPosition(offset));
    }

    [Fact]
    public void Invalid_utf8_bytes_count_one_character_each()
    {
        var bytes = new byte[] { (byte)'a', 0xFF, 0xC3, (byte)'b' };
        var positions = new TextPositions(bytes, PositionEncoding.Utf16);
        Assert.Equal(new EditorPosition(0, 3), positions.ToPosition(3));
        Assert.Equal(3, positions.ToOffset(new EditorPosition(0, 3)));
    }
}
