using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lint.Formatting;

/// <summary>The machine format: one JSON object with the findings and a summary. Its schema is <c>schemas/lint-report.schema.json</c>.</summary>
public sealed class JsonFormatter : IFormatter
{
    /// <summary>The version of the report's shape; bumped on any incompatible change.</summary>
    public const int FormatVersion = 1;

    /// <inheritdoc />
    public string Name => "json";

    /// <inheritdoc />
    public void Write(ReportInput input, TextWriter writer)
    {
        var result = input.Result;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", ReportInput.ToolName);
            json.WriteString("version", ReportInput.ToolVersion);
            json.WriteEndObject();
            json.WriteStartObject("summary");
            json.WriteNumber("files", result.FilesChecked);
            json.WriteNumber("problems", result.Findings.Count);
            json.WriteNumber("errors", result.ErrorCount);
            json.WriteNumber("warnings", result.WarningCount);
            json.WriteNumber("fixable", result.FixableCount);
            if (input.Baseline is { } baseline)
            {
                json.WriteStartObject("baseline");
                json.WriteNumber("suppressed", baseline.Suppressed);
                json.WriteNumber("gone", baseline.GoneCount);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                json.WriteStartObject();
                json.WriteString("file", f.File);
                json.WriteNumber("line", f.Line);
                json.WriteNumber("column", f.Column);
                json.WriteString("ruleId", f.RuleId);
                json.WriteString("severity", f.Severity.ToName());
                json.WriteString("message", f.Message);
                json.WriteString("pointer", f.Pointer);
                json.WriteBoolean("fixable", f.IsFixable);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n"));
        writer.Write('\n');
    }
}
