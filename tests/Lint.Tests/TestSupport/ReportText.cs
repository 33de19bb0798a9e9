namespace Lint.Tests.TestSupport;

/// <summary>The compact text form of findings used by golden reports: one line per finding.</summary>
public static class ReportText
{
    public static string Of(IEnumerable<Finding> findings) =>
        string.Concat(findings.Select(f => $"{f.File}:{f.Line}:{f.Column} {f.Severity.ToName()} {f.RuleId} {(f.Pointer.Length == 0 ? "(root)" : f.Pointer)}{(f.IsFixable ? " [fixable]" : "")} {f.Message}\n"));
}
