using System.Globalization;

namespace Lint.Rules;

/// <summary>
/// <c>file-too-large</c>: the file exceeds the configured size limit (<c>maxFileSize</c>) and was not read. An engine
/// rule: the engine checks the size before reading and asks this rule for the finding.
/// </summary>
public sealed class FileTooLargeRule : IEngineRule
{
    /// <summary>The file's size is known (from the file system or the bytes given).</summary>
    public static RuleMessage TooLarge { get; } = new("too-large", "the file is {{size}} bytes, over the limit of {{limit}} bytes (maxFileSize); it was not read");

    /// <summary>A stream that went on past the limit (its size is not known).</summary>
    public static RuleMessage StreamTooLarge { get; } = new("stream-too-large", "the file is over the limit of {{limit}} bytes (maxFileSize); it was not read");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("file-too-large", "The file exceeds the configured size limit (maxFileSize) and was not read.", Severity.Error, FixAvailability.Never)
    {
        Messages = [TooLarge, StreamTooLarge],
    };

    /// <summary>Whether a file of <paramref name="length"/> bytes is over the limit (and is not read).</summary>
    internal static bool Exceeds(long length, long maxFileSize) => length > maxFileSize;

    /// <summary>The finding for a file over the limit; <paramref name="length"/> is null when it is not known.</summary>
    internal static Finding Finding(string displayPath, long? length, long maxFileSize, Severity severity)
    {
        string limit = maxFileSize.ToString(CultureInfo.InvariantCulture);
        var message = length is { } n
            ? TooLarge.With(("size", n.ToString(CultureInfo.InvariantCulture)), ("limit", limit))
            : StreamTooLarge.With(("limit", limit));
        return new Finding("file-too-large", severity, message.Text, displayPath, 1, 1, "") { MessageId = message.Id };
    }
}
