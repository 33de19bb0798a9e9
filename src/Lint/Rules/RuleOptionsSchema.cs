using System.Collections.Concurrent;
using System.Text.Json;
using Lint.Schema;

namespace Lint.Rules;

/// <summary>
/// A rule's <see cref="RuleMetadata.OptionsSchema"/>, compiled once by lint's own validator (<see cref="SchemaValidator"/>):
/// what the configuration's options are validated against, the defaults a rule reads through <see cref="RuleOptions"/>,
/// and the list of options that <c>lint rules</c> and the rule's documentation page show.
/// </summary>
public sealed class RuleOptionsSchema
{
    private static readonly ConcurrentDictionary<string, Lazy<RuleOptionsSchema>> Compiled = new(StringComparer.Ordinal);
    private readonly SchemaValidator _validator;
    private readonly Dictionary<string, JsonElement> _defaults;

    private RuleOptionsSchema(SchemaValidator validator, IReadOnlyList<RuleOption> options, Dictionary<string, JsonElement> defaults)
    {
        _validator = validator;
        Options = options;
        _defaults = defaults;
    }

    /// <summary>The options, in the order the schema's <c>properties</c> lists them.</summary>
    public IReadOnlyList<RuleOption> Options { get; }

    /// <summary>
    /// The compiled options schema of <paramref name="rule"/>, or null when the rule takes no options. Compiled once per
    /// schema text.
    /// </summary>
    /// <exception cref="SchemaLoadException">The schema is not valid JSON Schema, or does not describe an object.</exception>
    public static RuleOptionsSchema? Of(RuleMetadata rule)
    {
        if (rule.OptionsSchema is not { } text) return null;
        var lazy = Compiled.GetOrAdd(text, static (t, id) => new Lazy<RuleOptionsSchema>(() => Compile(id, t)), rule.Id);
        try
        {
            return lazy.Value;
        }
        catch (SchemaLoadException)
        {
            Compiled.TryRemove(text, out _);
            throw;
        }
    }

    /// <summary>Validates options (a value written after the severity) and returns the violations, pointers relative to the options.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement options) => _validator.Validate(options);

    /// <summary>The <c>default</c> the schema declares for the top-level option <paramref name="name"/>.</summary>
    public bool TryGetDefault(string name, out JsonElement value) => _defaults.TryGetValue(name, out value);

    private static RuleOptionsSchema Compile(string ruleId, string text)
    {
        string name = $"the options schema of rule '{ruleId}'";
        var validator = SchemaValidator.FromText(text, name, null);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
            throw new SchemaLoadException($"{name}: an options schema describes an object (\"type\": \"object\")");
        var options = new List<RuleOption>();
        var defaults = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in properties.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Object) continue;
                string? defaultJson = null;
                if (p.Value.TryGetProperty("default", out var d))
                {
                    defaults[p.Name] = d.Clone();
                    defaultJson = d.GetRawText();
                }
                string? description = p.Value.TryGetProperty("description", out var desc) && desc.ValueKind == JsonValueKind.String ? desc.GetString() : null;
                options.Add(new RuleOption(p.Name, TypeOf(p.Value), defaultJson, description));
            }
        }
        // The defaults must be valid options themselves: a rule must never run with options its schema refuses. (A schema
        // with required options is checked on what the configuration writes only.)
        using var defaultsDoc = JsonDocument.Parse(ObjectOf(defaults));
        IReadOnlyList<SchemaViolation> violations = root.TryGetProperty("required", out _) ? [] : validator.Validate(defaultsDoc.RootElement);
        if (violations.Count > 0)
            throw new SchemaLoadException($"{name}: the defaults are not valid options: {violations[0].Message}");
        return new RuleOptionsSchema(validator, options, defaults);
    }

    /// <summary>A JSON object of <paramref name="values"/>, written with <see cref="Utf8JsonWriter"/> (no serializer, AOT-safe).</summary>
    private static string ObjectOf(Dictionary<string, JsonElement> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in values)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The type of an option in words: <c>boolean</c>, <c>integer</c>, <c>array of string</c>, <c>"a" | "b"</c>.</summary>
    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            return string.Join(" | ", values.EnumerateArray().Select(v => v.GetRawText()));
        if (!schema.TryGetProperty("type", out var type)) return "any";
        string Name(JsonElement t) => t.ValueKind == JsonValueKind.String ? t.GetString()! : "any";
        string text = type.ValueKind == JsonValueKind.Array ? string.Join(" | ", type.EnumerateArray().Select(Name)) : Name(type);
        if (text == "array" && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
            text = "array of " + TypeOf(items);
        return text;
    }
}
