using Lint.Baseline;
using Lint.Rules;

namespace Lint.Formatting;

/// <summary>What every formatter receives: the result, the rules that ran, and presentation choices.</summary>
/// <param name="Result">The findings and counts.</param>
/// <param name="Rules">Metadata of every registered rule (for SARIF rule tables and help links).</param>
/// <param name="Color">Whether ANSI colours may be used.</param>
public sealed record ReportInput(LintResult Result, IReadOnlyList<RuleMetadata> Rules, bool Color = false)
{
    /// <summary>The tool name.</summary>
    public const string ToolName = "lint";

    /// <summary>The tool version (the library's informational version).</summary>
    public static string ToolVersion { get; } =
        typeof(ReportInput).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The tool's home page (SARIF <c>tool.driver.informationUri</c>).</summary>
    public const string ToolInformationUri = "https://github.com/lint-project/lint";

    /// <summary>The folder the findings' paths are relative to (SARIF's <c>%SRCROOT%</c>). Default: the current directory.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The outcome of the baseline, when one was applied: the stylish and json formats report it.</summary>
    public BaselineComparison? Baseline { get; init; }
}

/// <summary>Renders a report. One formatter per output format.</summary>
public interface IFormatter
{
    /// <summary>The name used with <c>--format</c>.</summary>
    string Name { get; }

    /// <summary>Writes the whole report.</summary>
    void Write(ReportInput input, TextWriter writer);
}

/// <summary>The registry of formatters.</summary>
public static class Formatters
{
    /// <summary>Every formatter, by <c>--format</c> name.</summary>
    public static IReadOnlyList<IFormatter> All { get; } =
        [new StylishFormatter(), new JsonFormatter(), new SarifFormatter(), new GitHubFormatter(), new JUnitFormatter()];

    /// <summary>The formatter named <paramref name="name"/>, or null.</summary>
    public static IFormatter? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
