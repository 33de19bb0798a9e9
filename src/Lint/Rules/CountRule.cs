using System.Globalization;

namespace Lint.Rules;

/// <summary>Shared logic of the count rules: a count field must equal the length of its array.</summary>
public abstract class CountRule : IFileRule
{
    /// <summary>The count differs from the array's length.</summary>
    public static RuleMessage Mismatch { get; } = new("count-mismatch", "{{countField}} is {{written}} but {{arrayField}} has {{actual}} {{entries}}");

    private readonly string _countField;
    private readonly string _arrayField;

    /// <param name="id">The rule's id, such as <c>source-count</c>.</param>
    /// <param name="description">The rule's one-line description.</param>
    /// <param name="countField">The integer field, such as <c>sourceCount</c>.</param>
    /// <param name="arrayField">The array it counts, such as <c>sources</c>.</param>
    protected CountRule(string id, string description, string countField, string arrayField)
    {
        _countField = countField;
        _arrayField = arrayField;
        Metadata = new RuleMetadata(id, description, Severity.Error, FixAvailability.Always) { Messages = [Mismatch], Inputs = [RecordFields.RecordPointer(countField), RecordFields.RecordPointer(arrayField)] };
    }

    /// <inheritdoc />
    public RuleMetadata Metadata { get; }

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        if (!record.TryGetCount(_countField, out int count) || !record.TryGetArray(_arrayField, out var array)) return;
        int actual = array.GetArrayLength();
        if (count == actual) return;
        string pointer = RecordFields.RecordPointer(_countField);
        string value = actual.ToString(CultureInfo.InvariantCulture);
        // The count as written (a huge integer is read as int.MaxValue but shown as it is).
        string written = Parsing.Text.Sanitize(record.GetProperty(_countField).GetRawText(), 40);
        context.Report(pointer,
            Mismatch.With(("countField", _countField), ("written", written), ("arrayField", _arrayField), ("actual", value), ("entries", actual == 1 ? "entry" : "entries")),
            context.ReplaceValue(pointer, value, $"set {_countField} to {value}"));
    }
}
