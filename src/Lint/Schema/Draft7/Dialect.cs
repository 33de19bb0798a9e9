namespace Lint.Schema.Draft7;

/// <summary>The JSON Schema drafts the compiled validator knows.</summary>
internal enum Draft
{
    Draft7,
    Draft2019,
    Draft2020,
}

/// <summary>The vocabularies of 2019-09 and 2020-12 (draft-07 has all of its keywords in one).</summary>
[Flags]
internal enum Vocabularies
{
    None = 0,
    Core = 1,
    Applicator = 2,
    Validation = 4,
    Unevaluated = 8,
    Format = 16,
    Content = 32,
    MetaData = 64,
    All = Core | Applicator | Validation | Unevaluated | Format | Content | MetaData,
}

/// <summary>
/// A dialect: a draft and the vocabularies its meta-schema enables (<c>$vocabulary</c>). It decides which keywords
/// a schema object is read for, and which keywords are subschemas (for <c>$id</c> scanning and JSON Pointer navigation).
/// </summary>
internal sealed class Dialect
{
    private static readonly string[] Draft7Keywords =
    [
        "$ref", "$id", "$schema", "$comment", "definitions",
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "format",
        "items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains",
        "maxProperties", "minProperties", "required", "properties", "patternProperties", "additionalProperties", "dependencies", "propertyNames",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "title", "description", "default", "examples", "readOnly", "writeOnly", "contentMediaType", "contentEncoding",
    ];

    private static readonly string[] ValidationKeywords =
    [
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired",
    ];

    private static readonly string[] MetaDataKeywords = ["title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples"];

    private static readonly string[] ContentKeywords = ["contentEncoding", "contentMediaType", "contentSchema"];

    private readonly HashSet<string> _keywords;

