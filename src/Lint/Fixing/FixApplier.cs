using System.Text;

namespace Lint.Fixing;

/// <summary>The outcome of one application of fixes to a text.</summary>
/// <param name="Result">The bytes after the applied fixes (the input itself when none applied).</param>
/// <param name="Applied">The fixes that were applied, in the order given.</param>
/// <param name="Deferred">Fixes left for a later pass because they conflict with an applied one (see <see cref="FixApplier"/>).</param>
/// <param name="Rejected">Fixes that can never apply: an edit outside the text, edits of one fix that overlap each other, or an edit that cuts a UTF-8 character.</param>
public sealed record FixApplication(byte[] Result, IReadOnlyList<Fix> Applied, IReadOnlyList<Fix> Deferred, IReadOnlyList<Fix> Rejected);

/// <summary>
/// Applies fixes to the bytes they were computed against. Pure: no parsing, no linting, no disk. A fix's edits apply
/// all together or not at all. Fixes are taken in the order given (report order); a fix whose edits replace a byte that
/// an edit already taken replaces, or insert where one replaces or inserts (see <see cref="Conflict"/>), is deferred,
/// so that the caller can re-lint and try again.
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
        // What is taken, as bit sets over the source: replaced bytes, and insertion points. Checking an edit costs its
        // length / 64 word reads, so a pass is linear in the size of the edits, however many there are (a quadratic
        // check against every taken edit took minutes for 200,000 repeated tags).
        var takenBytes = new BitSet(source.Length);
        var takenInsertions = new BitSet(source.Length + 1);
        foreach (var fix in fixes)
        {
            if (fix is null) continue;
            List<TextEdit> edits = fix.Edits.Count == 1 ? [fix.Edits[0]] : fix.Edits.OrderBy(e => e.Start).ThenBy(e => e.Length).ToList();
            if (edits.Count == 0 || !IsValid(source, edits))
            {
                rejected.Add(fix);
                continue;
            }
            bool conflict = false;
            foreach (var e in edits)
            {
                if (ConflictsWithTaken(e, takenBytes, takenInsertions)) { conflict = true; break; }
            }
            if (conflict)
            {
                deferred.Add(fix);
                continue;
            }
            foreach (var e in edits)
            {
                if (e.Length == 0) takenInsertions.Set(e.Start, e.Start + 1);
                else takenBytes.Set(e.Start, e.End);
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

    /// <summary>
    /// Whether two edits conflict: they replace a common byte, or one is an insertion at a place the other replaces or
    /// touches (the order of the two would be undefined). Two replacements that only touch do not conflict: removing two
    /// neighbouring repeated items applies in one pass, so any number of repeats reaches the fixed point in one run.
    /// </summary>
    internal static bool Conflict(TextEdit a, TextEdit b) =>
        a.Length == 0 || b.Length == 0 ? a.Start <= b.End && b.Start <= a.End : a.Start < b.End && b.Start < a.End;

    private static bool ConflictsWithTaken(TextEdit e, BitSet bytes, BitSet insertions)
    {
        if (e.Length == 0)
            return insertions.Any(e.Start, e.Start + 1) || bytes.Any(Math.Max(0, e.Start - 1), Math.Min(bytes.Length, e.Start + 1));
        return bytes.Any(e.Start, e.End) || insertions.Any(e.Start, e.End + 1);
    }

    /// <summary>A fixed-size set of bits with range set and range test, a word at a time.</summary>
    private sealed class BitSet(int length)
    {
        private readonly ulong[] _words = new ulong[(length + 63) / 64 + 1];

        public int Length { get; } = length;

        /// <summary>Sets the bits of [start, end).</summary>
        public void Set(int start, int end)
        {
            for (int i = start; i < end;)
            {
                int word = i >> 6, bit = i & 63;
                int count = Math.Min(64 - bit, end - i);
                ulong mask = count == 64 ? ulong.MaxValue : ((1UL << count) - 1) << bit;
                _words[word] |= mask;
                i += count;
            }
        }

        /// <summary>Whether any bit of [start, end) is set.</summary>
        public bool Any(int start, int end)
        {
            for (int i = start; i < end;)
            {
                int word = i >> 6, bit = i & 63;
                int count = Math.Min(64 - bit, end - i);
                ulong mask = count == 64 ? ulong.MaxValue : ((1UL << count) - 1) << bit;
                if ((_words[word] & mask) != 0) return true;
                i += count;
            }
            return false;
        }
    }

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
