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

    /// <summary>A file over the largest file lint can read at all (one array), whatever <c>maxFileSize</c> says.</summary>
    public static RuleMessage OverReadable { get; } = new("over-readable", "the file is {{size}} bytes, over the largest file lint can read ({{limit}} bytes); it was not read");

    /// <summary>A stream over the largest file lint can read at all.</summary>
    public static RuleMessage StreamOverReadable { get; } = new("stream-over-readable", "the file is over the largest file lint can read ({{limit}} bytes); it was not read");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("file-too-large", "The file exceeds the configured size limit (maxFileSize) and was not read.", Severity.Error, FixAvailability.Never)
    {
        Messages = [TooLarge, StreamTooLarge, OverReadable, StreamOverReadable],
    };

    /// <summary>Whether a file of <paramref name="length"/> bytes is over the limit (and is not read).</summary>
    internal static bool Exceeds(long length, long maxFileSize) => length > maxFileSize;

    /// <summary>
    /// The finding for a file over the limit; <paramref name="length"/> is null when it is not known. With
    /// <paramref name="overReadable"/>, <paramref name="limit"/> is the largest size lint can read at all rather than
    /// <c>maxFileSize</c>.
    /// </summary>
    internal static Finding Finding(string displayPath, long? length, long limit, bool overReadable, Severity severity)
    {
        string limitText = limit.ToString(CultureInfo.InvariantCulture);
        var message = (length, overReadable) switch
        {
            ({ } n, false) => TooLarge.With(("size", n.ToString(CultureInfo.InvariantCulture)), ("limit", limitText)),
            ({ } n, true) => OverReadable.With(("size", n.ToString(CultureInfo.InvariantCulture)), ("limit", limitText)),
            (null, false) => StreamTooLarge.With(("limit", limitText)),
            (null, true) => StreamOverReadable.With(("limit", limitText)),
        };
        return new Finding("file-too-large", severity, message.Text, displayPath, 1, 1, "") { MessageId = message.Id };
    }
}
