using System.Text;
using Lint.Html;

namespace Lint.Rules;

/// <summary>
/// <c>heading-id</c>: the ids of <c>contentHtml</c> are unique within the record (a repeated id breaks every anchor
/// to it), and every in-page link <c>href="#x"</c> names an existing id. With the <c>idsFollowText</c> option on
/// , a heading's id must also be the kebab-case of its text, as the site generator
/// writes them ("The ICC's Response" → <c>the-iccs-response</c>).
/// </summary>
public sealed class HeadingIdRule : IFileRule
{
    /// <summary>An id used twice.</summary>
    public static RuleMessage DuplicateId { get; } = new("duplicate-id",
        "id '{{id}}' is used twice in contentHtml (first on <{{first}}> at {{firstPosition}}): links to #{{id}} reach only the first");

    /// <summary>An in-page link to an id that does not exist.</summary>
    public static RuleMessage MissingTarget { get; } = new("missing-target", "the link to #{{id}} goes nowhere: no element of contentHtml has id '{{id}}'{{suggestion}}");

    /// <summary>A heading id that is not the kebab-case of its text (with idsFollowText on).</summary>
    public static RuleMessage IdNotText { get; } = new("id-not-text", "the id of <{{element}}> \"{{text}}\" is '{{id}}', not '{{expected}}', the kebab-case of its text");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("heading-id", "contentHtml has duplicate heading ids, or an in-page #anchor link that names no id.",
        Severity.Error, FixAvailability.Never)
    {
        Messages = [DuplicateId, MissingTarget, IdNotText],
        Inputs = ["/record/contentHtml"],
        OptionsSchema = """
            {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "idsFollowText": {
                  "description": "Whether a heading's id must be the kebab-case of its text (\"The ICC's Response\" -> the-iccs-response). Off by default: a record may keep an id when its heading is reworded, so that links to it keep working.",
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
        ArgumentNullException.ThrowIfNull(context);
        if (context.ContentHtml is not { } html) return;
        var elements = html.Elements;
        // Most records have a dozen ids and a few in-page links: sized once, and the sets a record does not need are not made.
        int idCount = 0;
        bool inPageLinks = false;
        for (int e = 0; e < elements.Count; e++)
        {
            var attributes = elements[e].Attributes;
            for (int i = 0; i < attributes.Count; i++)
            {
                var a = attributes[i];
                if (a.Name == "id") idCount++;
                else if (a.Name == "href" && a.Value.Length >= 2 && a.Value[0] == '#') inPageLinks = true;
            }
        }
        if (idCount == 0 && !inPageLinks) return;
        bool idsFollowText = context.Options.GetBoolean("idsFollowText");
        var ids = new Dictionary<string, (HtmlElement Element, HtmlAttribute Id)>(idCount, StringComparer.Ordinal);
        for (int e = 0; e < elements.Count; e++)
        {
            var element = elements[e];
            if (element.Attribute("id") is not { Value.Length: > 0 } id) continue;
            if (ids.TryGetValue(id.Value, out var first))
            {
                var (line, column) = html.LineColumnOf(first.Id.ValueIndex);
                context.ReportInHtml(id.ValueIndex, DuplicateId.With(("id", Show(id.Value)), ("first", first.Element.Name), ("firstPosition", $"{line}:{column}")));
                continue;
            }
            ids[id.Value] = (element, id);
            if (idsFollowText && element.HeadingLevel > 0 && element.Text is { } text)
            {
                string expected = Kebab(text);
                if (expected.Length > 0 && expected != id.Value)
                    context.ReportInHtml(id.ValueIndex, IdNotText.With(("element", element.Name), ("text", Show(text.Trim())), ("id", Show(id.Value)), ("expected", expected)));
            }
        }
        if (!inPageLinks) return;
        // <a name="x"> is an old way to make an anchor; links to it work.
        HashSet<string>? names = null;
        for (int e = 0; e < elements.Count; e++)
            if (elements[e].Name == "a" && elements[e].Attribute("name") is { Value.Length: > 0 } name) (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name.Value);
        // The href attributes of every element (HtmlContent.Links without the list), in source order.
        for (int e = 0; e < elements.Count; e++)
        {
            var attributes = elements[e].Attributes;
            for (int i = 0; i < attributes.Count; i++)
            {
                var href = attributes[i];
                if (href.Name != "href" || href.Value.Length < 2 || href.Value[0] != '#') continue;
                string target = Fragment(href.Value[1..]);
                if (ids.ContainsKey(target) || (names is not null && names.Contains(target)) || target.Equals("top", StringComparison.OrdinalIgnoreCase)) continue;
                string? closest = Parsing.Suggestions.Closest(target, ids.Keys);
                context.ReportInHtml(href.ValueIndex, MissingTarget.With(("id", Show(target)), ("suggestion", closest is null ? "" : $"; did you mean '#{closest}'?")));
            }
        }
    }

    /// <summary>A fragment as browsers match it against ids: percent-decoded when that gives valid UTF-8.</summary>
    private static string Fragment(string fragment)
    {
        if (!fragment.Contains('%')) return fragment;
        try
        {
            return Uri.UnescapeDataString(fragment);
        }
        catch (UriFormatException)
        {
            return fragment;
        }
    }

    private static string Show(string text) => Parsing.Text.Sanitize(text, 80);

    /// <summary>
    /// The kebab-case id of a heading's text, as the site generator writes it: lower-case letters (accents kept) and digits, punctuation
    /// dropped ("ICC's" → <c>iccs</c>, "2(4)" → <c>24</c>), every run of spaces and hyphens one hyphen, none at either end.
    /// </summary>
    public static string Kebab(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        bool hyphen = false;
        foreach (char raw in text)
        {
            char c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                if (hyphen && sb.Length > 0) sb.Append('-');
                hyphen = false;
                sb.Append(c);
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '\u2013' or '\u2014') hyphen = true;
        }
        return sb.ToString();
    }
}
