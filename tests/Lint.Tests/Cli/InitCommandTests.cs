using Lint.Cli;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary><c>lint init</c> writes a starter configuration that loads, and never overwrites one.</summary>
public sealed class InitCommandTests
{
    private static readonly string[] RuleIds = RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToArray();

    [Fact]
    public void WritesTheStarterConfigurationWhichLoadsWithEverySection()
    {
        using var temp = new TempDir();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, InitCommand.Run(temp.Path, stdout, stderr));
        Assert.Equal("", stderr.ToString());
        var path = temp.Combine("lint.config.json");
        Assert.Contains(path, stdout.ToString());
        Assert.Contains("add '.lintcache/' to your .gitignore", stdout.ToString());
        Assert.Equal(InitCommand.StarterConfiguration.ReplaceLineEndings("\n"), File.ReadAllText(path));

        var config = ConfigLoader.LoadFile(path, RuleIds);
        Assert.Equal(["content/incidents/**/*.json"], config.Include);
        Assert.Equal(["**/drafts/**"], config.Exclude);
        Assert.Equal("https://example.org", config.Site);
        Assert.Equal(Severity.Warning, config.Rules["related-duplicate"]);
        Assert.Single(config.Overrides);
        Assert.Equal("Rule of Law", config.Taxonomy.LabelsOf("category")["rule-of-law"]);
    }

    [Fact]
    public void TheStarterOnlyRestatesEachRulesDocumentedDefault()
    {
        using var temp = new TempDir();
        Assert.Equal(0, InitCommand.Run(temp.Path, TextWriter.Null, TextWriter.Null));
        var config = ConfigLoader.LoadFile(temp.Combine("lint.config.json"), RuleIds);
        Assert.NotEmpty(config.Rules);
        foreach (var (id, severity) in config.Rules)
        {
            var rule = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == id);
            Assert.True(rule.Metadata.DefaultSeverity == severity, $"lint init sets {id} to {severity.ToName()}, but its documented default is {rule.Metadata.DefaultSeverity.ToName()}");
            // The rule's page says the same default (the generated header).
            Assert.Contains($"| {rule.Metadata.DefaultSeverity.ToName()} |", File.ReadAllText(Path.Combine(Repo.Root, "README.md")).Split('\n').Single(l => l.Contains($"[`{id}`]", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task TheStarterConfigurationLintsTheIncidentsItPointsAt()
    {
        using var temp = new TempDir();
        Assert.Equal(0, InitCommand.Run(temp.Path, TextWriter.Null, TextWriter.Null));
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            temp.Write(Path.Combine("content", "incidents", Path.GetFileName(file)), File.ReadAllText(file).Replace("https://trumpswarcrimes.com", "https://example.org"));
        temp.Write("content/incidents/drafts/unfinished.json", "{ not json");
        var linter = new Linter(new LintOptions { WorkingDirectory = temp.Path });
        var result = await linter.LintAsync([]);
        Assert.Equal(7, result.FilesChecked);
        Assert.Equal("", ReportText.Of(result.Findings));
    }

    [Fact]
    public void RefusesToOverwriteAnExistingConfiguration()
    {
        using var temp = new TempDir();
        var path = temp.Write("lint.config.json", "{ \"include\": [\"mine/**/*.json\"] }\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, InitCommand.Run(temp.Path, stdout, stderr));
        Assert.Equal("", stdout.ToString());
        Assert.Contains("already exists; not overwriting it", stderr.ToString());
        Assert.Contains(path, stderr.ToString());
        Assert.Equal("{ \"include\": [\"mine/**/*.json\"] }\n", File.ReadAllText(path));
    }

    [Fact]
    public void WritesInTheGivenDirectoryEvenWhenAParentHasAConfiguration()
    {
        using var temp = new TempDir();
        temp.Write("lint.config.json", "{}\n");
        var child = temp.Combine("sub");
        Directory.CreateDirectory(child);
        Assert.Equal(0, InitCommand.Run(child, TextWriter.Null, TextWriter.Null));
        Assert.True(File.Exists(Path.Combine(child, "lint.config.json")));
        Assert.Equal("{}\n", File.ReadAllText(temp.Combine("lint.config.json")));
    }

    [Fact]
    public void AMissingDirectoryIsAUsageErrorWithoutAStackTrace()
    {
        using var temp = new TempDir();
        var stderr = new StringWriter();
        Assert.Equal(2, InitCommand.Run(temp.Combine("does", "not", "exist"), TextWriter.Null, stderr));
        Assert.StartsWith("lint: cannot write ", stderr.ToString());
        Assert.DoesNotContain(" at ", stderr.ToString());
    }
}
