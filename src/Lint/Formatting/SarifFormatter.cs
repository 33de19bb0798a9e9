using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lint.Rules;

namespace Lint.Formatting;

/// <summary>
/// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run whose <c>tool.driver.rules</c> lists every
/// rule (descriptions, help link, default level), and one result per finding with its location relative to
/// <c>%SRCROOT%</c> (the working directory), a line-independent fingerprint, and the fix when there is one.
/// </summary>
public sealed class SarifFormatter : IFormatter
{
    /// <summary>The SARIF schema the output follows.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The <c>uriBaseId</c> of the working directory.</summary>
    public const string SourceRootId = "%SRCROOT%";

    /// <summary>The key of lint's entry in each result's <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "lintFindingHash/v1";

    /// <inheritdoc />
    public string Name => "sarif";

    /// <inheritdoc />
    public void Write(ReportInput input, TextWriter writer)
    {
        var rules = input.Rules.ToList();
        // A finding of a rule the caller did not list still gets a descriptor, so every ruleIndex resolves.
        foreach (var id in input.Result.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))
        {
            if (!rules.Any(r => r.Id == id)) rules.Add(new RuleMetadata(id, id, Severity.Error, FixAvailability.Never));
        }
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ReportInput.ToolName);
            json.WriteString("version", ReportInput.ToolVersion);
            json.WriteString("semanticVersion", ReportInput.ToolVersion);
            json.WriteString("informationUri", ReportInput.ToolInformationUri);
            json.WriteStartArray("rules");
            foreach (var rule in rules) WriteRule(json, rule);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRootId);
            json.WriteString("uri", DirectoryUri(input.WorkingDirectory));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var finding in input.Result.Findings)
            {
                var identity = finding.RuleId + "\n" + finding.File + "\n" + finding.Pointer;
                occurrences[identity] = occurrences.GetValueOrDefault(identity) + 1;
                WriteResult(json, finding, ruleIndex[finding.RuleId], Fingerprint(finding, occurrences[identity]));
            }
            json.WriteEndArray();

            json.WriteString("columnKind", "unicodeCodePoints");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n"));
        writer.Write('\n');
    }

    /// <summary>
    /// The fingerprint of a finding: a hash of rule id, file, JSON Pointer and the finding's rank among the findings
    /// with those three (1 for the first in report order). It does not depend on the line or column, so edits
    /// elsewhere in the file keep it.
    /// </summary>
    public static string Fingerprint(Finding finding, int occurrence)
    {
        var text = $"{finding.RuleId}\n{finding.File}\n{finding.Pointer}\n{occurrence}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>A file path relative to the working directory as a relative URI reference (each segment percent-encoded).</summary>
    public static string RelativeUri(string displayPath) =>
        string.Join('/', Lint.IO.PathText.ToSlashes(displayPath).Split('/').Select(Uri.EscapeDataString));

    /// <summary>A directory as an absolute <c>file://</c> URI ending with a slash.</summary>
    public static string DirectoryUri(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Path.EndsInDirectorySeparator(full)) full += Path.DirectorySeparatorChar;
        return new Uri(full).AbsoluteUri;
    }

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        // SARIF wants 'name' to differ from 'id' (ignoring case), or to be left out.
        var name = PascalCase(rule.Id);
        if (!string.Equals(name, rule.Id, StringComparison.OrdinalIgnoreCase)) json.WriteString("name", name);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", ShortDescription(rule.Description));
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", FullDescription(rule));
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpUri);
        json.WriteStartObject("help");
        json.WriteString("text", $"{FullDescription(rule)} Documentation: {rule.HelpUri}");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DefaultSeverity));
        if (!rule.EnabledByDefault) json.WriteBoolean("enabled", false);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteBoolean("fixable", rule.Fixable);
        json.WriteString("fix", rule.FixAvailability.ToName());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding f, int ruleIndex, string fingerprint)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(f.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", f.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifactLocation(json, f.File);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, f.Line));
        json.WriteNumber("startColumn", Math.Max(1, f.Column));
        json.WriteEndObject();
        json.WriteEndObject();
        if (f.Pointer.Length > 0)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", f.Pointer);
            json.WriteString("kind", "element");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, fingerprint);
        json.WriteEndObject();
        // A cross-file fix has no edits of this file to show (they are planned against the other file when applied).
        if (f.Fix is { Edits.Count: > 0 } fix)
        {
            json.WriteStartArray("fixes");
            json.WriteStartObject();
            json.WriteStartObject("description");
            json.WriteString("text", fix.Description);
            json.WriteEndObject();
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            WriteArtifactLocation(json, f.File);
            json.WriteStartArray("replacements");
            foreach (var edit in fix.Edits.OrderBy(e => e.Start))
            {
                json.WriteStartObject();
                json.WriteStartObject("deletedRegion");
                json.WriteNumber("byteOffset", edit.Start);
                json.WriteNumber("byteLength", edit.Length);
                json.WriteEndObject();
                json.WriteStartObject("insertedContent");
                json.WriteString("text", edit.NewText);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartObject("properties");
        json.WriteString("pointer", f.Pointer);
        if (f.OutsideTargets) json.WriteBoolean("outsideTargets", true);
        json.WriteBoolean("fixable", f.IsFixable);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter json, string file)
    {
        json.WriteStartObject("artifactLocation");
        if (Path.IsPathFullyQualified(file))
        {
            json.WriteString("uri", new Uri(file).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", RelativeUri(file));
            json.WriteString("uriBaseId", SourceRootId);
        }
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity == Severity.Warning ? "warning" : "error";

    /// <summary>The first sentence of a description, ending with a period.</summary>
    private static string ShortDescription(string description)
    {
        var text = description.Trim();
        int end = text.IndexOf(". ", StringComparison.Ordinal);
        if (end > 0) text = text[..(end + 1)];
        return text.EndsWith('.') ? text : text + ".";
    }

    private static string FullDescription(RuleMetadata rule)
    {
        var text = rule.Description.Trim();
        if (!text.EndsWith('.')) text += ".";
        return text + $" Default severity: {rule.DefaultText}." + rule.FixAvailability switch
        {
            FixAvailability.Always => " Fixable with --fix.",
            FixAvailability.Sometimes => " Some findings are fixable with --fix.",
            _ => "",
        };
    }

    private static string PascalCase(string id) =>
        string.Concat(id.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
