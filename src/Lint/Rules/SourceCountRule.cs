namespace Lint.Rules;

/// <summary><c>source-count</c>: <c>sourceCount</c> differs from the number of <c>sources</c>.</summary>
public sealed class SourceCountRule() : CountRule("source-count", "sourceCount differs from the number of sources.", "sourceCount", "sources");
