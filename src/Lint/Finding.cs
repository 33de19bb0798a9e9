namespace Lint;

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
