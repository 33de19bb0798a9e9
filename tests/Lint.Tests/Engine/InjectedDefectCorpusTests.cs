using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Engine;

/// <summary>
/// Acceptance: a corpus where each file carries one injected defect gets exactly that rule's finding on that file
/// and nothing else; the valid corpus gets none. All rules are on.
/// </summary>
public sealed class InjectedDefectCorpusTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Defect name, expected rule, expected pointer, mutation of a valid record (null: raw text mutation).</summary>
    public static IEnumerable<(string Name, string Rule, string Pointer, Action<JsonObject, JsonObject> Mutate)> Defects()
    {
        yield return ("count-off-by-one", "source-count", "/record/sourceCount", (_, r) => r["sourceCount"] = (int)r["sourceCount"]! + 1);
        yield return ("document-count", "document-count", "/record/documentCount", (_, r) => r["documentCount"] = 2);
        yield return ("update-count", "update-count", "/record/updateCount", (_, r) => r["updateCount"] = 0);
        yield return ("missing-related", "related-exists", "/record/relatedIncidents/1", (_, r) => r["relatedIncidents"]!.AsArray().Insert(1, "renamed-incident"));
        yield return ("self-related", "related-self", "/record/relatedIncidents/0", (_, r) => r["relatedIncidents"]!.AsArray().Insert(0, (string)r["slug"]!));
        yield return ("related-twice", "related-duplicate", "/record/relatedIncidents/2", (_, r) => r["relatedIncidents"]!.AsArray().Add("icc-immunity-demands-rome-statute"));
        yield return ("date-after-last-updated", "date-order", "/record/date", (d, r) =>
        {
            r["date"] = "2026-03-01";
            r["timeline"]![0]!["date"] = "2026-03-01";
            Incidents.Recompute(d);
        });
        yield return ("unsorted-timeline", "timeline-order", "/record/timeline/1/date", (_, r) => r["timeline"]!.AsArray().Add(new JsonObject { ["date"] = "2025-01-01", ["title"] = "Earlier event" }));
        yield return ("wrong-display-date", "display-date", "/record/displayDate", (_, r) => r["displayDate"] = "February 7, 2025");
        yield return ("wrong-citation", "citation-format", "/record/citation", (_, r) => r["citation"] = ((string)r["citation"]!).Replace("Updated ", "Updated on "));
        yield return ("wrong-url", "url-slug", "/record/url", (_, r) => r["url"] = ((string)r["url"]!).Replace("/incident/", "/incidents/"));
        yield return ("wrong-label", "taxonomy-label", "/record/severityLabel", (_, r) => r["severityLabel"] = "Severe");
        yield return ("missing-title", "schema", "/record/title", (_, r) => r.Remove("title"));
        yield return ("mistyped-count", "schema", "/record/sourceCount", (_, r) => r["sourceCount"] = r["sourceCount"]!.ToString());
        yield return ("misspelt-field", "schema", "/record/sumary", (_, r) => Incidents.Rename(r, "summary", "sumary"));
        yield return ("impossible-date", "schema", "/record/lastUpdated", (_, r) => r["lastUpdated"] = "2025-02-30");
        yield return ("duplicate-source", "duplicate-source", "/record/sources/2/url", (_, r) =>
        {
            var sources = r["sources"]!.AsArray();
            sources.Add(new JsonObject { ["url"] = (string)sources[0]!["url"]! + "/", ["title"] = "Same report" });
            r["sourceCount"] = sources.Count;
        });
        yield return ("duplicate-tag", "duplicate-tag", "/record/tags/3", (_, r) => r["tags"]!.AsArray().Add("WAR CRIMES"));
    }

    private string WriteCorpus(out List<(string File, string Rule, string Pointer)> expected)
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        expected = [];
        foreach (var (name, rule, pointer, mutate) in Defects())
        {
            var doc = Incidents.Valid("defect-" + name);
            mutate(doc, doc["record"]!.AsObject());
            _dir.Write($"defect-{name}.json", Incidents.ToText(doc));
            expected.Add(($"defect-{name}.json", rule, pointer));
        }
        // Raw-text defects.
        var truncated = Incidents.ToText(Incidents.Valid("defect-truncated"));
        _dir.Write("defect-truncated.json", truncated[..(truncated.Length / 2)]);
        expected.Add(("defect-truncated.json", "invalid-json", ""));
        var dupKey = Incidents.ToText(Incidents.Valid("defect-duplicate-key")).Replace("\"ongoing\": true,", "\"ongoing\": true,\n    \"ongoing\": true,");
        _dir.Write("defect-duplicate-key.json", dupKey);
        expected.Add(("defect-duplicate-key.json", "duplicate-key", "/record/ongoing"));
        var renamed = Incidents.Valid("defect-slug-filename");
        _dir.Write("defect-slug-file-name.json", Incidents.ToText(renamed));
        expected.Add(("defect-slug-file-name.json", "slug-filename", "/record/slug"));
        // A duplicate slug in another folder: reported on both files.
        _dir.Write("archive/icc-sanctions.json", File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-sanctions.json")));
        expected.Add(("archive/icc-sanctions.json", "duplicate-slug", "/record/slug"));
        expected.Add(("icc-sanctions.json", "duplicate-slug", "/record/slug"));
        return _dir.Path;
    }

    [Fact]
    public async Task EachInjectedDefectGivesExactlyItsRulesFinding()
    {
        var root = WriteCorpus(out var expected);
        var linter = new Linter(new LintOptions { WorkingDirectory = root, Config = LintConfig.Defaults(root) with { Site = "https://trumpswarcrimes.com" } });
        var result = await linter.LintAsync([]);
        var actual = result.Findings.Select(f => (f.File, f.RuleId, f.Pointer)).OrderBy(x => x.File, StringComparer.Ordinal).ToList();
        var wanted = expected.OrderBy(x => x.File, StringComparer.Ordinal).ToList();
        Assert.True(wanted.SequenceEqual(actual), "expected:\n" + string.Join("\n", wanted) + "\nactual:\n" + ReportText.Of(result.Findings));
    }

    [Fact]
    public async Task TheValidCorpusIsClean()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        for (int i = 0; i < 20; i++)
        {
            var doc = Incidents.Valid($"generated-incident-{i}", i % 2 == 0 ? "icc-sanctions" : "icc-immunity-demands-rome-statute");
            _dir.Write($"generated/generated-incident-{i}.json", Incidents.ToText(doc));
        }
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path) });
        var result = await linter.LintAsync([]);
        Assert.Equal(27, result.FilesChecked);
        Assert.True(result.Findings.Count == 0, ReportText.Of(result.Findings));
    }

    [Fact]
    public async Task TheBundledExamplesCorpusIsClean()
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = Repo.Root, ConfigPath = Path.Combine(Repo.Root, "lint.config.json") });
        var result = await linter.LintAsync([]);
        Assert.Equal(7, result.FilesChecked);
        Assert.True(result.Findings.Count == 0, ReportText.Of(result.Findings));
    }

    [Fact]
    public async Task TheExampleRecordAloneReportsOnlyItsSixMissingRelatedSlugs()
    {
        File.Copy(Repo.ExampleRecordPath, _dir.Combine("icc-immunity-demands-rome-statute.json"));
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path) });
        var result = await linter.LintAsync([]);
        Assert.Equal(6, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal("related-exists", f.RuleId));
        Assert.Equal(
            ["icc-sanctions", "caribbean-drug-boat-strikes", "iran-war-no-quarter-declaration", "iran-war-crime-of-aggression", "gaza-arms-complicity", "attacks-on-judiciary"],
            result.Findings.Select(f => f.Message.Split('"')[1]));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"/record/relatedIncidents/{i}"), result.Findings.Select(f => f.Pointer));
    }
}
