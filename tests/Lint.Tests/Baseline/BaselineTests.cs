using System.Text.Json.Nodes;
using Lint.Baseline;
using Lint.Config;
using Lint.Parsing;
using Lint.Schema;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Baseline;

/// <summary>The baseline through the library: round trip on a real corpus, matching, scope, file format and errors.</summary>
public sealed class BaselineTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Corpus => _dir.Combine("incidents");

    private string BaselinePath => _dir.Combine("lint-baseline.json");

    private BaselineLocation Location => BaselineLocation.For(BaselinePath, _dir.Path);

    private Task<LintResult> LintAsync(params string[] targets) =>
        new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path) with { Include = ["incidents/**/*.json"] } })
            .LintAsync(targets);

    private void Edit(string file, Action<JsonObject> change)
    {
        var path = Path.Combine(Corpus, file);
        var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(doc["record"]!.AsObject());
        File.WriteAllText(path, Incidents.ToText(doc));
    }

    /// <summary>The examples corpus with two errors and a warning in icc-sanctions.json and an error in gaza-arms-complicity.json.</summary>
    private void WriteCorpusWithDefects()
    {
        Directory.CreateDirectory(Corpus);
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory)) File.Copy(file, Path.Combine(Corpus, Path.GetFileName(file)));
        Edit("icc-sanctions.json", r =>
        {
            r["sourceCount"] = (int)r["sourceCount"]! + 1;
            r["documentCount"] = (int)r["documentCount"]! + 5;
            r["tags"]!.AsArray().Add(((string)r["tags"]![0]!).ToUpperInvariant());
        });
        Edit("gaza-arms-complicity.json", r => r["displayDate"] = "Febuary 1, 2025");
    }

    private static string Keys(IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.File} {f.RuleId} {f.Pointer}"));

    [Fact]
    public async Task RoundTripSurvivesMovedLinesReportsNewDefectsAndNoticesFixedOnes()
    {
        WriteCorpusWithDefects();
        var before = await LintAsync();
        Assert.Equal(
            [
                "incidents/gaza-arms-complicity.json display-date /record/displayDate",
                "incidents/icc-sanctions.json document-count /record/documentCount",
                "incidents/icc-sanctions.json duplicate-tag /record/tags/3",
                "incidents/icc-sanctions.json source-count /record/sourceCount",
            ],
            Keys(before.Findings).Split('\n').Order(StringComparer.Ordinal));
        LintBaseline.FromResult(before, Location).Save(BaselinePath);
        var baseline = LintBaseline.Load(BaselinePath);
        Assert.Equal(4, baseline.FindingCount);

        // Lines inserted above every finding: the findings move, the baseline still holds them all.
        foreach (var file in new[] { "icc-sanctions.json", "gaza-arms-complicity.json" })
        {
            var path = Path.Combine(Corpus, file);
            var text = File.ReadAllText(path);
            File.WriteAllText(path, "{\n\n\n\n" + text[1..]);
        }
        var moved = await LintAsync();
        Assert.Equal(before.Findings.Select(f => f.Line + 4).Order(), moved.Findings.Select(f => f.Line).Order());
        var afterMove = baseline.Compare(moved, Location);
        Assert.True(afterMove.Result.Findings.Count == 0, ReportText.Of(afterMove.Result.Findings));
        Assert.Equal(4, afterMove.Suppressed);
        Assert.Empty(afterMove.Gone);
        Assert.Equal("4 findings suppressed by the baseline", afterMove.Describe());

        // A new defect: only it is reported.
        Edit("iran-war-crime-of-aggression.json", r => r["updateCount"] = 42);
        var withNew = baseline.Compare(await LintAsync(), Location);
        Assert.Equal("incidents/iran-war-crime-of-aggression.json update-count /record/updateCount", Keys(withNew.Result.Findings));
        Assert.Equal(4, withNew.Suppressed);
        Assert.Empty(withNew.Gone);

        // An old defect fixed: it is reported as gone, and rewriting the baseline prunes it.
        Edit("icc-sanctions.json", r => r["sourceCount"] = r["sources"]!.AsArray().Count);
        var current = await LintAsync();
        var afterFix = baseline.Compare(current, Location);
        Assert.Equal("incidents/iran-war-crime-of-aggression.json update-count /record/updateCount", Keys(afterFix.Result.Findings));
        Assert.Equal(3, afterFix.Suppressed);
        var gone = Assert.Single(afterFix.Gone);
        Assert.Equal(("incidents/icc-sanctions.json", "source-count", "/record/sourceCount", 1), (gone.File, gone.Rule, gone.Pointer, gone.Count));
        Assert.Equal("3 findings suppressed by the baseline; 1 baseline entry no longer occurs; run --write-baseline to prune", afterFix.Describe());

        var rewritten = LintBaseline.FromResult(current, Location, baseline);
        Assert.DoesNotContain(rewritten.Entries, e => e.Rule == "source-count");
        Assert.Contains(rewritten.Entries, e => e.Rule == "update-count");
        Assert.Equal(4, rewritten.FindingCount);
        var clean = rewritten.Compare(current, Location);
        Assert.Empty(clean.Result.Findings);
        Assert.Empty(clean.Gone);
    }

    [Fact]
    public async Task FilesThatWereNotLintedKeepTheirEntriesAndDeletedFilesLoseThem()
    {
        WriteCorpusWithDefects();
        var baseline = LintBaseline.FromResult(await LintAsync(), Location);

        // Linting one file says nothing about the others.
        var one = await LintAsync(Path.Combine(Corpus, "gaza-arms-complicity.json"));
        Assert.Equal(["incidents/gaza-arms-complicity.json"], one.Files!);
        var partial = baseline.Compare(one, Location);
        Assert.Empty(partial.Result.Findings);
        Assert.Equal(1, partial.Suppressed);
        Assert.Empty(partial.Gone);
        var rewritten = LintBaseline.FromResult(one, Location, baseline);
        Assert.Equal(baseline.Entries, rewritten.Entries, BaselineEntryComparer.Instance);

        // A deleted file's entries are gone, even though the run did not lint it.
        File.Delete(Path.Combine(Corpus, "icc-sanctions.json"));
        var afterDelete = baseline.Compare(await LintAsync(Path.Combine(Corpus, "gaza-arms-complicity.json")), Location);
        Assert.Equal(3, afterDelete.GoneCount);
        Assert.All(afterDelete.Gone, e => Assert.Equal("incidents/icc-sanctions.json", e.File));
    }

    [Fact]
    public async Task EntriesAreRelativeToTheBaselineFileNotTheWorkingDirectory()
    {
        WriteCorpusWithDefects();
        var nested = _dir.Combine("ci", "baselines", "lint-baseline.json");
        var location = BaselineLocation.For(nested, _dir.Path);
        var baseline = LintBaseline.FromResult(await LintAsync(), location);
        Assert.All(baseline.Entries, e => Assert.StartsWith("../../incidents/", e.File));
        // Read from another working directory, the same baseline still matches the same files.
        var fromElsewhere = new BaselineLocation(Corpus, Path.GetDirectoryName(nested)!);
        var result = await LintAsync();
        var moved = result with { Findings = result.Findings.Select(f => f with { File = Path.GetRelativePath(Corpus, _dir.Combine(f.File)) }).ToList(), Files = null };
        Assert.Empty(baseline.Compare(moved, fromElsewhere).Result.Findings);
    }

    private static Finding At(string rule, string pointer, string message, int line = 1, string file = "a.json") =>
        new(rule, Severity.Error, message, file, line, 1, pointer);

    private static LintResult ResultOf(params Finding[] findings) =>
        new(findings.Order(Finding.ReportOrder).ToList(), 1, TimeSpan.Zero) { Files = findings.Select(f => f.File).Distinct().ToList() };

    private BaselineLocation Here => new(_dir.Path, _dir.Path);

    [Fact]
    public void MoreFindingsAtOneNodeThanRecordedReportTheOnesWhoseMessageIsNew()
    {
        var baseline = LintBaseline.FromResult(ResultOf(At("schema", "/record", "required property \"title\" is missing")), Here);
        var now = ResultOf(
            At("schema", "/record", "required property \"date\" is missing"),
            At("schema", "/record", "required property \"title\" is missing"));
        var comparison = baseline.Compare(now, Here);
        Assert.Equal("required property \"date\" is missing", Assert.Single(comparison.Result.Findings).Message);
        Assert.Equal(1, comparison.Suppressed);
    }

    [Fact]
    public void AChangedMessageAtTheSameNodeIsStillTheRecordedFinding()
    {
        // Messages quote values and positions (for example "first at 3:5"); the key is file, rule and pointer.
        var baseline = LintBaseline.FromResult(ResultOf(At("duplicate-key", "/record/title", "defined twice (first at 3:5)")), Here);
        var comparison = baseline.Compare(ResultOf(At("duplicate-key", "/record/title", "defined twice (first at 9:5)", line: 10)), Here);
        Assert.Empty(comparison.Result.Findings);
        Assert.Empty(comparison.Gone);
    }

    [Fact]
    public void FewerFindingsAtOneNodeThanRecordedAreGoneByTheDifference()
    {
        var baseline = LintBaseline.FromResult(ResultOf(At("schema", "/record", "a"), At("schema", "/record", "b"), At("schema", "/record", "c")), Here);
        Assert.Equal(3, Assert.Single(baseline.Entries).Count);
        var comparison = baseline.Compare(ResultOf(At("schema", "/record", "b")), Here);
        Assert.Empty(comparison.Result.Findings);
        Assert.Equal(2, comparison.GoneCount);
        Assert.Equal("1 finding suppressed by the baseline; 2 baseline entries no longer occur; run --write-baseline to prune", comparison.Describe());
    }

    [Fact]
    public void TheFileIsSortedStableAndDocumented()
    {
        var findings = new[]
        {
            At("source-count", "/record/sourceCount", "sourceCount is 3 but sources has 2 entries", file: "b.json"),
            At("schema", "/record", "required property \"title\" is missing", file: "a.json"),
            At("schema", "/record", "required property \"date\" is missing", file: "a.json"),
            At("invalid-json", "", "unexpected end — São Paulo", file: "c.json"),
        };
        var forward = LintBaseline.FromResult(ResultOf(findings), Here).ToJson();
        var backward = LintBaseline.FromResult(ResultOf(findings.Reverse().ToArray()), Here).ToJson();
        Assert.Equal(forward, backward);
        Assert.Equal("""
            {
              "version": 1,
              "entries": [
                {
                  "file": "a.json",
                  "rule": "schema",
                  "pointer": "/record",
                  "count": 2,
                  "messages": [
                    "required property \"date\" is missing",
                    "required property \"title\" is missing"
                  ]
                },
                {
                  "file": "b.json",
                  "rule": "source-count",
                  "pointer": "/record/sourceCount",
                  "count": 1,
                  "messages": [
                    "sourceCount is 3 but sources has 2 entries"
                  ]
                },
                {
                  "file": "c.json",
                  "rule": "invalid-json",
                  "pointer": "",
                  "count": 1,
                  "messages": [
                    "unexpected end — São Paulo"
                  ]
                }
              ]
            }

            """.ReplaceLineEndings("\n"), forward);

        var schemaPath = Path.Combine(Repo.Root, "schemas", "lint-baseline.schema.json");
        var schema = SchemaValidator.FromText(File.ReadAllText(schemaPath), "lint-baseline.schema.json", schemaPath);
        var (parsed, error, _) = StrictJsonParser.Parse(System.Text.Encoding.UTF8.GetBytes(forward));
        Assert.Null(error);
        using (parsed) Assert.Empty(schema.Validate(parsed!.Root));

        var reloaded = LintBaseline.Parse(forward, "lint-baseline.json");
        Assert.Equal(forward, reloaded.ToJson());
    }

    [Fact]
    public void AHandWrittenFileWithoutMessagesAndWithRepeatedEntriesLoads()
    {
        var baseline = LintBaseline.Parse("""
            {"version": 1, "entries": [
              {"file": "a.json", "rule": "schema", "pointer": "/record", "count": 1},
              {"file": "a.json", "rule": "schema", "pointer": "/record", "count": 2, "messages": ["x"]}
            ]}
            """, "hand.json");
        var entry = Assert.Single(baseline.Entries);
        Assert.Equal(3, entry.Count);
        Assert.Equal(["x"], entry.Messages);
    }

    [Theory]
    [InlineData("not json", "hand.json:1:2: the baseline is not valid JSON")]
    [InlineData("[]", "hand.json:1:1: invalid baseline: expected an object with 'version' and 'entries'")]
    [InlineData("{\"entries\": []}", "hand.json:1:1: invalid baseline: 'version' is missing or not a number")]
    [InlineData("{\"version\": 2, \"entries\": []}", "hand.json:1:13: invalid baseline: version 2 is not supported (this lint reads version 1)")]
    [InlineData("{\"version\": 1}", "'entries' is missing or not an array")]
    [InlineData("{\"version\": 1, \"entries\": [], \"extra\": 1}", "unknown property 'extra'")]
    [InlineData("{\"version\": 1, \"version\": 1, \"entries\": []}", "property 'version' is defined twice")]
    [InlineData("{\"version\": 1, \"entries\": [1]}", "entries[0] is not an object")]
    [InlineData("{\"version\": 1, \"entries\": [{\"rule\": \"schema\", \"pointer\": \"\", \"count\": 1}]}", "entries[0].file is missing or not a non-empty string")]
    [InlineData("{\"version\": 1, \"entries\": [{\"file\": \"a.json\", \"rule\": \"schema\", \"pointer\": \"record\", \"count\": 1}]}", "entries[0].pointer is not a JSON Pointer")]
    [InlineData("{\"version\": 1, \"entries\": [{\"file\": \"a.json\", \"rule\": \"schema\", \"pointer\": \"\", \"count\": 0}]}", "entries[0].count is missing or not a whole number of 1 or more")]
    [InlineData("{\"version\": 1, \"entries\": [{\"file\": \"a.json\", \"rule\": \"schema\", \"pointer\": \"\", \"count\": 1.5}]}", "entries[0].count is missing or not a whole number of 1 or more")]
    [InlineData("{\"version\": 1, \"entries\": [{\"file\": \"a.json\", \"rule\": \"schema\", \"pointer\": \"\", \"count\": 1, \"messages\": [\"a\", \"b\"]}]}", "entries[0] lists 2 messages but its count is 1")]
    [InlineData("{\"version\": 1, \"entries\": [{\"file\": \"a.json\", \"rule\": \"schema\", \"pointer\": \"\", \"count\": 1, \"line\": 3}]}", "entries[0] has an unknown property 'line'")]
    public void AnInvalidFileIsRefusedWithItsPositionAndReason(string text, string expected)
    {
        var ex = Assert.Throws<BaselineException>(() => LintBaseline.Parse(text, "hand.json"));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void AMissingFileIsRefusedWithAHint()
    {
        var path = _dir.Combine("nope.json");
        var ex = Assert.Throws<BaselineException>(() => LintBaseline.Load(path));
        Assert.Equal($"the baseline file {path} does not exist; create it with --write-baseline {path}", ex.Message);
    }

    private sealed class BaselineEntryComparer : IEqualityComparer<BaselineEntry>
    {
        public static readonly BaselineEntryComparer Instance = new();

        public bool Equals(BaselineEntry? a, BaselineEntry? b) =>
            a is not null && b is not null && (a.File, a.Rule, a.Pointer, a.Count) == (b.File, b.Rule, b.Pointer, b.Count) && a.Messages.SequenceEqual(b.Messages);

        public int GetHashCode(BaselineEntry e) => HashCode.Combine(e.File, e.Rule, e.Pointer, e.Count);
    }
}
