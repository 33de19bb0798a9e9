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
        // The markers around the generated header are for the drift test, not for readers.
        markdown = string.Join('\n', reader.ReadToEnd().ReplaceLineEndings("\n").Split('\n').Where(line => !RuleCatalog.IsMarker(line)));
        return true;
    }
}
