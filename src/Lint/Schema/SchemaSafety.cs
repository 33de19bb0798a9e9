using System.Text.Json;
using System.Text.RegularExpressions;
using Lint.Parsing;
using Lint.Schema.Draft7;

namespace Lint.Schema;

/// <summary>A keyword of a user schema that the validator would silently ignore.</summary>
/// <param name="Keyword">The keyword, such as <c>const</c>.</param>
/// <param name="Location"><c>file:line:col</c> of the keyword.</param>
public sealed record UnsupportedKeywordUse(string Keyword, string Location)
{
    /// <summary>The dialect of the schema that uses the keyword: <c>draft-07</c>, <c>2019-09</c> or <c>2020-12</c>.</summary>
    public string Dialect { get; init; } = "draft-07";

    /// <summary>A plain-words description, starting with the location.</summary>
    public string Message => $"{Location}: the schema uses '{Keyword}', which lint's validator does not enforce ({Dialect} does not define it)";
}

/// <summary>What <see cref="SchemaSafety.Inspect(string, IReadOnlyDictionary{string, string}?)"/> found in a schema and the local files it references.</summary>
/// <param name="UnsupportedKeywords">Every use of a keyword the validator ignores, in file order.</param>
/// <param name="Files">The schema files inspected (the schema first, then the files it references).</param>
public sealed record SchemaInspection(IReadOnlyList<UnsupportedKeywordUse> UnsupportedKeywords, IReadOnlyList<string> Files);

/// <summary>
/// Checks a user schema before it is loaded, so that loading it can neither reach the network nor half-check files:
/// every <c>$ref</c> of the schema and of the local files it references (transitively) must be a fragment
/// (<c>#/definitions/x</c>) or a relative path; a reference with a URL scheme or a network path (<c>//host/x</c>)
/// is refused with "remote references are not allowed", before anything is fetched. Uses of keywords that the
/// schema's dialect does not define (<see cref="SchemaValidator.UnsupportedKeywordsOf"/>: the dialect its <c>$schema</c>
/// names, draft-07 when it has none) are collected with their locations.
/// </summary>
public static partial class SchemaSafety
{
    /// <summary>Inspects the schema file at <paramref name="path"/> and the local schema files it references.</summary>
    /// <exception cref="SchemaLoadException">A file cannot be read or is not strict JSON, or a reference is remote.</exception>
    public static SchemaInspection Inspect(string path) => Inspect(path, null);

    /// <summary>
    /// Inspects the schema file at <paramref name="path"/> and the local schema files it references. URL references
    /// are allowed only under a prefix of <paramref name="schemaMap"/> or to the bundled draft-07 meta-schema.
    /// </summary>
    /// <exception cref="SchemaLoadException">A file cannot be read or is not strict JSON, or a reference is remote and not mapped.</exception>
    public static SchemaInspection Inspect(string path, IReadOnlyDictionary<string, string>? schemaMap) => Inspect(path, schemaMap, null);

