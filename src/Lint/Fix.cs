using Lint.Parsing;

namespace Lint;

/// <summary>A safe, automatic repair of a finding: a set of non-overlapping edits.</summary>
/// <param name="Description">What the fix does, in plain words.</param>
/// <param name="Edits">The edits, against the bytes of the file as it was linted (none for a cross-file fix).</param>
public sealed record Fix(string Description, IReadOnlyList<TextEdit> Edits)
{
    /// <summary>A fix made of a single edit.</summary>
    public static Fix Replace(string description, int start, int length, string newText) =>
        new(description, [new TextEdit(start, length, newText)]);

    /// <summary>
    /// The other file this fix changes, when it is a cross-file fix (the finding's own file is left as it is); null for
    /// an ordinary fix of the finding's file.
    /// </summary>
    public FixTarget? Target { get; init; }

    /// <summary>
    /// A fix that changes another file of the corpus: <paramref name="target"/> plans the edits against that file's
    /// content at the moment the fix is applied (after that file's own fixes of the same run), so they never rest on
    /// stale bytes. Only <c>--fix</c> writes it, atomically; <c>--fix-dry-run</c> shows it as a diff of that file.
    /// </summary>
    public static Fix CrossFile(string description, FixTarget target) => new(description, []) { Target = target };
}

/// <summary>The file a cross-file fix changes, and how.</summary>
/// <param name="FullPath">The full path of the file to change (a file of the corpus).</param>
/// <param name="DisplayPath">Its path as shown in reports.</param>
/// <param name="Plan">
/// Given the strict parse of the file's current content, the edits to make (none when nothing is left to do) or why
/// the fix cannot be made safely.
/// </param>
public sealed record FixTarget(string FullPath, string DisplayPath, Func<ParsedDocument, CrossFilePlan> Plan);

/// <summary>The edits a cross-file fix makes to its target, or why it cannot.</summary>
/// <param name="Edits">The edits, against the bytes of the parse the plan was given.</param>
/// <param name="Refusal">Why the fix is not made (plain words), or null.</param>
public sealed record CrossFilePlan(IReadOnlyList<TextEdit> Edits, string? Refusal = null)
{
    /// <summary>A plan that refuses, saying why.</summary>
    public static CrossFilePlan Refuse(string reason) => new([], reason);
}
