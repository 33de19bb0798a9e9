using System.Text.Encodings.Web;
using System.Text.Json;
using Lint.Parsing;

namespace Lint.Formatting;

/// <summary>
/// The machine format: one JSON object with the findings and a summary. Its schema is <c>schemas/lint-report.schema.json</c>.
/// Strings are exact (a file name is the file's name), but every character that could act on a terminal or a CI log
/// when the report is printed is written as a JSON escape.
/// </summary>
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
                if (f.MessageId is { } messageId) json.WriteString("messageId", messageId);
                json.WriteString("severity", f.Severity.ToName());
                json.WriteString("message", f.Message);
                json.WriteString("pointer", f.Pointer);
                json.WriteBoolean("fixable", f.IsFixable);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(EscapeInvisible(System.Text.Encoding.UTF8.GetString(stream.ToArray())).ReplaceLineEndings("\n"));
        writer.Write('\n');
    }

    /// <summary>
    /// Writes C1 controls, line and paragraph separators, bidi and other invisible formatting characters, unpaired
    /// surrogates and the <c>[</c> of <c>##[</c> (a legacy GitHub workflow command) as <c>\uXXXX</c>. Lossless: these
    /// characters can only occur inside JSON strings (the writer already escapes C0 controls), where the escape means
    /// the same character.
    /// </summary>
    internal static string EscapeInvisible(string json)
    {
        if (Parsing.Text.IsSafe(json.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal))) return json;
        var sb = new System.Text.StringBuilder(json.Length + 16);
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (c is '\n' or '\r') { sb.Append(c); continue; }
            if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                string pair = json.Substring(i, 2);
                if (Parsing.Text.IsSafe(pair)) sb.Append(pair);
                else sb.AppendUnicodeEscape(c).AppendUnicodeEscape(json[i + 1]);
                i++;
                continue;
            }
            bool legacyCommand = c == '[' && i >= 2 && json[i - 1] == '#' && json[i - 2] == '#';
            if (legacyCommand || !Parsing.Text.IsSafe(c.ToString())) sb.AppendUnicodeEscape(c);
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
