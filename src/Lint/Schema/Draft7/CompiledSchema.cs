using System.Text.Json;
using Lint.Parsing;

namespace Lint.Schema.Draft7;

/// <summary>How a schema is loaded: where it came from, and where references may be read from.</summary>
public sealed record SchemaLoadOptions
{
    /// <summary>
    /// The URI the root schema was retrieved from (a <c>file:</c> URI for a file); relative references resolve against it,
    /// after any root <c>$id</c>. Default: <c>urn:lint:inline-schema</c>.
    /// </summary>
    public string? BaseUri { get; init; }

    /// <summary>
    /// URL prefix to local folder: a reference whose URL starts with a prefix is read from the folder instead (the rest
    /// of the URL is the path below the folder). Nothing is ever downloaded: an unmapped remote reference is an error.
    /// </summary>
    public IReadOnlyDictionary<string, string> SchemaMap { get; init; } = new Dictionary<string, string>();

    /// <summary>How long one <c>pattern</c> or <c>patternProperties</c> match may take before it counts as a violation. Default 1 s.</summary>
    public TimeSpan RegexTimeout { get; init; } = RegexSafety.MatchTimeout;

    /// <summary>Whether <c>file:</c> references (for example a relative reference from a schema file) may be read. Default true.</summary>
    public bool AllowFileReferences { get; init; } = true;

    /// <summary>
    /// Whether <c>format</c> asserts (for the formats in <see cref="CompiledSchema.CheckedFormats"/>) in every dialect.
    /// Default true: lint checks dates, date-times and URIs whatever the draft. False gives the specification's default
    /// of 2019-09 and 2020-12, where <c>format</c> is an annotation only.
    /// </summary>
    public bool AssertFormats { get; init; } = true;

    /// <summary>
    /// Reads a schema file that a reference loads (full path), or throws a <see cref="SchemaLoadException"/> whose
    /// message says why it may not be read. The linter passes its trust boundary and size limit here. Default: the
    /// file, whole, with no limit.
    /// </summary>
    public Func<string, byte[]>? ReadFile { get; init; }

    /// <summary>
    /// The most evaluation steps (one subschema applied to one value) for one document: a schema whose work grows
    /// exponentially (each definition an <c>allOf</c> of two references to the next) gives a violation when it is
    /// spent instead of running for ever. Default 1,000,000.
    /// </summary>
    public long MaxEvaluationSteps { get; init; } = 1_000_000;

