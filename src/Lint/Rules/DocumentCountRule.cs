namespace Lint.Rules;

/// <summary><c>document-count</c>: <c>documentCount</c> differs from the number of <c>documents</c>.</summary>
public sealed class DocumentCountRule() : CountRule("documentCount", "documents")
{
    /// <inheritdoc />
    public override RuleMetadata Metadata { get; } = new("document-count", "documentCount differs from the number of documents.", Severity.Error, FixAvailability.Always);
}
