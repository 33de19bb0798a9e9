using System.Text.Json;

namespace Lint.Rules;

/// <summary><c>date-order</c>: not <c>date &lt;= lastUpdated &lt;= generatedAt</c>, or a timeline/updateLog date after <c>generatedAt</c>.</summary>
public sealed class DateOrderRule : IFileRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("date-order", "Dates out of order: date after lastUpdated, lastUpdated after generatedAt, or a timeline/updateLog entry after generatedAt.", Severity.Error, FixAvailability.Never);

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        bool hasGenerated = context.Root.TryGetDateTimeDate("generatedAt", out var generated);
        bool hasDate = record.TryGetDate("date", out var date);
        bool hasUpdated = record.TryGetDate("lastUpdated", out var updated);
        if (hasDate && hasUpdated && date > updated)
            context.Report("/record/date", $"date {date:yyyy-MM-dd} is after lastUpdated {updated:yyyy-MM-dd}");
        if (!hasGenerated) return;
        if (hasUpdated && updated > generated)
            context.Report("/record/lastUpdated", $"lastUpdated {updated:yyyy-MM-dd} is after generatedAt {generated:yyyy-MM-dd}");
        else if (!hasUpdated && hasDate && date > generated)
            context.Report("/record/date", $"date {date:yyyy-MM-dd} is after generatedAt {generated:yyyy-MM-dd}");
        CheckEntries(context, record, "timeline", generated);
        CheckEntries(context, record, "updateLog", generated);
    }

    private static void CheckEntries(FileContext context, JsonElement record, string field, DateOnly generated)
    {
        if (!record.TryGetArray(field, out var array)) return;
        int i = 0;
        foreach (var entry in array.EnumerateArray())
        {
            int index = i++;
            if (entry.TryGetDate("date", out var d) && d > generated)
                context.Report($"/record/{field}/{index}/date", $"{field}[{index}].date {d:yyyy-MM-dd} is after generatedAt {generated:yyyy-MM-dd}");
        }
    }
}
