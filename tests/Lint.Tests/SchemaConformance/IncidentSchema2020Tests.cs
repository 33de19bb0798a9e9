using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Schema;
using Lint.Tests.TestSupport;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// <c>schemas/incident-2020-12.schema.json</c> is the incident schema written in 2020-12 (<c>$defs</c> for
/// <c>definitions</c>): it must mean exactly what the draft-07 <c>schemas/incident.schema.json</c> means, finding for finding.
/// </summary>
public sealed class IncidentSchema2020Tests
{
    private static string Draft7Path => Path.Combine(Repo.Root, "schemas", "incident.schema.json");
    private static string Draft2020Path => Path.Combine(Repo.Root, "schemas", "incident-2020-12.schema.json");

    /// <summary>The inline rule cases, written once to a folder of their own (one folder per rule and case).</summary>
    private static readonly Lazy<string> InlineCases = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "lint-tests-inline-" + Guid.NewGuid().ToString("N")[..12]);
        foreach (var (ruleId, c) in Rules.RuleCases.All()) Rules.RuleCases.Materialize(c, Path.Combine(root, ruleId, c.Name));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    });

    /// <summary>Every JSON file of the test corpora: rule fixtures and inline rule cases, the repository's examples, the shared example record.</summary>
    public static IEnumerable<string> CorpusFiles() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "tests", "Lint.Tests", "Rules", "Fixtures"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(InlineCases.Value, "*.json", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "examples"), "*.json", SearchOption.AllDirectories))
            .Append(Repo.ExampleRecordPath)
            .Where(f => !f.EndsWith("lint.config.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void It_is_a_2020_12_schema_with_the_same_shape()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Draft2020Path));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", doc.RootElement.GetProperty("$schema").GetString());
        Assert.True(doc.RootElement.TryGetProperty("$defs", out _));
        Assert.False(doc.RootElement.TryGetProperty("definitions", out _));
        Assert.Equal("2020-12", SchemaValidator.FromFile(Draft2020Path).Dialect);
        Assert.Equal("draft-07", SchemaValidator.FromFile(Draft7Path).Dialect);
    }

    [Fact]
    public void Both_schemas_give_the_same_findings_on_the_test_corpora()
    {
        var files = CorpusFiles().ToList();
        Assert.True(files.Count > 50, $"only {files.Count} corpus files");
        var draft7 = LinterWith("schemas/incident.schema.json");
        var draft2020 = LinterWith("schemas/incident-2020-12.schema.json");
        var corpus = draft7.BuildCorpus(files, null);
        int schemaFindings = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var a = draft7.LintContent(file, file, bytes, corpus).Select(Describe).ToList();
            var b = draft2020.LintContent(file, file, bytes, corpus).Select(Describe).ToList();
            Assert.True(a.SequenceEqual(b), $"{file}:\ndraft-07: {string.Join("\n  ", a)}\n2020-12: {string.Join("\n  ", b)}");
            schemaFindings += a.Count(f => f.StartsWith("schema ", StringComparison.Ordinal));
        }
        Assert.True(schemaFindings > 10, $"only {schemaFindings} schema findings: the corpora do not exercise the schema");
    }

    [Fact]
    public void Both_schemas_give_the_same_violations_on_generated_defective_documents()
    {
        var v7 = SchemaValidator.FromFile(Draft7Path);
        var v2020 = SchemaValidator.FromFile(Draft2020Path);
        var example = File.ReadAllText(Repo.ExampleRecordPath);
        var random = new Random(2020_12);
        int invalid = 0;
        for (int n = 0; n < 400; n++)
        {
            var doc = JsonNode.Parse(example)!;
            for (int k = 0, count = 1 + random.Next(3); k < count; k++) Mutate(doc, random);
            using var parsed = JsonDocument.Parse(doc.ToJsonString());
            var a = v7.Validate(parsed.RootElement);
            var b = v2020.Validate(parsed.RootElement);
            Assert.Equal(a, b);
            if (a.Count > 0) invalid++;
        }
        Assert.True(invalid > 300, $"only {invalid} of 400 generated documents were invalid");
    }

    private static Linter LinterWith(string schema) =>
        new(new LintOptions { Config = LintConfig.Defaults(Repo.Root) with { Schema = schema }, MaxDegreeOfParallelism = 1 });

    private static string Describe(Finding f) => $"{f.RuleId} {f.Severity} {f.Line}:{f.Column} {f.Pointer} {f.Message}";

    private static readonly JsonNode?[] Replacements = [JsonValue.Create("x"), JsonValue.Create(""), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create(true), null, new JsonArray(), new JsonObject(), JsonValue.Create("2025-02-30"), JsonValue.Create("not a uri")];

    private static void Mutate(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        void Collect(JsonNode node)
        {
            if (node.Parent is not null) nodes.Add(node);
            if (node is JsonObject o) foreach (var (_, child) in o.ToList()) { if (child is not null) Collect(child); }
            if (node is JsonArray a) foreach (var child in a) { if (child is not null) Collect(child); }
        }
        Collect(root);
        if (nodes.Count == 0) return;
        var target = nodes[random.Next(nodes.Count)];
        switch (random.Next(4))
        {
            case 0 when target.Parent is JsonObject o:
                o.Remove(target.GetPropertyName());
                return;
            case 1 when target.Parent is JsonObject o && target.GetPropertyName().Length > 2:
            {
                string name = target.GetPropertyName();
                string typo = name[..^2] + name[^1] + name[^2];
                if (typo == name || o.ContainsKey(typo)) return;
                o.Remove(name);
                o[typo] = target;
                return;
            }
            case 2 when target is JsonObject obj:
                obj["unexpected" + random.Next(100)] = 1;
                return;
            default:
            {
                var value = Replacements[random.Next(Replacements.Length)]?.DeepClone();
                switch (target.Parent)
                {
                    case JsonObject o: o[target.GetPropertyName()] = value; break;
                    case JsonArray a: a[target.GetElementIndex()] = value; break;
                }
                return;
            }
        }
    }
}
