using Lint.Html;

namespace Lint.Rules;

/// <summary>
/// <c>content-unsafe</c>: <c>record.contentHtml</c> holds markup that executes or embeds: <c>&lt;script&gt;</c>, frames
/// and plugins, forms, <c>&lt;base&gt;</c>, a refreshing <c>&lt;meta&gt;</c>, styles, event-handler attributes,
/// <c>srcdoc</c>, <c>javascript:</c>/<c>vbscript:</c>/<c>data:</c> URLs; and any element or attribute outside the
/// allowlist of what records use (the options <c>allowedElements</c> and <c>allowedAttributes</c>, see <see cref="ContentUnsafeOptions"/>). Each finding says what was found and why it is
/// dangerous, at its place in the file.
/// </summary>
public sealed class ContentUnsafeRule : IFileRule
{
    /// <summary>A script element.</summary>
    public static RuleMessage Script { get; } = new("script", "<script> in contentHtml runs JavaScript in every reader's browser with the site's authority (script injection)");

    /// <summary>A frame, object, embed or applet.</summary>
    public static RuleMessage Embed { get; } = new("embed", "<{{element}}> in contentHtml embeds another page or a plugin inside the site's page, which can run code and pass itself off as the site");

    /// <summary>A form.</summary>
    public static RuleMessage Form { get; } = new("form", "<form> in contentHtml can send what readers type to any address (phishing on the site's own page)");

    /// <summary>A base element.</summary>
    public static RuleMessage Base { get; } = new("base", "<base> in contentHtml changes where every relative link and script of the page points");

    /// <summary>A meta refresh.</summary>
    public static RuleMessage MetaRefresh { get; } = new("meta-refresh", "<meta http-equiv=\"refresh\"> in contentHtml sends readers to another address without a click");

    /// <summary>A style element or attribute.</summary>
    public static RuleMessage Style { get; } = new("style", "{{what}} in contentHtml can restyle the whole page: hide the record, overlay fake content, or load remote resources");

    /// <summary>An on* attribute.</summary>
    public static RuleMessage EventHandler { get; } = new("event-handler", "the {{attribute}} attribute of <{{element}}> in contentHtml runs JavaScript when the event fires (script injection)");

    /// <summary>A srcdoc attribute.</summary>
    public static RuleMessage Srcdoc { get; } = new("srcdoc", "the srcdoc attribute of <{{element}}> in contentHtml embeds a whole HTML document, scripts included");

    /// <summary>A javascript:, vbscript: or data: URL.</summary>
    public static RuleMessage DangerousUrl { get; } = new("dangerous-url", "the {{attribute}} of <{{element}}> in contentHtml is a {{scheme}}: URL, which {{why}}");

    /// <summary>An element outside the allowlist.</summary>
    public static RuleMessage ElementNotAllowed { get; } = new("element-not-allowed",
        "<{{element}}> is not one of the elements contentHtml may use; add it to content-unsafe's allowedElements option if it is safe");

    /// <summary>An attribute outside the allowlist.</summary>
    public static RuleMessage AttributeNotAllowed { get; } = new("attribute-not-allowed",
        "the {{attribute}} attribute of <{{element}}> is not one contentHtml may use; add it to content-unsafe's allowedAttributes option if it is safe");

    private static readonly HashSet<string> Embeds = new(StringComparer.Ordinal) { "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe" };

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("content-unsafe", "contentHtml holds markup that executes or embeds (scripts, event handlers, javascript: URLs, frames, forms, styles…).",
        Severity.Error, FixAvailability.Never)
    {
        Messages = [Script, Embed, Form, Base, MetaRefresh, Style, EventHandler, Srcdoc, DangerousUrl, ElementNotAllowed, AttributeNotAllowed],
        Inputs = ["/record/contentHtml"],
        OptionsSchema = $$"""
            {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "allowedElements": {
                  "description": "The elements contentHtml may use (lower-case names). This list replaces the default one: copy the default and add to it.",
                  "type": "array",
                  "items": { "type": "string", "minLength": 1 },
                  "default": {{Json(ContentUnsafeOptions.DefaultElements)}}
                },
                "allowedAttributes": {
                  "description": "The attributes contentHtml may use, on any allowed element (lower-case names; a name ending in * allows every name with that prefix). This list replaces the default one.",
                  "type": "array",
                  "items": { "type": "string", "minLength": 1 },
                  "default": {{Json(ContentUnsafeOptions.DefaultAttributes)}}
                }
              }
            }
            """,
    };

