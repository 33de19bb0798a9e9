using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Lint.Schema.Draft7;

namespace Lint.Tests.SchemaConformance;

/// <summary>One test of the JSON Schema Test Suite.</summary>
public sealed record SuiteCase(string File, int Group, int Test, string GroupDescription, string Description, JsonElement Schema, JsonElement Data, bool Valid)
{
    /// <summary>A stable, readable id: <c>draft7/ref.json #3.1: group / test</c>.</summary>
    public string Id => $"{File} #{Group}.{Test}: {GroupDescription} / {Description}";
}

/// <summary>Reads the JSON Schema Test Suite from <c>../shared/json-schema-test-suite</c> beside the repository.</summary>
public static class TestSuite
{
    /// <summary>The optional format tests that lint must pass.</summary>
    public static readonly string[] OptionalFormatFiles = ["optional/format/date.json", "optional/format/date-time.json", "optional/format/uri.json"];

    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lint.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "json-schema-test-suite"));
        }
        throw new InvalidOperationException("Lint.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly ConcurrentDictionary<string, IReadOnlyList<SuiteCase>> Files = new();
    private static readonly ConcurrentDictionary<(string, int, bool), Lazy<(CompiledSchema? Schema, Exception? Error)>> Compiled = new();

    /// <summary>The drafts of the suite that lint passes: their folders under <c>tests/</c>.</summary>
    public static readonly string[] Drafts = ["draft7", "draft2019-09", "draft2020-12"];

    /// <summary>The suite's folder.</summary>
    public static string Folder => RootFolder.Value;

    /// <summary>The folder that <c>http://localhost:1234/</c> refers to.</summary>
    public static string Remotes => Path.Combine(Folder, "remotes");

    /// <summary>The options a conformant harness uses: the suite's remote prefix mapped to <c>remotes/</c>.</summary>
    public static SchemaLoadOptions Options => new() { SchemaMap = new Dictionary<string, string> { ["http://localhost:1234/"] = Remotes } };

    /// <summary>The required draft-07 files, relative to <c>tests/draft7</c>.</summary>
    public static IEnumerable<string> RequiredFiles() => RequiredFiles("draft7");

    /// <summary>The required files of a draft, relative to <c>tests/DRAFT</c>.</summary>
    public static IEnumerable<string> RequiredFiles(string draft) =>
        Directory.GetFiles(Path.Combine(Folder, "tests", draft), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>Every case of a draft-07 file.</summary>
    public static IReadOnlyList<SuiteCase> Cases(string file) => Cases("draft7", file);

    /// <summary>Every case of a file of a draft.</summary>
    public static IReadOnlyList<SuiteCase> Cases(string draft, string file) => Files.GetOrAdd(draft + "/" + file, _ =>
    {
        string f = file;
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(Folder, "tests", draft, f)));
        var root = doc.RootElement.Clone();
        var list = new List<SuiteCase>();
        int g = 0;
        foreach (var group in root.EnumerateArray())
        {
            int t = 0;
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                list.Add(new SuiteCase(draft + "/" + f, g, t, group.GetProperty("description").GetString()!, test.GetProperty("description").GetString()!,
                    group.GetProperty("schema"), test.GetProperty("data"), test.GetProperty("valid").GetBoolean()));
                t++;
            }
            g++;
        }
        return list;
    });

    /// <summary>Every required draft-07 case.</summary>
    public static IEnumerable<SuiteCase> Required() => Required("draft7");

    /// <summary>Every required case of a draft.</summary>
    public static IEnumerable<SuiteCase> Required(string draft) => RequiredFiles(draft).SelectMany(f => Cases(draft, f));

    /// <summary>Every optional draft-07 format case lint supports.</summary>
    public static IEnumerable<SuiteCase> OptionalFormats() => OptionalFormats("draft7");

    /// <summary>Every optional format case of a draft that lint supports.</summary>
    public static IEnumerable<SuiteCase> OptionalFormats(string draft) => OptionalFormatFiles.SelectMany(f => Cases(draft, f));

    /// <summary>Finds a case by its <see cref="SuiteCase.Id"/>.</summary>
    public static SuiteCase Find(string id)
    {
        // "<draft>/<file> #<group>.<test>: ..."
        int hash = id.IndexOf(" #", StringComparison.Ordinal);
        int slash = id.IndexOf('/');
        string draft = id[..slash];
        string file = id[(slash + 1)..hash];
        int dot = id.IndexOf('.', hash);
        int colon = id.IndexOf(':', dot);
        int group = int.Parse(id[(hash + 2)..dot], CultureInfo.InvariantCulture);
        int test = int.Parse(id[(dot + 1)..colon], CultureInfo.InvariantCulture);
        return Cases(draft, file).Single(c => c.Group == group && c.Test == test);
    }

    /// <summary>Whether a case belongs to the required tests (not under <c>optional/</c>).</summary>
    public static bool IsRequired(SuiteCase c) => !c.File.Contains("/optional/", StringComparison.Ordinal);

    /// <summary>
    /// Runs one case with our validator; returns null when the outcome is the expected one, else what went wrong.
    /// Required cases of 2019-09 and 2020-12 run as their specification says by default (<c>format</c> annotates
    /// only); draft-07 and the optional format cases run with <c>format</c> asserting, as lint always validates.
    /// </summary>
    public static string? Run(SuiteCase c) => Run(c, SpecificationDefaultAssertsFormats(c));

    /// <summary>Whether the specification's default for a case is that <c>format</c> asserts.</summary>
    public static bool SpecificationDefaultAssertsFormats(SuiteCase c) => c.File.StartsWith("draft7/", StringComparison.Ordinal) || !IsRequired(c);

    /// <summary>Runs one case, with <c>format</c> asserting or not.</summary>
    public static string? Run(SuiteCase c, bool assertFormats)
    {
        var (schema, error) = Compiled.GetOrAdd((c.File, c.Group, assertFormats), _ => new Lazy<(CompiledSchema?, Exception?)>(() =>
        {
            try
            {
                return (CompiledSchema.FromElement(c.Schema, Options with { AssertFormats = assertFormats }), null);
            }
            catch (Exception ex)
            {
                return (null, ex);
            }
        })).Value;
        if (schema is null) return "the schema did not load: " + error!.Message;
        bool isValid = schema.IsValid(c.Data);
        var violations = schema.Validate(c.Data);
        if (isValid != (violations.Count == 0))
            return $"IsValid() says {isValid} but Validate() reports {violations.Count} violation(s)";
        if (isValid == c.Valid) return null;
        return c.Valid
            ? "expected valid, got: " + string.Join("; ", violations.Select(v => $"{v.Pointer}: {v.Message}"))
            : "expected invalid, got valid";
    }
}
