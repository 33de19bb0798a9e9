using System.Text.Json;
using Lint.Baseline;
using Lint.Formatting;
using Lint.Parsing;
using Lint.Schema;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Formatting;

/// <summary>The json format against its published schema (<c>schemas/lint-report.schema.json</c>), and as data.</summary>
public sealed class JsonReportTests
{
    private static readonly string SchemaPath = Path.Combine(Repo.Root, "schemas", "lint-report.schema.json");

    private static IReadOnlyList<SchemaViolation> Validate(string json)
    {
        var validator = SchemaValidator.FromText(File.ReadAllText(SchemaPath), "lint-report.schema.json", SchemaPath);
        var (parsed, error, _) = StrictJsonParser.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Null(error);
        using (parsed) return validator.Validate(parsed!.Root);
    }

    private static string Describe(IEnumerable<SchemaViolation> violations) =>
        string.Join("\n", violations.Select(v => $"{v.Pointer}: {v.Message}"));

    [Fact]
    public void TheReportFollowsItsSchema()
    {
        var violations = Validate(SampleReport.Render("json"));
        Assert.True(violations.Count == 0, Describe(violations));
    }

    [Fact]
    public void AReportWithABaselineFollowsItsSchema()
    {
        var input = SampleReport.Input() with { Baseline = new BaselineComparison(SampleReport.Result(), 4, []) };
        var json = SampleReport.Render("json", input);
        var violations = Validate(json);
        Assert.True(violations.Count == 0, Describe(violations));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(4, doc.RootElement.GetProperty("summary").GetProperty("baseline").GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void TheSchemaRejectsReportsThatBreakTheContract()
    {
        // The schema is not a formality: a renamed field, a bad severity or a missing summary count is caught.
        var json = SampleReport.Render("json");
        Assert.NotEmpty(Validate(json.Replace("\"ruleId\"", "\"rule\"")));
        Assert.NotEmpty(Validate(json.Replace("\"severity\": \"warning\"", "\"severity\": \"info\"")));
        Assert.NotEmpty(Validate(json.Replace("\"problems\": 7,", "")));
        Assert.NotEmpty(Validate(json.Replace("\"version\": 1", "\"version\": 2")));
    }

    [Fact]
    public void TheReportCarriesEveryFindingAndTheCounts()
    {
        using var doc = JsonDocument.Parse(SampleReport.Render("json"));
        var root = doc.RootElement;
        var summary = root.GetProperty("summary");
        var result = SampleReport.Result();
        Assert.Equal(JsonFormatter.FormatVersion, root.GetProperty("version").GetInt32());
        Assert.Equal(result.FilesChecked, summary.GetProperty("files").GetInt32());
        Assert.Equal(result.Findings.Count, summary.GetProperty("problems").GetInt32());
        Assert.Equal(result.ErrorCount, summary.GetProperty("errors").GetInt32());
        Assert.Equal(result.WarningCount, summary.GetProperty("warnings").GetInt32());
        Assert.Equal(result.FixableCount, summary.GetProperty("fixable").GetInt32());
        Assert.False(summary.TryGetProperty("baseline", out _));
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(result.Findings.Count, findings.Count);
        for (int i = 0; i < findings.Count; i++)
        {
            var (j, f) = (findings[i], result.Findings[i]);
            Assert.Equal(f.File, j.GetProperty("file").GetString());
            Assert.Equal(f.Line, j.GetProperty("line").GetInt32());
            Assert.Equal(f.Column, j.GetProperty("column").GetInt32());
            Assert.Equal(f.RuleId, j.GetProperty("ruleId").GetString());
            Assert.Equal(f.Severity.ToName(), j.GetProperty("severity").GetString());
            Assert.Equal(f.Message, j.GetProperty("message").GetString());
            Assert.Equal(f.Pointer, j.GetProperty("pointer").GetString());
            Assert.Equal(f.IsFixable, j.GetProperty("fixable").GetBoolean());
        }
    }
}
