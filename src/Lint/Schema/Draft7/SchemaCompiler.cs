using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lint.Parsing;

namespace Lint.Schema.Draft7;

/// <summary>
/// Loads schema documents, registers their <c>$id</c>s and anchors, resolves <c>$ref</c>s, <c>$dynamicRef</c>s and
/// <c>$recursiveRef</c>s (never over the network) and compiles every reachable schema once into a
/// <see cref="SchemaNode"/>, in the dialect (draft-07, 2019-09, 2020-12) its <c>$schema</c> names.
/// </summary>
internal sealed class SchemaCompiler
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = StrictJsonParser.MaxDepth,
    };

    private readonly SchemaLoadOptions _options;
    private readonly List<(string Prefix, string Folder)> _map;
    private readonly Dictionary<string, Location> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<(Document, string), SchemaNode> _nodes = [];
    private readonly Dictionary<string, Regex> _regexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaResource> _resourceInfo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dialect> _dialects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dialectsInProgress = new(StringComparer.Ordinal);
    private readonly List<(SchemaNode Node, UnevaluatedKeyword Keyword)> _unevaluated = [];
    private bool _hasDynamicReferences;
    private readonly List<(string DocumentUri, string Pointer, string Keyword)> _unsupported = [];
    private int _depth;

    /// <summary>Keywords of <see cref="SchemaValidator.UnsupportedKeywords"/> in the schema objects compiled (see <see cref="CompiledSchema.UnsupportedKeywordUses"/>).</summary>
    public IReadOnlyList<(string DocumentUri, string Pointer, string Keyword)> UnsupportedKeywordUses => _unsupported;

    /// <summary>The dialect of each document whose compiled schema objects use a keyword its dialect does not define (see <see cref="UnsupportedKeywordUses"/>).</summary>
    public Dictionary<(string DocumentUri, string Pointer), string> UnsupportedKeywordDialects { get; } = [];

    public SchemaCompiler(SchemaLoadOptions options)
    {
        _options = options;
        _map = options.SchemaMap
            .Select(kv => (kv.Key, Path.GetFullPath(kv.Value)))
            .OrderByDescending(m => m.Key.Length)
            .ToList();
    }

    private sealed class Document(JsonElement root, string uri, bool isRoot)
    {
        public JsonElement Root { get; } = root;
        public string Uri { get; } = uri;
        public bool IsRoot { get; } = isRoot;
    }

    /// <summary>A schema position: its document, its pointer in that document, its value, its base URI (own $id applied) and its dialect.</summary>
    private readonly record struct Location(Document Doc, string Pointer, JsonElement Element, string Base, Dialect Dialect);

    private enum Position { Schema, SchemaMap, SchemaArray, Data }

    /// <summary>Compiles the root schema and everything it references.</summary>
    public SchemaNode CompileRoot(JsonElement root, string retrievalUri)
    {
        var location = AddDocument(root, retrievalUri, isRoot: true, Dialect.Draft7);
        var node = Compile(location);
        if (_hasDynamicReferences) CompileDynamicTargets();
        FinishUnevaluated();
        DetectLoops();
        return node;
    }

    /// <summary>The dialect of the root schema (for callers that check keywords per dialect).</summary>
    public Dialect? RootDialect { get; private set; }

    // ---- documents and identifiers ------------------------------------------------------------

    private Location AddDocument(JsonElement root, string retrievalUri, bool isRoot, Dialect inherited)
    {
        var doc = new Document(root, retrievalUri, isRoot);
        var provisional = new Location(doc, "", root, retrievalUri, inherited);
        var dialect = DialectOf(root, inherited, provisional, isResourceRoot: true);
        if (isRoot) RootDialect = dialect;
        var location = new Location(doc, "", root, BaseOf(root, retrievalUri, dialect), dialect);
        _resources.TryAdd(StripFragment(retrievalUri), location);
        Scan(doc, "", root, retrievalUri, dialect, isDocumentRoot: true);
        return location;
    }

    /// <summary>The resource record of a base URI, created on first use; <paramref name="root"/> is its root schema when known.</summary>
    private SchemaResource ResourceFor(string baseUri, Location? root = null)
    {
        if (!_resourceInfo.TryGetValue(baseUri, out var resource)) _resourceInfo[baseUri] = resource = new SchemaResource(baseUri);
        if (root is { } r && r.Element.ValueKind == JsonValueKind.Object && r.Dialect.Draft == Draft.Draft2019 &&
            r.Element.TryGetProperty("$recursiveAnchor"u8, out var anchor) && anchor.ValueKind == JsonValueKind.True)
            resource.RecursiveAnchor = true;
        return resource;
    }

    // ---- dialects -------------------------------------------------------------------------------

    /// <summary>
    /// The dialect of a schema: the one its <c>$schema</c> names when it is a resource root (a document or a schema
    /// with <c>$id</c>), else <paramref name="parent"/>. A custom meta-schema is read (never downloaded) for its
    /// <c>$vocabulary</c>.
    /// </summary>
    private Dialect DialectOf(JsonElement schema, Dialect parent, Location from, bool isResourceRoot)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema"u8, out var value) || value.ValueKind != JsonValueKind.String)
            return parent;
        if (!isResourceRoot && !schema.TryGetProperty("$id"u8, out _)) return parent;
        string uri = value.GetString()!;
        if (Dialect.FromMetaSchemaUri(uri) is { } known) return known;
        string key = StripFragment(uri);
        if (key.StartsWith("http://json-schema.org/", StringComparison.Ordinal) || key.StartsWith("https://json-schema.org/", StringComparison.Ordinal))
            throw Error($"$schema \"{Text.Sanitize(uri)}\" names a dialect lint does not know (lint validates draft-07, 2019-09 and 2020-12: \"http://json-schema.org/draft-07/schema#\", \"https://json-schema.org/draft/2019-09/schema\", \"https://json-schema.org/draft/2020-12/schema\")", from, "$schema");
        if (_dialects.TryGetValue(key, out var cached)) return cached;
        if (!_dialectsInProgress.Add(key)) return Dialect.Draft2020; // a meta-schema that describes itself
        try
        {
            var meta = ResolveReference(uri, from);
            var dialect = DialectOfMetaSchema(meta, from);
            _dialects[key] = dialect;
            return dialect;
        }
        finally
        {
            _dialectsInProgress.Remove(key);
        }
    }

    private Dialect DialectOfMetaSchema(Location meta, Location from)
    {
        var e = meta.Element;
        if (e.ValueKind != JsonValueKind.Object) return meta.Dialect;
        var draft = meta.Dialect.Draft == Draft.Draft7 ? Draft.Draft2020 : meta.Dialect.Draft;
        if (!e.TryGetProperty("$vocabulary"u8, out var vocabulary) || vocabulary.ValueKind != JsonValueKind.Object) return meta.Dialect;
        var vocabularies = Vocabularies.None;
        foreach (var v in vocabulary.EnumerateObject())
        {
            if (Dialect.VocabularyOf(v.Name, draft) is { } known)
            {
                vocabularies |= known;
                continue;
            }
            if (v.Value.ValueKind == JsonValueKind.True)
                throw Error($"the meta-schema {Text.Sanitize(meta.Doc.Uri)} requires the vocabulary \"{Text.Sanitize(v.Name)}\", which lint does not know, so the schema cannot be checked as its author intends", from);
        }
        return Dialect.With(draft, vocabularies);
    }

    private static string StripFragment(string uri)
    {
        int hash = uri.IndexOf('#');
        return hash < 0 ? uri : uri[..hash];
    }

    /// <summary>The base URI inside <paramref name="schema"/>: its <c>$id</c> resolved against the parent's base (in draft-07 a <c>$ref</c> sibling disables it).</summary>
    private static string BaseOf(JsonElement schema, string parentBase, Dialect dialect)
    {
        if (!TryGetId(schema, dialect, out var id)) return parentBase;
        var idRef = UriReference.Parse(id);
        if (!HasNonFragmentPart(idRef)) return parentBase;
        return UriReference.Parse(parentBase).Resolve(idRef).WithoutFragment.ToString();
    }

    private static bool TryGetId(JsonElement schema, Dialect dialect, out string id)
    {
        id = "";
        if (schema.ValueKind != JsonValueKind.Object || (dialect.RefOverridesSiblings && schema.TryGetProperty("$ref"u8, out _))) return false;
        if (!schema.TryGetProperty("$id"u8, out var value) || value.ValueKind != JsonValueKind.String) return false;
        id = value.GetString()!;
        return true;
    }

    private static bool HasNonFragmentPart(UriReference r) => r.Scheme is not null || r.Authority is not null || r.Path.Length > 0 || r.Query is not null;

    /// <summary>Registers the <c>$id</c>s and anchors of a schema and of its subschemas.</summary>
    private void Scan(Document doc, string pointer, JsonElement schema, string parentBase, Dialect parentDialect, bool isDocumentRoot = false)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        string baseUri = parentBase;
        var dialect = isDocumentRoot ? parentDialect : DialectOf(schema, parentDialect, new Location(doc, pointer, schema, parentBase, parentDialect), isResourceRoot: false);
        if (TryGetId(schema, dialect, out var id))
        {
            var idRef = UriReference.Parse(id);
            var resolved = UriReference.Parse(parentBase).Resolve(idRef);
            string withoutFragment = resolved.WithoutFragment.ToString();
            if (HasNonFragmentPart(idRef))
            {
                baseUri = withoutFragment;
                var location = new Location(doc, pointer, schema, baseUri, dialect);
                _resources.TryAdd(baseUri, location);
                ResourceFor(baseUri, location);
            }
            // In draft-07 "$id": "#name" is an anchor; later drafts have $anchor for that.
            if (dialect.Draft == Draft.Draft7 && !string.IsNullOrEmpty(resolved.Fragment) && !resolved.Fragment.StartsWith('/'))
                _anchors.TryAdd(withoutFragment + "#" + resolved.Fragment, new Location(doc, pointer, schema, baseUri, dialect));
        }
        else if (isDocumentRoot) ResourceFor(baseUri, new Location(doc, pointer, schema, baseUri, dialect));
        if (dialect.Draft != Draft.Draft7)
        {
            if (schema.TryGetProperty("$anchor"u8, out var anchor) && anchor.ValueKind == JsonValueKind.String)
                _anchors.TryAdd(baseUri + "#" + anchor.GetString(), new Location(doc, pointer, schema, baseUri, dialect));
            if (dialect.Draft == Draft.Draft2020 && schema.TryGetProperty("$dynamicAnchor"u8, out var dynamicAnchor) && dynamicAnchor.ValueKind == JsonValueKind.String)
            {
                var location = new Location(doc, pointer, schema, baseUri, dialect);
                _anchors.TryAdd(baseUri + "#" + dynamicAnchor.GetString(), location);
                _dynamicAnchors.Add((ResourceFor(baseUri), dynamicAnchor.GetString()!, location));
            }
        }
        foreach (var (childPointer, child) in Subschemas(schema, dialect))
            Scan(doc, pointer + childPointer, child, baseUri, dialect);
    }

    private readonly List<(SchemaResource Resource, string Name, Location At)> _dynamicAnchors = [];

    /// <summary>The subschemas of a schema object, with their pointers relative to it.</summary>
    private static IEnumerable<(string Pointer, JsonElement Schema)> Subschemas(JsonElement schema, Dialect dialect)
    {
        foreach (var p in schema.EnumerateObject())
        {
            string prefix = "/" + JsonPointer.Escape(p.Name);
            switch (Transition(Position.Schema, p.Name, p.Value, dialect.Draft))
            {
                case Position.Schema:
                    if (IsSchema(p.Value)) yield return (prefix, p.Value);
                    break;
                case Position.SchemaMap when p.Value.ValueKind == JsonValueKind.Object:
                    foreach (var entry in p.Value.EnumerateObject())
                        if (IsSchema(entry.Value)) yield return (prefix + "/" + JsonPointer.Escape(entry.Name), entry.Value);
                    break;
                case Position.SchemaArray when p.Value.ValueKind == JsonValueKind.Array:
                {
                    int i = 0;
                    foreach (var item in p.Value.EnumerateArray())
                    {
                        if (IsSchema(item)) yield return (prefix + "/" + i, item);
                        i++;
                    }
                    break;
                }
            }
        }
    }

    private static bool IsSchema(JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False;

    /// <summary>What the value under <paramref name="token"/> is, given what its parent is.</summary>
    private static Position Transition(Position parent, string token, JsonElement value, Draft draft) => parent switch
    {
        Position.Schema => draft switch
        {
            Draft.Draft7 => token switch
            {
                "properties" or "patternProperties" or "definitions" or "dependencies" => Position.SchemaMap,
                "allOf" or "anyOf" or "oneOf" => Position.SchemaArray,
                "items" => value.ValueKind == JsonValueKind.Array ? Position.SchemaArray : Position.Schema,
                "additionalItems" or "additionalProperties" or "contains" or "propertyNames" or "if" or "then" or "else" or "not" => Position.Schema,
                _ => Position.Data,
            },
            Draft.Draft2019 => token switch
            {
                "properties" or "patternProperties" or "$defs" or "definitions" or "dependentSchemas" => Position.SchemaMap,
                "allOf" or "anyOf" or "oneOf" => Position.SchemaArray,
                "items" => value.ValueKind == JsonValueKind.Array ? Position.SchemaArray : Position.Schema,
                "additionalItems" or "unevaluatedItems" or "additionalProperties" or "unevaluatedProperties" or "contains" or "propertyNames"
                    or "if" or "then" or "else" or "not" or "contentSchema" => Position.Schema,
                _ => Position.Data,
            },
            _ => token switch
            {
                "properties" or "patternProperties" or "$defs" or "dependentSchemas" => Position.SchemaMap,
                "allOf" or "anyOf" or "oneOf" or "prefixItems" => Position.SchemaArray,
                "items" or "unevaluatedItems" or "additionalProperties" or "unevaluatedProperties" or "contains" or "propertyNames"
                    or "if" or "then" or "else" or "not" or "contentSchema" => Position.Schema,
                _ => Position.Data,
            },
        },
        Position.SchemaMap or Position.SchemaArray => Position.Schema,
        _ => Position.Data,
    };

    // ---- references -----------------------------------------------------------------------------

    private Location ResolveReference(string reference, Location from)
    {
        var target = UriReference.Parse(from.Base).Resolve(UriReference.Parse(reference));
        string documentUri = target.WithoutFragment.ToString();
        string fragment = target.Fragment ?? "";
        if (fragment.Length > 0 && !fragment.StartsWith('/'))
        {
            string key = documentUri + "#" + fragment;
            if (_anchors.TryGetValue(key, out var anchored)) return anchored;
            if (!_resources.ContainsKey(documentUri)) Load(documentUri, reference, from);
            if (_anchors.TryGetValue(key, out anchored)) return anchored;
            throw Error($"$ref \"{Text.Sanitize(reference)}\" cannot be resolved: no schema has the $id \"#{Text.Sanitize(fragment)}\" in {Text.Sanitize(documentUri)}", from);
        }
        if (!_resources.TryGetValue(documentUri, out var resource)) resource = Load(documentUri, reference, from);
        return fragment.Length == 0 ? resource : Navigate(resource, UriReference.PercentDecode(fragment), reference, from);
    }

    /// <summary>Follows a JSON Pointer from a resource, tracking base URI changes on the way.</summary>
    private Location Navigate(Location start, string pointer, string reference, Location from)
    {
        var current = start;
        var position = Position.Schema;
        foreach (var token in JsonPointer.Split(pointer))
        {
            JsonElement next;
            var e = current.Element;
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(token, out var value)) next = value;
            else if (e.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index < e.GetArrayLength()) next = e[index];
            else throw Error($"$ref \"{Text.Sanitize(reference)}\" points to nothing: there is no \"{Text.Sanitize(pointer)}\" in {Text.Sanitize(start.Base)}", from);
            position = Transition(position, token, next, current.Dialect.Draft);
            string childPointer = current.Pointer + "/" + JsonPointer.Escape(token);
            var dialect = position == Position.Schema ? DialectOf(next, current.Dialect, current, isResourceRoot: false) : current.Dialect;
            current = new Location(current.Doc, childPointer, next, position == Position.Schema ? BaseOf(next, current.Base, dialect) : current.Base, dialect);
        }
        if (position != Position.Schema) current = current with { Base = BaseOf(current.Element, current.Base, current.Dialect) };
        return current;
    }

    /// <summary>Loads the document behind a URI that no loaded schema identifies: bundled, mapped to a folder, or a local file.</summary>
    private Location Load(string documentUri, string reference, Location from)
    {
        if (Dialect.BundledMetaSchemas.TryGetValue(documentUri, out var resource))
        {
            var meta = Parse(SchemaValidator.ReadResource(resource), documentUri, from);
            return AddDocument(meta, documentUri, isRoot: false, from.Dialect);
        }
        foreach (var (prefix, folder) in _map)
        {
            if (!documentUri.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string relative = UriReference.PercentDecode(documentUri[prefix.Length..]);
            string path = Path.GetFullPath(Path.Combine(folder, relative.TrimStart('/')));
            string root = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
            if (!path.StartsWith(root, StringComparison.Ordinal))
                throw Error($"$ref \"{Text.Sanitize(reference)}\" leaves the folder that schemaMap maps \"{Text.Sanitize(prefix)}\" to", from);
            return LoadFile(path, documentUri, reference, from, $" (schemaMap maps \"{Text.Sanitize(prefix)}\" to {folder})");
        }
        var uri = UriReference.Parse(documentUri);
        if (string.Equals(uri.Scheme, "file", StringComparison.OrdinalIgnoreCase))
        {
            if (!_options.AllowFileReferences)
                throw Error($"$ref \"{Text.Sanitize(reference)}\" refers to a file, which is not allowed here", from);
            string path;
            try
            {
                path = new Uri(documentUri).LocalPath;
            }
            catch (UriFormatException)
            {
                throw Error($"$ref \"{Text.Sanitize(reference)}\" is not a valid file URI", from);
            }
            return LoadFile(path, documentUri, reference, from, "");
        }
        if (uri.Authority is not null || uri.Scheme is "http" or "https" or "ftp")
            throw Error($"remote references are not allowed: \"{Text.Sanitize(documentUri)}\" (lint never downloads schemas; map the URL prefix to a local folder with the 'schemaMap' option)", from);
        throw Error($"$ref \"{Text.Sanitize(reference)}\" cannot be resolved: no loaded schema has the $id \"{Text.Sanitize(documentUri)}\"", from);
    }

    private Location LoadFile(string path, string documentUri, string reference, Location from, string how)
    {
        byte[] bytes;
        try
        {
            bytes = _options.ReadFile is { } read ? read(path) : File.ReadAllBytes(path);
        }
        catch (SchemaLoadException ex)
        {
            // The reader refused the file (outside the project, too large, not a regular file): say so, quote nothing.
            throw Error($"$ref \"{Text.Sanitize(reference)}\": {ex.Message}{how}", from);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Error($"$ref \"{Text.Sanitize(reference)}\": cannot read {Text.Sanitize(path, 300)}{how}: {Text.Sanitize(ex.Message.Replace(path, "the file", StringComparison.Ordinal), 200)}", from);
        }
        var root = Parse(bytes, documentUri, from);
        return AddDocument(root, documentUri, isRoot: false, from.Dialect);
    }

    private JsonElement Parse(string text, string uri, Location from) => Parse(System.Text.Encoding.UTF8.GetBytes(text), uri, from);

    private JsonElement Parse(byte[] bytes, string uri, Location from)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes, DocumentOptions);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            // The position only: the parser's message can quote the file's bytes.
            throw Error($"the referenced schema {Text.Sanitize(uri, 300)} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})", from);
        }
    }

    /// <summary>Parses a root schema document.</summary>
    internal static JsonElement ParseRoot(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, DocumentOptions);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new SchemaLoadException($"the schema is not valid JSON: {ex.Message}");
        }
    }

    private static SchemaLoadException Error(string message, Location at) =>
        new(message, at.Doc.IsRoot ? at.Pointer : null);

    private static SchemaLoadException Error(string message, Location at, string keyword) =>
        new(message, at.Doc.IsRoot ? at.Pointer + "/" + JsonPointer.Escape(keyword) : null);

    // ---- compilation ----------------------------------------------------------------------------

    private SchemaNode Compile(Location at)
    {
        if (_nodes.TryGetValue((at.Doc, at.Pointer), out var existing)) return existing;
        // A chain of 60,000 references would recurse 60,000 deep: a load error, never a stack overflow.
        if (_depth >= _options.MaxReferenceDepth)
            throw Error($"the schema's references and subschemas nest more than {_options.MaxReferenceDepth} levels deep (a chain of $ref, at {Text.Sanitize(at.Doc.Uri + "#" + at.Pointer, 200)}); lint refuses it rather than overflow its stack", at);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        _depth++;
        try
        {
            return CompileAt(at);
        }
        finally
        {
            _depth--;
        }
    }

    private SchemaNode CompileAt(Location at)
    {
        var node = new SchemaNode(at.Doc.Uri + "#" + at.Pointer);
        _nodes[(at.Doc, at.Pointer)] = node;
        var e = at.Element;
        node.Resource = ResourceFor(at.Base);
        switch (e.ValueKind)
        {
            case JsonValueKind.True:
                node.Constant = true;
                return node;
            case JsonValueKind.False:
                node.Constant = false;
                return node;
            case JsonValueKind.Object:
                break;
            default:
                throw Error($"a schema must be an object or a boolean, found {JsonValues.Describe(e)}", at);
        }
        if (IsResourceRoot(at)) node.Resource.Root ??= node;
        if (at.Dialect.RefOverridesSiblings && e.TryGetProperty("$ref"u8, out var reference))
        {
            if (reference.ValueKind != JsonValueKind.String) throw Error("$ref must be a string", at, "$ref");
            node.Ref = Compile(ResolveReference(reference.GetString()!, at));
            node.InPlace.Add(node.Ref);
            return node;
        }
        // The schema-safety guard sees exactly what is loaded: every schema object compiled, however it was reached.
        foreach (var keyword in e.EnumerateObject())
            if (Dialect.ForeignKeywords(at.Dialect.Draft).Contains(keyword.Name))
            {
                _unsupported.Add((at.Doc.Uri, at.Pointer, keyword.Name));
                UnsupportedKeywordDialects[(at.Doc.Uri, at.Pointer)] = at.Dialect.Name;
            }
        node.Keywords = CompileKeywords(at, node);
        // A schema that is only a $ref (2019-09, 2020-12) is evaluated as its target, as in draft-07.
        if (node.Keywords is [RefKeyword] && node.InPlace.Count == 1 && !e.TryGetProperty("$id"u8, out _) && !e.TryGetProperty("$dynamicAnchor"u8, out _) && !e.TryGetProperty("$recursiveAnchor"u8, out _))
        {
            node.Ref = node.InPlace[0];
            node.Keywords = [];
        }
        return node;
    }

    /// <summary>Whether a location starts a schema resource (a document root or a schema with its own <c>$id</c>).</summary>
    private static bool IsResourceRoot(Location at) => at.Pointer.Length == 0 || (TryGetId(at.Element, at.Dialect, out var id) && HasNonFragmentPart(UriReference.Parse(id)));

    private SchemaNode Child(Location parent, JsonElement child, string relativePointer)
    {
        var provisional = new Location(parent.Doc, parent.Pointer + relativePointer, child, parent.Base, parent.Dialect);
        var dialect = DialectOf(child, parent.Dialect, provisional, isResourceRoot: false);
        var at = new Location(parent.Doc, parent.Pointer + relativePointer, child, BaseOf(child, parent.Base, dialect), dialect);
        return Compile(at);
    }

    private SchemaNode ChildOf(Location parent, string keyword)
    {
        var value = parent.Element.GetProperty(keyword);
        if (!IsSchema(value)) throw Error($"{keyword} must be a schema (an object or a boolean), found {JsonValues.Describe(value)}", parent, keyword);
        return Child(parent, value, "/" + JsonPointer.Escape(keyword));
    }

    private SchemaNode[] ChildArray(Location parent, string keyword, bool allowEmpty = false)
    {
        var value = parent.Element.GetProperty(keyword);
        if (value.ValueKind != JsonValueKind.Array || (!allowEmpty && value.GetArrayLength() == 0))
            throw Error($"{keyword} must be a non-empty array of schemas", parent, keyword);
        var list = new SchemaNode[value.GetArrayLength()];
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (!IsSchema(item)) throw Error($"{keyword}[{i}] must be a schema (an object or a boolean), found {JsonValues.Describe(item)}", parent, keyword);
            list[i] = Child(parent, item, "/" + JsonPointer.Escape(keyword) + "/" + i);
            i++;
        }
        return list;
    }

    /// <summary>"a string or null" for the alternatives of <c>anyOf</c>/<c>oneOf</c>, when each is summed up in a phrase (<see cref="PlainWords.Summary"/>).</summary>
    private static string? Alternatives(Location at, string keyword)
    {
        var phrases = new List<string>();
        foreach (var alternative in at.Element.GetProperty(keyword).EnumerateArray())
        {
            if (PlainWords.Summary(alternative) is not { } phrase) return null;
            phrases.Add(phrase);
        }
        return PlainWords.Join(phrases.Distinct().ToList(), "or");
    }

    /// <summary>Whether the schema at <paramref name="at"/> has <paramref name="name"/> and its dialect reads that keyword.</summary>
    private static bool Has(Location at, string name, out JsonElement value)
    {
        value = default;
        return at.Dialect.Knows(name) && at.Element.TryGetProperty(name, out value);
    }

    private Keyword[] CompileKeywords(Location at, SchemaNode node)
    {
        var keywords = new List<Keyword>();
        bool Has(string name, out JsonElement value) => SchemaCompiler.Has(at, name, out value);
        var draft = at.Dialect.Draft;

        // references (2019-09, 2020-12: applied beside the other keywords)
        if (draft != Draft.Draft7)
        {
            if (Has("$ref", out var reference))
            {
                if (reference.ValueKind != JsonValueKind.String) throw Error("$ref must be a string", at, "$ref");
                var target = Compile(ResolveReference(reference.GetString()!, at));
                node.InPlace.Add(target);
                keywords.Add(new RefKeyword(target));
            }
            if (Has("$dynamicRef", out var dynamicRef)) keywords.Add(CompileDynamicRef(dynamicRef, at, node));
            if (Has("$recursiveRef", out var recursiveRef)) keywords.Add(CompileRecursiveRef(recursiveRef, at, node));
        }

        // type, enum, const
        if (Has("type", out var type)) keywords.Add(CompileType(type, at));
        if (Has("enum", out var enumValues))
        {
            if (enumValues.ValueKind != JsonValueKind.Array) throw Error("enum must be an array", at, "enum");
            keywords.Add(new EnumKeyword(enumValues.EnumerateArray().ToArray()));
        }
        if (Has("const", out var constValue)) keywords.Add(new ConstKeyword(constValue));

        // strings
        Regex? pattern = null;
        string? patternText = null;
        if (Has("pattern", out var p))
        {
            if (p.ValueKind != JsonValueKind.String) throw Error("pattern must be a string", at, "pattern");
            patternText = p.GetString()!;
            pattern = CompileRegex(patternText, at, "pattern");
        }
        int minLength = Has("minLength", out var minL) ? (int)Math.Min(int.MaxValue, Count(minL, at, "minLength")) : -1;
        long maxLength = Has("maxLength", out var maxL) ? Count(maxL, at, "maxLength") : -1;
        string? format = null;
        Formats.FormatChecker? checker = null;
        if (Has("format", out var f))
        {
            if (f.ValueKind != JsonValueKind.String) throw Error("format must be a string", at, "format");
            format = f.GetString()!;
            checker = _options.AssertFormats ? Formats.Get(format) : null;
        }
        if (pattern is not null || minLength > 0 || maxLength >= 0 || checker is not null)
            keywords.Add(new StringKeyword
            {
                Pattern = pattern, PatternText = patternText, PatternExpectation = patternText is null ? null : PlainWords.PatternExpectation(patternText, PlainWords.About(at.Element)),
                MinLength = minLength, MaxLength = maxLength, Format = format, FormatChecker = checker });

        // numbers
        NumberLimit? Limit(string name)
        {
            if (!Has(name, out var v)) return null;
            if (v.ValueKind != JsonValueKind.Number)
                throw Error(name.StartsWith("exclusive", StringComparison.Ordinal) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? $"{name} must be a number in {at.Dialect.Name} (the draft-04 boolean form is not supported)"
                    : $"{name} must be a number", at, name);
            return NumberLimit.From(v);
        }
        var multipleOf = Limit("multipleOf");
        if (multipleOf is { } m && m.Approximate <= 0) throw Error("multipleOf must be greater than 0", at, "multipleOf");
        var number = new NumberKeyword
        {
            MultipleOf = multipleOf,
            Minimum = Limit("minimum"),
            Maximum = Limit("maximum"),
            ExclusiveMinimum = Limit("exclusiveMinimum"),
            ExclusiveMaximum = Limit("exclusiveMaximum"),
        };
        if (number.MultipleOf is not null || number.Minimum is not null || number.Maximum is not null || number.ExclusiveMinimum is not null || number.ExclusiveMaximum is not null)
            keywords.Add(number);

        // objects
        var objectKeyword = CompileObject(at, node);
        if (objectKeyword is not null) keywords.Add(objectKeyword);

        // arrays
        SchemaNode? items = null;
        SchemaNode[]? tuple = null;
        SchemaNode? additionalItems = null;
        if (draft == Draft.Draft2020)
        {
            if (Has("prefixItems", out _)) tuple = ChildArray(at, "prefixItems");
            if (Has("items", out var it2))
            {
                if (it2.ValueKind == JsonValueKind.Array)
                    throw Error("items must be a schema in 2020-12 (the array form of earlier drafts is now prefixItems)", at, "items");
                if (tuple is not null) additionalItems = ChildOf(at, "items");
                else items = ChildOf(at, "items");
            }
        }
        else if (Has("items", out var it))
        {
            if (it.ValueKind == JsonValueKind.Array)
            {
                tuple = ChildArray(at, "items", allowEmpty: true);
                if (Has("additionalItems", out _)) additionalItems = ChildOf(at, "additionalItems");
            }
            else items = ChildOf(at, "items");
        }
        else if (Has("additionalItems", out _)) ChildOf(at, "additionalItems"); // no effect without an items array, but its references must resolve
        bool unique = false;
        if (Has("uniqueItems", out var u))
        {
            if (u.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Error("uniqueItems must be a boolean", at, "uniqueItems");
            unique = u.ValueKind == JsonValueKind.True;
        }
        var contains = Has("contains", out _) ? ChildOf(at, "contains") : null;
        long minContains = Has("minContains", out var minC) ? Count(minC, at, "minContains") : 1;
        long maxContains = Has("maxContains", out var maxC) ? Count(maxC, at, "maxContains") : -1;
        if (contains is null)
        {
            minContains = 1;
            maxContains = -1;
        }
        long minItems = Has("minItems", out var minI) ? Count(minI, at, "minItems") : -1;
        long maxItems = Has("maxItems", out var maxI) ? Count(maxI, at, "maxItems") : -1;
        if (items is not null || tuple is not null || contains is not null || unique || minItems > 0 || maxItems >= 0)
            keywords.Add(new ArrayKeyword
            {
                Items = items, TupleItems = tuple, AdditionalItems = additionalItems, UniqueItems = unique, Contains = contains, MinItems = minItems, MaxItems = maxItems,
                MinContains = minContains, MaxContains = maxContains, ContainsAnnotates = draft == Draft.Draft2020 && contains is not null,
            });

        // combinations
        if (Has("allOf", out _))
        {
            var all = ChildArray(at, "allOf");
            node.InPlace.AddRange(all);
            keywords.Add(new AllOfKeyword(all));
        }
        if (Has("anyOf", out _))
        {
            var any = ChildArray(at, "anyOf");
            node.InPlace.AddRange(any);
            keywords.Add(new AnyOfKeyword(any) { Alternatives = Alternatives(at, "anyOf"), About = PlainWords.About(at.Element) });
        }
        if (Has("oneOf", out _))
        {
            var one = ChildArray(at, "oneOf");
            node.InPlace.AddRange(one);
            keywords.Add(new OneOfKeyword(one) { Alternatives = Alternatives(at, "oneOf"), About = PlainWords.About(at.Element) });
        }
        if (Has("not", out _))
        {
            var not = ChildOf(at, "not");
            node.InPlace.Add(not);
            keywords.Add(new NotKeyword(not) { Forbidden = PlainWords.Summary(at.Element.GetProperty("not")) });
        }
        var condition = Has("if", out _) ? ChildOf(at, "if") : null;
        var then = Has("then", out _) ? ChildOf(at, "then") : null;
        var otherwise = Has("else", out _) ? ChildOf(at, "else") : null;
        if (condition is not null && (then is not null || otherwise is not null))
        {
            node.InPlace.Add(condition);
            if (then is not null) node.InPlace.Add(then);
            if (otherwise is not null) node.InPlace.Add(otherwise);
            keywords.Add(new ConditionalKeyword(condition, then, otherwise));
        }
        else if (condition is not null && draft != Draft.Draft7)
        {
            // Alone, "if" asserts nothing, but what it evaluates counts for unevaluated* when it passes.
            node.InPlace.Add(condition);
            keywords.Add(new ConditionalKeyword(condition, null, null));
        }

        // unevaluated*: always last, after every keyword whose annotations they read
        var unevaluatedProperties = Has("unevaluatedProperties", out _) ? ChildOf(at, "unevaluatedProperties") : null;
        var unevaluatedItems = Has("unevaluatedItems", out _) ? ChildOf(at, "unevaluatedItems") : null;
        if (unevaluatedProperties is not null || unevaluatedItems is not null)
        {
            var keyword = new UnevaluatedKeyword(unevaluatedProperties, unevaluatedItems);
            keywords.Add(keyword);
            node.HasUnevaluated = true;
            _unevaluated.Add((node, keyword));
        }

        // definitions: compiled so that their references resolve now, at load time
        foreach (var container in new[] { "definitions", "$defs" })
        {
            if (!Has(container, out var definitions)) continue;
            if (definitions.ValueKind != JsonValueKind.Object) throw Error($"{container} must be an object", at, container);
            foreach (var d in definitions.EnumerateObject())
            {
                if (!IsSchema(d.Value)) throw Error($"{container}['{Text.Sanitize(d.Name)}'] must be a schema (an object or a boolean)", at, container);
                Child(at, d.Value, "/" + JsonPointer.Escape(container) + "/" + JsonPointer.Escape(d.Name));
            }
        }
        return keywords.ToArray();
    }

    /// <summary>2020-12 <c>$dynamicRef</c>: its static target, and the anchor name when that target has a matching <c>$dynamicAnchor</c>.</summary>
    private Keyword CompileDynamicRef(JsonElement value, Location at, SchemaNode node)
    {
        if (value.ValueKind != JsonValueKind.String) throw Error("$dynamicRef must be a string", at, "$dynamicRef");
        string reference = value.GetString()!;
        var targetAt = ResolveReference(reference, at);
        var target = Compile(targetAt);
        node.InPlace.Add(target);
        _hasDynamicReferences = true;
        string fragment = UriReference.Parse(reference).Fragment ?? "";
        string? anchor = null;
        if (fragment.Length > 0 && !fragment.StartsWith('/') && targetAt.Element.ValueKind == JsonValueKind.Object &&
            targetAt.Element.TryGetProperty("$dynamicAnchor"u8, out var declared) && declared.ValueKind == JsonValueKind.String && declared.GetString() == fragment)
            anchor = fragment;
        return new DynamicRefKeyword(target, anchor);
    }

    /// <summary>2019-09 <c>$recursiveRef</c> (in practice <c>"#"</c>): its static target, dynamic when that target has <c>"$recursiveAnchor": true</c>.</summary>
    private Keyword CompileRecursiveRef(JsonElement value, Location at, SchemaNode node)
    {
        if (value.ValueKind != JsonValueKind.String) throw Error("$recursiveRef must be a string", at, "$recursiveRef");
        var targetAt = ResolveReference(value.GetString()!, at);
        var target = Compile(targetAt);
        node.InPlace.Add(target);
        _hasDynamicReferences = true;
        bool anchored = targetAt.Element.ValueKind == JsonValueKind.Object && targetAt.Element.TryGetProperty("$recursiveAnchor"u8, out var a) && a.ValueKind == JsonValueKind.True;
        return new RecursiveRefKeyword(target, anchored);
    }

    /// <summary>
    /// With dynamic references, any resource may enter the dynamic scope: compile every <c>$dynamicAnchor</c> and every
    /// root with <c>$recursiveAnchor</c> (which may load more documents, so until nothing is left), and let every
    /// schema track the scope.
    /// </summary>
    private void CompileDynamicTargets()
    {
        int done = 0;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            bool more = false;
            for (; done < _dynamicAnchors.Count; done++)
            {
                var (resource, name, at) = _dynamicAnchors[done];
                if (!resource.DynamicAnchors.ContainsKey(name)) resource.DynamicAnchors[name] = Compile(at);
                more = true;
            }
            foreach (var (uri, resource) in _resourceInfo.ToList())
            {
                if (resource.RecursiveAnchor && resource.Root is null && tried.Add(uri) && _resources.TryGetValue(uri, out var root))
                {
                    resource.Root = Compile(root);
                    more = true;
                }
            }
            if (!more) break;
        }
        foreach (var node in _nodes.Values) node.Scoped = true;
    }

    /// <summary>"Did you mean" names for unevaluatedProperties: the properties declared by the schema and every subschema applied in place.</summary>
    private void FinishUnevaluated()
    {
        foreach (var (node, keyword) in _unevaluated)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<SchemaNode>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<SchemaNode>();
            stack.Push(node);
            while (stack.Count > 0 && seen.Count < 10_000)
            {
                var n = stack.Pop();
                if (!seen.Add(n)) continue;
                names.UnionWith(n.DeclaredNames);
                foreach (var next in n.InPlace) stack.Push(next);
                if (n.Ref is not null) stack.Push(n.Ref);
            }
            keyword.KnownNames = names.Order(StringComparer.Ordinal).ToArray();
        }
    }

    private static readonly string[] TypeNames = ["null", "boolean", "object", "array", "number", "string", "integer"];

    private Keyword CompileType(JsonElement type, Location at)
    {
        JsonTypes Parse(JsonElement t)
        {
            if (t.ValueKind != JsonValueKind.String) throw Error("type must be a type name or an array of type names", at, "type");
            return t.GetString() switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "string" => JsonTypes.String,
                "integer" => JsonTypes.Integer,
                var other => throw Error($"type '{Text.Sanitize(other ?? "")}' is not a JSON Schema type (one of: {string.Join(", ", TypeNames)})", at, "type"),
            };
        }
        if (type.ValueKind == JsonValueKind.Array)
        {
            var mask = JsonTypes.None;
            var names = new List<string>();
            foreach (var t in type.EnumerateArray())
            {
                mask |= Parse(t);
                names.Add(t.GetString()!);
            }
            return new TypeKeyword(mask, names.Distinct().ToArray());
        }
        return new TypeKeyword(Parse(type), [type.GetString()!]);
    }

    private ObjectKeyword? CompileObject(Location at, SchemaNode node)
    {
        var e = at.Element;
        bool Has(string name, out JsonElement value) => SchemaCompiler.Has(at, name, out value);
        var names = new Dictionary<byte[], NameEntry>(Utf8NameComparer.Instance);
        NameEntry Entry(string name)
        {
            var key = System.Text.Encoding.UTF8.GetBytes(name);
            if (!names.TryGetValue(key, out var entry)) names[key] = entry = new NameEntry(name);
            return entry;
        }
        bool any = false;
        var required = new List<string>();
        if (Has("required", out var req))
        {
            if (req.ValueKind != JsonValueKind.Array || req.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
                throw Error("required must be an array of strings", at, "required");
            foreach (var r in req.EnumerateArray())
            {
                var entry = Entry(r.GetString()!);
                if (entry.RequiredSlot >= 0) continue;
                entry.RequiredSlot = required.Count;
                required.Add(entry.Name);
            }
            any |= required.Count > 0;
        }
        var known = new List<string>();
        if (Has("properties", out var props))
        {
            if (props.ValueKind != JsonValueKind.Object) throw Error("properties must be an object", at, "properties");
            foreach (var prop in props.EnumerateObject())
            {
                if (!IsSchema(prop.Value)) throw Error($"properties['{Text.Sanitize(prop.Name)}'] must be a schema (an object or a boolean)", at, "properties");
                Entry(prop.Name).Property = Child(at, prop.Value, "/properties/" + JsonPointer.Escape(prop.Name));
                known.Add(prop.Name);
            }
            any = true;
        }
        if (Has("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in allOf.EnumerateArray())
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("properties", out var more) && more.ValueKind == JsonValueKind.Object)
                    known.AddRange(more.EnumerateObject().Select(x => x.Name));
        }
        var patterns = new List<(Regex, string, SchemaNode)>();
        if (Has("patternProperties", out var pp))
        {
            if (pp.ValueKind != JsonValueKind.Object) throw Error("patternProperties must be an object", at, "patternProperties");
            foreach (var entry in pp.EnumerateObject())
            {
                if (!IsSchema(entry.Value)) throw Error($"patternProperties['{Text.Sanitize(entry.Name)}'] must be a schema (an object or a boolean)", at, "patternProperties");
                patterns.Add((CompileRegex(entry.Name, at, "patternProperties"), entry.Name, Child(at, entry.Value, "/patternProperties/" + JsonPointer.Escape(entry.Name))));
            }
            any = true;
        }
        SchemaNode? additional = Has("additionalProperties", out _) ? ChildOf(at, "additionalProperties") : null;
        SchemaNode? propertyNames = Has("propertyNames", out _) ? ChildOf(at, "propertyNames") : null;
        long minProperties = Has("minProperties", out var minP) ? Count(minP, at, "minProperties") : -1;
        long maxProperties = Has("maxProperties", out var maxP) ? Count(maxP, at, "maxProperties") : -1;
        var dependencies = new List<Dependency>();
        if (Has("dependencies", out var deps))
        {
            if (deps.ValueKind != JsonValueKind.Object) throw Error("dependencies must be an object", at, "dependencies");
            foreach (var d in deps.EnumerateObject())
            {
                if (d.Value.ValueKind == JsonValueKind.Array) AddRequiredDependency(d, "dependencies", at, dependencies);
                else if (IsSchema(d.Value)) AddSchemaDependency(d, "dependencies", at, node, dependencies);
                else throw Error($"dependencies['{Text.Sanitize(d.Name)}'] must be an array of strings or a schema", at, "dependencies");
            }
        }
        if (Has("dependentRequired", out var dependentRequired))
        {
            if (dependentRequired.ValueKind != JsonValueKind.Object) throw Error("dependentRequired must be an object", at, "dependentRequired");
            foreach (var d in dependentRequired.EnumerateObject())
            {
                if (d.Value.ValueKind != JsonValueKind.Array) throw Error($"dependentRequired['{Text.Sanitize(d.Name)}'] must be an array of strings", at, "dependentRequired");
                AddRequiredDependency(d, "dependentRequired", at, dependencies);
            }
        }
        if (Has("dependentSchemas", out var dependentSchemas))
        {
            if (dependentSchemas.ValueKind != JsonValueKind.Object) throw Error("dependentSchemas must be an object", at, "dependentSchemas");
            foreach (var d in dependentSchemas.EnumerateObject())
            {
                if (!IsSchema(d.Value)) throw Error($"dependentSchemas['{Text.Sanitize(d.Name)}'] must be a schema (an object or a boolean)", at, "dependentSchemas");
                AddSchemaDependency(d, "dependentSchemas", at, node, dependencies);
            }
        }
        node.DeclaredNames = known.Distinct().ToArray();
        any |= additional is not null || propertyNames is not null || minProperties > 0 || maxProperties >= 0 || dependencies.Count > 0;
        if (!any) return null;
        return new ObjectKeyword(names, required.ToArray())
        {
            PatternProperties = patterns.ToArray(),
            AdditionalProperties = additional,
            PropertyNames = propertyNames,
            MinProperties = minProperties,
            MaxProperties = maxProperties,
            Dependencies = dependencies.ToArray(),
            KnownNames = known.Distinct().ToArray(),
        };
    }

    private static void AddRequiredDependency(JsonProperty d, string keyword, Location at, List<Dependency> dependencies)
    {
        if (d.Value.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            throw Error(keyword == "dependencies"
                ? $"dependencies['{Text.Sanitize(d.Name)}'] must be an array of strings or a schema"
                : $"{keyword}['{Text.Sanitize(d.Name)}'] must be an array of strings", at, keyword);
        var list = d.Value.EnumerateArray().Select(x => x.GetString()!).Distinct().ToArray();
        if (list.Length > 0) dependencies.Add(new Dependency(d.Name, System.Text.Encoding.UTF8.GetBytes(d.Name), list, list.Select(System.Text.Encoding.UTF8.GetBytes).ToArray(), null));
    }

    private void AddSchemaDependency(JsonProperty d, string keyword, Location at, SchemaNode node, List<Dependency> dependencies)
    {
        var schema = Child(at, d.Value, "/" + keyword + "/" + JsonPointer.Escape(d.Name));
        node.InPlace.Add(schema);
        dependencies.Add(new Dependency(d.Name, System.Text.Encoding.UTF8.GetBytes(d.Name), null, null, schema));
    }

    private long Count(JsonElement value, Location at, string keyword)
    {
        if (value.ValueKind == JsonValueKind.Number && JsonValues.IsInteger(value))
        {
            double d = JsonValues.Double(value);
            if (d >= 0) return d >= long.MaxValue ? long.MaxValue : (long)d;
        }
        throw Error($"{keyword} must be a non-negative integer, found {JsonValues.Describe(value)}", at, keyword);
    }

    private Regex CompileRegex(string pattern, Location at, string keyword)
    {
        if (_regexes.TryGetValue(pattern, out var cached)) return cached;
        try
        {
            Regex regex;
            try
            {
                // The non-backtracking engine matches in time linear in the input, so an evil pattern cannot hang the
                // run and needs no timeout (a timeout costs a clock read per match, a fifth of a whole run's CPU).
                regex = new Regex(EcmaPattern.Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
            }
            catch (NotSupportedException)
            {
                // Backreferences, lookarounds and atomic groups need backtracking: bounded by the match timeout instead.
                regex = new Regex(EcmaPattern.Translate(pattern), RegexOptions.CultureInvariant, _options.RegexTimeout);
            }
            _regexes[pattern] = regex;
            return regex;
        }
        catch (ArgumentException ex)
        {
            throw Error($"{keyword} \"{Text.Sanitize(pattern)}\" is not a valid regular expression: {ex.Message}", at, keyword);
        }
    }

    // ---- loops ----------------------------------------------------------------------------------

    /// <summary>Refuses schemas that apply themselves to the same value forever ($ref loops that never descend into the value).</summary>
    private void DetectLoops()
    {
        // Iterative (an explicit stack), so that a long chain of references cannot overflow the call stack.
        var state = new Dictionary<SchemaNode, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(SchemaNode Node, int Next)>();
        foreach (var start in _nodes.Values)
        {
            if (state.ContainsKey(start)) continue;
            state[start] = 1;
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next == node.InPlace.Count)
                {
                    state[node] = 2;
                    continue;
                }
                stack.Push((node, next + 1));
                var child = node.InPlace[next];
                if (state.TryGetValue(child, out int s))
                {
                    if (s == 1) throw new SchemaLoadException($"the schema applies itself to the same value in a loop (through {child.Location}); validation would never end");
                    continue;
                }
                state[child] = 1;
                stack.Push((child, 0));
            }
        }
    }
}
