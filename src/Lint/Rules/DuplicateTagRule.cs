using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>duplicate-tag</c>: a tag listed twice (case-insensitive unless the option <c>caseSensitive</c> is true).</summary>
public sealed class DuplicateTagRule : IFileRule
{
    /// <summary>A tag repeats an earlier tag.</summary>
    public static RuleMessage RepeatedTag { get; } = new("repeated-tag", "tag {{tag}} repeats tags[{{first}}]");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-tag", "A tag is listed twice (case-insensitive).", Severity.Warning, FixAvailability.Always)
    {
        Messages = [RepeatedTag],
        Inputs = ["/record/tags/*"],
        OptionsSchema = """
            {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "caseSensitive": {
                  "description": "Whether tags that differ only in letter case (\"Sanctions\", \"sanctions\") are different tags.",
                  "type": "boolean",
                  "default": false
                }
              }
            }
            """,
    };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record || !record.TryGetArray("tags", out var tags)) return;
        int count = tags.GetArrayLength();
        var first = new Dictionary<string, int>(context.Options.GetBoolean("caseSensitive") ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        int i = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            int index = i++;
            if (tag.ValueKind != System.Text.Json.JsonValueKind.String) continue;
            var text = tag.GetString()!;
            if (first.TryAdd(text, index)) continue;
            context.Report($"/record/tags/{index}", RepeatedTag.With(("tag", Text.Quote(text)), ("first", first[text].ToString(System.Globalization.CultureInfo.InvariantCulture))),
                context.RemoveArrayItem("/record/tags", index, count, "remove the repeated tag"));
        }
    }
}
