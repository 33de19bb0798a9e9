using System.Globalization;
using System.Text.Json;

namespace Lint.Rules;

/// <summary>
/// <c>stale-last-updated</c>: an <c>updateLog</c> entry or a <c>timeline</c> event is dated after <c>lastUpdated</c>:
/// someone added news and forgot to bump <c>lastUpdated</c>. The fix sets <c>lastUpdated</c> to the latest such date;
/// <c>display-date</c> and <c>citation-format</c> then follow in the same <c>--fix</c> run.
/// </summary>
public sealed class StaleLastUpdatedRule : IFileRule
{
    /// <summary>An entry is dated after lastUpdated.</summary>
    public static RuleMessage Stale { get; } = new("stale", "lastUpdated {{lastUpdated}} is before {{entry}}, dated {{date}}; set lastUpdated to {{date}} (and displayLastUpdated and citation with it)");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("stale-last-updated", "An updateLog entry or a timeline event is dated after lastUpdated.", Severity.Error, FixAvailability.Always) { Messages = [Stale] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record || !record.TryGetDate("lastUpdated", out var lastUpdated)) return;
        if (!TryLatest(record, out var latest, out var entry) || latest <= lastUpdated) return;
        // date-order owns a record whose dates are already out of order: an entry after generatedAt (bumping
        // lastUpdated to it would put lastUpdated after generatedAt), lastUpdated after generatedAt, or date after
        // lastUpdated. One defect, one finding: this rule waits until those are fixed (while date-order is on).
        if (context.Defers(RecordFacts.DatesAreInOrder)) return;
        string target = latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.Report("/record/lastUpdated",
            Stale.With(("lastUpdated", lastUpdated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("entry", entry), ("date", target)),
            context.ReplaceString("/record/lastUpdated", target, $"set lastUpdated to {target}"));
    }

    /// <summary>
    /// The latest date of <c>updateLog</c> and <c>timeline</c> and the entry that holds it (<c>updateLog[2]</c>; the first
    /// one, updateLog first). False when either array holds an entry without a well-formed date (the schema's finding) or both
    /// are empty or missing.
    /// </summary>
    private static bool TryLatest(JsonElement record, out DateOnly latest, out string entryName)
    {
        latest = default;
        entryName = "";
        bool any = false;
        string latestField = "";
        int latestIndex = 0;
        foreach (var field in (ReadOnlySpan<string>)["updateLog", "timeline"])
        {
            if (!record.TryGetProperty(field, out var value)) continue;
            if (value.ValueKind != JsonValueKind.Array) return false;
            int index = 0;
            foreach (var entry in value.EnumerateArray())
            {
                if (!entry.TryGetDate("date", out var date)) return false;
                if (!any || date > latest)
                {
                    latest = date;
                    (latestField, latestIndex) = (field, index);
                    any = true;
                }
                index++;
            }
        }
        if (any) entryName = string.Create(CultureInfo.InvariantCulture, $"{latestField}[{latestIndex}]");
        return any;
    }
}
