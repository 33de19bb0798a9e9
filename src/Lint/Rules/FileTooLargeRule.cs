namespace Lint.Rules;

/// <summary><c>file-too-large</c>: the file exceeds the configured size limit and was not read.</summary>
public sealed class FileTooLargeRule : IEngineRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("file-too-large", "The file exceeds the configured size limit (maxFileSize) and was not read.", Severity.Error, FixAvailability.Never);
}
