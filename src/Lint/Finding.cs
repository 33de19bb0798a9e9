namespace Lint;

/// <summary>How serious a finding is. <see cref="Off"/> disables a rule.</summary>
public enum Severity
{
    /// <summary>The rule does not run.</summary>
    Off = 0,
    /// <summary>Reported, but does not fail the run (unless <c>--max-warnings</c> is exceeded).</summary>
    Warning = 1,
    /// <summary>Reported and fails the run (exit code 1).</summary>
    Error = 2,
}

/// <summary>Parsing and printing of <see cref="Severity"/> as written in configuration and on the command line.</summary>
public static class SeverityNames
{
    /// <summary>The lower-case name used in configuration: <c>off</c>, <c>warning</c> or <c>error</c>.</summary>
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Off => "off",
        Severity.Warning => "warning",
        _ => "error",
    };

    /// <summary>Parses <c>off</c>, <c>warning</c> or <c>error</c> (exact, lower case).</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text)
        {
            case "off": severity = Severity.Off; return true;
            case "warning": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: severity = Severity.Off; return false;
        }
    }
}

/// <summary>One replacement in the UTF-8 bytes of a file: <paramref name="Length"/> bytes at <paramref name="Start"/> become <paramref name="NewText"/>.</summary>
/// <param name="Start">Byte offset into the file.</param>
/// <param name="Length">Number of bytes replaced.</param>
/// <param name="NewText">The replacement text (written as UTF-8).</param>
public sealed record TextEdit(int Start, int Length, string NewText)
{
    /// <summary>The first byte after the replaced range.</summary>
    public int End => Start + Length;
}

/// <summary>A safe, automatic repair of a finding: a set of non-overlapping edits.</summary>
/// <param name="Description">What the fix does, in plain words.</param>
/// <param name="Edits">The edits, against the bytes of the file as it was linted.</param>
public sealed record Fix(string Description, IReadOnlyList<TextEdit> Edits)
{
    /// <summary>A fix made of a single edit.</summary>
    public static Fix Replace(string description, int start, int length, string newText) =>
        new(description, [new TextEdit(start, length, newText)]);
}

/// <summary>A problem found in a file.</summary>
/// <param name="RuleId">The stable id of the rule that reported it.</param>
/// <param name="Severity">The effective severity (after configuration).</param>
/// <param name="Message">A plain-words description of the problem.</param>
/// <param name="File">The file path as displayed (relative to the working directory, with <c>/</c>).</param>
/// <param name="Line">1-based line of the start of the offending node.</param>
/// <param name="Column">1-based column (in Unicode code points) of the start of the offending node.</param>
/// <param name="Pointer">RFC 6901 JSON Pointer of the offending node; empty for the whole document.</param>
/// <param name="Fix">The automatic fix, when the rule has a safe one.</param>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    string File,
    int Line,
    int Column,
    string Pointer,
    Fix? Fix = null)
{
    /// <summary>Whether <see cref="Fix"/> is set.</summary>
    public bool IsFixable => Fix is not null;

    /// <summary>
    /// The id of the message in the rule's metadata (<see cref="Rules.RuleMetadata.Messages"/>), such as
    /// <c>count-mismatch</c>; stable whatever the wording. Null for a message without an id (custom rules that declare
    /// none, internal errors).
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>The deterministic report order: file (ordinal), line, column, rule id, message.</summary>
    public static readonly IComparer<Finding> ReportOrder = Comparer<Finding>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.File, b.File);
        if (c != 0) return c;
        c = a.Line.CompareTo(b.Line);
        if (c != 0) return c;
        c = a.Column.CompareTo(b.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c != 0) return c;
        return string.CompareOrdinal(a.Message, b.Message);
    });
}