    /// <summary>The most time backtracking patterns may take on one document; later matches are not run and say so. Default 2 s.</summary>
    public TimeSpan RegexTimePerDocument { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most time backtracking patterns may take over the life of the compiled schema (one run). Default 20 s.</summary>
    public TimeSpan RegexTimeTotal { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The deepest chain of references (and nested subschemas) compiled; deeper is a load error, not a stack overflow. Default 1,000.</summary>
    public int MaxReferenceDepth { get; init; } = 1000;
}

/// <summary>The time backtracking patterns may still take, per document and over a run (thread-safe).</summary>
internal sealed class RegexBudget(TimeSpan perDocument, TimeSpan total)
{
    private long _spentTicks;

    public long PerDocumentTicks { get; } = (long)(perDocument.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    public long TotalTicks { get; } = (long)(total.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    public TimeSpan PerDocument { get; } = perDocument;

    public TimeSpan Total { get; } = total;

    public bool RunExhausted => Interlocked.Read(ref _spentTicks) >= TotalTicks;

    public void Spend(long ticks) => Interlocked.Add(ref _spentTicks, ticks);
}

/// <summary>Thrown inside an evaluation when the document's step budget is spent.</summary>
internal sealed class EvaluationBudgetExceededException() : Exception("the schema evaluation step budget is spent");

/// <summary>
/// A JSON Schema compiled once into a tree of keyword checkers, validating System.Text.Json documents. The dialect is
/// the one the schema's <c>$schema</c> names: draft-07 (the default), 2019-09 or 2020-12 (with the official
/// meta-schemas bundled). Every keyword of those dialects is enforced; <c>format</c> checks <c>date</c>, <c>date-time</c>, <c>time</c>, <c>uri</c>,
/// <c>uri-reference</c>, <c>ipv4</c> and <c>ipv6</c> and treats other formats as annotations. References resolve
/// without network access (see <see cref="SchemaLoadOptions.SchemaMap"/>). Thread-safe once loaded.
/// </summary>
public sealed class CompiledSchema
{
    /// <summary>The draft-07 meta-schema URI, served from the copy bundled in the library.</summary>
    public const string MetaSchemaUri = "http://json-schema.org/draft-07/schema#";

    /// <summary>The default base URI of a schema that is not loaded from a file.</summary>
    public const string InlineBaseUri = "urn:lint:inline-schema";

    private readonly SchemaNode _root;

    [ThreadStatic]
    private static ValidationContext? t_context;

    private readonly long _maxSteps;
    private readonly RegexBudget _regexBudget;

    private CompiledSchema(SchemaNode root, SchemaLoadOptions options, SchemaCompiler compiler)
    {
        _root = root;
        _maxSteps = options.MaxEvaluationSteps;
        _regexBudget = new RegexBudget(options.RegexTimePerDocument, options.RegexTimeTotal);
        UnsupportedKeywordUses = compiler.UnsupportedKeywordUses;
        _unsupportedDialects = compiler.UnsupportedKeywordDialects;
        Dialect = compiler.RootDialect?.Name ?? "draft-07";
    }

    private readonly Dictionary<(string DocumentUri, string Pointer), string> _unsupportedDialects;

    /// <summary>The dialect of the root schema, from its <c>$schema</c>: <c>draft-07</c> (also without one), <c>2019-09</c> or <c>2020-12</c>.</summary>
    public string Dialect { get; }

    /// <summary>The dialect of the schema object at one of <see cref="UnsupportedKeywordUses"/>.</summary>
    public string DialectAt(string documentUri, string pointer) => _unsupportedDialects.TryGetValue((documentUri, pointer), out var d) ? d : Dialect;

    /// <summary>
    /// Every keyword of <see cref="SchemaValidator.UnsupportedKeywords"/> in a schema object that the loader compiled
    /// (whatever led to it: a <c>$ref</c> into <c>default</c>, a file resolved against an <c>$id</c>), with the URI of its
    /// document and its JSON Pointer there. Only what is loaded is listed, so the guard checks exactly that.
    /// </summary>
    public IReadOnlyList<(string DocumentUri, string Pointer, string Keyword)> UnsupportedKeywordUses { get; }

    /// <summary>The format names whose values are checked; other formats are accepted unchecked.</summary>
    public static IReadOnlyList<string> CheckedFormats => Formats.Checked;

    /// <summary>Compiles a schema from JSON text.</summary>
    /// <exception cref="SchemaLoadException">The text is not JSON, a keyword has an invalid value, or a reference cannot be resolved locally.</exception>
    public static CompiledSchema FromText(string json, SchemaLoadOptions? options = null) =>
        FromElement(SchemaCompiler.ParseRoot(json), options);

    /// <summary>Compiles a schema file; references relative to it resolve to files next to it.</summary>
    /// <exception cref="SchemaLoadException">The file cannot be read or the schema cannot be compiled.</exception>
    public static CompiledSchema FromFile(string path, SchemaLoadOptions? options = null)
    {
        string full = Path.GetFullPath(path);
        string text;
        options ??= new SchemaLoadOptions();
        try
        {
            text = options.ReadFile is { } read ? System.Text.Encoding.UTF8.GetString(read(full)) : File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SchemaLoadException($"cannot read the schema: {ex.Message}");
        }
        return FromText(text, options with { BaseUri = options.BaseUri ?? new Uri(full).AbsoluteUri });
    }

    /// <summary>Compiles a schema held in a JSON element (the element is copied; the caller may dispose its document).</summary>
    public static CompiledSchema FromElement(JsonElement schema, SchemaLoadOptions? options = null)
    {
        options ??= new SchemaLoadOptions();
        var compiler = new SchemaCompiler(options);
        try
        {
            var root = compiler.CompileRoot(schema.Clone(), options.BaseUri ?? InlineBaseUri);
            return new CompiledSchema(root, options, compiler);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SchemaLoadException($"the schema's references and subschemas nest too deeply to be compiled (more than the stack allows; the limit is {options.MaxReferenceDepth} levels)");
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json refuses to decode a string with a lone surrogate escape ("\ud800").
            throw new SchemaLoadException($"the schema cannot be compiled: {ex.Message}");
        }
    }

    /// <summary>Whether <paramref name="instance"/> is valid. Stops at the first violation; allocates nothing on valid input.</summary>
    public bool IsValid(JsonElement instance)
    {
        var ctx = Rent(collect: false);
        try
        {
            return _root.Evaluate(instance, ctx);
        }
        catch (Exception ex) when (ex is InsufficientExecutionStackException or EvaluationBudgetExceededException)
        {
            return false;
        }
        finally
        {
            Return(ctx);
        }
    }

    /// <summary>
    /// Validates <paramref name="instance"/> and returns its violations in plain words: at most one per JSON Pointer,
    /// and an unknown property that is a near miss of a missing required one reported once, as the unknown property.
    /// </summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance)
    {
        var ctx = Rent(collect: true);
        try
        {
            bool valid;
            try
            {
                valid = _root.Evaluate(instance, ctx);
            }
            catch (InsufficientExecutionStackException)
            {
                return [new SchemaViolation("", "the document is nested too deeply to be checked against the schema")];
            }
            catch (EvaluationBudgetExceededException)
            {
                // An exponential schema (allOf/$ref that fan out at every level) ends here, with what was found so far.
                var found = ctx.Violations.Count == 0 ? [] : Deduplicate(ctx.Violations);
                return [new SchemaViolation("", $"the document could not be fully checked against the schema: checking it took more than {_maxSteps:N0} evaluation steps (the schema's allOf/anyOf/$ref structure multiplies the work at every level; simplify it, or raise \"limits\": {{ \"schemaSteps\": N }})"), .. found];
            }
            if (valid) return [];
            if (ctx.Violations.Count == 0) return [new SchemaViolation("", "the document does not match the schema")];
            return Deduplicate(ctx.Violations);
        }
        finally
        {
            Return(ctx);
        }
    }

    private ValidationContext Rent(bool collect)
    {
        var ctx = t_context ?? new ValidationContext();
        t_context = null;
        ctx.Reset();
        ctx.Collect = collect;
        ctx.Begin(_maxSteps, _regexBudget);
        return ctx;
    }

    private static void Return(ValidationContext ctx)
    {
        ctx.Violations.Clear();
        t_context = ctx;
    }

    /// <summary>One violation per pointer; a "missing required" that an unknown near-miss property explains is dropped.</summary>
    internal static IReadOnlyList<SchemaViolation> Deduplicate(IReadOnlyList<SchemaViolation> violations)
    {
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in violations)
        {
            if (v.SuggestedName is { } name) suggested.Add(JsonPointer.Append(ParentOf(v.Pointer), name));
        }
        var result = new List<SchemaViolation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in violations)
        {
            if (v.Kind == SchemaViolationKind.MissingRequired && suggested.Contains(v.Pointer)) continue;
            if (seen.Add(v.Pointer)) result.Add(v);
        }
        return result;
    }

    private static string ParentOf(string pointer) => pointer.Length == 0 ? "" : pointer[..pointer.LastIndexOf('/')];
}
