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

    /// <summary>A folder nested deeper than the walk depth.</summary>
    public static RuleMessage FolderTooDeep { get; } = new("folder-too-deep",
        "the folder is nested more than {{depth}} levels deep (\"limits\": { \"walkDepth\": N }); the files in it were not linted");

    /// <summary>A path longer than the system allows (PATH_MAX).</summary>
    public static RuleMessage PathTooLong { get; } = new("path-too-long",
        "the path is {{length}} bytes long, over the system's limit of {{max}} (PATH_MAX); lint cannot open it, so it was not linted; move it to a shorter path");

    /// <summary>A name that is not valid UTF-8.</summary>
    public static RuleMessage NameNotUtf8 { get; } = new("name-not-utf8",
        "the name is not valid UTF-8 (shown with \uFFFD for the bytes that cannot be decoded); lint cannot open it by that name, so it was not linted; rename it");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("invalid-json", "The file is not well-formed JSON, not UTF-8, empty, or unreadable; no other rule runs on it.", Severity.Error, FixAvailability.Never)
    {
        Messages = [SyntaxError, UnreadableFile, UnreadableFolder, FolderTooDeep, PathTooLong, NameNotUtf8],
    };

    /// <summary>The finding for bytes that did not parse, at the syntax error.</summary>
    internal static Finding NotWellFormed(ParseError error, LineIndex lines, string displayPath, Severity severity, int maxMessageLength)
    {
        var (line, column) = lines.ToLineColumn(error.Offset);
        return Make(SyntaxError.With(("detail", Text.Sanitize(error.Message, maxMessageLength))), displayPath, line, column, severity);
    }

    /// <summary>The finding for a file whose bytes could not be read, saying why.</summary>
    internal static Finding Unreadable(string? problem, string displayPath, Severity severity) =>
        Make(UnreadableFile.With(("reason", problem ?? "the file cannot be read")), displayPath, 1, 1, severity);

    /// <summary>The finding for what the walk could not enter or list: a folder that cannot be read or is too deep, a path too long, a name that is not UTF-8.</summary>
    internal static Finding WalkProblem(Engine.WalkProblemKind kind, string fullPath, string displayPath, int walkDepth, Severity severity)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        ReportMessage message = kind switch
        {
            Engine.WalkProblemKind.TooDeep => FolderTooDeep.With(("depth", walkDepth.ToString(c))),
            Engine.WalkProblemKind.PathTooLong => PathTooLong.With(("length", System.Text.Encoding.UTF8.GetByteCount(fullPath).ToString("N0", c)),
                ("max", Engine.FileDiscovery.PathMax.ToString("N0", c))),
            Engine.WalkProblemKind.NameNotUtf8 => NameNotUtf8,
            _ => UnreadableFolder,
        };
        return Make(message, displayPath, 1, 1, severity);
    }

    private static Finding Make(ReportMessage message, string displayPath, int line, int column, Severity severity) =>
        new("invalid-json", severity, message.Text, displayPath, line, column, "") { MessageId = message.Id };
}
