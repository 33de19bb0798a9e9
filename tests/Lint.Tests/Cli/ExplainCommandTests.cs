using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary><c>lint explain RULE</c> prints the page of docs/rules/ embedded in the library.</summary>
public sealed class ExplainCommandTests
{
    public static TheoryData<string> RuleIds() => new(RuleRegistry.BuiltIn.Select(r => r.Metadata.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task ExplainPrintsTheRulesDocPage(string id)
    {
        var page = Path.Combine(Repo.Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        var (code, stdout, stderr) = await CliRunner.RunAsync("explain", id);
        Assert.True(code == 0, stderr);
        Assert.Equal(WithoutMarkers(File.ReadAllText(page)).TrimEnd('\n'), stdout.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.DoesNotContain("<!--", stdout);
    }

    /// <summary>A page as readers see it (<see cref="RuleDocs.AsReadersSeeIt"/>, tested below).</summary>
    private static string WithoutMarkers(string page) => RuleDocs.AsReadersSeeIt(page);

    [Fact]
    public void ReadersSeeNoMarkersAndOnlyTheLanguageOfEachFence()
    {
        var page = string.Join('\n',
            "# x", RuleCatalog.HeaderBegin, "header", RuleCatalog.HeaderEnd,
            "```json file=content/incidents/other.json", "{ }", "```",
            "  ````shell not-run: a reason", "```json inside a longer fence stays", "  ````",
            "```", "plain", "```", "text with ``` inside");
        Assert.Equal(string.Join('\n',
            "# x", "header",
            "```json", "{ }", "```",
            "  ````shell", "```json inside a longer fence stays", "  ````",
            "```", "plain", "```", "text with ``` inside"), RuleDocs.AsReadersSeeIt(page));
    }

    [Fact]
    public void TheLibraryEmbedsExactlyThePagesOfDocsRules()
    {
        var folder = Path.Combine(Repo.Root, "docs", "rules");
        var onDisk = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.md").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.Equal(onDisk, RuleDocs.Available);
        foreach (var id in onDisk)
        {
            Assert.True(RuleDocs.TryGet(id, out var markdown));
            Assert.Equal(WithoutMarkers(File.ReadAllText(Path.Combine(folder, id + ".md"))), markdown);
        }
    }

    [Theory]
    [InlineData("no-such-rule")]
    [InlineData("Source-Count")]
    [InlineData("")]
    public void RuleDocsHasNoPageForAnUnknownId(string id)
    {
        Assert.False(RuleDocs.TryGet(id, out var markdown));
        Assert.Null(markdown);
    }

    [Theory]
    [InlineData("source-cont", "source-count")]
    [InlineData("sourcecount", "source-count")]
    [InlineData("Related-Exist", "related-exists")]
    public async Task AUnknownRuleIsAUsageErrorWithASuggestion(string typo, string suggestion)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("explain", typo);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"lint: unknown rule '{typo}'; did you mean '{suggestion}'?", stderr.Trim());
    }

    [Fact]
    public async Task AnUnknownRuleFarFromEveryIdPointsAtTheRuleList()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("explain", "completely-different");
        Assert.Equal(2, code);
        Assert.Equal("lint: unknown rule 'completely-different'; run 'lint rules' to list them", stderr.Trim());
    }

    [Fact]
    public async Task AnIdWithControlCharactersIsEscapedInTheMessage()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("explain", "bad\u001b[31mid");
        Assert.Equal(2, code);
        Assert.DoesNotContain('\u001b', stderr);
    }

    [Fact]
    public async Task ExplainWithoutARuleIsAUsageError()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("explain");
        Assert.Equal(2, code);
        Assert.Contains("lint:", stderr);
    }
}
