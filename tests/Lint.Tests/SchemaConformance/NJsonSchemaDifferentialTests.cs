using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Schema;
using Xunit.Abstractions;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// Differential test against NJsonSchema 11.6.2, the validator lint used before (fed through the same adapter as before):
/// a few hundred documents generated
/// from the example record by random defects must get the same verdict from both, except on NJsonSchema's documented
/// gaps (docs/schema-validation.md): it accepts loose date-times, impossible dates and malformed URIs.
/// </summary>
public sealed class NJsonSchemaDifferentialTests(ITestOutputHelper output)
{
    /// <summary>A defect applied to a document; <see cref="Gap"/> marks defects NJsonSchema is known to miss.</summary>
    private sealed record Mutation(string Pointer, string What, bool Gap);

    private static readonly string[] DateDefects = ["2025-02-30", "2025-2-6", "06/02/2025", "2025-02-06T00:00:00Z", "2025-13-01", "20250206", ""];
    private static readonly string[] DateTimeDefects = ["2025-02-06 12:00:00", "2025-02-06T12:00:00", "2025-02-06T25:00:00Z", "2025-02-30T12:00:00Z", "not a date", "2025-02-06"];
    private static readonly string[] UrlDefects = ["https://exa mple.org/a", "https://example.org/\u00e4", "notaurl", "https://example.org/a b", "https://[bad/x", "ftp://example.org/x"];
    private static readonly JsonNode?[] Others = [JsonValue.Create("x"), JsonValue.Create(""), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create(3.0m), JsonValue.Create(true), null, new JsonArray(), new JsonObject()];

    [Fact]
    public async Task Both_validators_agree_on_generated_documents_except_on_documented_gaps()
    {
        var example = File.ReadAllText(Path.Combine(TestSuite.Folder, "..", "examples", "icc-immunity-demands-rome-statute.json"));
        var reference = await NJsonSchema.JsonSchema.FromJsonAsync(SchemaValidator.DefaultSchemaText);
        var random = new Random(20250206);
        int agreed = 0, gaps = 0;
        var disagreements = new List<string>();
        for (int n = 0; n < 400; n++)
        {
            var doc = JsonNode.Parse(example)!;
            var mutations = new List<Mutation>();
            int count = n < 300 ? 1 : random.Next(2, 4);
            for (int k = 0; k < count; k++) mutations.Add(Mutate(doc, random));
            string text = doc.ToJsonString();

            using var parsed = JsonDocument.Parse(text);
            var ours = SchemaValidator.Default.Validate(parsed.RootElement);
            var theirs = reference.Validate(LegacyJTokenConverter.Convert(parsed.RootElement));
            bool oursValid = ours.Count == 0, theirsValid = theirs.Count == 0;
            if (oursValid == theirsValid)
            {
                agreed++;
                if (count == 1 && !oursValid)
                    Assert.Contains(ours, v => v.Pointer == mutations[0].Pointer || mutations[0].Pointer.StartsWith(v.Pointer + "/", StringComparison.Ordinal) || v.Pointer.StartsWith(mutations[0].Pointer + "/", StringComparison.Ordinal));
                continue;
            }
            string line = $"#{n}: ours {(oursValid ? "valid" : "invalid")}, NJsonSchema {(theirsValid ? "valid" : "invalid")}: "
                + string.Join("; ", mutations.Select(m => $"{m.Pointer} {m.What}{(m.Gap ? " (gap)" : "")}"))
                + (oursValid ? "" : " => " + string.Join("; ", ours.Select(v => v.Message)));
            if (!oursValid && theirsValid && mutations.Any(m => m.Gap))
            {
                gaps++;
                output.WriteLine("documented gap " + line);
            }
            else disagreements.Add(line);
        }
        output.WriteLine($"{agreed} agreed, {gaps} on documented NJsonSchema gaps, {disagreements.Count} unexplained");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(agreed > 300, $"only {agreed} documents agreed");
    }

    private static Mutation Mutate(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        // One defect in four targets a field with a format, where the validators are known to differ.
        var formatted = nodes.Where(x => x.Parent is JsonObject && x.GetPropertyName() is "date" or "lastUpdated" or "generatedAt" or "url" or "site").ToList();
        var node = random.Next(4) == 0 ? formatted[random.Next(formatted.Count)] : nodes[random.Next(nodes.Count)];
        string pointer = PointerOf(node);
        string name = node.Parent is JsonObject ? node.GetPropertyName() : "";
        var parent = node.Parent;
        int kind = random.Next(6);
        // Format defects where the schema has a format.
        if (node is JsonValue v && v.TryGetValue<string>(out _))
        {
            string[]? defects = name is "date" or "lastUpdated" ? DateDefects : name == "generatedAt" ? DateTimeDefects : name is "url" or "site" ? UrlDefects : null;
            if (defects is not null && kind < 3)
            {
                string value = defects[random.Next(defects.Length)];
                Replace(node, JsonValue.Create(value));
                return new Mutation(pointer, $"= \"{value}\"", Gap: true);
            }
        }
        switch (kind)
        {
            case 0 when parent is JsonObject o:
                o.Remove(name);
                return new Mutation(pointer, "removed", false);
            case 1 when parent is JsonObject o && name.Length > 2:
            {
                string typo = name[..^2] + name[^1] + name[^2];
                if (typo == name || o.ContainsKey(typo)) goto default;
                var value = node;
                o.Remove(name);
                o[typo] = value;
                return new Mutation(pointer[..(pointer.LastIndexOf('/') + 1)] + Lint.Parsing.JsonPointer.Escape(typo), $"renamed from {name}", false);
            }
            case 2 when node is JsonObject obj:
                obj["unexpected" + random.Next(100)] = 1;
                return new Mutation(pointer, "extra property", false);
            case 3 when node is JsonArray array && array.Count > 0:
                array.Add(array[0]!.DeepClone());
                return new Mutation(pointer, "duplicated first item", false);
            default:
            {
                var replacement = Others[random.Next(Others.Length)]?.DeepClone();
                Replace(node, replacement);
                return new Mutation(pointer, "= " + (replacement?.ToJsonString() ?? "null"), false);
            }
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node.Parent is not null) into.Add(node);
        if (node is JsonObject o) foreach (var (_, child) in o) { if (child is not null) Collect(child, into); }
        if (node is JsonArray a) foreach (var child in a) { if (child is not null) Collect(child, into); }
    }

    private static void Replace(JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject o: o[node.GetPropertyName()] = value; break;
            case JsonArray a: a[node.GetElementIndex()] = value; break;
        }
    }

    private static string PointerOf(JsonNode node)
    {
        var path = node.GetPath(); // $.record.sources[0].url or $['a.b']
        var tokens = new List<string>();
        for (var n = node; n.Parent is not null; n = n.Parent)
            tokens.Add(n.Parent is JsonArray ? n.GetElementIndex().ToString(System.Globalization.CultureInfo.InvariantCulture) : Lint.Parsing.JsonPointer.Escape(n.GetPropertyName()));
        tokens.Reverse();
        _ = path;
        return tokens.Count == 0 ? "" : "/" + string.Join('/', tokens);
    }
}
