using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Lint.Parsing;

namespace Lint.Schema;

/// <summary>
/// A draft-07 JSON Schema, loaded without network access, that validates strictly parsed documents and
/// reports violations in plain words with JSON Pointers.
/// </summary>
public sealed class SchemaValidator
{
    /// <summary>Keywords that the validator does not enforce. A schema that uses one is refused rather than half-checked.</summary>
    public static IReadOnlyList<string> UnsupportedKeywords { get; } =
    [
        "const", "contains", "if", "then", "else", "propertyNames", "dependencies",
        "dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems", "prefixItems",
    ];

    private readonly JsonSchema _schema;
    private static readonly JsonSchemaValidatorSettings ValidatorSettings = CreateSettings();
    private readonly JsonSchemaValidator _validator = new(ValidatorSettings);

    private static JsonSchemaValidatorSettings CreateSettings()
    {
        // NJsonSchema's own date and date-time checks are lenient (it accepts 2025-02-30 and dates without a time); replace them.
        var settings = new JsonSchemaValidatorSettings();
        settings.FormatValidators = settings.FormatValidators
            .Where(v => v.Format is not "date" and not "date-time")
            .Append(new StrictDateFormatValidator())
            .Append(new StrictDateTimeFormatValidator())
            .ToArray();
        return settings;
    }

    private SchemaValidator(JsonSchema schema, string name)
    {
        _schema = schema;
        Name = name;
    }

    /// <summary>Where the schema came from (a path or an embedded resource name).</summary>
    public string Name { get; }

    /// <summary>The incident schema embedded in the library.</summary>
    public static SchemaValidator Default => DefaultSchema.Value;

    private static readonly Lazy<SchemaValidator> DefaultSchema = new(() => FromText(ReadResource("Lint.schemas.incident.schema.json"), "incident.schema.json (embedded)", null));

    private static readonly Lazy<SchemaValidator> ConfigSchema = new(() => FromText(ReadResource("Lint.schemas.lint-config.schema.json"), "lint-config.schema.json (embedded)", null));

    /// <summary>The schema of <c>lint.config.json</c>, embedded in the library.</summary>
    public static SchemaValidator Configuration => ConfigSchema.Value;

    /// <summary>The text of the embedded incident schema.</summary>
    public static string DefaultSchemaText => ReadResource("Lint.schemas.incident.schema.json");

