namespace Lint.Rules;

/// <summary><c>update-count</c>: <c>updateCount</c> differs from the number of <c>updateLog</c> entries.</summary>
public sealed class UpdateCountRule() : CountRule("update-count", "updateCount differs from the number of updateLog entries.", "updateCount", "updateLog");
