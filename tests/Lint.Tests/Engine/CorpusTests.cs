using System.Text;
using Lint.Config;
using Lint.Corpus;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Engine;

public sealed class CorpusTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Linter CorpusLinter(int parallelism = 2) => new(new LintOptions
    {
        WorkingDirectory = _dir.Path,
        Config = LintConfig.Defaults(_dir.Path) with { Include = ["content/**/*.json"] },
        MaxDegreeOfParallelism = parallelism,
    });

    [Fact]
    public async Task LintingOneFileStillSeesTheWholeCorpus()
    {
        _dir.CopyFrom(Path.Combine(Repo.Root, "examples"));
        Directory.Move(_dir.Combine("incidents"), _dir.Combine("content"));
        var result = await CorpusLinter().LintAsync(["content/icc-immunity-demands-rome-statute.json"]);
        Assert.Equal(1, result.FilesChecked);
        Assert.Empty(result.Findings); // its six related slugs exist in files that are not being linted

        _dir.Write("content/archive/icc-sanctions.json", File.ReadAllText(_dir.Combine("content", "icc-sanctions.json")));
        result = await CorpusLinter().LintAsync(["content/icc-sanctions.json"]);
        // Reported on each file, the one not named included (and marked as such).
        Assert.Equal(2, result.Findings.Count);
        var finding = result.Findings[1];
        Assert.Equal(("duplicate-slug", "content/icc-sanctions.json", false), (finding.RuleId, finding.File, finding.OutsideTargets));
        Assert.Contains("content/archive/icc-sanctions.json", finding.Message);
        var other = result.Findings[0];
        Assert.Equal(("duplicate-slug", "content/archive/icc-sanctions.json", true), (other.RuleId, other.File, other.OutsideTargets));
        Assert.EndsWith(Finding.OutsideTargetsNote, other.Message);
    }

    [Fact]
    public void TheSlugScannerStopsAtTheSlug()
    {
        // Everything after the slug is garbage: a scanner that parsed the whole record would fail.
        var text = "{\"site\": \"https://a.example\", \"record\": {\"slug\": \"the-slug\", \"title\": tru";
        Assert.Equal("the-slug", SlugScanner.ReadSlug(Encoding.UTF8.GetBytes(text)));
        var path = _dir.Write("x.json", text);
        Assert.Equal("the-slug", SlugScanner.ReadSlug(path));
    }

    [Fact]
    public void TheSlugScannerReadsAcrossChunkBoundaries()
    {
        var padding = new string('x', 20_000);
        var text = $"{{\"site\": \"{padding}\", \"record\": {{\"nested\": {{\"slug\": \"not-this\"}}, \"slug\": \"deep-slug\"}}}}";
        var path = _dir.Write("x.json", text);
        Assert.Equal("deep-slug", SlugScanner.ReadSlug(path));
        Assert.Null(SlugScanner.ReadSlug(_dir.Write("y.json", "{\"slug\": \"top-level-is-not-record\"}")));
        Assert.Null(SlugScanner.ReadSlug(_dir.Write("z.json", "[1, 2]")));
        Assert.Null(SlugScanner.ReadSlug(_dir.Combine("missing.json")));
    }

    [Fact]
    public async Task OutputIsTheSameWithOneThreadOrMany()
    {
        _dir.CopyFrom(Path.Combine(Repo.Root, "examples"));
        Directory.Move(_dir.Combine("incidents"), _dir.Combine("content"));
        for (int i = 0; i < 40; i++)
        {
            var doc = Incidents.Valid($"generated-{i}");
            doc["record"]!["sourceCount"] = i % 3;
            doc["record"]!["relatedIncidents"]!.AsArray().Add($"generated-{(i * 7) % 50}");
            _dir.Write($"content/gen/generated-{i}.json", Incidents.ToText(doc));
        }
        string Render(LintResult r)
        {
            var w = new StringWriter();
            new Lint.Formatting.JsonFormatter().Write(new Lint.Formatting.ReportInput(r, []), w);
            return w.ToString();
        }
        var one = Render(await CorpusLinter(1).LintAsync([]));
        var many = Render(await CorpusLinter(8).LintAsync([]));
        Assert.Contains("related-exists", one);
        Assert.Equal(one, many);
    }

    [Fact]
    public async Task TextIsLintedAsIfItWereTheNamedFile()
    {
        _dir.CopyFrom(Path.Combine(Repo.Root, "examples"));
        Directory.Move(_dir.Combine("incidents"), _dir.Combine("content"));
        var text = File.ReadAllText(_dir.Combine("content", "icc-sanctions.json")).Replace("\"sourceCount\": 2", "\"sourceCount\": 5");
        var result = await CorpusLinter().LintTextAsync("content/icc-sanctions.json", text);
        var f = Assert.Single(result.Findings);
        Assert.Equal(("source-count", "content/icc-sanctions.json"), (f.RuleId, f.File));
        // The unsaved text replaces the file on disk: no duplicate-slug against itself.
    }
}
