using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>related-duplicate</c>: a slug listed twice in <c>relatedIncidents</c>.</summary>
public sealed class RelatedDuplicateRule : IFileRule
{
    /// <summary>A slug repeats an earlier entry.</summary>
    public static RuleMessage RepeatedSlug { get; } = new("repeated-slug", "related incident {{slug}} is already listed at index {{first}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("related-duplicate", "A slug is listed twice in relatedIncidents.", Severity.Warning, FixAvailability.Always) { Messages = [RepeatedSlug], Inputs = ["/record/slug", "/record/relatedIncidents/*"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record || !record.TryGetArray("relatedIncidents", out var related)) return;
        record.TryGetString("slug", out var own);
        int count = related.GetArrayLength();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int i = 0;
        foreach (var item in related.EnumerateArray())
        {
            int index = i++;
            if (item.ValueKind != System.Text.Json.JsonValueKind.String) continue;
            var slug = item.GetString()!;
            if (!RecordFields.IsKebabCase(slug)) continue; // schema owns those
            if (slug == own && context.IsRuleEnabled("related-self")) continue; // related-self owns a self-reference
            if (first.TryAdd(slug, index)) continue;
            context.Report($"/record/relatedIncidents/{index}", RepeatedSlug.With(("slug", Text.Quote(slug)), ("first", first[slug].ToString(System.Globalization.CultureInfo.InvariantCulture))),
                context.RemoveArrayItem("/record/relatedIncidents", index, count, "remove the repeated slug"));
        }
    }
}
