namespace Lint.Rules;

/// <summary><c>update-count</c>: <c>updateCount</c> differs from the number of <c>updateLog</c> entries.</summary>
public sealed class UpdateCountRule() : CountRule("updateCount", "updateLog")
{
    /// <inheritdoc />
    public override RuleMetadata Metadata { get; } = new("update-count", "updateCount differs from the number of updateLog entries.", Severity.Error, FixAvailability.Always);
}
