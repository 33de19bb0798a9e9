namespace Lint;

/// <summary>One replacement in the UTF-8 bytes of a file: <paramref name="Length"/> bytes at <paramref name="Start"/> become <paramref name="NewText"/>.</summary>
/// <param name="Start">Byte offset into the file.</param>
/// <param name="Length">Number of bytes replaced.</param>
/// <param name="NewText">The replacement text (written as UTF-8).</param>
public sealed record TextEdit(int Start, int Length, string NewText)
{
    /// <summary>The first byte after the replaced range.</summary>
    public int End => Start + Length;
}
