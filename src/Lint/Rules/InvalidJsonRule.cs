namespace Lint.Rules;

/// <summary><c>invalid-json</c>: the file is not well-formed JSON, not UTF-8, or empty. No other rule runs on it.</summary>
public sealed class InvalidJsonRule : IEngineRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("invalid-json", "The file is not well-formed JSON, not UTF-8, empty, or unreadable; no other rule runs on it.", Severity.Error, FixAvailability.Never);
}
