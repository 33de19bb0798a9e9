namespace Lint;

/// <summary>A safe, automatic repair of a finding: a set of non-overlapping edits.</summary>
/// <param name="Description">What the fix does, in plain words.</param>
/// <param name="Edits">The edits, against the bytes of the file as it was linted.</param>
public sealed record Fix(string Description, IReadOnlyList<TextEdit> Edits)
{
    /// <summary>A fix made of a single edit.</summary>
    public static Fix Replace(string description, int start, int length, string newText) =>
        new(description, [new TextEdit(start, length, newText)]);
}
