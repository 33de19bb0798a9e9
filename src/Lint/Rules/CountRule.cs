using System.Globalization;

namespace Lint.Rules;

/// <summary>Shared logic of the count rules: a count field must equal the length of its array.</summary>
public abstract class CountRule : IFileRule
{
    private readonly string _countField;
    private readonly string _arrayField;

    /// <param name="countField">The integer field, such as <c>sourceCount</c>.</param>
    /// <param name="arrayField">The array it counts, such as <c>sources</c>.</param>
    protected CountRule(string countField, string arrayField)
    {
        _countField = countField;
        _arrayField = arrayField;
    }

    /// <inheritdoc />
    public abstract RuleMetadata Metadata { get; }

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
        context.Report(pointer, $"{_countField} is {written} but {_arrayField} has {actual} {(actual == 1 ? "entry" : "entries")}",
            context.ReplaceValue(pointer, value, $"set {_countField} to {value}"));
    }
}
