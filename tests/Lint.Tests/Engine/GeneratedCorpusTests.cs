using Lint.Benchmarks;
using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Engine;

/// <summary>The corpus generator shared with the benchmarks: valid records are clean, each injected defect is found by its rule alone.</summary>
public sealed class GeneratedCorpusTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GeneratedDefectsAreFoundByTheirRuleAndNothingElse()
    {
        var template = File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-immunity-demands-rome-statute.json"));
        var files = CorpusGenerator.Generate(_dir.Path, 300, seed: 7, template, defectRate: 0.3);
        Assert.Equal(300, files.Count);
        Assert.InRange(files.Count(f => f.ExpectedRule is not null), 50, 130);
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path) });
        var result = await linter.LintAsync([]);
        Assert.Equal(300, result.FilesChecked);
        var byFile = result.Findings.GroupBy(f => f.File).ToDictionary(g => g.Key, g => g.Select(f => f.RuleId).ToList());
        foreach (var file in files)
        {
            var display = linter.DisplayPath(file.Path);
            var rules = byFile.GetValueOrDefault(display) ?? [];
            if (file.ExpectedRule is null) Assert.True(rules.Count == 0, $"{display}: unexpected {string.Join(", ", rules)}");
            else Assert.True(rules.SequenceEqual([file.ExpectedRule]), $"{display}: expected {file.ExpectedRule}, got [{string.Join(", ", rules)}]");
        }
    }

    [Fact]
    public void GenerationIsReproducibleFromTheSeed()
    {
        var template = File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-immunity-demands-rome-statute.json"));
        var a = CorpusGenerator.Generate(_dir.Combine("a"), 20, seed: 3, template, defectRate: 0.5);
        var b = CorpusGenerator.Generate(_dir.Combine("b"), 20, seed: 3, template, defectRate: 0.5);
        Assert.Equal(a.Select(f => f.ExpectedRule), b.Select(f => f.ExpectedRule));
        for (int i = 0; i < a.Count; i++) Assert.Equal(File.ReadAllBytes(a[i].Path), File.ReadAllBytes(b[i].Path));
    }
}
