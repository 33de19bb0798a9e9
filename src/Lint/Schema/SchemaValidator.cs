using System.Text.Json;
using Lint.Parsing;
using Lint.Schema.Draft7;

namespace Lint.Schema;

/// <summary>
/// A JSON Schema (draft-07, 2019-09 or 2020-12, as its <c>$schema</c> says; draft-07 without one), loaded without
/// network access, that validates strictly parsed documents and reports violations in plain words with JSON Pointers.
/// Validation is done by <see cref="CompiledSchema"/>, which enforces every keyword of those dialects.
/// </summary>
public sealed class SchemaValidator
{
    /// <summary>
    /// Keywords of later drafts that draft-07 does not define, so the validator does not enforce them in a draft-07
    /// schema (one without <c>$schema</c>). A schema that uses one is refused rather than half-checked.
    /// </summary>
    public static IReadOnlyList<string> UnsupportedKeywords { get; } = Lint.Schema.Draft7.Dialect.ForeignKeywords(Draft.Draft7);

    /// <summary>The dialects the validator knows, by the names lint uses: <c>draft-07</c>, <c>2019-09</c>, <c>2020-12</c>.</summary>
    public static IReadOnlyList<string> Dialects { get; } = ["draft-07", "2019-09", "2020-12"];

    /// <summary>
    /// Keywords of other drafts that <paramref name="dialect"/> (<c>draft-07</c>, <c>2019-09</c> or <c>2020-12</c>) does
    /// not define, so a schema of that dialect using one would not be enforced: lint refuses it (or warns, with
    /// <c>"unsupportedKeywords": "warning"</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The dialect is not one of <see cref="Dialects"/>.</exception>
    public static IReadOnlyList<string> UnsupportedKeywordsOf(string dialect) =>
        Lint.Schema.Draft7.Dialect.ParseName(dialect) is { } draft ? Lint.Schema.Draft7.Dialect.ForeignKeywords(draft) : throw new ArgumentException($"unknown dialect '{dialect}' (one of: {string.Join(", ", Dialects)})", nameof(dialect));

    private static readonly IReadOnlyDictionary<string, string> NoMap = new Dictionary<string, string>();

    private readonly CompiledSchema _schema;

    private SchemaValidator(CompiledSchema schema, string name)
    {
        _schema = schema;
        Name = name;
    }

    /// <summary>Where the schema came from (a path or an embedded resource name).</summary>
    public string Name { get; }

    /// <summary>The compiled schema.</summary>
    public CompiledSchema Schema => _schema;

    /// <summary>The schema's dialect (<c>draft-07</c>, <c>2019-09</c> or <c>2020-12</c>), from its <c>$schema</c>.</summary>
    public string Dialect => _schema.Dialect;

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
    public static SchemaValidator FromFile(string path) => FromFile(path, null);

    /// <summary>
    /// Loads a schema file. References to files next to it resolve; URL references resolve only through
    /// <paramref name="schemaMap"/> (URL prefix to local folder) and are refused otherwise.
    /// </summary>
    /// <exception cref="SchemaLoadException">The file cannot be read, is not strict JSON, uses an unsupported keyword or an unmapped remote reference.</exception>
    public static SchemaValidator FromFile(string path, IReadOnlyDictionary<string, string>? schemaMap) => FromFile(path, schemaMap, allowUnsupportedKeywords: false);

    /// <summary>
    /// Loads a schema file, as <see cref="FromFile(string, IReadOnlyDictionary{string, string}?)"/>; with
    /// <paramref name="allowUnsupportedKeywords"/>, keywords in <see cref="UnsupportedKeywords"/> are accepted (and
    /// not enforced) instead of refused. The configuration's <c>"unsupportedKeywords": "warning"</c> uses this.
    /// </summary>
    public static SchemaValidator FromFile(string path, IReadOnlyDictionary<string, string>? schemaMap, bool allowUnsupportedKeywords) =>
        FromFile(path, schemaMap, allowUnsupportedKeywords, null);

    /// <summary>
    /// Loads a schema file with load options: <see cref="SchemaLoadOptions.ReadFile"/> reads the schema itself and every
    /// file its references load (the linter passes its trust boundary and size limit), and the evaluation budgets apply.
    /// </summary>
    /// <exception cref="SchemaLoadException">The file cannot be read or refused, or the schema cannot be loaded.</exception>
    public static SchemaValidator FromFile(string path, IReadOnlyDictionary<string, string>? schemaMap, bool allowUnsupportedKeywords, SchemaLoadOptions? options)
    {
        byte[] bytes;
        try
        {
            bytes = options?.ReadFile is { } read ? read(Path.GetFullPath(path)) : File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SchemaLoadException($"{path}: cannot read the schema: {Text.Sanitize(ex.Message, 300)}");
        }
        return FromBytes(bytes, path, Path.GetFullPath(path), schemaMap, allowUnsupportedKeywords, options);
    }

    /// <summary>Loads a schema from text. <paramref name="documentPath"/> anchors relative file references.</summary>
    public static SchemaValidator FromText(string text, string name, string? documentPath) => FromText(text, name, documentPath, null);

