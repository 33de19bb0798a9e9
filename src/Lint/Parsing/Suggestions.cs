namespace Lint.Parsing;

/// <summary>
/// "Did you mean" for names: the closest known name by optimal string alignment distance (Damerau-Levenshtein
/// restricted to adjacent transpositions, so <c>titel</c> is one edit from <c>title</c>). One implementation for
/// every suggestion lint makes: unknown properties, rule ids, slugs, subcommands and options.
/// </summary>
public static class Suggestions
{
    /// <summary>
    /// The name of <paramref name="known"/> closest to <paramref name="name"/> (letter case ignored) when it is a
    /// plausible typo: at most one edit per three letters of the known name, at least one and at most three. Ties go to
    /// the ordinally first name; null when none is close enough.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            if (k is null) continue;
            int limit = Limit(k);
            if (Math.Abs(k.Length - name.Length) > limit) continue;
            int d = Distance(name, k, limit, ignoreCase: true);
            if (d > limit) continue;
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(k, best) < 0))
            {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /// <summary>How many edits a typo of <paramref name="known"/> may have: one per three letters, at least one and at most three.</summary>
    public static int Limit(string known) => Math.Clamp(known.Length / 3, 1, 3);

    /// <summary>
    /// The optimal string alignment distance between <paramref name="a"/> and <paramref name="b"/> (insertions,
    /// deletions, substitutions and swaps of two adjacent characters each count one), or <paramref name="max"/> + 1
    /// as soon as it is certain to exceed <paramref name="max"/>.
    /// </summary>
    public static int Distance(string a, string b, int max = int.MaxValue - 1, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (max < 0) return 1;
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            char ai = Fold(a[i - 1], ignoreCase);
            for (int j = 1; j <= b.Length; j++)
            {
                char bj = Fold(b[j - 1], ignoreCase);
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (ai == bj ? 0 : 1));
                if (i > 1 && j > 1 && ai == Fold(b[j - 2], ignoreCase) && Fold(a[i - 2], ignoreCase) == bj)
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max) return max + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return Math.Min(previous[b.Length], max + 1);
    }

    private static char Fold(char c, bool ignoreCase) => ignoreCase ? char.ToLowerInvariant(c) : c;
}