    /// <summary>
    /// Inspects the schema and the local files it references, reading each through <paramref name="readFile"/> (the
    /// linter's trust boundary and size limit; it throws <see cref="SchemaLoadException"/> to refuse a file).
    /// </summary>
    public static SchemaInspection Inspect(string path, IReadOnlyDictionary<string, string>? schemaMap, Func<string, byte[]>? readFile)
    {
        var uses = new List<UnsupportedKeywordUse>();
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string File, Draft Dialect)>();
        var first = Path.GetFullPath(path);
        queue.Enqueue((first, Draft.Draft7));
        visited.Add(first);
        while (queue.Count > 0)
        {
            var (file, inherited) = queue.Dequeue();
            files.Add(file);
            string shown = file == first ? path : file;
            byte[] bytes;
            try
            {
                bytes = readFile is null ? File.ReadAllBytes(file) : readFile(file);
            }
            catch (SchemaLoadException) when (file != first)
            {
                // A referenced file that may not be read (outside the project, too large): the loader reports it at its $ref.
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The schema itself must be readable; a missing referenced file is reported by the loader.
                if (file == first) throw new SchemaLoadException($"{path}: cannot read the schema: {Text.Sanitize(ex.Message, 300)}");
                continue;
            }
            foreach (var (reference, dialect) in InspectDocument(bytes, shown, uses, schemaMap, inherited))
            {
                var target = Path.GetFullPath(reference, Path.GetDirectoryName(file)!);
                if (visited.Add(target) && File.Exists(target)) queue.Enqueue((target, dialect));
            }
        }
        return new SchemaInspection(uses, files);
    }

    /// <summary>Inspects schema text (no file references are followed).</summary>
    /// <exception cref="SchemaLoadException">The text is not strict JSON, or a reference is remote.</exception>
    public static SchemaInspection InspectText(string text, string name)
    {
        var uses = new List<UnsupportedKeywordUse>();
        InspectDocument(System.Text.Encoding.UTF8.GetBytes(text), name, uses, null, Draft.Draft7);
        return new SchemaInspection(uses, []);
    }

    /// <summary>Checks one document; returns the file parts of its relative references, with the dialect they inherit.</summary>
    private static List<(string File, Draft Dialect)> InspectDocument(byte[] bytes, string name, List<UnsupportedKeywordUse> uses, IReadOnlyDictionary<string, string>? schemaMap, Draft inherited)
    {
        using (var parsed = StrictJsonParser.ParseOrThrow(bytes, name, (where, reason) => new SchemaLoadException($"{where}: the schema is not valid JSON: {reason}")))
        {
            string Where(string pointer, bool atKey) => parsed.Location(name, pointer, atKey);
            var references = new List<(string, Draft)>();
            var declaredIds = new List<string>();
            CollectAbsoluteIds(parsed.Root, declaredIds);
            Walk(parsed.Root, "", DialectOf(parsed.Root, inherited, schemaMap, isRoot: true), schemaMap, (kind, pointer, value, draft) =>
            {
                if (kind == Found.Keyword)
                {
                    uses.Add(new UnsupportedKeywordUse(value, Where(pointer, atKey: true)) { Dialect = Dialect.NameOf(draft) });
                    return;
                }
                // A URL that is the $id of a schema in this document resolves inside it.
                string? problem = null, filePart = null;
                if (!declaredIds.Any(id => value.StartsWith(id, StringComparison.Ordinal)))
                    problem = ClassifyReference(value, schemaMap, out filePart);
                if (problem is not null) throw new SchemaLoadException($"{Where(pointer, atKey: false)}: {problem}");
                if (filePart is not null) references.Add((filePart, draft));
            });
            return references;
        }
    }

    /// <summary>
    /// The dialect of a schema object: the one its <c>$schema</c> names (on a document root, or a subschema with
    /// <c>$id</c>), else <paramref name="inherited"/>. A custom meta-schema mapped by <c>schemaMap</c> is read for its own
    /// <c>$schema</c>.
    /// </summary>
    private static Draft DialectOf(JsonElement schema, Draft inherited, IReadOnlyDictionary<string, string>? schemaMap, bool isRoot)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema"u8, out var value) || value.ValueKind != JsonValueKind.String) return inherited;
        if (!isRoot && !schema.TryGetProperty("$id"u8, out _)) return inherited;
        return DialectOfUri(value.GetString()!, schemaMap, 0) ?? inherited;
    }

    private static Draft? DialectOfUri(string uri, IReadOnlyDictionary<string, string>? schemaMap, int depth)
    {
        if (Dialect.FromMetaSchemaUri(uri) is { } known) return known.Draft;
        if (schemaMap is null || depth > 8) return null;
        foreach (var (prefix, folder) in schemaMap.OrderByDescending(m => m.Key.Length))
        {
            if (!uri.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string relative = Uri.UnescapeDataString(uri.Split('#')[0][prefix.Length..]).TrimStart('/');
            string file = Path.GetFullPath(Path.Combine(folder, relative));
            if (!file.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal)) return null;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("$schema"u8, out var meta) && meta.ValueKind == JsonValueKind.String && meta.GetString() != uri)
                    return DialectOfUri(meta.GetString()!, schemaMap, depth + 1);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
            {
                // The loader reports an unreadable meta-schema.
            }
            return null;
        }
        return null;
    }

    private enum Found { Keyword, Reference }

    /// <summary>Every use of a keyword that the schema's dialect does not define, with its pointer and dialect, in document order.</summary>
    internal static List<(string Keyword, string Pointer, string Dialect)> UnsupportedKeywordUses(JsonElement schema, IReadOnlyDictionary<string, string>? schemaMap = null)
    {
        var uses = new List<(string Keyword, string Pointer, string Dialect)>();
        Walk(schema, "", DialectOf(schema, Draft.Draft7, schemaMap, isRoot: true), schemaMap, (kind, pointer, value, draft) =>
        {
            if (kind == Found.Keyword) uses.Add((value, pointer, Dialect.NameOf(draft)));
        });
        return uses;
    }

    /// <summary>Collects the absolute <c>$id</c>s (without fragment) declared anywhere in a schema document.</summary>
    private static void CollectAbsoluteIds(JsonElement element, List<string> ids)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) CollectAbsoluteIds(item, ids);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name == "$id" && p.Value.ValueKind == JsonValueKind.String)
            {
                var id = p.Value.GetString()!;
                int hash = id.IndexOf('#');
                if (hash >= 0) id = id[..hash];
                if (id.Length > 0 && SchemeRegex().IsMatch(id)) ids.Add(id);
            }
            else CollectAbsoluteIds(p.Value, ids);
        }
    }

    /// <summary>
    /// Null when <paramref name="reference"/> may be resolved; otherwise why not. <paramref name="filePart"/> is the
    /// relative file part of an allowed reference (null for a fragment).
    /// </summary>
    internal static string? ClassifyReference(string reference, IReadOnlyDictionary<string, string>? schemaMap, out string? filePart)
    {
        filePart = null;
        string shown = Text.Quote(reference, 200);
        if (reference.StartsWith('#')) return null;
        var scheme = SchemeRegex().Match(reference);
        // One letter before a colon is a Windows drive (C:\schemas\x.json), not a scheme.
        if (scheme.Success && scheme.Groups[1].Length > 1)
        {
            if (scheme.Groups[1].Value.Equals("file", StringComparison.OrdinalIgnoreCase))
                return $"file URLs are not allowed in references: {shown}; use a path relative to the schema";
            // A URL resolves only to a bundled meta-schema (draft-07, 2019-09, 2020-12), through the configured schemaMap,
            // or as an id declared inside the schema (urn:, tag:); the loader resolves those. Nothing is ever downloaded.
            bool web = scheme.Groups[1].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase);
            bool mapped = schemaMap is not null && schemaMap.Keys.Any(prefix => reference.StartsWith(prefix, StringComparison.Ordinal));
            if (!web || mapped || IsBundled(reference)) return null;
            return $"remote references are not allowed: {shown} (lint never downloads schemas; keep referenced schemas next to this one and use a relative path, or map the URL prefix to a local folder with 'schemaMap')";
        }
        if (reference.StartsWith("//", StringComparison.Ordinal) || reference.StartsWith(@"\\", StringComparison.Ordinal))
            return $"remote references are not allowed: {shown} (a network path; lint never downloads schemas)";
        int hash = reference.IndexOf('#');
        var path = hash < 0 ? reference : reference[..hash];
        if (path.Length > 0) filePart = Uri.UnescapeDataString(path);
        return null;
    }

    /// <summary>Whether a reference names a bundled meta-schema document (with any fragment).</summary>
    private static bool IsBundled(string reference)
    {
        int hash = reference.IndexOf('#');
        return Dialect.BundledMetaSchemas.ContainsKey(hash < 0 ? reference : reference[..hash]);
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex SchemeRegex();

    /// <summary>
    /// Visits the keywords of a schema the way a validator reads them: data (enum, const, default, examples) is
    /// skipped, and names under properties or definitions are not keywords. The dialect follows <c>$schema</c>.
    /// </summary>
    private static void Walk(JsonElement schema, string pointer, Draft draft, IReadOnlyDictionary<string, string>? schemaMap, Action<Found, string, string, Draft> found)
    {
        if (schema.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in schema.EnumerateArray()) Walk(item, JsonPointer.Append(pointer, i++), draft, schemaMap, found);
            return;
        }
        if (schema.ValueKind != JsonValueKind.Object) return;
        if (pointer.Length > 0) draft = DialectOf(schema, draft, schemaMap, isRoot: false);
        var foreign = Dialect.ForeignKeywords(draft);
        foreach (var p in schema.EnumerateObject())
        {
            string child = JsonPointer.Append(pointer, p.Name);
            if (foreign.Contains(p.Name)) found(Found.Keyword, child, p.Name, draft);
            switch (p.Name)
            {
                case "$ref" or "$dynamicRef" or "$recursiveRef":
                    if (p.Value.ValueKind == JsonValueKind.String) found(Found.Reference, child, p.Value.GetString()!, draft);
                    continue;
                case "$schema":
                    // A custom meta-schema is read by the loader, so it is a reference too; the official ones are bundled.
                    if (p.Value.ValueKind == JsonValueKind.String && Dialect.FromMetaSchemaUri(p.Value.GetString()!) is null)
                        found(Found.Reference, child, p.Value.GetString()!, draft);
                    continue;
                case "enum" or "const" or "examples" or "default" or "required" or "dependentRequired" or "description" or "title" or "$comment"
                    or "$id" or "id" or "$anchor" or "$dynamicAnchor" or "$recursiveAnchor" or "$vocabulary" or "format" or "pattern"
                    or "contentMediaType" or "contentEncoding":
                    continue;
                case "properties" or "patternProperties" or "definitions" or "dependencies" or "$defs" or "dependentSchemas":
                    if (p.Value.ValueKind == JsonValueKind.Object)
                        foreach (var entry in p.Value.EnumerateObject()) Walk(entry.Value, JsonPointer.Append(child, entry.Name), draft, schemaMap, found);
                    continue;
                default:
                    Walk(p.Value, child, draft, schemaMap, found);
                    continue;
            }
        }
    }
}