    internal static string ReadResource(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads a schema file. References to files next to it resolve; URL references are refused.</summary>
    /// <exception cref="SchemaLoadException">The file cannot be read, is not strict JSON, uses an unsupported keyword or a remote reference.</exception>
    public static SchemaValidator FromFile(string path) => FromFile(path, allowUnsupportedKeywords: false);

    /// <summary>Loads a schema file; with <paramref name="allowUnsupportedKeywords"/>, keywords in <see cref="UnsupportedKeywords"/> are accepted (and ignored by validation).</summary>
    /// <exception cref="SchemaLoadException">The file cannot be read, is not strict JSON, uses a remote reference, or (unless allowed) an unsupported keyword.</exception>
    public static SchemaValidator FromFile(string path, bool allowUnsupportedKeywords)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SchemaLoadException($"{path}: cannot read the schema: {ex.Message}");
        }
        return FromText(text, path, Path.GetFullPath(path), allowUnsupportedKeywords);
    }

    /// <summary>Loads a schema from text. <paramref name="documentPath"/> anchors relative file references.</summary>
    public static SchemaValidator FromText(string text, string name, string? documentPath) => FromText(text, name, documentPath, allowUnsupportedKeywords: false);

    /// <summary>Loads a schema from text; with <paramref name="allowUnsupportedKeywords"/>, keywords in <see cref="UnsupportedKeywords"/> are accepted (and ignored by validation).</summary>
    public static SchemaValidator FromText(string text, string name, string? documentPath, bool allowUnsupportedKeywords)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var (parsed, error, lines) = StrictJsonParser.Parse(bytes);
        if (error is not null)
        {
            var (l, c) = lines.ToLineColumn(error.Offset);
            throw new SchemaLoadException($"{name}:{l}:{c}: the schema is not valid JSON: {error.Message}");
        }
        using (parsed)
        {
            var keyword = allowUnsupportedKeywords ? null : FindUnsupportedKeyword(parsed!.Root, "");
            if (keyword is not null)
            {
                var span = parsed.Positions.GetNearest(keyword.Value.Pointer);
                var (l, c) = lines.ToLineColumn(span.KeyStart >= 0 ? span.KeyStart : span.Start);
                throw new SchemaLoadException($"{name}:{l}:{c}: the schema uses '{keyword.Value.Keyword}', which lint's validator does not enforce; remove it or express the constraint another way");
            }
        }
        SchemaSafety.InspectText(text, name); // refuses remote references before NJsonSchema sees them
        try
        {
            var schema = JsonSchema.FromJsonAsync(text, documentPath, NoNetworkReferenceResolver.Factory).GetAwaiter().GetResult();
            return new SchemaValidator(schema, name);
        }
        catch (SchemaLoadException ex)
        {
            throw new SchemaLoadException($"{name}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new SchemaLoadException($"{name}: the schema cannot be loaded: {ex.GetBaseException().Message}");
        }
    }

    /// <summary>Finds a keyword the validator ignores, in any subschema.</summary>
    internal static (string Keyword, string Pointer)? FindUnsupportedKeyword(JsonElement schema, string pointer)
    {
        if (schema.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in schema.EnumerateArray())
            {
                var found = FindUnsupportedKeyword(item, JsonPointer.Append(pointer, i++));
                if (found is not null) return found;
            }
            return null;
        }
        if (schema.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in schema.EnumerateObject())
        {
            string child = JsonPointer.Append(pointer, p.Name);
            if (UnsupportedKeywords.Contains(p.Name)) return (p.Name, child);
            switch (p.Name)
            {
                // Values that are data, not schemas.
                case "enum" or "examples" or "default" or "required" or "description" or "title" or "$comment":
                    continue;
                // Maps from names to schemas: the names are not keywords.
                case "properties" or "patternProperties" or "definitions":
                    if (p.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var entry in p.Value.EnumerateObject())
                        {
                            var found = FindUnsupportedKeyword(entry.Value, JsonPointer.Append(child, entry.Name));
                            if (found is not null) return found;
                        }
                    }
                    continue;
                default:
                {
                    var found = FindUnsupportedKeyword(p.Value, child);
                    if (found is not null) return found;
                    continue;
                }
            }
        }
        return null;
    }

    /// <summary>Validates a document and returns its violations, at most one per node and missing property.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement root)
    {
        var token = JTokenConverter.Convert(root);
        var errors = _validator.Validate(token, _schema);
        if (errors.Count == 0) return [];
        var violations = new List<SchemaViolation>();
        foreach (var e in errors) Translate(e, violations);
        return Deduplicate(violations);
    }

    private static IReadOnlyList<SchemaViolation> Deduplicate(List<SchemaViolation> violations)
    {
        // An unknown property that is a near miss of a missing required one is one defect: keep the "did you mean".
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in violations)
        {
            if (v.AtKey && v.Message.Contains("did you mean", StringComparison.Ordinal))
            {
                int q = v.Message.LastIndexOf("did you mean '", StringComparison.Ordinal) + "did you mean '".Length;
                string name = v.Message[q..v.Message.IndexOf('\'', q)];
                suggested.Add(JsonPointer.Append(ParentOf(v.Pointer), name));
            }
        }
        var result = new List<SchemaViolation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in violations)
        {
            if (suggested.Contains(v.Pointer) && v.Message.Contains("missing required property", StringComparison.Ordinal)) continue;
            if (seen.Add(v.Pointer)) result.Add(v);
        }
        return result;
    }

    private static string ParentOf(string pointer) => pointer.Length == 0 ? "" : pointer[..pointer.LastIndexOf('/')];

    private void Translate(ValidationError e, List<SchemaViolation> output)
    {
        if (e is ChildSchemaValidationError child && e.Kind is ValidationErrorKind.AdditionalPropertiesNotValid or ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.NotAllOf)
        {
            foreach (var list in child.Errors.Values)
                foreach (var inner in list) Translate(inner, output);
            return;
        }
        string pointer = PointerOf(e.Token);
        string where = JsonPointer.ToDisplayPath(pointer);
        string found = Describe(e.Token);
        var s = e.Schema;
        switch (e.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
            {
                // A value of the wrong type gets its type error only, not one "missing" finding per property.
                if (e.Token is not JObject) return;
                // The token is the object that lacks the property; the finding goes at the missing property's pointer
                // (positioned at the object).
                string objectPath = JsonPointer.ToDisplayPath(pointer);
                output.Add(new SchemaViolation(JsonPointer.Append(pointer, e.Property ?? ""), $"{objectPath} is missing required property '{e.Property}'"));
                return;
            }
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
            {
                // The token is the property (or its value); report at the property name.
                string name = e.Property ?? "";
                string propPointer = e.Token is JProperty ? PointerOf(e.Token) : pointer;
                string objectPointer = ParentOf(propPointer);
                var known = KnownProperties(e.Schema, e.Token);
                string? suggestion = Suggest(name, known);
                string owner = objectPointer.Length == 0 ? "the document" : JsonPointer.ToDisplayPath(objectPointer);
                string msg = $"unknown property '{Text.Sanitize(name)}' in {owner}";
                if (suggestion is not null) msg += $"; did you mean '{suggestion}'?";
                output.Add(new SchemaViolation(propPointer, msg, AtKey: true));
                return;
            }
        }
        string message = e.Kind switch
        {
            ValidationErrorKind.StringExpected => $"{where} must be a string, found {found}",
            ValidationErrorKind.NumberExpected => $"{where} must be a number, found {found}",
            ValidationErrorKind.IntegerExpected => $"{where} must be an integer, found {found}",
            ValidationErrorKind.BooleanExpected => $"{where} must be a boolean, found {found}",
            ValidationErrorKind.ObjectExpected => $"{where} must be an object, found {found}",
            ValidationErrorKind.ArrayExpected => $"{where} must be an array, found {found}",
            ValidationErrorKind.NullExpected => $"{where} must be null, found {found}",
            ValidationErrorKind.NoTypeValidates => $"{where} must be {TypeNames(s)}, found {found}",
            ValidationErrorKind.PatternMismatch => $"{where} must match the pattern {s?.Pattern}{PatternHint(s)}, found {found}",
            ValidationErrorKind.StringTooShort => s?.MinLength == 1 ? $"{where} must not be empty" : $"{where} must be at least {s?.MinLength} characters long, found {found}",
            ValidationErrorKind.StringTooLong => $"{where} must be at most {s?.MaxLength} characters long",
            ValidationErrorKind.NumberTooSmall => $"{where} must be {(s?.IsExclusiveMinimum == true || s?.ExclusiveMinimum is not null ? "greater than" : "at least")} {Num(s?.ExclusiveMinimum ?? s?.Minimum)}, found {found}",
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => $"{where} must be {(s?.IsExclusiveMaximum == true || s?.ExclusiveMaximum is not null ? "less than" : "at most")} {Num(s?.ExclusiveMaximum ?? s?.Maximum)}, found {found}",
            ValidationErrorKind.TooManyItems => $"{where} must have at most {s?.MaxItems} items",
            ValidationErrorKind.TooFewItems => $"{where} must have at least {s?.MinItems} items",
            ValidationErrorKind.ItemsNotUnique => $"{where} must not contain duplicate items",
            ValidationErrorKind.DateTimeExpected => $"{where} must be an RFC 3339 date-time such as 2025-02-06T12:00:00Z, found {found}",
            ValidationErrorKind.DateExpected => $"{where} must be a real calendar date written YYYY-MM-DD, found {found}",
            ValidationErrorKind.TimeExpected => $"{where} must be a time, found {found}",
            ValidationErrorKind.UriExpected => $"{where} must be an absolute URI, found {found}",
            ValidationErrorKind.EmailExpected => $"{where} must be an e-mail address, found {found}",
            ValidationErrorKind.HostnameExpected => $"{where} must be a host name, found {found}",
            ValidationErrorKind.IpV4Expected => $"{where} must be an IPv4 address, found {found}",
            ValidationErrorKind.IpV6Expected => $"{where} must be an IPv6 address, found {found}",
            ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected => $"{where} must be a UUID, found {found}",
            ValidationErrorKind.NotInEnumeration => $"{where} must be one of {EnumList(s)}, found {found}",
            ValidationErrorKind.NotAnyOf => $"{where} does not match any of the allowed forms (anyOf)",
            ValidationErrorKind.NotOneOf => $"{where} must match exactly one of the allowed forms (oneOf)",
            ValidationErrorKind.ExcludedSchemaValidates => $"{where} matches a form that is not allowed (not)",
            ValidationErrorKind.NumberNotMultipleOf or ValidationErrorKind.IntegerNotMultipleOf => $"{where} must be a multiple of {Num(s?.MultipleOf)}, found {found}",
            ValidationErrorKind.TooManyProperties => $"{where} must have at most {s?.MaxProperties} properties",
            ValidationErrorKind.TooFewProperties => $"{where} must have at least {s?.MinProperties} properties",
            ValidationErrorKind.TooManyItemsInTuple => $"{where} has more items than the schema allows",
            _ => $"{where} does not match the schema ({e.Kind})",
        };
        output.Add(new SchemaViolation(pointer, message));
    }

    private static string PatternHint(JsonSchema? s) =>
        s?.Pattern == "^[a-z0-9]+(-[a-z0-9]+)*$" ? " (lowercase kebab-case)" : "";

    private static string Num(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string EnumList(JsonSchema? s) =>
        s is null ? "the allowed values" : string.Join(", ", s.Enumeration.Select(v => v is null ? "null" : v is string str ? "'" + str + "'" : Convert.ToString(v, CultureInfo.InvariantCulture)));

    private static string TypeNames(JsonSchema? s)
    {
        if (s is null) return "of another type";
        var names = Enum.GetValues<JsonObjectType>().Where(t => t != JsonObjectType.None && t != JsonObjectType.File && s.Type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant());
        return "one of: " + string.Join(", ", names);
    }

    private static IReadOnlyCollection<string> KnownProperties(JsonSchema? schema, JToken? token)
    {
        var s = schema?.ActualSchema;
        if (s is null) return [];
        var names = new HashSet<string>(s.ActualProperties.Keys, StringComparer.Ordinal);
        foreach (var all in s.AllOf) foreach (var k in all.ActualSchema.ActualProperties.Keys) names.Add(k);
        return names;
    }

    /// <summary>The known name closest to <paramref name="name"/>, when it is a plausible typo.</summary>
    internal static string? Suggest(string name, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            int d = string.Equals(k, name, StringComparison.OrdinalIgnoreCase) ? 0 : Levenshtein(name, k);
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(k, best) < 0))
            {
                bestDistance = d;
                best = k;
            }
        }
        if (best is null) return null;
        int limit = Math.Max(1, Math.Min(3, best.Length / 3));
        return bestDistance <= limit ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3) return int.MaxValue;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>Describes a JSON value for "found ..." in a message.</summary>
    internal static string Describe(JToken? token)
    {
        if (token is JProperty p) token = p.Value;
        return token?.Type switch
        {
            null => "nothing",
            JTokenType.String => "string " + Text.Quote((string?)token ?? ""),
            JTokenType.Integer => "integer " + token.ToString(Newtonsoft.Json.Formatting.None),
            JTokenType.Float => "number " + token.ToString(Newtonsoft.Json.Formatting.None),
            JTokenType.Boolean => "boolean " + ((bool)token ? "true" : "false"),
            JTokenType.Null => "null",
            JTokenType.Object => "object",
            JTokenType.Array => "array",
            _ => token.Type.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>The JSON Pointer of a Newtonsoft token, built from its parents.</summary>
    internal static string PointerOf(JToken? token)
    {
        if (token is null) return "";
        var segments = new List<string>();
        var current = token;
        while (current.Parent is not null)
        {
            var parent = current.Parent;
            if (current is JProperty prop)
            {
                segments.Add(JsonPointer.Escape(prop.Name));
                current = parent;
                continue;
            }
            if (parent is JProperty)
            {
                current = parent;
                continue;
            }
            if (parent is JArray array)
            {
                segments.Add(array.IndexOf(current).ToString(CultureInfo.InvariantCulture));
            }
            current = parent;
        }
        segments.Reverse();
        return segments.Count == 0 ? "" : "/" + string.Join('/', segments);
    }
}
