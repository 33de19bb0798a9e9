using System.Text.Json.Nodes;
using CsCheck;
using Lint.Html;
using Lint.Parsing;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Html;

/// <summary>
/// The shared parse of <c>contentHtml</c>: problems in plain words at their place, elements and attributes with
/// positions, headings, links, the position map to the file, and the pre-scan that must agree with the full parser.
/// </summary>
public sealed class HtmlContentTests
{
    private static string Describe(HtmlContent html) =>
        string.Join("\n", html.Problems.Select(p => $"{p.Index} {p.Kind} {p.Detail}"));

    [Theory]
    [InlineData("<p>a<b>c</p>", 8, HtmlProblemKind.MisnestedEndTag, "misnested end tag </p>: <b>, opened inside <p>, is still open; close </b> first")]
    [InlineData("<p>x</p></div>", 8, HtmlProblemKind.StrayEndTag, "stray end tag </div>: no <div> is open here")]
    [InlineData("<p><strong>x</em></strong></p>", 12, HtmlProblemKind.StrayEndTag, "stray end tag </em>: no <em> is open here")]
    [InlineData("<p><div>x</div></p>", 15, HtmlProblemKind.StrayEndTag, "stray end tag </p>: the <p> was already closed where a block element (a list, a heading, a <div>, a table…) started inside it")]
    [InlineData("<h2>A</h2><ul><li>x</li>", 10, HtmlProblemKind.Unclosed, "<ul> is never closed: the rest of the page would end up inside it; add </ul>")]
    [InlineData("<p>a &nosuch; b</p>", 5, HtmlProblemKind.CharacterReference, "unknown character reference &nosuch;; write &amp; for a literal '&'")]
    [InlineData("<p>a &#0; b</p>", 5, HtmlProblemKind.CharacterReference, "character reference &#0; names a code point HTML forbids (NUL, a surrogate, a control character or one beyond U+10FFFF)")]
    [InlineData("<h2>a<h3>b</h3></h2>", 5, HtmlProblemKind.MisplacedTag, "<h3> inside another heading: headings cannot be nested")]
    [InlineData("<p>1 < 2</p>", 5, HtmlProblemKind.Syntax, "a '<' that does not start a tag; write &lt; for a literal '<'")]
    [InlineData("<p class=\"a\" class=\"b\">x</p>", 0, HtmlProblemKind.Syntax, "<p> has the same attribute twice: browsers keep the first and drop the others")]
    public void EachParseErrorIsOneProblemAtItsPlace(string source, int index, HtmlProblemKind kind, string detail)
    {
        var html = HtmlContent.Parse(source);
        Assert.True(html.UsedFullParser);
        var problem = Assert.Single(html.Problems, p => p.Index == index);
        Assert.Equal((kind, detail), (problem.Kind, problem.Detail));
    }

    [Theory]
    [InlineData("<p>x")]
    [InlineData("<ul><li>a<li>b</ul>")]
    [InlineData("<p>a</p><p>b")]
    [InlineData("")]
    [InlineData("plain text &amp; more")]
    [InlineData("<table><tr><td>x</td></tr></table>")]
    [InlineData("<p>a<br>b<br/>c<img src=\"x.png\" alt=\"\"></p>")]
    public void WellFormedHtmlHasNoProblem(string source) => Assert.Empty(HtmlContent.Parse(source).Problems);

    [Fact]
    public void AnUnclosedElementWhoseEndTagIsOptionalIsNoProblemButTheListAroundItIs()
    {
        var html = HtmlContent.Parse("<ul><li><strong>x");
        Assert.Equal(["<ul>", "<strong>"], html.Problems.Select(p => p.Subject));
        Assert.Equal([0, 8], html.Problems.Select(p => p.Index));
    }

    [Fact]
    public void ContentThatEndsInsideATagIsOneProblem()
    {
        var html = HtmlContent.Parse("<p>x</p><a href=\"/y");
        var problem = Assert.Single(html.Problems);
        Assert.Equal(8, problem.Index);
    }

