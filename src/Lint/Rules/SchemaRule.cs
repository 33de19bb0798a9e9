namespace Lint.Rules;

/// <summary><c>schema</c>: a violation of the incident JSON Schema, one finding per violation, in plain words.</summary>
public sealed class SchemaRule : IFileRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("schema", "A violation of the incident JSON Schema: a missing, mistyped, malformed or unknown field.", Severity.Error, FixAvailability.Never);

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        var schema = context.Settings.Schema ?? Schema.SchemaValidator.Default;
        foreach (var v in schema.Validate(context.Root))
            context.Report(v.Pointer, v.Message, atKey: v.AtKey);
    }
}
