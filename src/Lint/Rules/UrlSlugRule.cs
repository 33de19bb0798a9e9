using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>url-slug</c>: <c>url</c> differs from <c>{site}/incident/{slug}</c>, or <c>site</c> from the configured site.</summary>
public sealed class UrlSlugRule : IFileRule
{
    /// <summary>site is not the configured site.</summary>
    public static RuleMessage SiteMismatch { get; } = new("site-mismatch", "site {{site}} differs from the configured site {{configured}}");

    /// <summary>url is not {site}/incident/{slug}.</summary>
    public static RuleMessage UrlMismatch { get; } = new("url-mismatch", "url {{url}} should be {{expected}} ({site}/incident/{slug})");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("url-slug", "url differs from {site}/incident/{slug}, or site differs from the configured site.", Severity.Error, FixAvailability.Always) { Messages = [SiteMismatch, UrlMismatch], Inputs = ["/site", "/record/slug", "/record/url"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        if (!context.Root.TryGetString("site", out var site) || !RecordFacts.IsWellFormedSite(site)) return;
        string? configured = context.Settings.Site;
        if (configured is not null && site != configured)
        {
            context.Report("/site", SiteMismatch.With(("site", Text.Quote(site)), ("configured", Text.Quote(configured))),
                context.ReplaceString("/site", configured, $"set site to {configured}"));
        }
        // The url is built from the slug; while slug-filename flags the slug, the url waits for the file to be renamed.
        // While site itself is flagged, a url built from either the written or the configured site is the site's
        // defect, not a second one; once site is fixed, url must follow it (RecordFacts.UrlFollowsSiteAndSlug, which the
        // schema rule asks too, so that an http:// url is this rule's finding alone). A url that matches neither is
        // fixed straight to the configured site's url, since that is where the site fix takes it.
        if (context.Holds(RecordFacts.UrlFollowsSiteAndSlug) || !RecordFacts.TrustedSlug(context, out var slug) || !record.TryGetString("url", out var url)) return;
        string target = configured is not null ? RecordFacts.ExpectedUrl(configured, slug) : RecordFacts.ExpectedUrl(site, slug);
        context.Report("/record/url", UrlMismatch.With(("url", Text.Quote(url)), ("expected", Text.Quote(target))),
            context.ReplaceString("/record/url", target, $"set url to {target}"));
    }
}
