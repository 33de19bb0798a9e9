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

    /// <summary>
    /// Values whose form another rule owns beyond what a schema can say: a violation of the schema at one of them (not
    /// a missing or mistyped value) is that rule's defect while the rule is on and the fact fails, so the schema stays
    /// silent there. An <c>http://</c> url is <c>url-slug</c>'s finding (with its fix), not also a pattern violation.
    /// </summary>
    private static readonly (string Pointer, RuleFact Fact)[] FormOwnedElsewhere =
    [
        ("/record/url", RecordFacts.UrlFollowsSiteAndSlug),
    ];

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        var schema = context.Settings.Schema ?? SchemaValidator.Default;
        foreach (var v in schema.Validate(context.Root))
        {
            if (v.Kind == SchemaViolationKind.Other && IsOwnedElsewhere(context, v.Pointer)) continue;
            var message = v.Kind switch
            {
                SchemaViolationKind.MissingRequired => MissingProperty,
                SchemaViolationKind.UnknownProperty => UnknownProperty,
                _ => Violation,
            };
            context.Report(v.Pointer, message.With(("detail", v.Message)), atKey: v.AtKey);
        }
    }

    private static bool IsOwnedElsewhere(FileContext context, string pointer)
    {
        foreach (var (owned, fact) in FormOwnedElsewhere)
            if (owned == pointer && context.Defers(fact)) return true;
        return false;
    }
}
