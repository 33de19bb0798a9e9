using System.Text.Json;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Samples.CustomRule;

/// <summary>A per-file rule: every source, document and legal-analysis link uses https.</summary>
public sealed class HttpsSourcesRule : IFileRule
{
    private static readonly string[] Lists = ["sources", "documents", "legalAnalyses"];

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "https-sources",
        Description: "links in sources, documents and legalAnalyses use https",
        DefaultSeverity: Severity.Error,
        FixAvailability: FixAvailability.Always);

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        // A missing or mistyped field is the schema rule's finding: stay silent then ("one defect, one finding").
        if (context.Record is not { } record) return;
        foreach (var list in Lists)
        {
            if (!record.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array) continue;
            int index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                    && url.GetString() is { } text && text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                {
                    var pointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append("/record", list), index), "url");
                    var https = "https://" + text["http://".Length..];
                    context.Report(pointer,
                        $"{list}[{index}].url uses http: {Text.Quote(text)}; link to the https address",
                        context.ReplaceString(pointer, https, "use https"));
                }
                index++;
            }
        }
    }
}
