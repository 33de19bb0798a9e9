using System.Text.Json;

namespace Lint.Rules;

/// <summary>
/// The facts the built-in rules share (see <see cref="RuleFact"/>). Each one is computed here, in one place, from the
/// record as written; its owner reports when it fails and the rules that build on the value wait for the owner.
/// </summary>
public static class RecordFacts
{
    /// <summary><c>record.slug</c> is well formed and equals the file name without <c>.json</c>. Owner: <c>slug-filename</c>.</summary>
    public static RuleFact SlugMatchesFile { get; } = new("the slug matches the file name", "slug-filename",
        context => context.Record is { } record && record.TryGetString("slug", out var slug) && RecordFields.IsKebabCase(slug) && slug == context.FileStem,
        "/record/slug");

    /// <summary>
    /// <c>record.url</c> is <c>{site}/incident/{slug}</c> and <c>site</c> is the configured site (when one is set), with a
    /// well-formed site and a slug that is trusted (see <see cref="TrustedSlug"/>). Owner: <c>url-slug</c>.
    /// </summary>
    public static RuleFact UrlIsConsistent { get; } = new("the url is {site}/incident/{slug}", "url-slug", context =>
    {
        if (context.Record is not { } record || !context.Root.TryGetString("site", out var site) || !IsWellFormedSite(site)) return false;
        if (context.Settings.Site is { } configured && site != configured) return false;
        return TrustedSlug(context, out var slug) && record.TryGetString("url", out var url) && url == ExpectedUrl(site, slug);
    }, "/site", "/record/slug", "/record/url");

    /// <summary>
    /// <c>record.url</c> is the url its site and slug make, as far as they can be known: it fails exactly when
    /// <c>url-slug</c> reports the url (a well-formed site, a trusted slug, and a string url that is neither
    /// <c>{site}/incident/{slug}</c> nor, when a site is configured, <c>{configured}/incident/{slug}</c>). The schema's
    /// own checks of the url (its <c>https://</c> pattern, its URI format) wait while it fails: the expected url
    /// satisfies them, and <c>url-slug</c> says what it should be and fixes it. Owner: <c>url-slug</c>.
    /// </summary>
    public static RuleFact UrlFollowsSiteAndSlug { get; } = new("the url follows site and slug", "url-slug", context =>
    {
        if (context.Record is not { } record || !context.Root.TryGetString("site", out var site) || !IsWellFormedSite(site)) return true;
        if (!TrustedSlug(context, out var slug) || !record.TryGetString("url", out var url)) return true;
        return url == ExpectedUrl(site, slug) || (context.Settings.Site is { } configured && url == ExpectedUrl(configured, slug));
    }, "/site", "/record/slug", "/record/url");

    /// <summary><c>record.displayDate</c> is the English long form of <c>record.date</c>. Owner: <c>display-date</c>.</summary>
    public static RuleFact DisplayDateIsLongForm { get; } = new("displayDate is the long form of date", "display-date",
        context => context.Record is { } record && IsLongForm(record, "date", "displayDate", out _, out _), "/record/date", "/record/displayDate");

    /// <summary><c>record.displayLastUpdated</c> is the English long form of <c>record.lastUpdated</c>. Owner: <c>display-date</c>.</summary>
    public static RuleFact DisplayLastUpdatedIsLongForm { get; } = new("displayLastUpdated is the long form of lastUpdated", "display-date",
        context => context.Record is { } record && IsLongForm(record, "lastUpdated", "displayLastUpdated", out _, out _), "/record/lastUpdated", "/record/displayLastUpdated");

    /// <summary>
    /// The record's dates are in order: <c>date &lt;= lastUpdated &lt;= generatedAt</c> and no <c>timeline</c> or
    /// <c>updateLog</c> date after <c>generatedAt</c> (dates that do not parse are the schema's and count as in order).
    /// Owner: <c>date-order</c>.
    /// </summary>
    public static RuleFact DatesAreInOrder { get; } = new("the dates are in order", "date-order", context =>
    {
        if (context.Record is not { } record) return true;
        bool hasGenerated = context.Root.TryGetDateTimeDate("generatedAt", out var generated);
        bool hasDate = record.TryGetDate("date", out var date);
        bool hasUpdated = record.TryGetDate("lastUpdated", out var updated);
        if (hasDate && hasUpdated && date > updated) return false;
        if (!hasGenerated) return true;
        if (hasUpdated ? updated > generated : hasDate && date > generated) return false;
        foreach (var field in (ReadOnlySpan<string>)["timeline", "updateLog"])
        {
            if (!record.TryGetArray(field, out var array)) continue;
            foreach (var entry in array.EnumerateArray())
                if (entry.TryGetDate("date", out var d) && d > generated) return false;
        }
        return true;
    }, "/generatedAt", "/record/date", "/record/lastUpdated", "/record/timeline/*/date", "/record/updateLog/*/date");

    /// <summary>Every built-in fact.</summary>
    public static IReadOnlyList<RuleFact> All { get; } = [SlugMatchesFile, UrlIsConsistent, UrlFollowsSiteAndSlug, DisplayDateIsLongForm, DisplayLastUpdatedIsLongForm, DatesAreInOrder];

    /// <summary>
    /// The record's slug when rules may build on it: well formed, and either matching the file name or with
    /// <c>slug-filename</c> off for this file (then the slug as written counts).
    /// </summary>
    public static bool TrustedSlug(FileContext context, out string slug)
    {
        slug = "";
        return context.Record is { } record && !context.Defers(SlugMatchesFile)
            && record.TryGetString("slug", out slug) && RecordFields.IsKebabCase(slug);
    }

    /// <summary>The url a record with this site and slug must have.</summary>
    public static string ExpectedUrl(string site, string slug) => site + "/incident/" + slug;

    /// <summary>Whether <paramref name="site"/> has the form the schema requires: absolute https URL without trailing slash.</summary>
    public static bool IsWellFormedSite(string site) =>
        site.StartsWith("https://", StringComparison.Ordinal) && !site.EndsWith('/') && site.Length > "https://".Length
        && !site.Any(char.IsWhiteSpace) && Uri.TryCreate(site, UriKind.Absolute, out _);

    /// <summary>
    /// Whether the display field is the long form of the date field. When the inputs are missing or malformed
    /// (schema's business), <paramref name="expected"/> is null and the result is false.
    /// </summary>
    public static bool IsLongForm(JsonElement record, string dateField, string displayField, out string? expected, out string actual)
    {
        expected = null;
        if (!record.TryGetString(displayField, out actual) || actual.Length == 0 || !record.TryGetDate(dateField, out var date)) return false;
        expected = RecordFields.LongForm(date);
        return actual == expected;
    }
}
