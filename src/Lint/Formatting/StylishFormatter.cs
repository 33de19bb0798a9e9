using System.Globalization;
using System.Text;
using Lint.Parsing;

namespace Lint.Formatting;

/// <summary>
/// The human format: findings grouped by file, aligned, then a one-line summary. Everything that comes from a file
/// (paths, messages) is printed through <see cref="Text.Sanitize"/>, and no line starts with <c>::</c>, so the output
/// cannot carry terminal escape sequences or GitHub workflow commands, even when printed in a CI log.
/// </summary>
public sealed class StylishFormatter : IFormatter
{
    /// <inheritdoc />
    public string Name => "stylish";

    /// <inheritdoc />
    public void Write(ReportInput input, TextWriter writer)
    {
        var result = input.Result;
        string Paint(string code, string text) => input.Color ? $"\u001b[{code}m{text}\u001b[0m" : text;
        foreach (var group in result.Findings.GroupBy(f => f.File))
        {
            var rows = group.Select(f => (
                Position: string.Create(CultureInfo.InvariantCulture, $"{f.Line}:{f.Column}"),
                Severity: f.Severity.ToName(),
                Message: Text.Sanitize(f.Message, int.MaxValue),
                RuleId: Text.Sanitize(f.RuleId, int.MaxValue))).ToList();
            int posWidth = rows.Max(r => r.Position.Length);
            int sevWidth = rows.Max(r => r.Severity.Length);
            int msgWidth = rows.Max(r => r.Message.Length);
            writer.WriteLine(Paint("4", SafePath(group.Key)));
            foreach (var r in rows)
            {
                var sb = new StringBuilder("  ");
                sb.Append(r.Position.PadRight(posWidth)).Append("  ");
                sb.Append(Paint(r.Severity == "error" ? "31" : "33", r.Severity.PadRight(sevWidth))).Append("  ");
                sb.Append(r.Message.PadRight(msgWidth)).Append("  ");
                sb.Append(Paint("2", r.RuleId));
                writer.WriteLine(sb.ToString());
            }
            writer.WriteLine();
        }
        writer.WriteLine(Summary(result));
        if (input.Baseline is not null) writer.WriteLine(input.Baseline.Describe());
    }

    /// <summary>
    /// A path as a line of its own: sanitized, and prefixed with <c>./</c> when it would start with <c>::</c> (after
    /// leading spaces), which the GitHub runner would read as a workflow command.
    /// </summary>
    internal static string SafePath(string path)
    {
        var safe = Text.Sanitize(path, int.MaxValue);
        return safe.TrimStart().StartsWith("::", StringComparison.Ordinal) ? "./" + safe : safe;
    }

    /// <summary>The summary line: problems, errors, warnings, fixable, files, seconds.</summary>
    public static string Summary(LintResult result)
    {
        int problems = result.Findings.Count;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{problems} {Plural(problems, "problem")} ({result.ErrorCount} {Plural(result.ErrorCount, "error")}, {result.WarningCount} {Plural(result.WarningCount, "warning")}), {result.FixableCount} fixable with --fix; {result.FilesChecked} {Plural(result.FilesChecked, "file")} checked in {result.Elapsed.TotalSeconds:0.00}s");
        return result.Fixes is { } fixes ? line + "; " + fixes : line;
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
