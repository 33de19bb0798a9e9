using System.Text.Json.Nodes;
using Lint.Parsing;

namespace Lint.Tests.Rules;

/// <summary>
/// One inline test case of a rule: a mutation of the one valid record (<c>sample-incident.json</c> beside this file),
/// with the findings it must give (file, <c>line:col</c>, pointer, message id, message) and, for a fixable rule, what the
/// fix must change (by default it gives back the valid record, byte for byte). The case runs with
/// only its rule on and with every rule on (<see cref="WithAllRules"/>, when the other rules add findings), so that
/// the interplay of rules shows. Cases where bytes matter (line endings, a byte order mark, invalid UTF-8, layout) stay
/// folder fixtures (<see cref="RuleFixtureTest"/>).
/// </summary>
/// <param name="Name">A short kebab-case name, unique within the rule.</param>
public sealed record RuleCase(string Name)
{
    /// <summary>The changes to the valid document (pointers from the document root).</summary>
    public Action<JsonObject>? Mutate { get; init; }

    /// <summary>A change to the serialized text, for what a JSON tree cannot hold (a repeated key, <c>1e400</c>).</summary>
    public Func<string, string>? Text { get; init; }

    /// <summary>The file name of the record in the case's corpus.</summary>
    public string FileName { get; init; } = RuleCases.FileName;

    /// <summary>Slugs of other valid records in the corpus (each the valid record under that slug, as <c>slug.json</c>).</summary>
    public IReadOnlyList<string> Others { get; init; } = [];

    /// <summary>A <c>lint.config.json</c> for the case, or null for the defaults.</summary>
    public string? Config { get; init; }

    /// <summary>The findings with only the rule on; none for a valid case.</summary>
    public IReadOnlyList<Expected> Findings { get; init; } = [];

    /// <summary>The findings with every rule on, when they are not <see cref="Findings"/> (another rule owns a defect too).</summary>
    public IReadOnlyList<Expected>? WithAllRules { get; init; }

    /// <summary>For a fixable rule: what the fix changes in the case's document (null: the fix gives back the valid record).</summary>
    public Action<JsonObject>? Fixed { get; init; }

    /// <summary>What the fix changes with every rule on, when it is not <see cref="Fixed"/> (a fix lets another rule's fix fire).</summary>
    public Action<JsonObject>? FixedWithAllRules { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A finding a case expects.</summary>
/// <param name="RuleId">The rule (null: the rule under test).</param>
/// <param name="Position"><c>line:col</c>.</param>
/// <param name="Pointer">JSON Pointer (<c>""</c> for the root).</param>
/// <param name="MessageId">The message id declared in the rule's metadata.</param>
/// <param name="Message">The exact message.</param>
public sealed record Expected(string? RuleId, string Position, string Pointer, string MessageId, string Message)
{
    /// <summary>The file (null: the case's record).</summary>
    public string? File { get; init; }

    /// <summary>The severity (null: the rule's default).</summary>
    public Severity? Severity { get; init; }

    /// <summary>Whether the finding has a fix (null: unless the rule is never fixable).</summary>
    public bool? Fixable { get; init; }
}

/// <summary>Builders for <see cref="RuleCase"/> and JSON Pointer edits of the valid document.</summary>
public static class RuleCases
{
    /// <summary>The file name of the case's record.</summary>
    public const string FileName = "sample-incident.json";

    /// <summary>The valid record every inline case starts from.</summary>
    public static string ValidRecordPath => Path.Combine(RuleFixtureTest.SourceDirectory, FileName);

    /// <summary>The valid record as a JSON tree (serialized by <see cref="TestSupport.Incidents.ToText"/>, it is the file byte for byte).</summary>
    public static JsonObject ValidDocument() => JsonNode.Parse(File.ReadAllText(ValidRecordPath))!.AsObject();

    /// <summary>The case's document: the valid record with the case's mutation.</summary>
    public static JsonObject CaseDocument(RuleCase c)
    {
        var document = ValidDocument();
        c.Mutate?.Invoke(document);
        return document;
    }

    /// <summary>Writes the case's corpus into <paramref name="dir"/> and returns the path of its record.</summary>
    public static string Materialize(RuleCase c, TestSupport.TempDir dir) => Materialize(c, dir.Path);

    /// <summary>Writes the case's corpus into the folder <paramref name="directory"/> and returns the path of its record.</summary>
    public static string Materialize(RuleCase c, string directory)
    {
        string Write(string relative, string text)
        {
            var full = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }
        var text = TestSupport.Incidents.ToText(CaseDocument(c));
        if (c.Text is { } edit)
        {
            var edited = edit(text);
            Assert.True(edited != text, $"case '{c.Name}': the text edit changes nothing");
            text = edited;
        }
        var path = Write(c.FileName, text);
        foreach (var slug in c.Others)
        {
            var other = ValidDocument();
            other["record"]!["slug"] = slug;
            TestSupport.Incidents.Recompute(other);
            Write(slug + ".json", TestSupport.Incidents.ToText(other));
        }
        if (c.Config is { } config) Write(Lint.Config.ConfigLoader.FileName, config);
        return path;
    }

    /// <summary>The text the fix must write: the valid record, or the case's document with <paramref name="changes"/>.</summary>
    public static string ExpectedFixed(RuleCase c, Action<JsonObject>? changes)
    {
        if (changes is null) return File.ReadAllText(ValidRecordPath);
        Assert.True(c.Text is null, $"case '{c.Name}': a text edit and expected fix changes cannot be combined");
        var document = CaseDocument(c);
        changes(document);
        return TestSupport.Incidents.ToText(document);
    }

    /// <summary>Every inline case of every rule's test class.</summary>
    public static IEnumerable<(string RuleId, RuleCase Case)> All() =>
        typeof(RuleFixtureTest).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(RuleFixtureTest)) && t is { IsAbstract: false, IsPublic: true })
            .Select(t => (RuleFixtureTest)Activator.CreateInstance(t)!)
            .SelectMany(test => test.InlineCaseList.Select(c => (test.RuleId, c)))
            .OrderBy(x => x.RuleId, StringComparer.Ordinal).ThenBy(x => x.c.Name, StringComparer.Ordinal);

