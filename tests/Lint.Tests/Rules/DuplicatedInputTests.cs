using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Corpus;
using Lint.Parsing;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// Issue 15, point 4: a key written twice is one defect, duplicate-key's. A rule whose input (a value it reads, declared
/// in <see cref="RuleMetadata.Inputs"/>) is a duplicated key stays silent and offers no fix; rules that do not read it
/// are not affected. Every rule runs in these tests.
/// </summary>
public sealed class DuplicatedInputTests : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ExampleCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    /// <summary>
    /// The document written with the key at <paramref name="duplicatedPointer"/> written twice: first as it is, then
    /// with the value <paramref name="second"/> (the one a JSON parser keeps).
    /// </summary>
    private static string WithDuplicate(JsonNode doc, string duplicatedPointer, JsonNode? second)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            Write(writer, doc, "", duplicatedPointer, second);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, string pointer, string target, JsonNode? second)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    string child = JsonPointer.Append(pointer, name);
                    writer.WritePropertyName(name);
                    Write(writer, value, child, target, second);
                    if (child != target) continue;
                    writer.WritePropertyName(name);
                    Write(writer, second, child + "#second", target, second);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                for (int i = 0; i < array.Count; i++) Write(writer, array[i], JsonPointer.Append(pointer, i), target, second);
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// A different value of the same kind that the rule reading it would notice: a date moved by 400 days, a string
    /// extended, a number plus one, a boolean flipped, an array with its first item repeated, an object with every
    /// value changed.
    /// </summary>
    private static JsonNode? Mutate(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, v) in obj) copy[name] = Mutate(v);
                return copy;
            case JsonArray array:
                var items = new JsonArray(array.Select(i => i?.DeepClone()).ToArray());
                if (array.Count > 0) items.Add(array[0]!.DeepClone());
                return items;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return date.AddDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (s.Contains('T') && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    return time.UtcDateTime.AddDays(400).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                return s + "-x";
            case JsonValue v when v.TryGetValue<bool>(out var b):
                return !b;
            case JsonValue v when v.TryGetValue<long>(out var n):
                return n + 1;
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>Every property of the document, as the pointer of its key, with its value.</summary>
    private static IEnumerable<(string Pointer, JsonNode? Value)> Properties(JsonNode? node, string pointer = "")
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                string child = JsonPointer.Append(pointer, name);
                yield return (child, value);
                foreach (var inner in Properties(value, child)) yield return inner;
            }
        }
        else if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
                foreach (var inner in Properties(array[i], JsonPointer.Append(pointer, i))) yield return inner;
        }
    }

    /// <summary>For <c>/a/3/b</c>: the value of <c>/a/2/b</c> (or <c>/a/4/b</c>), when it exists and differs; else null.</summary>
    private static JsonNode? NeighbourValue(JsonNode doc, string pointer)
    {
        var tokens = JsonPointer.Split(pointer);
        if (tokens.Count < 2 || !int.TryParse(tokens[^2], out int index)) return null;
        JsonNode? array = doc;
        foreach (var t in tokens.Take(tokens.Count - 2)) array = array is JsonArray a ? a[int.Parse(t, CultureInfo.InvariantCulture)] : array?[t];
        if (array is not JsonArray items) return null;
        var own = items[index]?[tokens[^1]];
        foreach (int other in (ReadOnlySpan<int>)[index - 1, index + 1])
        {
            if (other < 0 || other >= items.Count || items[other] is not JsonObject neighbour || neighbour[tokens[^1]] is not { } value) continue;
            if (!JsonNode.DeepEquals(value, own)) return value.DeepClone();
        }
        return null;
    }

    private static IReadOnlyList<ILintRule> RulesWithInputs => RuleRegistry.BuiltIn.Where(r => r.Metadata.Inputs.Count > 0).ToList();

    [Fact]
    public async Task A_title_written_twice_is_one_duplicate_key_finding_and_fix_changes_nothing()
    {
        var doc = Incidents.Valid("twice");
        var text = WithDuplicate(doc, "/record/title", "A Later Title");

        var f = Assert.Single(await _corpus.LintAsync("twice.json", text));
        Assert.Equal("duplicate-key", f.RuleId);
        var first = ExampleCorpus.PositionOf(text, "\"title\": \"Sanctions");
        Assert.Equal(ExampleCorpus.PositionOf(text, "\"title\": \"A Later Title\""), (f.Line, f.Column));
        Assert.Equal($"property 'title' is defined twice in the same object (first at {first.Line}:{first.Column}); only the last one counts", f.Message);
        Assert.Equal("/record/title", f.Pointer);

        // --fix does not rebuild the (correct) citation from the second title: the file is left as it is.
        var fixedResult = await _corpus.FixAsync("twice.json", text);
        Assert.Equal(0, fixedResult.AppliedFixes);
        Assert.Equal(text, fixedResult.FixedText);
        Assert.Equal(["duplicate-key"], fixedResult.Remaining.Select(r => r.RuleId));
    }

    [Fact]
    public async Task With_duplicate_key_off_the_last_value_counts_as_written()
    {
        var doc = Incidents.Valid("twice");
        var text = WithDuplicate(doc, "/record/title", "A Later Title");
        var findings = await _corpus.LintAsync("twice.json", text, new Dictionary<string, Severity> { ["duplicate-key"] = Severity.Off });
        var f = Assert.Single(findings);
        Assert.Equal("citation-format", f.RuleId);
        Assert.Contains("\"A Later Title. ", f.Message);
    }

    [Fact]
    public async Task A_duplicated_key_inside_a_source_does_not_silence_the_count_of_sources()
    {
        var doc = Incidents.Valid("counted");
        doc["record"]!["sourceCount"] = 5;
        var text = WithDuplicate(doc, "/record/sources/0/title", "Another title");
        var findings = await _corpus.LintAsync("counted.json", text);
        Assert.Equal(["duplicate-key", "source-count"], findings.Select(f => f.RuleId).Order());
        var count = Assert.Single(findings, f => f.RuleId == "source-count");
        Assert.Equal(ExampleCorpus.PositionOf(text, "5,"), (count.Line, count.Column));
    }

    [Fact]
    public async Task Related_incidents_written_twice_silence_the_corpus_rules_that_read_them()
    {
        var doc = Incidents.Valid("related");
        var text = WithDuplicate(doc, "/record/relatedIncidents", new JsonArray("related", "no-such-incident", "no-such-incident"));
        var f = Assert.Single(await _corpus.LintAsync("related.json", text));
        Assert.Equal("duplicate-key", f.RuleId);
        Assert.Equal("/record/relatedIncidents", f.Pointer);
    }

    [Fact]
    public async Task A_slug_written_twice_gives_no_slug_finding()
    {
        var doc = Incidents.Valid("slugged");
        // The second slug is another file's: neither slug-filename nor duplicate-slug reports it.
        var text = WithDuplicate(doc, "/record/slug", "icc-sanctions");
        var f = Assert.Single(await _corpus.LintAsync("slugged.json", text));
        Assert.Equal("duplicate-key", f.RuleId);
        Assert.Equal("/record/slug", f.Pointer);
    }

    [Fact]
    public async Task ContentHtml_written_twice_silences_content_link_too()
    {
        // The second contentHtml (the one a parser keeps) links to an incident that does not exist. The file rules that
        // read contentHtml defer to duplicate-key; content-link, decided from the corpus index, must too.
        var doc = Incidents.Valid("linked");
        var text = WithDuplicate(doc, "/record/contentHtml", "<p>See <a href=\"/incident/no-such-incident\">this</a>.</p>");
        var f = Assert.Single(await _corpus.LintAsync("linked.json", text));
        Assert.Equal("duplicate-key", f.RuleId);
        Assert.Equal("/record/contentHtml", f.Pointer);

        // With duplicate-key off, the last value counts: its broken link is content-link's.
        var findings = await _corpus.LintAsync("linked.json", text, new Dictionary<string, Severity> { ["duplicate-key"] = Severity.Off });
        Assert.Equal("content-link", Assert.Single(findings).RuleId);
    }

    /// <summary>
    /// For every property of an example record, written twice with a changed second value: each rule that declares it
    /// (or an object above it) as an input is silent, and each rule that does not is exactly as silent as on the valid
    /// record. The second half checks the declarations: a rule that read a value it does not declare would report
    /// the changed value.
    /// </summary>
    [Fact]
    public async Task Every_rule_is_silent_exactly_when_one_of_its_declared_inputs_is_duplicated()
    {
        var doc = Incidents.Valid("every");
        Assert.Empty(await _corpus.LintAsync("every.json", Incidents.ToText(doc)));
        var failures = new List<string>();
        int silenced = 0;
        // Each property with a changed value, and, inside an array item, with the value of the same property of the
        // neighbouring item (so that a rule comparing items, such as duplicate-source, would notice too).
        var cases = Properties(doc).Select(p => (p.Pointer, Second: Mutate(p.Value)))
            .Concat(Properties(doc).Select(p => (p.Pointer, Second: NeighbourValue(doc, p.Pointer))).Where(p => p.Second is not null))
            .ToList();
        foreach (var (pointer, second) in cases)
        {
            var text = WithDuplicate(doc, pointer, second);
            var findings = await _corpus.LintAsync("every.json", text);
            if (!findings.Any(f => f.RuleId == "duplicate-key" && f.Pointer == pointer)) failures.Add($"{pointer}: no duplicate-key finding");
            foreach (var rule in RulesWithInputs)
            {
                var own = findings.Where(f => f.RuleId == rule.Metadata.Id).ToList();
                bool input = rule.Metadata.Inputs.Any(i => JsonPointer.IsAtOrAbove(pointer, i));
                if (input) silenced++;
                if (own.Count > 0)
                    failures.Add($"{pointer}: {rule.Metadata.Id} reported ({(input ? "a declared input" : "not a declared input: it reads a value it does not declare")}): {own[0].Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(silenced > 50, $"only {silenced} rule/property pairs were inputs");
    }

    [Fact]
    public void Every_built_in_rule_that_reads_the_record_declares_its_inputs()
    {
        var readsNoValue = new HashSet<string> { "invalid-json", "duplicate-key", "schema", "file-too-large" };
        foreach (var rule in RuleRegistry.BuiltIn)
        {
            if (readsNoValue.Contains(rule.Metadata.Id)) Assert.Empty(rule.Metadata.Inputs);
            else Assert.NotEmpty(rule.Metadata.Inputs);
        }
        Assert.Contains(RuleRegistry.BuiltIn, r => r.Metadata.Id == FileContext.DuplicateKeyRuleId);
        foreach (var fact in RecordFacts.All) Assert.NotEmpty(fact.Inputs);
    }

    [Theory]
    [InlineData("", "/record/title", true)]
    [InlineData("/record", "/record/title", true)]
    [InlineData("/record/title", "/record/title", true)]
    [InlineData("/record/titles", "/record/title", false)]
    [InlineData("/record/title", "/record", false)]
    [InlineData("/record/sources/1/url", "/record/sources/*/url", true)]
    [InlineData("/record/sources/1", "/record/sources/*/url", true)]
    [InlineData("/record/sources/1/title", "/record/sources/*/url", false)]
    [InlineData("/record/sources", "/record/sources/*/url", true)]
    [InlineData("/a~1b", "/a~1b/c", true)]
    public void IsAtOrAbove_matches_ancestors_and_wildcards(string pointer, string pattern, bool expected) =>
        Assert.Equal(expected, JsonPointer.IsAtOrAbove(pointer, pattern));

    [Fact]
    public void The_index_records_which_of_its_values_are_duplicated_keys()
    {
        var text = WithDuplicate(Incidents.Valid("indexed"), "/record/slug", "other");
        var entry = CorpusEntry.FromBytes(Encoding.UTF8.GetBytes(text));
        Assert.Equal([CorpusEntry.SlugPointer], entry.DuplicatedInputs);
        var html = CorpusEntry.FromBytes(Encoding.UTF8.GetBytes(WithDuplicate(Incidents.Valid("indexed"), "/record/contentHtml", "<p>x</p>")));
        Assert.Equal([CorpusEntry.ContentHtmlPointer], html.DuplicatedInputs);
        var whole = CorpusEntry.FromBytes(Encoding.UTF8.GetBytes(WithDuplicate(Incidents.Valid("indexed"), "/record", new JsonObject())));
        Assert.Equal([CorpusEntry.SlugPointer, CorpusEntry.ReferencesPointer, CorpusEntry.ContentHtmlPointer], whole.DuplicatedInputs);
        var key = "k";
        var stamp = new FileStamp(1, 2, 3, 4, 5);
        var bytes = CorpusIndexFile.Serialize(key, new Dictionary<string, (FileStamp, CorpusEntry)> { ["a.json"] = (stamp, entry), ["b.json"] = (stamp, html), ["c.json"] = (stamp, whole) });
        var parsed = CorpusIndexFile.Parse(bytes, key)!;
        Assert.Equal(entry.DuplicatedInputs, parsed["a.json"].Item2.DuplicatedInputs);
        Assert.Equal(html.DuplicatedInputs, parsed["b.json"].Item2.DuplicatedInputs);
        Assert.Equal(whole.DuplicatedInputs, parsed["c.json"].Item2.DuplicatedInputs);
    }
}
