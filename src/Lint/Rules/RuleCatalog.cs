using System.Text;

namespace Lint.Rules;

/// <summary>
/// The rule catalog as Markdown, generated from <see cref="RuleMetadata"/> (the one source): the table of the README and
/// of <c>docs/rules/README.md</c> (<c>lint rules --format markdown</c>) and the header of each rule's page. The
/// documents hold the generated text between markers; a test regenerates it and fails on any difference (a hand edit,
/// or metadata that changed without the docs), and <c>UPDATE_GOLDEN=1</c> rewrites it.
/// </summary>
public static class RuleCatalog
{
    /// <summary>The line before a generated rules table.</summary>
    public const string TableBegin = "<!-- begin: rules table, generated from the rule metadata (lint rules --format markdown); edit the rules, not this table -->";

    /// <summary>The line after a generated rules table.</summary>
    public const string TableEnd = "<!-- end: rules table -->";

    /// <summary>The line before the generated header of a rule's page.</summary>
    public const string HeaderBegin = "<!-- begin: header, generated from the rule metadata; edit the rule, not this header -->";

    /// <summary>The line after the generated header of a rule's page.</summary>
    public const string HeaderEnd = "<!-- end: header -->";

    /// <summary>Whether <paramref name="line"/> is one of the markers (which <c>lint explain</c> leaves out).</summary>
    public static bool IsMarker(string line) => line is TableBegin or TableEnd or HeaderBegin or HeaderEnd;

    /// <summary>The rules table: rule (linked to its page under <paramref name="linkPrefix"/>), default severity, fix availability, description.</summary>
    /// <param name="rules">The rules, in catalog order.</param>
    /// <param name="linkPrefix">Prepended to <c>id.md</c> in links: <c>docs/rules/</c> from the repository root, empty beside the pages.</param>
    public static string MarkdownTable(IEnumerable<RuleMetadata> rules, string linkPrefix = "")
    {
        var sb = new StringBuilder();
        sb.Append("| rule | default | fix | description |\n|---|---|---|---|\n");
        foreach (var r in rules)
            sb.Append($"| [`{r.Id}`]({linkPrefix}{r.Id}.md) | {r.DefaultText} | {r.FixAvailability.ToName()} | {Cell(r.Description)} |\n");
        return sb.ToString();
    }

    /// <summary>The header of a rule's page, below its <c># id</c> title: the description, a table of default severity and fix availability, the message ids and the options.</summary>
    public static string PageHeader(RuleMetadata rule)
    {
        var text = $"{rule.Description}\n\n| default severity | fix |\n|---|---|\n| {rule.DefaultText} | {rule.FixAvailability.ToName()} |\n";
        if (rule.Messages.Count > 0)
            text += $"\nMessage ids (the `messageId` of `--format json`): {string.Join(", ", rule.Messages.Select(m => $"`{m.Id}`"))}.\n";
        if (RuleOptionsSchema.Of(rule) is { } schema)
        {
            text += $"\nOptions, written after the severity in `lint.config.json` (`\"rules\": {{ \"{rule.Id}\": [\"{rule.DefaultSeverity.ToName()}\", {{ ... }}] }}`):\n\n";
            text += OptionsTable(schema.Options);
        }
        return text;
    }

    /// <summary>A Markdown table of options: name, type, default, description.</summary>
    public static string OptionsTable(IEnumerable<RuleOption> options)
    {
        var sb = new StringBuilder("| option | type | default | description |\n|---|---|---|---|\n");
        foreach (var o in options)
            sb.Append($"| `{o.Name}` | {Cell(o.Type)} | {(o.DefaultJson is null ? "none" : $"`{Cell(o.DefaultJson)}`")} | {Cell(o.Description ?? "")} |\n");
        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="document"/> with the text between the lines <paramref name="begin"/> and <paramref name="end"/>
    /// replaced by <paramref name="content"/> (line endings as in the document); null when the markers are missing or
    /// out of order.
    /// </summary>
    public static string? ReplaceBetween(string document, string begin, string end, string content)
    {
        int b = document.IndexOf(begin, StringComparison.Ordinal);
        if (b < 0) return null;
        int start = document.IndexOf('\n', b);
        int e = start < 0 ? -1 : document.IndexOf(end, start, StringComparison.Ordinal);
        if (e < 0) return null;
        string newline = start > 0 && document[start - 1] == '\r' ? "\r\n" : "\n";
        return document[..(start + 1)] + content.ReplaceLineEndings(newline) + document[e..];
    }

    /// <summary>The text between the lines <paramref name="begin"/> and <paramref name="end"/>, or null when they are missing.</summary>
    public static string? Between(string document, string begin, string end)
    {
        int b = document.IndexOf(begin, StringComparison.Ordinal);
        if (b < 0) return null;
        int start = document.IndexOf('\n', b);
        int e = start < 0 ? -1 : document.IndexOf(end, start, StringComparison.Ordinal);
        return e < 0 ? null : document[(start + 1)..e];
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
