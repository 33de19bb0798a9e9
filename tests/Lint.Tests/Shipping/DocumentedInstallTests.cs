using Lint.Tests.Docs;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Shipping;

/// <summary>
/// Runs the install instructions of the docs as written (the blocks tagged <c>test=...</c> with these classes' names), on
/// a snapshot of this repository. The one change: <c>git clone https://github.com/lint-project/lint</c> clones the
/// snapshot (no network). Each run has a home folder of its own, so <c>--global</c> installs there, and a NuGet folder
/// of its own that reads the machine's package cache as a fallback (nothing built here lands in the real cache).
/// </summary>
internal static class DocumentedCommands
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    public static DocSnippet Block(string test, string file, string language, int index = 0)
    {
        var blocks = DocSnippets.RunBy(test).Where(s => s.RelativeFile == file && s.Language == language).ToList();
        Assert.True(blocks.Count > index, $"{file} has no {language} block tagged test={test} (number {index + 1})");
        return blocks[index];
    }

    /// <summary>An environment with its own home and NuGet folder (the machine's cache as a read-only fallback).</summary>
    public static Dictionary<string, string> Environment(string scratch)
    {
        var home = Path.Combine(scratch, "home");
        Directory.CreateDirectory(home);
        var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var environment = new Dictionary<string, string>(ProcessRunner.DotnetEnvironment)
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(scratch, "nuget-packages"),
            ["NUGET_FALLBACK_PACKAGES"] = cache,
        };
        foreach (var (key, value) in ProcessRunner.GitEnvironment) environment[key] = value;
        return environment;
    }

    /// <summary>Runs a documented shell block with bash, stopping at the first failing command.</summary>
    public static async Task<ProcessResult> RunAsync(DocSnippet block, string workingDirectory, Dictionary<string, string> environment, string? cloneFrom = null)
    {
        var script = block.Text;
        if (cloneFrom is not null)
            script = script.Replace("git clone https://github.com/lint-project/lint", $"git clone --quiet '{cloneFrom}' lint", StringComparison.Ordinal);
        var run = await ProcessRunner.RunAsync("bash", ["-euo", "pipefail", "-c", script], workingDirectory, Timeout, environment);
        Assert.True(run.ExitCode == 0, $"{block}: the documented commands failed\n{run}");
        return run;
    }
}

/// <summary>README's Install: a local build of the tool, installed with <c>dotnet tool install --global</c>, runs.</summary>
[Collection(ShippingCollection.Name)]
public sealed class LocalBuildInstallTests(RepoSnapshot snapshot)
{
    [Fact]
    public async Task TheReadmesLocalBuildInstallsAToolThatLintsTheExamples()
    {
        var block = DocumentedCommands.Block(nameof(LocalBuildInstallTests), "README.md", "shell");
        Assert.Contains("git clone https://github.com/lint-project/lint", block.Text);
        var scratch = snapshot.Scratch("readme-install-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = DocumentedCommands.Environment(scratch);
        await DocumentedCommands.RunAsync(block, scratch, environment, cloneFrom: snapshot.Root);

        var lint = Path.Combine(environment["HOME"], ".dotnet", "tools", "lint");
        Assert.True(File.Exists(lint), $"dotnet tool install --global made no {lint}");
        var version = await ProcessRunner.RunAsync(lint, ["--version"], scratch, TimeSpan.FromMinutes(2), environment);
        Assert.True(version.ExitCode == 0, version.ToString());
        // The clone's own configuration lints the examples: clean.
        var clean = await ProcessRunner.RunAsync(lint, ["--no-cache"], Path.Combine(scratch, "lint"), TimeSpan.FromMinutes(2), environment);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("7 files checked", clean.StandardOutput);
    }
}

/// <summary>
/// docs/extending.md, end to end: its commands reference a local build of the library from a new console project, its
/// C# blocks are that project's files, its configuration is the site's, and running it gives the finding it shows.
/// </summary>
[Collection(ShippingCollection.Name)]
public sealed class ExtendingGuideTests(RepoSnapshot snapshot)
{
    private const string Page = "docs/extending.md";

    [Fact]
    public async Task TheGuidesProjectBuildsFromALocalPackageAndReportsItsRuleBesideTheBuiltInOnes()
    {
        var parent = snapshot.Scratch("guide-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = DocumentedCommands.Environment(parent);
        // "beside your clone of lint (a folder named lint)".
        await ProcessRunner.RunCheckedAsync("git", ["clone", "--quiet", snapshot.Root, "lint"], parent, TimeSpan.FromMinutes(2), environment);
        await DocumentedCommands.RunAsync(DocumentedCommands.Block(nameof(ExtendingGuideTests), Page, "shell", 0), parent, environment);

        // The project's files: the guide's C# blocks (the one with top-level statements is Program.cs); a block that
        // shows an xunit test belongs in a test project.
        var project = Path.Combine(parent, "Acme.IncidentRules");
        Assert.True(File.Exists(Path.Combine(project, "Acme.IncidentRules.csproj")), "dotnet new console made no project");
        int written = 0;
        foreach (var block in DocSnippets.Extract(Path.Combine(Repo.Root, Page)).Where(s => s.Language == "csharp"))
        {
            if (block.Text.Contains("using Xunit;", StringComparison.Ordinal)) continue;
            var name = CSharpSnippetTests.HasTopLevelStatements(block.Text)
                ? "Program"
                : System.Text.RegularExpressions.Regex.Match(block.Text, @"\bclass\s+(\w+)").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(name), $"{block}: neither a class nor the program");
            File.WriteAllText(Path.Combine(project, name + ".cs"), block.Text);
            written++;
        }
        Assert.True(written >= 3, "the guide shows the rules and the program");

        // The site: the examples, one source linked over http, and the guide's configuration.
        var site = Path.Combine(parent, "site");
        var incidents = Path.Combine(site, "content", "incidents");
        Directory.CreateDirectory(incidents);
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            File.Copy(file, Path.Combine(incidents, Path.GetFileName(file)));
        var sanctions = Path.Combine(incidents, "icc-sanctions.json");
        var text = File.ReadAllText(sanctions);
        const string https = "\"https://www.hrw.org/news/2025/02/07/us-sanctions-international-criminal-court\"";
        Assert.Contains(https, text);
        File.WriteAllText(sanctions, text.Replace(https, https.Replace("https:", "http:", StringComparison.Ordinal), StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(site, "lint.config.json"), DocumentedCommands.Block(nameof(ExtendingGuideTests), Page, "json").Text);

        var run = await ProcessRunner.RunAsync("bash", ["-c", DocumentedCommands.Block(nameof(ExtendingGuideTests), Page, "shell", 1).Text],
            site, DocumentedCommands.Timeout, environment);
        Assert.True(run.ExitCode == 1, "one error finding: exit 1\n" + run);
        var expected = DocumentedCommands.Block(nameof(ExtendingGuideTests), Page, "text").Text.TrimEnd('\n');
        Assert.Contains(expected, run.StandardOutput.ReplaceLineEndings("\n"));
        Assert.Contains("1 problem (1 error, 0 warnings)", run.StandardOutput);
    }
}
