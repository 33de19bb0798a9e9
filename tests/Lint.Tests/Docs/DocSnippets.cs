using Lint.Tests.TestSupport;
using Markdig;
using Markdig.Syntax;

namespace Lint.Tests.Docs;

/// <summary>
/// One fenced code block of the README or of a page under docs/: where it is, its info string split into the language
/// (the first word, the one GitHub renders) and the tags after it, and its text.
/// </summary>
/// <remarks>
/// The tags say how a test checks the block (docs/CONTRIBUTING's "Doc snippets"): <c>```json config</c> is a
/// configuration that lint must load, <c>```shell not-run: needs VS Code</c> a command no test can run here, and so on.
/// GitHub shows only the language, so the tags cost the reader nothing.
/// </remarks>
public sealed record DocSnippet(string File, int Line, string Language, IReadOnlyList<string> Tags, string Text, string? Heading)
{
    /// <summary>The file relative to the repository root, with forward slashes.</summary>
    public string RelativeFile => Path.GetRelativePath(Repo.Root, File).Replace('\\', '/');

    /// <summary>Whether the info string carries the tag (<c>config</c>) or a tag with a value (<c>not-run: reason</c>).</summary>
    public bool Has(string tag) => Tags.Any(t => t == tag || t.StartsWith(tag + ":", StringComparison.Ordinal) || t.StartsWith(tag + "=", StringComparison.Ordinal));

    /// <summary>The value of a <c>tag=value</c> or <c>tag: value</c> tag (the rest of the info string for the latter).</summary>
    public string? Value(string tag)
    {
        foreach (var t in Tags)
        {
            if (t.StartsWith(tag + "=", StringComparison.Ordinal)) return t[(tag.Length + 1)..];
            if (t.StartsWith(tag + ":", StringComparison.Ordinal)) return t[(tag.Length + 1)..].Trim();
        }
        return null;
    }

    /// <summary>The name xunit shows for a theory case: <c>docs/ci.md:35</c>.</summary>
    public override string ToString() => $"{RelativeFile}:{Line}";
}

/// <summary>Extracts the fenced code blocks of the repository's Markdown with Markdig (a CommonMark parser, so
/// blocks inside list items and longer fences are read as GitHub reads them).</summary>
public static class DocSnippets
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    /// <summary>README.md and every Markdown file under docs/, in a stable order.</summary>
    public static IReadOnlyList<string> DocumentationFiles() =>
        new[] { Path.Combine(Repo.Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Repo.Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .ToList();

    /// <summary>Every fenced block of every documentation file.</summary>
    public static IReadOnlyList<DocSnippet> All() => DocumentationFiles().SelectMany(Extract).ToList();

    /// <summary>The blocks that the test class <paramref name="testClass"/> runs (tagged <c>test=ClassName</c>), in document order.</summary>
    public static IReadOnlyList<DocSnippet> RunBy(string testClass) => All().Where(s => s.Value("test") == testClass).ToList();

    /// <summary>The fenced blocks of one Markdown file, in order.</summary>
    public static IReadOnlyList<DocSnippet> Extract(string file)
    {
        var markdown = System.IO.File.ReadAllText(file);
        var document = Markdown.Parse(markdown, Pipeline);
        var snippets = new List<DocSnippet>();
        string? heading = null;
        foreach (var block in document.Descendants())
        {
            if (block is HeadingBlock h)
                heading = h.Inline is null ? null : string.Concat(h.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString()));
            if (block is not FencedCodeBlock fenced) continue;
            var info = ((fenced.Info ?? "") + " " + (fenced.Arguments ?? "")).Trim();
            var words = SplitInfo(info);
            var language = words.Count > 0 ? words[0] : "";
            var text = string.Join("\n", fenced.Lines.Lines.Take(fenced.Lines.Count).Select(l => l.Slice.ToString())) + (fenced.Lines.Count > 0 ? "\n" : "");
            snippets.Add(new DocSnippet(file, fenced.Line + 1, language, words.Skip(1).ToList(), text, heading));
        }
        return snippets;
    }

    /// <summary>Splits an info string into words; a <c>tag: reason</c> keeps the rest of the string as its value.</summary>
    private static List<string> SplitInfo(string info)
    {
        var words = new List<string>();
        var rest = info;
        while (rest.Length > 0)
        {
            rest = rest.TrimStart();
            if (rest.Length == 0) break;
            int space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            if (word.EndsWith(':') && words.Count > 0)
            {
                words.Add(word + " " + rest[(word.Length)..].Trim());
                break;
            }
            words.Add(word);
            rest = space < 0 ? "" : rest[space..];
        }
        return words;
    }
}