    private static string Json(IEnumerable<string> names) => "[" + string.Join(", ", names.Select(n => "\"" + n + "\"")) + "]";

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ContentHtml is not { } html) return;
        var options = context.Options.Parsed(static o => new ContentUnsafeOptions(o.GetStrings("allowedElements"), o.GetStrings("allowedAttributes")));
        // A tag that content-html already reports as misplaced (<body>, <html> inside the fragment) is that rule's finding.
        HashSet<int>? misplaced = null;
        if (context.IsRuleEnabled("content-html"))
        {
            foreach (var p in html.Problems)
                if (p.Kind == HtmlProblemKind.MisplacedTag) (misplaced ??= []).Add(p.Index);
        }
        // Made when the first element is reported (a clean record, the usual case, allocates nothing here).
        HashSet<HtmlElement>? reported = null;
        foreach (var element in html.Elements)
        {
            if (misplaced is not null && misplaced.Contains(element.Index)) continue;
            if (CheckElement(context, element, options, reported is not null && InsideReported(element, reported)))
            {
                (reported ??= []).Add(element);
                continue;
            }
            var attributes = element.Attributes;
            for (int i = 0; i < attributes.Count; i++)
                CheckAttribute(context, element, attributes[i], options);
        }
    }

    private static bool InsideReported(HtmlElement element, HashSet<HtmlElement> reported)
    {
        for (var up = element.Parent; up is not null; up = up.Parent)
            if (reported.Contains(up)) return true;
        return false;
    }

    /// <summary>
    /// Reports the element itself when it is dangerous or not allowed; true when it is (its attributes are then not
    /// reported). Inside an element already reported, only what is dangerous by itself is reported, not what is merely
    /// outside the allowlist (the <c>&lt;input&gt;</c> of a reported <c>&lt;form&gt;</c>, the shapes of an <c>&lt;svg&gt;</c>).
    /// </summary>
    private static bool CheckElement(FileContext context, HtmlElement element, ContentUnsafeOptions options, bool insideReported)
    {
        string name = element.Name;
        if (options.IsAllowedElement(name))
        {
            if (name == "meta" && IsRefresh(element)) return Report(context, element.Index, MetaRefresh);
            return false;
        }
        bool specific = name is "script" or "form" or "base" or "style" || Embeds.Contains(name) || (name == "meta" && IsRefresh(element));
        if (insideReported && !specific) return true;
        ReportMessage message = name switch
        {
            "script" => Script,
            "form" => Form,
            "base" => Base,
            "style" => Style.With(("what", "a <style> element")),
            "meta" when IsRefresh(element) => MetaRefresh,
            _ when Embeds.Contains(name) => Embed.With(("element", name)),
            _ => ElementNotAllowed.With(("element", Parsing.Text.Sanitize(name, 40))),
        };
        return Report(context, element.Index, message);
    }

    private static bool IsRefresh(HtmlElement element) =>
        element.Attribute("http-equiv") is { } equiv && equiv.Value.Trim().Equals("refresh", StringComparison.OrdinalIgnoreCase);

    private static bool Report(FileContext context, int index, ReportMessage message)
    {
        context.ReportInHtml(index, message);
        return true;
    }

    private static void CheckAttribute(FileContext context, HtmlElement element, HtmlAttribute attribute, ContentUnsafeOptions options)
    {
        string name = attribute.Name;
        string elementName = element.Name;
        bool allowed = options.IsAllowedAttribute(name);
        if (!allowed)
        {
            string shown = Parsing.Text.Sanitize(name, 40);
            ReportMessage message = name switch
            {
                "style" => Style.With(("what", $"a style attribute on <{elementName}>")),
                "srcdoc" => Srcdoc.With(("element", elementName)),
                _ when name.StartsWith("on", StringComparison.Ordinal) => EventHandler.With(("attribute", shown), ("element", elementName)),
                _ => AttributeNotAllowed.With(("attribute", shown), ("element", elementName)),
            };
            context.ReportInHtml(attribute.Index, message);
            return;
        }
        if (HtmlContent.UrlAttributes.Contains(name) && DangerousScheme(attribute.Value) is { } scheme)
        {
            string why = scheme == "data"
                ? "embeds content (a whole HTML document with scripts, or an image no one reviewed as a file) in the address itself"
                : "runs script in the reader's browser when it is followed or loaded";
            context.ReportInHtml(attribute.ValueIndex, DangerousUrl.With(("attribute", name), ("element", elementName), ("scheme", scheme), ("why", why)));
        }
    }

    /// <summary>
    /// <c>javascript</c>, <c>vbscript</c> or <c>data</c> when <paramref name="url"/> (character references already decoded)
    /// has that scheme as a browser reads it, else null. Browsers drop leading and trailing spaces and control characters
    /// and every tab and newline before they read the scheme, and compare it case-insensitively; this goes one step
    /// further on the safe side and ignores every space and control character before the first ':'
    /// (<c>java&amp;#x09;script:</c>, <c>" JaVaScRiPt:"</c>, <c>java\u0001script:</c> all count).
    /// </summary>
    public static string? DangerousScheme(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        int colon = url.IndexOf(':');
        if (colon < 0) return null;
        Span<char> scheme = stackalloc char[16];
        int length = 0;
        for (int i = 0; i < colon; i++)
        {
            char c = url[i];
            if (c <= ' ' || (c >= '\u007f' && c <= '\u00a0') || c is '\u200b' or '\ufeff' or '\ufffd') continue;
            if (length == scheme.Length) return null;
            scheme[length++] = char.ToLowerInvariant(c);
        }
        var s = scheme[..length];
        if (s.SequenceEqual("javascript")) return "javascript";
        if (s.SequenceEqual("vbscript")) return "vbscript";
        if (s.SequenceEqual("data")) return "data";
        return null;
    }
}

