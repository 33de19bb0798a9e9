using BenchmarkDotNet.Attributes;
using Lint.Config;
using Lint.Corpus;
using Lint.Formatting;
using Lint.Parsing;
using Lint.Rules;
using Lint.Schema;

namespace Lint.Benchmarks;

/// <summary>The stages of linting one seed-sized record (about 24 KB).</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private byte[] _bytes = [];
    private Linter _all = null!;
    private Linter _semanticOnly = null!;
    private CorpusIndex _corpus = null!;
    private ParsedDocument _parsed = null!;
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Fixtures.TemplatePath;
        _bytes = File.ReadAllBytes(_path);
        var config = LintConfig.Defaults(Path.GetDirectoryName(_path)!);
        _all = new Linter(new LintOptions { Config = config, MaxDegreeOfParallelism = 1 });
        _semanticOnly = new Linter(new LintOptions
        {
            Config = config,
            MaxDegreeOfParallelism = 1,
            RuleOverrides = new Dictionary<string, Severity> { ["schema"] = Severity.Off },
        });
        _corpus = _all.BuildCorpus(Directory.GetFiles(Path.GetDirectoryName(_path)!, "*.json"), null);
        _parsed = StrictJsonParser.Parse(_bytes).Document!;
    }

    [Benchmark(Description = "strict parse (System.Text.Json + duplicate-key scan)")]
    public object StrictParse()
    {
        using var doc = StrictJsonParser.Parse(_bytes).Document!;
        return doc.Root.ValueKind;
    }

    [Benchmark(Description = "position map (build + one lookup)")]
    public bool PositionMap()
    {
        using var doc = StrictJsonParser.Parse(_bytes).Document!;
        return doc.Positions.TryGet("/record/citation", out _);
    }

    [Benchmark(Description = "schema validation (parsed document)")]
    public int SchemaValidation() => SchemaValidator.Default.Validate(_parsed.Root).Count;

    /// <summary>The benchmarks that compare dialects: the same incident schema in draft-07 and in 2020-12.</summary>
    private SchemaValidator _draft7 = null!;
    private SchemaValidator _draft2020 = null!;

    [GlobalSetup(Targets = [nameof(SchemaValidationDraft07File), nameof(SchemaValidation2020File)])]
    public void SetupDialects()
    {
        Setup();
        _draft7 = SchemaValidator.FromFile(Path.Combine(Fixtures.RepoRoot, "schemas", "incident.schema.json"));
        _draft2020 = SchemaValidator.FromFile(Path.Combine(Fixtures.RepoRoot, "schemas", "incident-2020-12.schema.json"));
    }

    [Benchmark(Description = "schema validation, incident schema in draft-07 (file)")]
    public int SchemaValidationDraft07File() => _draft7.Validate(_parsed.Root).Count;

    [Benchmark(Description = "schema validation, incident schema in 2020-12 (file)")]
    public int SchemaValidation2020File() => _draft2020.Validate(_parsed.Root).Count;

    [Benchmark(Description = "semantic rules (parse + every rule but schema)")]
    public int SemanticRules() => _semanticOnly.LintContent("x.json", _path, _bytes, _corpus).Count;

    [Benchmark(Description = "whole file (parse + schema + every rule)")]
    public int WholeFile() => _all.LintContent("x.json", _path, _bytes, _corpus).Count;

    [Benchmark(Description = "slug-index scan (one file from disk)")]
    public string? SlugScan() => SlugScanner.ReadSlug(_path);
}

/// <summary>Rendering a report of 1,000 findings.</summary>
[MemoryDiagnoser]
public class FormatterBenchmarks
{
    private ReportInput _input = null!;

    [Params("stylish", "json")]
    public string Format { get; set; } = "stylish";

    [GlobalSetup]
    public void Setup()
    {
        var findings = Enumerable.Range(0, 1000).Select(i => new Finding(
            i % 3 == 0 ? "source-count" : "related-exists", i % 5 == 0 ? Severity.Warning : Severity.Error,
            $"related incident \"incident-{i:D6}\" does not exist in the corpus", $"content/{i / 10:D3}/incident-{i:D6}.json",
            10 + i % 40, 7, $"/record/relatedIncidents/{i % 4}")).ToList();
        _input = new ReportInput(new LintResult(findings, 100, TimeSpan.FromSeconds(1)), RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList());
    }

    [Benchmark]
    public int Render()
    {
        var writer = new StringWriter();
        Formatters.Find(Format)!.Write(_input, writer);
        return writer.GetStringBuilder().Length;
    }
}
