using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>url-slug</c>: <c>url</c> differs from <c>{site}/incident/{slug}</c>, or <c>site</c> from the configured site.</summary>
public sealed class UrlSlugRule : IFileRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("url-slug", "url differs from {site}/incident/{slug}, or site differs from the configured site.", Severity.Error, Fixable: true);

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        if (!context.Root.TryGetString("site", out var site) || !IsWellFormedSite(site)) return;
        string? configured = context.Settings.Site;
        if (configured is not null && site != configured)
        {
            context.Report("/site", $"site {Text.Quote(site)} differs from the configured site {Text.Quote(configured)}",
                context.ReplaceString("/site", configured, $"set site to {configured}"));
        }
        if (!SlugFilenameRule.SlugMatchesFile(context, out var slug) || !record.TryGetString("url", out var url)) return;
        // While site itself is flagged, a url built from either the written or the configured site is the
        // site's defect, not a second one; once site is fixed, url must follow it. A url that matches neither is
        // fixed straight to the configured site's url, since that is where the site fix takes it.
        string expected = ExpectedUrl(site, slug);
        if (url == expected || (configured is not null && url == ExpectedUrl(configured, slug))) return;
        string target = configured is not null ? ExpectedUrl(configured, slug) : expected;
        context.Report("/record/url", $"url {Text.Quote(url)} should be {Text.Quote(target)} ({{site}}/incident/{{slug}})",
            context.ReplaceString("/record/url", target, $"set url to {target}"));
    }

    /// <summary>The url a record with this site and slug must have.</summary>
    public static string ExpectedUrl(string site, string slug) => site + "/incident/" + slug;

    /// <summary>Whether <paramref name="site"/> has the form the schema requires: absolute https URL without trailing slash.</summary>
    internal static bool IsWellFormedSite(string site) =>
        site.StartsWith("https://", StringComparison.Ordinal) && !site.EndsWith('/') && site.Length > "https://".Length
        && !site.Any(char.IsWhiteSpace) && Uri.TryCreate(site, UriKind.Absolute, out _);

    /// <summary>
    /// Whether the record's url is the one its site and slug imply, and site is the configured one when one is set
    /// (other rules trust url only then: while this rule flags site or url, they wait for its fix).
    /// </summary>
    internal static bool UrlIsConsistent(FileContext context)
    {
        if (context.Record is not { } record || !context.Root.TryGetString("site", out var site) || !IsWellFormedSite(site)) return false;
        if (context.Settings.Site is { } configured && site != configured) return false;
        if (!SlugFilenameRule.SlugMatchesFile(context, out var slug) || !record.TryGetString("url", out var url)) return false;
        return url == ExpectedUrl(site, slug);
    }
}
