using System.Text.Json;

namespace Lint.Rules;

/// <summary><c>date-order</c>: not <c>date &lt;= lastUpdated &lt;= generatedAt</c>, or a timeline/updateLog date after <c>generatedAt</c>.</summary>
public sealed class DateOrderRule : IFileRule
{
    /// <summary>date is after lastUpdated.</summary>
    public static RuleMessage DateAfterLastUpdated { get; } = new("date-after-last-updated", "date {{date}} is after lastUpdated {{lastUpdated}}");

    /// <summary>lastUpdated is after generatedAt.</summary>
    public static RuleMessage LastUpdatedAfterGeneratedAt { get; } = new("last-updated-after-generated-at", "lastUpdated {{lastUpdated}} is after generatedAt {{generatedAt}}");

    /// <summary>date is after generatedAt (no lastUpdated to compare).</summary>
    public static RuleMessage DateAfterGeneratedAt { get; } = new("date-after-generated-at", "date {{date}} is after generatedAt {{generatedAt}}");

    /// <summary>A timeline or updateLog entry is dated after generatedAt.</summary>
    public static RuleMessage EntryAfterGeneratedAt { get; } = new("entry-after-generated-at", "{{field}}[{{index}}].date {{date}} is after generatedAt {{generatedAt}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("date-order", "Dates out of order: date after lastUpdated, lastUpdated after generatedAt, or a timeline/updateLog entry after generatedAt.", Severity.Error, FixAvailability.Never) { Messages = [DateAfterLastUpdated, LastUpdatedAfterGeneratedAt, DateAfterGeneratedAt, EntryAfterGeneratedAt], Inputs = ["/generatedAt", "/record/date", "/record/lastUpdated", "/record/timeline/*/date", "/record/updateLog/*/date"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        bool hasGenerated = context.Root.TryGetDateTimeDate("generatedAt", out var generated);
        bool hasDate = record.TryGetDate("date", out var date);
        bool hasUpdated = record.TryGetDate("lastUpdated", out var updated);
        if (hasDate && hasUpdated && date > updated)
            context.Report("/record/date", DateAfterLastUpdated.With(("date", Day(date)), ("lastUpdated", Day(updated))));
        if (!hasGenerated) return;
        if (hasUpdated && updated > generated)
            context.Report("/record/lastUpdated", LastUpdatedAfterGeneratedAt.With(("lastUpdated", Day(updated)), ("generatedAt", Day(generated))));
        else if (!hasUpdated && hasDate && date > generated)
            context.Report("/record/date", DateAfterGeneratedAt.With(("date", Day(date)), ("generatedAt", Day(generated))));
        CheckEntries(context, record, "timeline", generated);
        CheckEntries(context, record, "updateLog", generated);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckEntries(FileContext context, JsonElement record, string field, DateOnly generated)
    {
        if (!record.TryGetArray(field, out var array)) return;
        int i = 0;
        foreach (var entry in array.EnumerateArray())
        {
            int index = i++;
            if (entry.TryGetDate("date", out var d) && d > generated)
                context.Report($"/record/{field}/{index}/date", EntryAfterGeneratedAt.With(("field", field),
                    ("index", index.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("date", Day(d)), ("generatedAt", Day(generated))));
        }
    }
}