    /// <summary>
    /// Loads a schema from text. <paramref name="documentPath"/> anchors relative file references;
    /// <paramref name="schemaMap"/> maps URL prefixes to local folders.
    /// </summary>
    /// <exception cref="SchemaLoadException">The text is not strict JSON, uses an unsupported keyword, has an invalid keyword value or an unresolvable reference.</exception>
    public static SchemaValidator FromText(string text, string name, string? documentPath, IReadOnlyDictionary<string, string>? schemaMap) =>
        FromText(text, name, documentPath, schemaMap, allowUnsupportedKeywords: false);

    /// <summary>Loads a schema from text; with <paramref name="allowUnsupportedKeywords"/>, keywords in <see cref="UnsupportedKeywords"/> are accepted (and not enforced).</summary>
    public static SchemaValidator FromText(string text, string name, string? documentPath, bool allowUnsupportedKeywords) =>
        FromText(text, name, documentPath, null, allowUnsupportedKeywords);

    /// <summary>Loads a schema from text with a schema map; with <paramref name="allowUnsupportedKeywords"/>, keywords in <see cref="UnsupportedKeywords"/> are accepted (and not enforced).</summary>
    public static SchemaValidator FromText(string text, string name, string? documentPath, IReadOnlyDictionary<string, string>? schemaMap, bool allowUnsupportedKeywords) =>
        FromBytes(System.Text.Encoding.UTF8.GetBytes(text), name, documentPath, schemaMap, allowUnsupportedKeywords, null);

    private static SchemaValidator FromBytes(byte[] bytes, string name, string? documentPath, IReadOnlyDictionary<string, string>? schemaMap, bool allowUnsupportedKeywords, SchemaLoadOptions? loadOptions)
    {
        using (var parsed = StrictJsonParser.ParseOrThrow(bytes, name, (where, reason) => new SchemaLoadException($"{where}: the schema is not valid JSON: {reason}")))
        {
            string Where(string pointer) => parsed.Location(name, pointer, atKey: true);
            CompiledSchema compiled;
            var options = (loadOptions ?? new SchemaLoadOptions()) with
            {
                BaseUri = documentPath is null ? null : new Uri(Path.GetFullPath(documentPath)).AbsoluteUri,
                SchemaMap = schemaMap ?? NoMap,
            };
            try
            {
                compiled = CompiledSchema.FromElement(parsed.Root, options);
            }
            catch (SchemaLoadException ex)
            {
                // A schema that cannot load because of a later draft's keyword ($defs holding an $id, say) is refused for
                // that keyword, the real cause.
                if (!allowUnsupportedKeywords && SchemaSafety.UnsupportedKeywordUses(parsed.Root, schemaMap).FirstOrDefault() is { Keyword: not null } use)
                    throw new SchemaLoadException(Refusal(new UnsupportedKeywordUse(use.Keyword, Where(use.Pointer)) { Dialect = use.Dialect }));
                throw new SchemaLoadException(ex.SchemaPointer is null ? $"{name}: {ex.Message}" : $"{Where(ex.SchemaPointer)}: {ex.Message}", ex.SchemaPointer);
            }
            // The guard checks what the loader compiled (every schema object, however it was reached), at its file:line:col.
            var uses = compiled.UnsupportedKeywordUses.Select(u => new UnsupportedKeywordUse(u.Keyword,
                u.DocumentUri == (options.BaseUri ?? CompiledSchema.InlineBaseUri) ? Where(JsonPointer.Append(u.Pointer, u.Keyword)) : Locate(u.DocumentUri, JsonPointer.Append(u.Pointer, u.Keyword), options))
                { Dialect = compiled.DialectAt(u.DocumentUri, u.Pointer) }).ToList();
            if (!allowUnsupportedKeywords && uses.Count > 0)
                throw new SchemaLoadException(Refusal(uses[0]));
            return new SchemaValidator(compiled, name) { IgnoredKeywordUses = uses };
        }
    }

    /// <summary>Why a schema using a keyword its dialect does not define is refused, and what to do.</summary>
    private static string Refusal(UnsupportedKeywordUse use) =>
        $"{use.Message}: remove it or express the constraint with {use.Dialect} keywords{(use.Dialect == "draft-07" ? ", or declare a later dialect with \"$schema\"" : "")}";

    /// <summary><c>file:line:col</c> of a pointer in a referenced schema file (or its URI and pointer when it cannot be read again).</summary>
    private static string Locate(string documentUri, string pointer, SchemaLoadOptions options)
    {
        try
        {
            if (Uri.TryCreate(documentUri, UriKind.Absolute, out var uri) && uri.IsFile)
            {
                var path = uri.LocalPath;
                var bytes = options.ReadFile is { } read ? read(path) : File.ReadAllBytes(path);
                using var parsed = StrictJsonParser.ParseOrThrow(bytes, path, (where, reason) => new SchemaLoadException(reason));
                return parsed.Location(Text.Sanitize(path, 300), pointer, atKey: true);
            }
        }
        catch (Exception ex) when (ex is SchemaLoadException or IOException or UnauthorizedAccessException)
        {
        }
        return Text.Sanitize(documentUri, 300) + "#" + Text.Sanitize(pointer, 200);
    }

    /// <summary>
    /// The uses of keywords in <see cref="UnsupportedKeywords"/> in what was loaded (accepted and not enforced, since the
    /// schema was loaded with them allowed), with their <c>file:line:col</c>.
    /// </summary>
    public IReadOnlyList<UnsupportedKeywordUse> IgnoredKeywordUses { get; private init; } = [];

    /// <summary>Validates a document and returns its violations, at most one per node and missing property.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement root) => _schema.Validate(root);
}