    [Fact]
    public void AttributesCarryDecodedValuesAndTheirPlaceAsWritten()
    {
        const string source = "<p>é</p><a title=x HREF = 'javascript&#58;go()' data-x>t</a>";
        var html = HtmlContent.Parse(source);
        var a = html.Elements.Single(e => e.Name == "a");
        Assert.Equal(8, a.Index);
        var href = a.Attribute("href")!;
        Assert.Equal("javascript:go()", href.Value);
        Assert.Equal(source.IndexOf("HREF", StringComparison.Ordinal), href.Index);
        Assert.Equal(source.IndexOf("javascript", StringComparison.Ordinal), href.ValueIndex);
        Assert.Equal("javascript&#58;go()".Length, href.ValueLength);
        var flag = a.Attribute("data-x")!;
        Assert.Equal(("", 0), (flag.Value, flag.ValueLength));
        Assert.Equal([("a", "href", "javascript:go()")], html.Links.Select(l => (l.Element.Name, l.Attribute.Name, l.Url)));
    }

    [Fact]
    public void HeadingsKeepTheirTextDecoded()
    {
        foreach (var source in new[] { "<h2 id=\"a\">The ICC&rsquo;s <em>Response</em></h2><p>x</p>", "<h2 id=\"a\">The ICC&rsquo;s <em>Response</em></h2><p>x</p><table></table>" })
        {
            var heading = Assert.Single(HtmlContent.Parse(source).Headings);
            Assert.Equal(("h2", 2, "The ICC\u2019s Response", "a"), (heading.Name, heading.HeadingLevel, heading.Text, heading.Attribute("id")!.Value));
        }
    }

    [Fact]
    public void PlainMarkupTakesTheFastPathAndOtherMarkupTheFullParser()
    {
        Assert.False(HtmlContent.Parse("<h2 id=\"a\">A</h2><p>x <a href=\"#a\">y</a></p><ul><li>z</li></ul>").UsedFullParser);
        Assert.True(HtmlContent.Parse("<h2>A</h2><script>x</script>").UsedFullParser);
        Assert.True(HtmlContent.Parse("<p>x").UsedFullParser);
        Assert.True(HtmlContent.Parse("<!-- c --><p>x</p>").UsedFullParser);
    }

    [Fact]
    public void TheExampleRecordTakesTheFastPathAndParsesCleanly()
    {
        foreach (var file in Directory.GetFiles(Incidents.ExamplesDirectory, "*.json").Append(Path.Combine(Repo.Shared, "examples", "icc-immunity-demands-rome-statute.json")))
        {
            var (document, _, _) = StrictJsonParser.Parse(File.ReadAllBytes(file));
            using (document)
            {
                var html = HtmlContent.Of(document!)!;
                Assert.False(html.UsedFullParser, file);
                Assert.Empty(html.Problems);
                Assert.Same(html, document!.ContentHtml);
                AssertSameAsFullParser(html.Source);
            }
        }
    }

