using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>related-self</c>: an incident lists its own slug in <c>relatedIncidents</c>.</summary>
public sealed class RelatedSelfRule : IFileRule
{
    /// <summary>The incident lists itself.</summary>
    public static RuleMessage SelfReference { get; } = new("self-reference", "the incident lists its own slug {{slug}} as related");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("related-self", "An incident lists its own slug in relatedIncidents.", Severity.Error, FixAvailability.Always) { Messages = [SelfReference], Inputs = ["/record/slug", "/record/relatedIncidents/*"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record || !record.TryGetString("slug", out var own) || !record.TryGetArray("relatedIncidents", out var related)) return;
        int count = related.GetArrayLength();
        int i = 0;
        foreach (var item in related.EnumerateArray())
        {
            int index = i++;
            if (item.ValueKind == System.Text.Json.JsonValueKind.String && item.GetString() == own)
                context.Report($"/record/relatedIncidents/{index}", SelfReference.With(("slug", Text.Quote(own))),
                    context.RemoveArrayItem("/record/relatedIncidents", index, count, "remove the self-reference"));
        }
    }
}
