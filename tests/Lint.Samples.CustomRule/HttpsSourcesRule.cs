using System.Collections.Frozen;
using System.Text.Json;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Samples.CustomRule;

/// <summary>
/// A per-file rule: every source, document and legal-analysis link uses https, except links to the hosts of the option
/// <c>allowHttpHosts</c> (an archive that has no https): <c>"https-sources": ["error", { "allowHttpHosts": ["archive.example"] }]</c>.
/// </summary>
public sealed class HttpsSourcesRule : IFileRule
{
    private static readonly string[] Lists = ["sources", "documents", "legalAnalyses"];

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "https-sources",
        Description: "links in sources, documents and legalAnalyses use https",
        DefaultSeverity: Severity.Error,
        FixAvailability: FixAvailability.Always)
    {
        OptionsSchema = """
            {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "allowHttpHosts": {
                  "description": "Hosts whose links may stay http (an archive that has no https), such as \"archive.example\"; letter case ignored.",
                  "type": "array",
                  "items": { "type": "string", "minLength": 1 },
                  "uniqueItems": true,
                  "default": []
                }
              }
            }
            """,
    };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        // A missing or mistyped field is the schema rule's finding: stay silent then ("one defect, one finding").
        if (context.Record is not { } record) return;
        // Built once per options object, not once per file.
        var allowed = context.Options.Parsed(static o => o.GetStrings("allowHttpHosts").ToFrozenSet(StringComparer.OrdinalIgnoreCase));
        foreach (var list in Lists)
        {
            if (!record.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array) continue;
            int index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                    && url.GetString() is { } text && text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    && !allowed.Contains(Host(text)))
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

    /// <summary>The host of an <c>http://</c> URL: what follows the scheme, up to the first <c>/</c>, <c>?</c>, <c>#</c> or <c>:</c>.</summary>
    private static string Host(string url)
    {
        var rest = url.AsSpan("http://".Length);
        int end = rest.IndexOfAny("/?#:");
        return (end < 0 ? rest : rest[..end]).ToString();
    }
}
