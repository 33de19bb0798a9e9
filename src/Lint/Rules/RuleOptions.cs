using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Lint.Rules;

/// <summary>
/// The options of one rule for one file: the object written after the severity in the configuration
/// (<c>"rules": { "duplicate-tag": ["warning", { "caseSensitive": true }] }</c>), already validated against the rule's
/// <see cref="RuleMetadata.OptionsSchema"/>, with the schema's <c>default</c> of each top-level property standing in for
/// a property that is not written. Immutable and safe to read from any thread; a rule reads it through
/// <see cref="FileContext.Options"/> (or <see cref="IndexContext.Options"/>).
/// </summary>
/// <remarks>
/// The getters read values with <see cref="JsonElement"/> (no reflection, so NativeAOT and trimming are safe). A rule
/// that turns its options into something costly to build (a set, a regular expression) uses <see cref="Parsed{T}"/>,
/// which builds it once per options object rather than once per file.
/// </remarks>
public sealed class RuleOptions
{
    private readonly JsonElement _configured;
    private readonly RuleOptionsSchema? _schema;
    private readonly ConcurrentDictionary<Type, object> _parsed = new();

    private RuleOptions(JsonElement configured, RuleOptionsSchema? schema)
    {
        _configured = configured;
        _schema = schema;
    }

    /// <summary>No options: every getter falls back to the schema default or throws.</summary>
    public static RuleOptions Empty { get; } = new(default, null);

    /// <summary>The options of a rule whose configuration writes none: only the defaults of <paramref name="schema"/>.</summary>
    internal static RuleOptions DefaultsOf(RuleOptionsSchema? schema) => schema is null ? Empty : new(default, schema);

    /// <summary>
    /// Options from an object, unchecked (the linter validates them against the rule's schema before any rule sees them).
    /// The element is copied, so the caller's document may be disposed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is not a JSON object.</exception>
    public static RuleOptions FromJson(JsonElement options)
    {
        if (options.ValueKind != JsonValueKind.Object) throw new ArgumentException("rule options are a JSON object", nameof(options));
        return new RuleOptions(options.Clone(), null);
    }

    /// <summary>Options from JSON text (an object), unchecked; see <see cref="FromJson(JsonElement)"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a JSON object.</exception>
    public static RuleOptions FromJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return FromJson(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"rule options are not JSON: {ex.Message}", nameof(json), ex);
        }
    }

    /// <summary>The same options with the defaults of <paramref name="schema"/>.</summary>
    internal RuleOptions WithSchema(RuleOptionsSchema? schema) => ReferenceEquals(schema, _schema) ? this : new(_configured, schema);

    /// <summary>The object as written in the configuration; an empty object when none was written.</summary>
    public JsonElement Configured => _configured.ValueKind == JsonValueKind.Object ? _configured : EmptyObject;

    /// <summary>Whether the configuration wrote options for this rule.</summary>
    public bool IsConfigured => _configured.ValueKind == JsonValueKind.Object;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// The value of option <paramref name="name"/>: as configured, else the <c>default</c> its schema declares.
    /// </summary>
    /// <returns>Whether there is a value.</returns>
    public bool TryGetValue(string name, out JsonElement value)
    {
        if (_configured.ValueKind == JsonValueKind.Object && _configured.TryGetProperty(name, out value)) return true;
        if (_schema is not null && _schema.TryGetDefault(name, out value)) return true;
        value = default;
        return false;
    }

    /// <summary>A boolean option.</summary>
    /// <exception cref="InvalidOperationException">The option has no value and no default, or is not a boolean.</exception>
    public bool GetBoolean(string name)
    {
        var value = Get(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongKind(name, "a boolean", value),
        };
    }

    /// <summary>A whole-number option that fits in 32 bits.</summary>
    /// <exception cref="InvalidOperationException">The option has no value and no default, or is not such a number.</exception>
    public int GetInt32(string name)
    {
        var value = Get(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : throw WrongKind(name, "a whole number", value);
    }

    /// <summary>A whole-number option that fits in 64 bits.</summary>
    /// <exception cref="InvalidOperationException">The option has no value and no default, or is not such a number.</exception>
    public long GetInt64(string name)
    {
        var value = Get(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n : throw WrongKind(name, "a whole number", value);
    }

    /// <summary>A number option.</summary>
    /// <exception cref="InvalidOperationException">The option has no value and no default, or is not a number.</exception>
    public double GetDouble(string name)
    {
        var value = Get(name);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw WrongKind(name, "a number", value);
    }

    /// <summary>A string option.</summary>
    /// <exception cref="InvalidOperationException">The option has no value and no default, or is not a string.</exception>
    public string GetString(string name)
    {
        var value = Get(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongKind(name, "a string", value);
    }

    /// <summary>An option that is an array of strings.</summary>
    /// <exception cref="InvalidOperationException">The option has no value and no default, or is not an array of strings.</exception>
    public IReadOnlyList<string> GetStrings(string name)
    {
        var value = Get(name);
        if (value.ValueKind != JsonValueKind.Array) throw WrongKind(name, "an array of strings", value);
        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw WrongKind(name, "an array of strings", value);
            list.Add(item.GetString()!);
        }
        return list;
    }

    /// <summary>
    /// What <paramref name="parse"/> makes of these options, built on first use and then shared by every file and
    /// thread that has the same options (one value per type <typeparamref name="T"/>; <paramref name="parse"/> must not
    /// depend on anything but the options).
    /// </summary>
    public T Parsed<T>(Func<RuleOptions, T> parse) where T : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        return (T)_parsed.GetOrAdd(typeof(T), static (_, state) => state.parse(state.self), (self: this, parse));
    }

    private JsonElement Get(string name) =>
        TryGetValue(name, out var value) ? value
            : throw new InvalidOperationException($"the option '{name}' has no value and its schema declares no default");

    private static InvalidOperationException WrongKind(string name, string expected, JsonElement value) =>
        new($"the option '{name}' is {value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}, not {expected}");

    /// <inheritdoc />
    public override string ToString() => IsConfigured ? _configured.GetRawText() : "{}";
}