/// <summary>
/// The allowlist of <c>content-unsafe</c>: the elements and attributes <c>contentHtml</c> may use. The default is what
/// incident records use (headings, paragraphs, lists, emphasis, links, quotes, tables, code, figures…); an entry ending
/// in <c>*</c> allows every name with that prefix (<c>aria-*</c>).
/// </summary>
/// <param name="AllowedElements">Element names, lower-case.</param>
/// <param name="AllowedAttributes">Attribute names, lower-case (any element).</param>
public sealed record ContentUnsafeOptions(IReadOnlyCollection<string> AllowedElements, IReadOnlyCollection<string> AllowedAttributes)
{
    /// <summary>The default elements.</summary>
    public static IReadOnlyList<string> DefaultElements { get; } =
    [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "wbr", "div", "span", "section", "article", "aside", "header", "footer", "address",
        "ul", "ol", "li", "dl", "dt", "dd",
        "strong", "em", "b", "i", "u", "s", "small", "sub", "sup", "mark", "abbr", "cite", "q", "dfn", "time", "data", "del", "ins", "bdi", "bdo",
        "code", "pre", "kbd", "samp", "var",
        "a", "blockquote",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        "figure", "figcaption", "img", "details", "summary",
    ];

    /// <summary>The default attributes.</summary>
    public static IReadOnlyList<string> DefaultAttributes { get; } =
    [
        "id", "class", "title", "lang", "dir", "aria-*", "role",
        "href", "rel", "hreflang", "target", "name",
        "src", "alt", "width", "height", "loading", "decoding",
        "cite", "datetime", "value", "start", "reversed", "type",
        "colspan", "rowspan", "scope", "headers", "span", "open",
    ];

    /// <summary>The default allowlist.</summary>
    public static ContentUnsafeOptions Default { get; } = new(DefaultElements, DefaultAttributes);

    private HashSet<string>? _elements;
    private (HashSet<string> Names, string[] Prefixes)? _attributes;

    /// <summary>Whether <paramref name="name"/> is an allowed element.</summary>
    public bool IsAllowedElement(string name) => (_elements ??= new HashSet<string>(AllowedElements.Select(e => e.ToLowerInvariant()), StringComparer.Ordinal)).Contains(name);

    /// <summary>Whether <paramref name="name"/> is an allowed attribute.</summary>
    public bool IsAllowedAttribute(string name)
    {
        _attributes ??= (new HashSet<string>(AllowedAttributes.Where(a => !a.EndsWith('*')).Select(a => a.ToLowerInvariant()), StringComparer.Ordinal),
            AllowedAttributes.Where(a => a.EndsWith('*')).Select(a => a[..^1].ToLowerInvariant()).ToArray());
        var (names, prefixes) = _attributes.Value;
        if (names.Contains(name)) return true;
        foreach (var p in prefixes)
            if (name.StartsWith(p, StringComparison.Ordinal) && name.Length > p.Length) return true;
        return false;
    }
}
