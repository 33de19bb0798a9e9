namespace Lint.Rules;

/// <summary><c>duplicate-key</c>: an object holds the same property twice.</summary>
public sealed class DuplicateKeyRule : IFileRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-key", "An object holds the same property twice.", Severity.Error, FixAvailability.Never);

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        foreach (var d in context.Document.DuplicateKeys)
        {
            var (line, column) = context.Document.Lines.ToLineColumn(d.FirstOffset);
            context.ReportAt(d.Offset, d.Pointer, $"property '{Parsing.Text.Sanitize(d.Name)}' is defined twice in the same object (first at {line}:{column}); only the last one counts");
        }
    }
}
