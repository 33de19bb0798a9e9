using System.Text;

namespace Lint.Fixing;

/// <summary>The outcome of one application of fixes to a text.</summary>
/// <param name="Result">The bytes after the applied fixes (the input itself when none applied).</param>
/// <param name="Applied">The fixes that were applied, in the order given.</param>
/// <param name="Deferred">Fixes left for a later pass because they overlap or touch an applied one.</param>
/// <param name="Rejected">Fixes that can never apply: an edit outside the text, edits of one fix that overlap each other, or an edit that cuts a UTF-8 character.</param>
public sealed record FixApplication(byte[] Result, IReadOnlyList<Fix> Applied, IReadOnlyList<Fix> Deferred, IReadOnlyList<Fix> Rejected);

/// <summary>
/// Applies fixes to the bytes they were computed against. Pure: no parsing, no linting, no disk. A fix's edits apply
/// all together or not at all. Fixes are taken in the order given (report order); a fix whose edits overlap or touch
/// (share a boundary with) an edit already taken is deferred, so that the caller can re-lint and try again.
/// Everything outside the taken edits is copied byte for byte.
/// </summary>
public static class FixApplier
{
    /// <summary>Applies as many of <paramref name="fixes"/> to <paramref name="source"/> as do not conflict.</summary>
    /// <param name="source">The bytes the fixes' offsets refer to.</param>
    /// <param name="fixes">Fixes in priority order (the report order of their findings).</param>
    public static FixApplication Apply(byte[] source, IEnumerable<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fixes);
        var taken = new List<TextEdit>();
        var applied = new List<Fix>();
        var deferred = new List<Fix>();
        var rejected = new List<Fix>();
        foreach (var fix in fixes)
        {
            if (fix is null) continue;
            var edits = fix.Edits.OrderBy(e => e.Start).ThenBy(e => e.Length).ToList();
            if (edits.Count == 0 || !IsValid(source, edits))
            {
                rejected.Add(fix);
                continue;
            }
            if (edits.Any(e => taken.Any(t => Conflict(e, t))))
            {
                deferred.Add(fix);
                continue;
            }
            taken.AddRange(edits);
            applied.Add(fix);
        }
        if (taken.Count == 0) return new FixApplication(source, applied, deferred, rejected);
        taken.Sort((a, b) => a.Start.CompareTo(b.Start));
        using var output = new MemoryStream(source.Length + 64);
        int position = 0;
        foreach (var edit in taken)
        {
            output.Write(source, position, edit.Start - position);
            var bytes = Encoding.UTF8.GetBytes(edit.NewText);
            output.Write(bytes, 0, bytes.Length);
            position = edit.End;
        }
        output.Write(source, position, source.Length - position);
        return new FixApplication(output.ToArray(), applied, deferred, rejected);
    }

    /// <summary>Whether two edits overlap or touch: the closed ranges [Start, End] intersect.</summary>
    internal static bool Conflict(TextEdit a, TextEdit b) => a.Start <= b.End && b.Start <= a.End;

    private static bool IsValid(byte[] source, List<TextEdit> sortedEdits)
    {
        for (int i = 0; i < sortedEdits.Count; i++)
        {
            var e = sortedEdits[i];
            if (e.Start < 0 || e.Length < 0 || e.End > source.Length || e.NewText is null) return false;
            if (IsContinuationByte(source, e.Start) || IsContinuationByte(source, e.End)) return false;
            if (i > 0)
            {
                var previous = sortedEdits[i - 1];
                // Edits of one fix may be adjacent, but two insertions at one place have no defined order.
                if (e.Start < previous.End || (e.Start == previous.Start && (e.Length == 0 || previous.Length == 0))) return false;
            }
        }
        return true;
    }

    private static bool IsContinuationByte(byte[] source, int offset) =>
        offset < source.Length && (source[offset] & 0xC0) == 0x80;
}