    /// <summary>A case that gives no finding of its rule.</summary>
    public static RuleCase Valid(string name, Action<JsonObject>? mutate = null) => new(name) { Mutate = mutate };

    /// <summary>A case that gives exactly <paramref name="findings"/> with its rule alone.</summary>
    public static RuleCase Invalid(string name, Action<JsonObject>? mutate, params Expected[] findings) =>
        new(name) { Mutate = mutate, Findings = findings };

    /// <summary>A finding of the rule under test.</summary>
    public static Expected At(string position, string pointer, string messageId, string message) => new(null, position, pointer, messageId, message);

    /// <summary>A finding of another rule (with every rule on).</summary>
    public static Expected Also(string ruleId, string position, string pointer, string messageId, string message) => new(ruleId, position, pointer, messageId, message);

    /// <summary>JSON text as a node, for values that are objects or arrays.</summary>
    public static JsonNode Json(string json) => JsonNode.Parse(json)!;

    /// <summary>Sets the value at <paramref name="pointer"/>: replaces it, adds the property at the end of its object, or appends to an array at index Count.</summary>
    public static JsonObject Set(this JsonObject document, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(document, pointer);
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a:
                int i = int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
                if (i == a.Count) a.Add(value);
                else a[i] = value;
                break;
            default: throw new ArgumentException($"{pointer}: the parent is not an object or array");
        }
        return document;
    }

    /// <summary>Inserts <paramref name="value"/> into the array at <paramref name="pointer"/>'s parent, at its index.</summary>
    public static JsonObject Insert(this JsonObject document, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(document, pointer);
        ((JsonArray)parent).Insert(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture), value);
        return document;
    }

    /// <summary>Removes the property or array item at <paramref name="pointer"/>.</summary>
    public static JsonObject Delete(this JsonObject document, string pointer)
    {
        var (parent, last) = Parent(document, pointer);
        if (parent is JsonObject o) Assert.True(o.Remove(last), $"{pointer} does not exist");
        else ((JsonArray)parent).RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
        return document;
    }

    /// <summary>Renames the property at <paramref name="pointer"/>, keeping its place.</summary>
    public static JsonObject Rename(this JsonObject document, string pointer, string newName)
    {
        var (parent, last) = Parent(document, pointer);
        TestSupport.Incidents.Rename((JsonObject)parent, last, newName);
        return document;
    }

    private static (JsonNode Parent, string Last) Parent(JsonObject document, string pointer)
    {
        var parts = JsonPointer.Split(pointer);
        JsonNode node = document;
        for (int i = 0; i < parts.Count - 1; i++)
        {
            node = node switch
            {
                JsonObject o => o[parts[i]],
                JsonArray a => a[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)],
                _ => null,
            } ?? throw new ArgumentException($"{pointer}: {parts[i]} does not exist");
        }
        return (node, parts[^1]);
    }
}
