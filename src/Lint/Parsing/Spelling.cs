namespace Lint.Parsing;

/// <summary>"Did you mean" for names a user types: options, commands, rule ids, folders, enum values.</summary>
public static class Spelling
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/> when it is a plausible typo: at most one edit per three
    /// characters (at least one, at most three), where an edit is an insertion, a deletion, a substitution or a swap of
    /// two neighbouring characters (optimal string alignment, Damerau-Levenshtein). Case differences cost nothing.
    /// Ties go to the ordinally first candidate. Null when none is close, or when <paramref name="typed"/> is itself a candidate.
    /// </summary>
    public static string? DidYouMean(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        string lowered = typed.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, typed, StringComparison.Ordinal)) return null;
            int limit = Math.Clamp(candidate.Length / 3, 1, 3);
            int d = Corpus.CorpusIndex.Distance(lowered, candidate.ToLowerInvariant(), limit);
            if (d > limit) continue;
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }
}
