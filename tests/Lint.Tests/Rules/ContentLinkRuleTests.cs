using System.Globalization;
using System.Text;
using Lint.Config;
using Lint.Corpus;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// Fixture tests of <c>content-link</c> (see <see cref="RuleFixtureTest"/>), and what rests on the corpus index: the
/// finding's position is the href value's first character whatever precedes it, a deletion is caught from the index
/// without reading the linking file, the index never changes a finding, and <c>lint rename</c> rewrites the links.
/// </summary>
public sealed class ContentLinkRuleTests() : RuleFixtureTest("content-link"), IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Case(string kind, string name) => Path.Combine(FixturesRoot, "content-link", kind, name);

    private void CopyCase(string kind, string name)
    {
        foreach (var file in CaseFiles(Case(kind, name))) File.Copy(file, _dir.Combine(Path.GetFileName(file)));
    }

    /// <summary>The 1-based line and column (code points) of the character at <paramref name="charIndex"/> of a file's text.</summary>
    private static (int Line, int Column) LineColumn(string text, int charIndex)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < charIndex; i++)
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        var before = text[lineStart..charIndex];
        return (line, new StringInfo(before).LengthInTextElements == before.Length ? before.Length + 1 : before.EnumerateRunes().Count() + 1);
    }

    [Theory]
    [InlineData("escaped-text-before", "href=\\\"", 1)]
    [InlineData("crlf", "href=\\\"", 1)]
    [InlineData("minified", "href='", 1)]
    [InlineData("character-reference", "href=\\\"", 1)]
    [InlineData("unknown-incident", "href=\\\"/incident/beta-incidnet", 2)]
    public async Task TheFindingIsAtTheFirstCharacterOfTheHrefValue(string name, string before, int count)
    {
        var result = await LintCase(Case("invalid", name), "content-link");
        Assert.Equal(count, result.Findings.Count);
        var finding = result.Findings[0];
        var text = File.ReadAllText(Path.Combine(Case("invalid", name), finding.File));
        // Counted here on the raw text: the first href after the marker, the character right after its opening quote.
        int index = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(index >= 0);
        int value = text.IndexOf("href=", index, StringComparison.Ordinal) + "href=".Length;
        value += text[value] == '\\' ? 2 : 1;
        Assert.Equal(LineColumn(text, value), (finding.Line, finding.Column));
        Assert.Equal("/record/contentHtml", finding.Pointer);
    }

    [Fact]
    public async Task MessagesNameTheSlugAndSuggestTheClosestIncident()
    {
        var result = await LintCase(Case("invalid", "unknown-incident"), "content-link");
        Assert.Equal(
            ["the link names incident \"beta-incidnet\", which does not exist in the corpus; did you mean \"beta-incident\"?",
             "the link names incident \"deleted-incident\", which does not exist in the corpus"],
            result.Findings.Select(f => f.Message));
        var entity = Assert.Single((await LintCase(Case("invalid", "character-reference"), "content-link")).Findings);
        Assert.Contains("incident \"gone\"", entity.Message);
    }

    private Linter LinterOf(bool cache) => new(new LintOptions
    {
        WorkingDirectory = _dir.Path,
        Config = LintConfig.Defaults(_dir.Path),
        Cache = cache,
    });

    [Fact]
    public async Task ADeletionIsCaughtFromTheIndexWithoutReadingTheLinkingFileAndTheIndexChangesNothing()
    {
        CopyCase("valid", "links-exist");
        var first = await LinterOf(cache: true).LintAsync([]);
        Assert.Empty(first.Findings);
        Assert.True(File.Exists(_dir.Combine(".lintcache", "corpus-index")));
        // The linking file's stamp must be settled for its entry to be kept: age it.
        var alpha = _dir.Combine("alpha-incident.json");
        File.SetLastWriteTimeUtc(alpha, DateTime.UtcNow.AddMinutes(-5));
        await Task.Delay(150);
        await LinterOf(cache: true).LintAsync([]);
        File.Delete(_dir.Combine("beta-incident.json"));
        var read = new List<string>();
        var linter = LinterOf(cache: true);
        linter.FileRead = read.Add;
        // A hook after a deletion: no file named, every reference of the corpus checked.
        var hook = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path), Cache = true, CorpusOnly = true });
        hook.FileRead = read.Add;
        var result = await hook.LintAsync([]);
        Assert.DoesNotContain(alpha, read);
        var links = result.Findings.Where(f => f.RuleId == "content-link").ToList();
        Assert.Equal(3, links.Count);
        Assert.All(links, f => Assert.True(f.OutsideTargets));
        // The same findings without the index.
        var uncached = await new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path), CorpusOnly = true }).LintAsync([]);
        Assert.Equal(ReportText.Of(result.Findings), ReportText.Of(uncached.Findings));
    }

    [Fact]
    public void RenameRewritesEveryLinkThroughEscapesAndLeavesTheRestByteForByte()
    {
        CopyCase("valid", "links-exist");
        var alpha = _dir.Combine("alpha-incident.json");
        // Escaped slashes and an escaped character inside the slug are still the same link.
        var text = File.ReadAllText(alpha).Replace("<a href=\\\"/incident/beta-incident\\\">", "<a href=\\\"\\/incident\\/beta\\u002dincident\\\">");
        File.WriteAllText(alpha, text);
        var linter = LinterOf(cache: false);
        var plan = linter.PlanRename("beta-incident", "beta-incident-2025");
        var change = Assert.Single(plan.Changes, c => c.FullPath == alpha);
        Assert.Equal(4, change.References); // relatedIncidents, and three links (the other site's is not one)
        var expected = text
            .Replace("\\/incident\\/beta\\u002dincident\\\"", "\\/incident\\/beta-incident-2025\\\"")
            .Replace("/incident/beta-incident#response", "/incident/beta-incident-2025#response")
            .Replace("/incident/beta-incident?ref>", "/incident/beta-incident-2025?ref>")
            .Replace("\"beta-incident\"\n", "\"beta-incident-2025\"\n");
        Assert.Equal(expected, Encoding.UTF8.GetString(change.Updated));
        linter.ApplyRename(plan);
        Assert.Equal(expected, File.ReadAllText(alpha));
    }

    [Fact]
    public void RenameRefusesALinkWhoseSlugIsWrittenWithCharacterReferences()
    {
        CopyCase("valid", "links-exist");
        var alpha = _dir.Combine("alpha-incident.json");
        File.WriteAllText(alpha, File.ReadAllText(alpha).Replace("/incident/beta-incident#response", "/incident/beta&#45;incident#response"));
        var before = Directory.GetFiles(_dir.Path).ToDictionary(f => f, File.ReadAllBytes);
        var refused = Assert.Throws<RenameRefusedException>(() => LinterOf(cache: false).PlanRename("beta-incident", "beta-incident-2025"));
        Assert.Contains("alpha-incident.json:", refused.Message);
        Assert.Contains("character references", refused.Message);
        Assert.All(before, p => Assert.Equal(p.Value, File.ReadAllBytes(p.Key)));
    }
}
