using System.Text;
using System.Text.Json;
using CsCheck;
using Lint.Config;
using Lint.Formatting;
using Lint.Parsing;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Property tests: mutated incident records and random bytes, thousands of them. Whatever the input, the engine
/// returns a report (never an exception), every finding is well-formed and safe to print, no rule fails internally,
/// and the report renders in every format.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Linter _linter;
    private readonly ICorpus _corpus;
    private static readonly HashSet<string> RuleIds = RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToHashSet(StringComparer.Ordinal);

    public FuzzTests()
    {
        // An empty project with a configured site and the examples as the corpus, so that every rule has work to do.
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        _linter = new Linter(new LintOptions
        {
            WorkingDirectory = _dir.Path,
            Config = LintConfig.Defaults(_dir.Path) with { Site = "https://trumpswarcrimes.com" },
            MaxDegreeOfParallelism = 1,
        });
        _corpus = _linter.BuildCorpus(Directory.GetFiles(_dir.Path), null);
    }

    public void Dispose() => _dir.Dispose();

    private static readonly byte[][] Bases =
    [
        File.ReadAllBytes(Repo.ExampleRecordPath),
        File.ReadAllBytes(Path.Combine(Incidents.ExamplesDirectory, "icc-sanctions.json")),
    ];

    /// <summary>JSON values that stress types, numbers, strings, dates and output escaping.</summary>
    private static readonly string[] HostileValues =
    [
        "1e400", "-1e400", "1e-400", "-0", "0.0", "1.5", "-1", "2147483648", "123456789012345678901234567890123456789",
        "18446744073709551615", "-9223372036854775809", "null", "true", "false", "[]", "{}", "\"\"", "\" \"",
        "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"a\\ud83d\"", "\"\\u0000\"", "\"\\u001b[31mred\"", "\"\u202Eabc\u2066\"", "\"\\n::error file=x::forged\"",
        "\"##[error]forged\"", "\"::stop-commands::token\"", "\"]]></failure><x>\"", "\"2025-02-30\"", "\"9999-12-31\"", "\"0000-01-01\"",
        "\"2025-02-06T25:00:00Z\"", "\"2025-02-06T12:00:00+99:99\"", "\"https://\"", "\"http://[::1\"", "\"a-b\"", "\"A\"",
        "\"rule-of-law\"", "\"icc-sanctions\"", "[null]", "[[]]", "[1, 1]", "[\"x\", \"x\", \"X\"]", "{\"url\": 1}", "{\"url\": \"https://a.example/\", \"title\": \"t\"}",
        "\"" + new string('x', 10_000) + "\"", "\"February 31, 2025\"", "[\"icc-sanctions\", \"icc-sanctions\"]", "{\"date\": \"2025-01-01\", \"title\": \"t\"}",
    ];

    /// <summary>The byte spans of every value of a well-formed document.</summary>
    private static List<NodeSpan> ValueSpans(byte[] bytes)
    {
        var (doc, error, _) = StrictJsonParser.Parse(bytes);
        if (error is not null) return [];
        using (doc)
        {
            var spans = new List<NodeSpan>();
            void Walk(JsonElement e, string pointer)
            {
                if (doc!.Positions.TryGet(pointer, out var span)) spans.Add(span);
                if (e.ValueKind == JsonValueKind.Object)
                    foreach (var p in e.EnumerateObject()) Walk(p.Value, JsonPointer.Append(pointer, p.Name));
                else if (e.ValueKind == JsonValueKind.Array)
                {
                    int i = 0;
                    foreach (var item in e.EnumerateArray()) Walk(item, JsonPointer.Append(pointer, i++));
                }
            }
            Walk(doc!.Root, "");
            return spans;
        }
    }

    private static readonly List<NodeSpan>[] BaseSpans = Bases.Select(ValueSpans).ToArray();

    private static byte[] Splice(byte[] into, int at, ReadOnlySpan<byte> insert, int removed = 0)
    {
        at = Math.Clamp(at, 0, into.Length);
        removed = Math.Clamp(removed, 0, into.Length - at);
        return [.. into.AsSpan(0, at), .. insert, .. into.AsSpan(at + removed)];
    }

    private static string Nesting(int depth, bool objects) => objects
        ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
        : new string('[', depth) + "1" + new string(']', depth);

    private static readonly Gen<int> AnyIndex = Gen.Int[0, int.MaxValue];
    private static readonly Gen<int> BaseIndex = Gen.Int[0, Bases.Length - 1];

    private static readonly Gen<(string Kind, byte[] Bytes)> ByteFlips =
        Gen.Select(BaseIndex, Gen.Select(AnyIndex, Gen.Byte).Array[1, 8], (b, flips) =>
        {
            var copy = (byte[])Bases[b].Clone();
            foreach (var (pos, value) in flips) copy[pos % copy.Length] = value;
            return ("byte flips", copy);
        });

    private static readonly Gen<(string Kind, byte[] Bytes)> Truncation =
        Gen.Select(BaseIndex, AnyIndex, (b, at) => ("truncation", Bases[b][..(at % (Bases[b].Length + 1))]));

    private static readonly Gen<(string Kind, byte[] Bytes)> Splices =
        Gen.Select(BaseIndex, BaseIndex, AnyIndex, AnyIndex, Gen.Int[0, 400], Gen.Int[0, 400], (a, b, at, from, length, removed) =>
        {
            var source = Bases[b];
            int start = from % source.Length;
            return ("splice", Splice(Bases[a], at % (Bases[a].Length + 1), source.AsSpan(start, Math.Min(length, source.Length - start)), removed));
        });

    /// <summary>Deep nesting inserted as a new property before a value, so that the rest stays well-formed (within the limit it reaches the rules).</summary>
    private static readonly Gen<(string Kind, byte[] Bytes)> DeepNesting =
        Gen.Select(BaseIndex, Gen.OneOf(Gen.Int[1, 300], Gen.Const(100_000)), Gen.Bool, AnyIndex, (b, depth, objects, slot) =>
        {
            var spans = BaseSpans[b].Where(s => s.KeyStart >= 0).ToList();
            var span = spans[slot % spans.Count];
            var insert = Encoding.UTF8.GetBytes(Nesting(depth, objects) + ", \"fuzz-deep\": ");
            return ($"nesting {depth}", Splice(Bases[b], span.Start, insert));
        });

    /// <summary>One to three values replaced by hostile ones (wrong types, extreme numbers, broken strings and dates).</summary>
    private static readonly Gen<(string Kind, byte[] Bytes)> ValueSubstitution =
        Gen.Select(BaseIndex, Gen.Select(AnyIndex, Gen.Int[0, HostileValues.Length - 1]).Array[1, 3], (b, edits) =>
        {
            var bytes = Bases[b];
            foreach (var (slot, value) in edits)
            {
                var spans = ValueSpans(bytes);
                if (spans.Count == 0) break;
                var span = spans[slot % spans.Count];
                bytes = Splice(bytes, span.Start, Encoding.UTF8.GetBytes(HostileValues[value]), span.Length);
            }
            return ("values", bytes);
        });

    private static readonly Gen<(string Kind, byte[] Bytes)> RandomBytes =
        Gen.Byte.Array[0, 2000].Select(bytes => ("random bytes", bytes));

    private static readonly byte[] JsonAlphabet = "{}[]\":,0123456789e-+.\\ tnufalsr\n\"abc"u8.ToArray();

    private static readonly Gen<(string Kind, byte[] Bytes)> RandomJsonishBytes =
        Gen.Frequency((9, Gen.Int[0, JsonAlphabet.Length - 1].Select(i => JsonAlphabet[i])), (1, Gen.Byte))
            .Array[0, 600].Select(bytes => ("random json-ish bytes", bytes));

    /// <summary>Every property of one run; throws on the first violation.</summary>
    private void Check(byte[] bytes)
    {
        // The corpus is built once; the slug scan of the fuzzed bytes (what BuildCorpus does for them) runs here.
        _ = Lint.Corpus.SlugScanner.ReadSlug(bytes);
        var findings = _linter.LintContent("fuzz.json", _dir.Combine("fuzz.json"), bytes, _corpus).ToList();
        findings.Sort(Finding.ReportOrder);
        var result = new LintResult(findings, 1, TimeSpan.Zero);
        foreach (var f in result.Findings)
        {
            Assert.Contains(f.RuleId, RuleIds);
            Assert.Equal("fuzz.json", f.File);
            Assert.True(f.Line >= 1 && f.Column >= 1, $"bad position {f.Line}:{f.Column}");
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
            Assert.True(Text.IsSafe(f.Message), "unsafe message: " + f.Message);
            Assert.False(f.Message.StartsWith("internal error", StringComparison.Ordinal), f.Message);
            Assert.DoesNotContain("check of this file is incomplete", f.Message);
            if (f.Fix is { } fix)
                foreach (var edit in fix.Edits) Assert.True(edit.Start >= 0 && edit.End <= bytes.Length, "a fix edit outside the file");
        }
        if (result.Findings.Any(f => f.RuleId == "invalid-json")) Assert.Single(result.Findings);

        var input = new ReportInput(result, _linter.Rules.Select(r => r.Metadata).ToList());
        var json = new StringWriter();
        new JsonFormatter().Write(input, json);
        using (var parsed = JsonDocument.Parse(json.ToString()))
            Assert.Equal(result.Findings.Count, parsed.RootElement.GetProperty("findings").GetArrayLength());
        var stylish = new StringWriter();
        new StylishFormatter().Write(input, stylish);
        Assert.True(Text.IsSafe(stylish.ToString().Replace("\n", "").Replace("\r", "")), "unsafe stylish output");
    }

    private static string Print((string Kind, byte[] Bytes) x)
    {
        string text = Encoding.UTF8.GetString(x.Bytes);
        return $"{x.Kind}, {x.Bytes.Length} bytes: {Text.Sanitize(text, 3000)}";
    }

    [Fact]
    public void MutatedRecordsAlwaysGiveAWellFormedReport() =>
        Gen.OneOf(ByteFlips, Truncation, Splices, DeepNesting, ValueSubstitution)
            .Sample(x => Check(x.Bytes), iter: 1500, threads: 1, print: Print);

    [Fact]
    public void HostileValuesInEveryFieldAlwaysGiveAWellFormedReport() =>
        ValueSubstitution.Sample(x => Check(x.Bytes), iter: 600, threads: 1, print: Print);

    [Fact]
    public async Task TheFullEntryPointAlsoGivesAReportForMutatedRecords()
    {
        // LintBytesAsync adds the size limit and builds the corpus with the fuzzed bytes in it; fewer cases, it is slower.
        var gen = Gen.OneOf(ByteFlips, Truncation, Splices, DeepNesting, ValueSubstitution, RandomBytes);
        await gen.SampleAsync(async x =>
        {
            var result = await _linter.LintBytesAsync(_dir.Combine("fuzz.json"), x.Bytes);
            Assert.Equal(1, result.FilesChecked);
            Assert.DoesNotContain(result.Findings, f => f.Message.StartsWith("internal error", StringComparison.Ordinal));
        }, iter: 200, threads: 1, print: Print);
    }

    [Fact]
    public void RandomBytesAlwaysGiveAWellFormedReport() =>
        Gen.OneOf(RandomBytes, RandomJsonishBytes).Sample(x => Check(x.Bytes), iter: 2000, threads: 1, print: Print);

    [Fact]
    public void EveryHostileValueInEveryFieldOfTheExampleRecord()
    {
        // Exhaustive over fields and values for the bundled record: deterministic, complements the random samples.
        var bytes = Bases[1];
        var spans = BaseSpans[1];
        foreach (var span in spans)
            foreach (var value in HostileValues.Where((_, i) => i % 6 == spans.IndexOf(span) % 6))
                Check(Splice(bytes, span.Start, Encoding.UTF8.GetBytes(value), span.Length));
    }
}