    [Fact]
    public void PositionsGoThroughJsonEscapesToTheFile()
    {
        var doc = Incidents.Valid("x");
        doc["record"]!["contentHtml"] = "<p title='é\"'>caf\u00e9 \ud83d\ude00</p>\r\n<p>x</div>";
        string text = Incidents.ToText(doc).Replace("é", "\\u00e9", StringComparison.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var (document, _, _) = StrictJsonParser.Parse(bytes);
        using (document)
        {
            var html = document!.ContentHtml!;
            var problem = Assert.Single(html.Problems);
            int offset = html.FileOffsetOf(problem.Index);
            Assert.Equal("</div>", System.Text.Encoding.UTF8.GetString(bytes, offset, 6));
            var (line, column) = html.LineColumnOf(problem.Index);
            var lines = text.Split('\n');
            Assert.Equal("</div>", lines[line - 1].Substring(column - 1 - CountAstral(lines[line - 1], column), 6));
            var title = html.Elements[0].Attribute("title")!;
            var (start, length) = html.FileSpanOf(title.ValueIndex, title.ValueLength);
            Assert.Equal("\\u00e9\\\"", System.Text.Encoding.UTF8.GetString(bytes, start, length));
        }
    }

    // Columns count code points; the emoji before the tag is one column but two UTF-16 units.
    private static int CountAstral(string line, int column) => line.Contains('\ud83d') ? 1 : 0;

    [Fact]
    public void ARecordWithoutAStringContentHtmlHasNone()
    {
        var doc = Incidents.Valid("x");
        doc["record"]!["contentHtml"] = new JsonArray("<script>");
        var (document, _, _) = StrictJsonParser.Parse(System.Text.Encoding.UTF8.GetBytes(Incidents.ToText(doc)));
        using (document) Assert.Null(document!.ContentHtml);
    }

    /// <summary>Whatever the pre-scan accepts, the full parser parses to the same elements, attributes and heading text, without error.</summary>
    private static void AssertSameAsFullParser(string source)
    {
        if (!SimpleHtmlScanner.TryScan(source, out var fast)) return;
        var (full, problems) = HtmlTreeParser.Parse(source);
        Assert.True(problems.Count == 0, $"the pre-scan accepted {source}\nbut the parser reports:\n{string.Join("\n", problems)}");
        Assert.Equal(Shape(full), Shape(fast));
    }

    private static string Shape(IEnumerable<HtmlElement> elements) => string.Join("\n", elements.Select(e =>
        $"{e.Name}@{e.Index} parent={e.Parent?.Index} text={e.Text?.ReplaceLineEndings("\n")} " + string.Join(" ", e.Attributes.Select(a => $"{a.Name}={a.Value}@{a.Index}/{a.ValueIndex}+{a.ValueLength}"))));

    private static readonly string[] Tags = ["p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "div", "span", "br", "img", "hr", "dl", "dt", "dd", "table", "td", "script", "P", "Em"];
    private static readonly string[] Texts = ["x", " ", "&amp;", "&rsquo;", "&#233;", "&#x1F600;", "&nosuch;", "&#0;", "<", "\n", "\r\n", "é", "&", "<!-- c -->"];
    private static readonly string[] Attributes = ["", " id=\"a\"", " href='#a'", " class=x", " title=\"a&amp;b\"", " id=a id=b", " onclick=\"x()\"", " href=\"javascript&#58;x\"", "/"];

    [Fact]
    public void ThePreScanNeverDisagreesWithTheFullParser()
    {
        var token = Gen.OneOf(
            Gen.Select(Gen.Int[0, Tags.Length - 1], Gen.Int[0, Attributes.Length - 1], (t, a) => $"<{Tags[t]}{Attributes[a]}>"),
            Gen.Int[0, Tags.Length - 1].Select(t => $"</{Tags[t]}>"),
            Gen.Int[0, Texts.Length - 1].Select(t => Texts[t]));
        // Well-nested documents too, so that the fast path is exercised, not only refused.
        var nested = Gen.Int[0, 5].SelectMany(depth => Gen.Int[0, 9].Array[depth].Select(pick =>
        {
            string[] names = ["p", "strong", "em", "h2", "ul", "li", "a", "blockquote", "span", "code"];
            var sb = new System.Text.StringBuilder();
            var stack = new Stack<string>();
            foreach (var i in pick)
            {
                sb.Append($"<{names[i]}{(i % 3 == 0 ? " id=\"s" + i + "\"" : "")}>t&amp;");
                stack.Push(names[i]);
            }
            while (stack.Count > 0) sb.Append($"x</{stack.Pop()}>");
            return sb.ToString();
        }));
        Gen.OneOf(token.Array[0, 12].Select(parts => string.Concat(parts)), nested).Sample(AssertSameAsFullParser, iter: 3000);
    }
}
