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

    /// <summary>The widest message that still sets the column the rule ids line up at; longer ones are followed by two spaces and the id.</summary>
    public const int MessageColumn = 100;

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
            // Rule ids line up after the messages, but a long message does not pad every other line of its file out
            // to its own width: only messages up to MessageColumn characters set the column.
            int msgWidth = rows.Select(r => r.Message.Length).Where(n => n <= MessageColumn).DefaultIfEmpty(0).Max();
            writer.WriteLine(Paint("4", SafePath(group.Key)));
            foreach (var r in rows)
            {
                var sb = new StringBuilder("  ");
                sb.Append(r.Position.PadRight(posWidth)).Append("  ");
                sb.Append(Paint(r.Severity == "error" ? "31" : "33", r.Severity.PadRight(sevWidth))).Append("  ");
                sb.Append(r.Message.PadRight(msgWidth)).Append("  ");
                sb.Append(Paint("2", r.RuleId));
                // Never a trailing space, whatever a column holds (an empty rule id, a message ending in a space).
                writer.WriteLine(sb.ToString().TrimEnd());
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
        // After --fix, a finding whose file could not be written is not "fixable with --fix": that was just tried.
        int fixable = result.Fixes is { DryRun: false, FailedPaths.Count: > 0 } run
            ? result.Findings.Count(f => f.IsFixable && !run.FailedPaths.Contains(f.File))
            : result.FixableCount;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{problems} {Plural(problems, "problem")} ({result.ErrorCount} {Plural(result.ErrorCount, "error")}, {result.WarningCount} {Plural(result.WarningCount, "warning")}), {fixable} fixable with --fix; {result.FilesChecked} {Plural(result.FilesChecked, "file")} checked in {result.Elapsed.TotalSeconds:0.00}s");
        return result.Fixes is { } fixes ? line + "; " + fixes : line;
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
