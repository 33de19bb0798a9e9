using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>display-date</c>: <c>displayDate</c>/<c>displayLastUpdated</c> is not the English long form of <c>date</c>/<c>lastUpdated</c>.</summary>
public sealed class DisplayDateRule : IFileRule
{
    /// <summary>The display date is not the long form of its date.</summary>
    public static RuleMessage NotLongForm { get; } = new("not-long-form", "{{field}} {{actual}} should be {{expected}}, the long form of {{dateField}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("display-date", "displayDate or displayLastUpdated is not the English long form (February 6, 2025) of date or lastUpdated.", Severity.Error, FixAvailability.Always) { Messages = [NotLongForm], Inputs = ["/record/date", "/record/lastUpdated", "/record/displayDate", "/record/displayLastUpdated"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        Check(context, record, "date", "displayDate");
        Check(context, record, "lastUpdated", "displayLastUpdated");
    }

    private static void Check(FileContext context, System.Text.Json.JsonElement record, string dateField, string displayField)
    {
        if (!RecordFacts.IsLongForm(record, dateField, displayField, out var expected, out var actual) && expected is not null)
        {
            string pointer = RecordFields.RecordPointer(displayField);
            context.Report(pointer, NotLongForm.With(("field", displayField), ("actual", Text.Quote(actual)), ("expected", Text.Quote(expected)), ("dateField", dateField)),
                context.ReplaceString(pointer, expected, $"set {displayField} to {expected}"));
        }
    }
}
