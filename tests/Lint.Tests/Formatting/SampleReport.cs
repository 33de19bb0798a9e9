using Lint.Formatting;
using Lint.Rules;

namespace Lint.Tests.Formatting;

/// <summary>
/// The one fixed set of findings every formatter test renders: several files (one clean, one with an awkward name),
/// errors and warnings, fixable ones, two findings of one rule at one node, a document-level finding, and messages
/// with quotes, line breaks, <c>%</c>, <c>:</c>, <c>,</c>, control characters and non-ASCII text.
/// </summary>
public static class SampleReport
{
    /// <summary>The working directory the sample is relative to (SARIF's %SRCROOT%).</summary>
    public const string WorkingDirectory = "/work/project";

    /// <summary>The file whose name needs escaping in every format.</summary>
    public const string AwkwardFile = "incidents/beta, draft: ü.json";

    public static IReadOnlyList<Finding> Findings(int lineShift = 0)
    {
        var list = new List<Finding>
        {
            new("schema", Severity.Error, "required property \"title\" is missing", "incidents/2024/alpha.json", 3 + lineShift, 5, "/record"),
            new("schema", Severity.Error, "required property \"date\" is missing", "incidents/2024/alpha.json", 3 + lineShift, 5, "/record"),
            new("duplicate-tag", Severity.Warning, "tag \"War Crimes\" repeats tags[0]", "incidents/2024/alpha.json", 12 + lineShift, 9, "/record/tags/2",
                Fix.Replace("remove the repeated tag", 212, 16, "")),
            new("source-count", Severity.Error, "sourceCount is \"100%\" but sources has 2 entries:\nsee \"sources\", a, b", AwkwardFile, 7 + lineShift, 13, "/record/sourceCount",
                Fix.Replace("set sourceCount to 2", 140, 6, "2")),
            new("invalid-json", Severity.Error, "unexpected end of the data after '{' (truncated file?)", "incidents/broken.json", 4 + lineShift, 1, ""),
            new("related-duplicate", Severity.Warning, "related incident \"São Paulo – 東京 🚀\" is listed twice", "incidents/gamma.json", 20 + lineShift, 15, "/record/relatedIncidents/3",
                Fix.Replace("remove the repeated slug", 900, 25, "")),
            new("date-order", Severity.Error, "date \u00012025-13-01\u0007 is after lastUpdated\r\nand <b>&amp;</b> stays text", "incidents/gamma.json", 25 + lineShift, 3, "/record/date"),
        };
        list.Sort(Finding.ReportOrder);
        return list;
    }

    public static LintResult Result(int lineShift = 0) =>
        new(Findings(lineShift), 5, TimeSpan.FromMilliseconds(1234))
        {
            Files = new[] { "incidents/2024/alpha.json", AwkwardFile, "incidents/broken.json", "incidents/clean.json", "incidents/gamma.json" }
                .Order(StringComparer.Ordinal).ToList(),
        };

    public static IReadOnlyList<RuleMetadata> Rules => RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList();

    public static ReportInput Input(int lineShift = 0) =>
        new(Result(lineShift), Rules, Color: false) { WorkingDirectory = WorkingDirectory };

    public static string Render(string format, ReportInput? input = null)
    {
        var formatter = Formatters.Find(format) ?? throw new InvalidOperationException($"no formatter '{format}'");
        var writer = new StringWriter { NewLine = "\n" };
        formatter.Write(input ?? Input(), writer);
        return writer.ToString();
    }
}