    private Dialect(Draft draft, Vocabularies vocabularies)
    {
        Draft = draft;
        Vocabularies = vocabularies;
        _keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (vocabulary, keywords) in VocabularyKeywords(draft))
            if ((vocabularies & vocabulary) != 0) _keywords.UnionWith(keywords);
    }

    public Draft Draft { get; }

    public Vocabularies Vocabularies { get; }

    /// <summary>The draft-07 dialect, lint's default when a schema has no <c>$schema</c>.</summary>
    public static readonly Dialect Draft7 = new(Draft.Draft7, Vocabularies.All);

    /// <summary>2019-09 with every vocabulary of its meta-schema.</summary>
    public static readonly Dialect Draft2019 = new(Draft.Draft2019, Vocabularies.All);

    /// <summary>2020-12 with every vocabulary of its meta-schema.</summary>
    public static readonly Dialect Draft2020 = new(Draft.Draft2020, Vocabularies.All);

    /// <summary>A dialect with only some vocabularies (a custom meta-schema's <c>$vocabulary</c>).</summary>
    public static Dialect With(Draft draft, Vocabularies vocabularies) =>
        vocabularies == Vocabularies.All ? Of(draft) : new Dialect(draft, vocabularies | Vocabularies.Core);

    public static Dialect Of(Draft draft) => draft switch
    {
        Draft.Draft2019 => Draft2019,
        Draft.Draft2020 => Draft2020,
        _ => Draft7,
    };

    /// <summary>The dialect's name as lint writes it: <c>draft-07</c>, <c>2019-09</c>, <c>2020-12</c>.</summary>
    public string Name => NameOf(Draft);

    public static string NameOf(Draft draft) => draft switch
    {
        Draft.Draft2019 => "2019-09",
        Draft.Draft2020 => "2020-12",
        _ => "draft-07",
    };

    /// <summary>Whether a schema object of this dialect is read for <paramref name="keyword"/>.</summary>
    public bool Knows(string keyword) => _keywords.Contains(keyword);

    /// <summary>Whether <c>$ref</c> disables its sibling keywords (and a sibling <c>$id</c>), as in draft-07.</summary>
    public bool RefOverridesSiblings => Draft == Draft.Draft7;

    /// <summary>The dialect that a <c>$schema</c> URI names, when it is one of the official meta-schemas.</summary>
    public static Dialect? FromMetaSchemaUri(string uri)
    {
        string u = uri.EndsWith('#') ? uri[..^1] : uri;
        return u switch
        {
            "http://json-schema.org/draft-07/schema" or "https://json-schema.org/draft-07/schema" => Draft7,
            // Earlier drafts are validated as draft-07, as lint always did.
            "http://json-schema.org/draft-06/schema" or "http://json-schema.org/draft-04/schema" or "http://json-schema.org/schema" => Draft7,
            "https://json-schema.org/draft/2019-09/schema" => Draft2019,
            "https://json-schema.org/draft/2020-12/schema" => Draft2020,
            _ => null,
        };
    }

    /// <summary>The vocabulary a <c>$vocabulary</c> URI names in a draft; null when lint does not know it.</summary>
    public static Vocabularies? VocabularyOf(string uri, Draft draft)
    {
        string prefix = draft == Draft.Draft2019 ? "https://json-schema.org/draft/2019-09/vocab/" : "https://json-schema.org/draft/2020-12/vocab/";
        if (!uri.StartsWith(prefix, StringComparison.Ordinal)) return null;
        return (draft, uri[prefix.Length..]) switch
        {
            (_, "core") => Vocabularies.Core,
            (_, "applicator") => Vocabularies.Applicator,
            (_, "validation") => Vocabularies.Validation,
            (_, "meta-data") => Vocabularies.MetaData,
            (_, "content") => Vocabularies.Content,
            (Draft.Draft2019, "format") => Vocabularies.Format,
            (Draft.Draft2020, "unevaluated") => Vocabularies.Unevaluated,
            (Draft.Draft2020, "format-annotation" or "format-assertion") => Vocabularies.Format,
            _ => null,
        };
    }

    /// <summary>The keywords of each vocabulary of a draft, as its meta-schemas define them.</summary>
    public static IEnumerable<(Vocabularies Vocabulary, string[] Keywords)> VocabularyKeywords(Draft draft)
    {
        switch (draft)
        {
            case Draft.Draft7:
                yield return (Vocabularies.All, Draft7Keywords);
                break;
            case Draft.Draft2019:
                // "definitions" stays a container of schemas, as the 2019-09 meta-schema keeps it.
                yield return (Vocabularies.Core, ["$id", "$schema", "$anchor", "$ref", "$recursiveRef", "$recursiveAnchor", "$vocabulary", "$comment", "$defs", "definitions"]);
                yield return (Vocabularies.Applicator,
                [
                    "additionalItems", "unevaluatedItems", "items", "contains", "additionalProperties", "unevaluatedProperties",
                    "properties", "patternProperties", "dependentSchemas", "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
                ]);
                yield return (Vocabularies.Validation, ValidationKeywords);
                yield return (Vocabularies.Format, ["format"]);
                yield return (Vocabularies.Content, ContentKeywords);
                yield return (Vocabularies.MetaData, MetaDataKeywords);
                break;
            default:
                yield return (Vocabularies.Core, ["$id", "$schema", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs"]);
                yield return (Vocabularies.Applicator,
                [
                    "prefixItems", "items", "contains", "additionalProperties", "properties", "patternProperties", "dependentSchemas",
                    "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
                ]);
                yield return (Vocabularies.Unevaluated, ["unevaluatedItems", "unevaluatedProperties"]);
                yield return (Vocabularies.Validation, ValidationKeywords);
                yield return (Vocabularies.Format, ["format"]);
                yield return (Vocabularies.Content, ContentKeywords);
                yield return (Vocabularies.MetaData, MetaDataKeywords);
                break;
        }
    }

    /// <summary>Every keyword of a draft (all vocabularies).</summary>
    public static IEnumerable<string> AllKeywords(Draft draft) => VocabularyKeywords(draft).SelectMany(v => v.Keywords).Distinct();

    /// <summary>
    /// Keywords of the other drafts that constrain instances but that <paramref name="draft"/> does not define, so a
    /// schema of that draft using one would silently not be enforced: lint refuses them (or warns, with
    /// <c>"unsupportedKeywords": "warning"</c>).
    /// </summary>
    public static IReadOnlyList<string> ForeignKeywords(Draft draft) => draft switch
    {
        Draft.Draft2019 => ["dependencies", "prefixItems", "$dynamicRef"],
        Draft.Draft2020 => ["dependencies", "additionalItems", "$recursiveRef"],
        _ =>
        [
            "$defs", "dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems", "prefixItems",
            "minContains", "maxContains", "$recursiveRef", "$dynamicRef",
        ],
    };

    /// <summary>The draft a dialect name (<c>draft-07</c>, <c>2019-09</c>, <c>2020-12</c>) stands for.</summary>
    public static Draft? ParseName(string name) => name switch
    {
        "draft-07" or "draft7" => Draft.Draft7,
        "2019-09" or "draft2019-09" => Draft.Draft2019,
        "2020-12" or "draft2020-12" => Draft.Draft2020,
        _ => null,
    };

    /// <summary>The bundled meta-schema documents: URI (without fragment) to embedded resource name.</summary>
    public static readonly IReadOnlyDictionary<string, string> BundledMetaSchemas = BuildBundled();

    private static Dictionary<string, string> BuildBundled()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["http://json-schema.org/draft-07/schema"] = "Lint.schemas.json-schema-draft-07.json",
            ["https://json-schema.org/draft-07/schema"] = "Lint.schemas.json-schema-draft-07.json",
            ["https://json-schema.org/draft/2019-09/schema"] = "Lint.schemas.metaschemas.2019-09.schema.json",
            ["https://json-schema.org/draft/2020-12/schema"] = "Lint.schemas.metaschemas.2020-12.schema.json",
        };
        foreach (var name in new[] { "core", "applicator", "validation", "meta-data", "format", "content" })
            map["https://json-schema.org/draft/2019-09/meta/" + name] = $"Lint.schemas.metaschemas.2019-09.meta.{name}.json";
        foreach (var name in new[] { "core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation", "format-assertion", "content" })
            map["https://json-schema.org/draft/2020-12/meta/" + name] = $"Lint.schemas.metaschemas.2020-12.meta.{name}.json";
        return map;
    }
}
