using System.Globalization;
using System.Text;
using Lint.Parsing;

namespace Lint.Formatting;

/// <summary>
/// GitHub Actions workflow commands: one <c>::error</c> or <c>::warning</c> line per finding, which GitHub turns
/// into annotations on the pull request, then a plain summary line (GitHub shows at most 10 annotations of each
/// type per step, so the log keeps the full list).
/// </summary>
public sealed class GitHubFormatter : IFormatter
{
    /// <summary>How many annotations of one type GitHub shows for a step.</summary>
    public const int AnnotationLimit = 10;

    /// <inheritdoc />
    public string Name => "github";

    /// <inheritdoc />
    public void Write(ReportInput input, TextWriter writer)
    {
        var result = input.Result;
        foreach (var f in result.Findings)
        {
            var command = f.Severity == Severity.Warning ? "warning" : "error";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"::{command} file={EscapeProperty(f.File)},line={f.Line},col={f.Column},title={EscapeProperty(f.RuleId)}::{EscapeData(f.Message)}"));
            writer.Write('\n');
        }
        writer.Write(StylishFormatter.Summary(result));
        writer.Write('\n');
        if (result.ErrorCount > AnnotationLimit || result.WarningCount > AnnotationLimit)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"GitHub shows at most {AnnotationLimit} error and {AnnotationLimit} warning annotations per step; every finding is listed above."));
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Escapes the message of a workflow command as GitHub specifies: <c>%</c>, carriage return and line feed
    /// become <c>%25</c>, <c>%0D</c> and <c>%0A</c>. Other control and invisible formatting characters are written
    /// as <c>\uXXXX</c> so that nothing reaches the log raw.
    /// </summary>
    public static string EscapeData(string value)
    {
        var sb = new StringBuilder(value.Length);
        int start = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] is not ('\r' or '\n')) continue;
            sb.Append(Text.Sanitize(value[start..i], int.MaxValue).Replace("%", "%25", StringComparison.Ordinal));
            if (i < value.Length) sb.Append(value[i] == '\r' ? "%0D" : "%0A");
            start = i + 1;
        }
        return sb.ToString();
    }

    /// <summary>Escapes a property value of a workflow command: as <see cref="EscapeData"/>, and <c>:</c> and <c>,</c> become <c>%3A</c> and <c>%2C</c>.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
