using Lint.Schema;

namespace Lint.Rules;

/// <summary><c>schema</c>: a violation of the incident JSON Schema, one finding per violation, in plain words.</summary>
public sealed class SchemaRule : IFileRule
{
    /// <summary>A required property is absent.</summary>
    public static RuleMessage MissingProperty { get; } = new("missing-property", "{{detail}}");

    /// <summary>A property the schema does not allow (often a typo, with a suggestion).</summary>
    public static RuleMessage UnknownProperty { get; } = new("unknown-property", "{{detail}}");

    /// <summary>Any other violation: a wrong type, format, pattern, range, length, enumeration...</summary>
    public static RuleMessage Violation { get; } = new("violation", "{{detail}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("schema", "A violation of the incident JSON Schema: a missing, mistyped, malformed or unknown field.", Severity.Error, FixAvailability.Never)
    {
        Messages = [MissingProperty, UnknownProperty, Violation],
    };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        var schema = context.Settings.Schema ?? SchemaValidator.Default;
        foreach (var v in schema.Validate(context.Root))
        {
            var message = v.Kind switch
            {
                SchemaViolationKind.MissingRequired => MissingProperty,
                SchemaViolationKind.UnknownProperty => UnknownProperty,
                _ => Violation,
            };
            context.Report(v.Pointer, message.With(("detail", v.Message)), atKey: v.AtKey);
        }
    }
}
