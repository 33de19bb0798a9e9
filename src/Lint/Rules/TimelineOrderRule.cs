using System.Text.Json;

namespace Lint.Rules;

/// <summary><c>timeline-order</c>: <c>timeline</c> or <c>updateLog</c> dates out of ascending order. Fixed by a stable sort.</summary>
public sealed class TimelineOrderRule : IFileRule
{
    /// <summary>An entry is dated before the entry above it.</summary>
    public static RuleMessage OutOfOrder { get; } = new("out-of-order", "{{field}} is not in ascending date order: entry {{index}} ({{date}}) comes after entry {{previous}} ({{previousDate}})");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("timeline-order", "timeline or updateLog entries are not in ascending date order.", Severity.Error, FixAvailability.Always) { Messages = [OutOfOrder], Inputs = ["/record/timeline/*/date", "/record/updateLog/*/date"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        Check(context, record, "timeline");
        Check(context, record, "updateLog");
    }

    private static void Check(FileContext context, JsonElement record, string field)
    {
        if (!record.TryGetArray(field, out var array)) return;
        var dates = new List<DateOnly>();
        foreach (var entry in array.EnumerateArray())
        {
            if (!entry.TryGetDate("date", out var d)) return; // schema owns malformed entries
            dates.Add(d);
        }
        int bad = -1;
        for (int i = 1; i < dates.Count; i++)
        {
            if (dates[i] < dates[i - 1]) { bad = i; break; }
        }
        if (bad < 0) return;
        string arrayPointer = "/record/" + field;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        context.Report($"{arrayPointer}/{bad}/date",
            OutOfOrder.With(("field", field), ("index", bad.ToString(c)), ("date", dates[bad].ToString("yyyy-MM-dd", c)),
                ("previous", (bad - 1).ToString(c)), ("previousDate", dates[bad - 1].ToString("yyyy-MM-dd", c))),
            SortFix(context, arrayPointer, dates, field));
    }

    /// <summary>Rewrites each item slot with the item that belongs there after a stable sort; separators stay as they are.</summary>
    private static Fix? SortFix(FileContext context, string arrayPointer, List<DateOnly> dates, string field)
    {
        var order = Enumerable.Range(0, dates.Count).OrderBy(i => dates[i]).ToArray(); // OrderBy is stable
        var spans = new Parsing.NodeSpan[dates.Count];
        for (int i = 0; i < dates.Count; i++)
        {
            if (!context.TryGetSpan(Parsing.JsonPointer.Append(arrayPointer, i), out spans[i])) return null;
        }
        var edits = new List<TextEdit>();
        for (int slot = 0; slot < dates.Count; slot++)
        {
            int from = order[slot];
            if (from == slot) continue;
            edits.Add(new TextEdit(spans[slot].Start, spans[slot].Length, context.RawText(spans[from])));
        }
        return new Fix($"sort {field} by date", edits);
    }
}
