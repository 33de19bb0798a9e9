using Lint.Parsing;

namespace Lint.Rules;

/// <summary>
/// <c>invalid-json</c>: the file is not well-formed JSON, not UTF-8, or empty, or it (or its folder) cannot be read. No
/// other rule runs on it. An engine rule: the engine parses each file once, strictly, and asks this rule for the finding
/// when the parse fails or the bytes cannot be read.
/// </summary>
public sealed class InvalidJsonRule : IEngineRule
{
    /// <summary>The strict parse failed: the parser's message, located at the syntax error.</summary>
    public static RuleMessage SyntaxError { get; } = new("syntax-error", "{{detail}}");

    /// <summary>The file could not be read (permissions, I/O, removed while lint ran, a link out of the project).</summary>
    public static RuleMessage UnreadableFile { get; } = new("unreadable-file", "{{reason}}");

    /// <summary>A folder that holds files being linted could not be listed.</summary>
    public static RuleMessage UnreadableFolder { get; } = new("unreadable-folder",
        "the folder cannot be read (permission denied or removed while lint ran); the files in it were not linted");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("invalid-json", "The file is not well-formed JSON, not UTF-8, empty, or unreadable; no other rule runs on it.", Severity.Error, FixAvailability.Never)
    {
        Messages = [SyntaxError, UnreadableFile, UnreadableFolder],
    };

    /// <summary>The finding for bytes that did not parse, at the syntax error.</summary>
    internal static Finding NotWellFormed(ParseError error, LineIndex lines, string displayPath, Severity severity)
    {
        var (line, column) = lines.ToLineColumn(error.Offset);
        return Make(SyntaxError.With(("detail", Text.Sanitize(error.Message, int.MaxValue))), displayPath, line, column, severity);
    }

    /// <summary>The finding for a file whose bytes could not be read, saying why.</summary>
    internal static Finding Unreadable(string? problem, string displayPath, Severity severity) =>
        Make(UnreadableFile.With(("reason", problem ?? "the file cannot be read")), displayPath, 1, 1, severity);

    /// <summary>The finding for a folder that could not be listed.</summary>
    internal static Finding UnreadableDirectory(string displayPath, Severity severity) => Make(UnreadableFolder, displayPath, 1, 1, severity);

    private static Finding Make(ReportMessage message, string displayPath, int line, int column, Severity severity) =>
        new("invalid-json", severity, message.Text, displayPath, line, column, "") { MessageId = message.Id };
}
