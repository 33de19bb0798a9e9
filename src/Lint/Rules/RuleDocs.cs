using System.Diagnostics.CodeAnalysis;

namespace Lint.Rules;

/// <summary>
/// The documentation pages of the built-in rules (<c>docs/rules/&lt;id&gt;.md</c>), embedded in the library, so that
/// <c>lint explain RULE</c> and library users can show them without the repository or a network.
/// </summary>
public static class RuleDocs
{
    /// <summary>The manifest resource name of a page is this prefix, the rule id and <c>.md</c>.</summary>
    public const string ResourcePrefix = "Lint.docs.rules.";

    private static readonly Lazy<IReadOnlyList<string>> Ids = new(() =>
        typeof(RuleDocs).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".md".Length])
            .Order(StringComparer.Ordinal)
            .ToList());

    /// <summary>The rule ids that have an embedded page, sorted.</summary>
    public static IReadOnlyList<string> Available => Ids.Value;

    /// <summary>Gets the Markdown page of the rule <paramref name="ruleId"/>.</summary>
    /// <param name="ruleId">A rule id, such as <c>source-count</c> (exact, case-sensitive).</param>
    /// <param name="markdown">The page, as written in <c>docs/rules/</c> (without the generated-text markers).</param>
    /// <returns>Whether the library embeds a page for that id.</returns>
    public static bool TryGet(string ruleId, [NotNullWhen(true)] out string? markdown)
    {
        markdown = null;
        if (!Available.Contains(ruleId, StringComparer.Ordinal)) return false;
        using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream(ResourcePrefix + ruleId + ".md");
        if (stream is null) return false;
        using var reader = new StreamReader(stream);
        markdown = AsReadersSeeIt(reader.ReadToEnd());
        return true;
    }

    /// <summary>
    /// A page as GitHub shows it to readers: without the markers around the generated header (they are for the drift
    /// test), and with each code fence's info string cut to its language (the words after it, such as
    /// <c>file=content/incidents/x.json</c>, tell the docs tests how to run the block; GitHub does not show them).
    /// </summary>
    public static string AsReadersSeeIt(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var lines = new List<string>();
        string? fence = null; // the open fence's backticks or tildes, while inside a code block
        foreach (var line in page.ReplaceLineEndings("\n").Split('\n'))
        {
            if (RuleCatalog.IsMarker(line)) continue;
            int indent = 0;
            while (indent < line.Length && indent < 4 && line[indent] == ' ') indent++;
            int run = indent;
            char mark = run < line.Length ? line[run] : '\0';
            if (indent < 4 && mark is '`' or '~')
                while (run < line.Length && line[run] == mark) run++;
            int length = run - indent;
            if (fence is null && length >= 3)
            {
                fence = line[indent..run];
                int language = run;
                while (language < line.Length && line[language] != ' ') language++;
                lines.Add(line[..language]);
                continue;
            }
            if (fence is not null && length >= fence.Length && mark == fence[0] && line[run..].Trim().Length == 0) fence = null;
            lines.Add(line);
        }
        return string.Join('\n', lines);
    }
}
