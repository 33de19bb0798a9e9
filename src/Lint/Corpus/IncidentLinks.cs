namespace Lint.Corpus;

/// <summary>
/// The links of a record's <c>contentHtml</c> that name an incident of the site: <c>/incident/SLUG</c>, or
/// <c>{site}/incident/SLUG</c> with the record's <c>site</c> or the configured site (scheme and host compared without
/// case), optionally followed by <c>/</c>, a query or a fragment. Other links (other sites, <c>/incidents/</c>, deeper
/// paths, relative links without the leading slash) are not incident links and are left alone.
/// </summary>
public static class IncidentLinks
{
    private const string Path = "/incident/";

    /// <summary>One incident link.</summary>
    /// <param name="Slug">The slug the link names, as the browser reads it (character references decoded).</param>
    /// <param name="ValueIndex">Index in <c>contentHtml</c> (UTF-16 units of the decoded JSON string) of the first character of the <c>href</c> value: where the finding points.</param>
    /// <param name="SlugIndex">Index in <c>contentHtml</c> of the first character of the slug's source text.</param>
    /// <param name="SlugLength">Length of the slug's source text in <c>contentHtml</c>.</param>
    /// <param name="Literal">Whether the source text of the slug is the slug itself (no character reference in it), so that a rename may replace it.</param>
    public readonly record struct Link(string Slug, int ValueIndex, int SlugIndex, int SlugLength, bool Literal);

    /// <summary>The incident links among <paramref name="hrefs"/> (the <c>href</c> values of <paramref name="html"/>).</summary>
    /// <param name="html">The decoded <c>contentHtml</c>.</param>
    /// <param name="hrefs">Each <c>href</c>: its value as the browser reads it, the index of its source text in <paramref name="html"/> and that text's length.</param>
    /// <param name="sites">The sites whose absolute links count (the record's and the configured one; nulls are ignored).</param>
    public static List<Link> Find(string html, IEnumerable<(string Value, int Index, int Length)> hrefs, IReadOnlyList<string?> sites)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(hrefs);
        ArgumentNullException.ThrowIfNull(sites);
        var links = new List<Link>();
        foreach (var (value, index, length) in hrefs)
        {
            // A URL's leading and trailing ASCII whitespace is ignored by browsers.
            int lead = 0;
            while (lead < value.Length && IsUrlSpace(value[lead])) lead++;
            var url = value[lead..].TrimEnd(' ', '\t', '\n', '\r', '\f');
            int start = PrefixLength(url, sites);
            if (start < 0) continue;
            int end = start;
            while (end < url.Length && url[end] is not ('/' or '?' or '#')) end++;
            if (end == start) continue;
            var rest = url[end..];
            if (rest.Length > 0 && rest[0] == '/') rest = rest[1..];
            if (rest.Length > 0 && rest[0] is not ('?' or '#')) continue; // a deeper path: not an incident page
            var slug = url[start..end];
            int offset = lead + start;
            // The source text is the value itself when it holds no character reference: then the slug's source is at
            // the same place. Otherwise the slug is located but marked as not literal (a rename refuses to guess).
            bool plain = length == value.Length && string.CompareOrdinal(html, index, value, 0, value.Length) == 0;
            links.Add(plain
                ? new Link(slug, index, index + offset, slug.Length, true)
                : new Link(slug, index, index, 0, false));
        }
        return links;
    }

    /// <summary>
    /// The <c>href</c> attributes of the <c>&lt;a&gt;</c> elements of the document's <c>contentHtml</c>
    /// (<paramref name="html"/>): value as read, index and length of its source text, from the one shared parse of
    /// the file's <c>contentHtml</c> (<see cref="Html.HtmlContent.Of"/>) that the content rules read too.
    /// </summary>
    internal static IEnumerable<(string Value, int Index, int Length)> Hrefs(Parsing.ParsedDocument document, string html) =>
        Html.HtmlContent.Of(document) is { } content
            ? content.Links.Where(l => l.Element.Name == "a" && l.Attribute.Name == "href")
                .Select(l => (l.Url, l.Attribute.ValueIndex, l.Attribute.ValueLength))
            : [];

    private static bool IsUrlSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    /// <summary>The length of the incident-path prefix of <paramref name="url"/>, or -1 when it has none.</summary>
    private static int PrefixLength(string url, IReadOnlyList<string?> sites)
    {
        if (url.StartsWith(Path, StringComparison.Ordinal)) return Path.Length;
        foreach (var site in sites)
        {
            if (string.IsNullOrEmpty(site)) continue;
            var origin = site.TrimEnd('/');
            if (url.Length > origin.Length + Path.Length && url.StartsWith(origin, StringComparison.OrdinalIgnoreCase)
                && string.CompareOrdinal(url, origin.Length, Path, 0, Path.Length) == 0)
                return origin.Length + Path.Length;
        }
        return -1;
    }
}
