namespace Lint.Rules;

/// <summary><c>document-count</c>: <c>documentCount</c> differs from the number of <c>documents</c>.</summary>
public sealed class DocumentCountRule() : CountRule("document-count", "documentCount differs from the number of documents.", "documentCount", "documents");
