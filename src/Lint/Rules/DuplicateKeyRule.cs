namespace Lint.Rules;

/// <summary><c>duplicate-key</c>: an object holds the same property twice.</summary>
public sealed class DuplicateKeyRule : IFileRule
{
    /// <summary>A property name repeats in one object.</summary>
    public static RuleMessage RepeatedKey { get; } = new("repeated-key", "property '{{name}}' is defined twice in the same object (first at {{line}}:{{column}}); only the last one counts");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-key", "An object holds the same property twice.", Severity.Error, FixAvailability.Never) { Messages = [RepeatedKey] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        foreach (var d in context.Document.DuplicateKeys)
        {
            var (line, column) = context.Document.Lines.ToLineColumn(d.FirstOffset);
            context.ReportAt(d.Offset, d.Pointer, RepeatedKey.With(("name", Parsing.Text.Sanitize(d.Name)),
                ("line", line.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("column", column.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
}
