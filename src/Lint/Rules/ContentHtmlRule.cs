using Lint.Html;

namespace Lint.Rules;

/// <summary>
/// <c>content-html</c>: <c>record.contentHtml</c> is not well-formed HTML5. Each parse error of the real HTML5 parser
/// (a stray or misnested end tag, an element left open, a bad character reference, a misplaced tag, a broken tag) is
/// one finding at its exact place in the file, through the JSON string's escapes.
/// </summary>
public sealed class ContentHtmlRule : IFileRule
{
    /// <summary>An end tag with no such element open.</summary>
    public static RuleMessage Stray { get; } = new("stray-end-tag", "contentHtml: {{detail}}");

    /// <summary>An end tag that closes an element with others still open inside it.</summary>
    public static RuleMessage Misnested { get; } = new("misnested", "contentHtml: {{detail}}");

    /// <summary>An element left open at the end.</summary>
    public static RuleMessage Unclosed { get; } = new("unclosed", "contentHtml: {{detail}}");

    /// <summary>A start tag where HTML does not allow it.</summary>
    public static RuleMessage Misplaced { get; } = new("misplaced-tag", "contentHtml: {{detail}}");

    /// <summary>An unknown, unterminated or forbidden character reference.</summary>
    public static RuleMessage CharacterReference { get; } = new("character-reference", "contentHtml: {{detail}}");

    /// <summary>Any other parse error.</summary>
    public static RuleMessage Syntax { get; } = new("syntax", "contentHtml: {{detail}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("content-html", "contentHtml is not well-formed HTML5 (one finding per parse error, at its place in the string).",
        Severity.Error, FixAvailability.Never) { Messages = [Stray, Misnested, Unclosed, Misplaced, CharacterReference, Syntax], Inputs = ["/record/contentHtml"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.ContentHtml is not { } html) return;
        foreach (var problem in html.Problems)
        {
            var message = problem.Kind switch
            {
                HtmlProblemKind.StrayEndTag => Stray,
                HtmlProblemKind.MisnestedEndTag => Misnested,
                HtmlProblemKind.Unclosed => Unclosed,
                HtmlProblemKind.MisplacedTag => Misplaced,
                HtmlProblemKind.CharacterReference => CharacterReference,
                _ => Syntax,
            };
            context.ReportInHtml(problem.Index, message.With(("detail", problem.Detail)));
        }
    }
}
