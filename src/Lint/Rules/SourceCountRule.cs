namespace Lint.Rules;

/// <summary><c>source-count</c>: <c>sourceCount</c> differs from the number of <c>sources</c>.</summary>
public sealed class SourceCountRule() : CountRule("sourceCount", "sources")
{
    /// <inheritdoc />
    public override RuleMetadata Metadata { get; } = new("source-count", "sourceCount differs from the number of sources.", Severity.Error, FixAvailability.Always);
}
