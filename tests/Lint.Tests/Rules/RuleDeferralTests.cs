using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// The on/off matrix of every deferring pair: a rule that builds on a value another rule owns waits while the owner is
/// on and flags it (one defect, one finding), and checks the value as written when the owner is off (a rule that is
/// off never silences another). Every other rule stays on, so the interplay of the whole catalog shows.
/// </summary>
public sealed class RuleDeferralTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A deferring pair: the corpus files to add, and the findings (file, rule, pointer) with the owner on and off.</summary>
    public sealed record Pair(
        string Name,
        string Owner,
        string Dependent,
        Func<IEnumerable<(string File, JsonObject Document)>> Files,
        (string File, string Rule, string Pointer)[] OwnerOn,
        (string File, string Rule, string Pointer)[] OwnerOff)
    {
        public override string ToString() => Name;
    }

    private static (string, JsonObject) Record(string file, string slug, Action<JsonObject> mutate)
    {
        var doc = Incidents.Valid(slug);
        mutate(doc["record"]!.AsObject());
        return (file, doc);
    }

    public static IEnumerable<Pair> Pairs()
    {
        // The issue's reproduction: a wrong url and a broken citation.
        yield return new Pair("citation-format waits for url-slug", "url-slug", "citation-format",
            () => [Record("wrong.json", "wrong", r =>
            {
                r["url"] = ((string)r["url"]!).Replace("/incident/", "/incidents/");
                r["citation"] = ((string)r["citation"]!).Replace("Updated ", "Updated on ");
            })],
            OwnerOn: [("wrong.json", "url-slug", "/record/url")],
            OwnerOff: [("wrong.json", "citation-format", "/record/citation")]);
        yield return new Pair("citation-format waits for display-date (displayDate)", "display-date", "citation-format",
            () => [Record("wrong.json", "wrong", r => r["displayDate"] = "February 7, 2025")],
            OwnerOn: [("wrong.json", "display-date", "/record/displayDate")],
            OwnerOff: [("wrong.json", "citation-format", "/record/citation")]);
        yield return new Pair("citation-format waits for display-date (displayLastUpdated)", "display-date", "citation-format",
            () => [Record("wrong.json", "wrong", r => r["displayLastUpdated"] = "March 2, 2025")],
            OwnerOn: [("wrong.json", "display-date", "/record/displayLastUpdated")],
            OwnerOff: [("wrong.json", "citation-format", "/record/citation")]);
        // An http:// url: the url is not {site}/incident/{slug}; the schema's https pattern is the same defect.
        yield return new Pair("schema leaves an http url to url-slug", "url-slug", "schema",
            () => [Record("plain.json", "plain", r => r["url"] = "http://" + ((string)r["url"]!)["https://".Length..])],
            OwnerOn: [("plain.json", "url-slug", "/record/url")],
            OwnerOff: [("plain.json", "schema", "/record/url"), ("plain.json", "citation-format", "/record/citation")]);
        // A file whose name is not its slug: url-slug cannot tell which of the two the url should follow.
        yield return new Pair("url-slug waits for slug-filename", "slug-filename", "url-slug",
            () => [Record("renamed.json", "original", r => r["url"] = ((string)r["url"]!).Replace("/incident/", "/incidents/"))],
            OwnerOn: [("renamed.json", "slug-filename", "/record/slug")],
            OwnerOff: [("renamed.json", "url-slug", "/record/url")]);
        // A copy that kept the slug of the file it was copied from.
        yield return new Pair("duplicate-slug waits for slug-filename", "slug-filename", "duplicate-slug",
            () => [Record("original.json", "original", _ => { }), Record("original-copy.json", "original", _ => { })],
            OwnerOn: [("original-copy.json", "slug-filename", "/record/slug")],
            OwnerOff: [("original-copy.json", "duplicate-slug", "/record/slug"), ("original.json", "duplicate-slug", "/record/slug")]);
        // A missing slug listed twice: the repeat is related-duplicate's, the absence related-exists'.
        yield return new Pair("related-exists leaves repeats to related-duplicate", "related-duplicate", "related-exists",
            () => [Record("listing.json", "listing", r =>
            {
                r["relatedIncidents"]!.AsArray().Add("no-such-incident");
                r["relatedIncidents"]!.AsArray().Add("no-such-incident");
            })],
            OwnerOn: [("listing.json", "related-exists", "/record/relatedIncidents/2"), ("listing.json", "related-duplicate", "/record/relatedIncidents/3")],
            OwnerOff: [("listing.json", "related-exists", "/record/relatedIncidents/2"), ("listing.json", "related-exists", "/record/relatedIncidents/3")]);
        // An update dated after generatedAt: date-order's finding; bumping lastUpdated to it would break the order.
        yield return new Pair("stale-last-updated waits for date-order", "date-order", "stale-last-updated",
            () => [Record("future.json", "future", r =>
            {
                r["updateLog"]!.AsArray().Add(new JsonObject { ["date"] = "2026-05-01", ["summary"] = "From the future." });
                r["updateCount"] = r["updateLog"]!.AsArray().Count;
            })],
            OwnerOn: [("future.json", "date-order", "/record/updateLog/1/date")],
            OwnerOff: [("future.json", "stale-last-updated", "/record/lastUpdated")]);
        // The own slug listed twice: both are self-references; the repeat is not also related-duplicate's.
        yield return new Pair("related-duplicate leaves self-references to related-self", "related-self", "related-duplicate",
            () => [Record("listing.json", "listing", r =>
            {
                r["relatedIncidents"]!.AsArray().Add("listing");
                r["relatedIncidents"]!.AsArray().Add("listing");
            })],
            OwnerOn: [("listing.json", "related-self", "/record/relatedIncidents/2"), ("listing.json", "related-self", "/record/relatedIncidents/3")],
            OwnerOff: [("listing.json", "related-duplicate", "/record/relatedIncidents/3")]);
    }

    public static TheoryData<Pair> PairData() => new(Pairs());

    private async Task<List<(string File, string Rule, string Pointer)>> LintAsync(Pair pair, bool ownerOn)
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        foreach (var (file, doc) in pair.Files()) _dir.Write(file, Incidents.ToText(doc));
        var overrides = ownerOn ? new Dictionary<string, Severity>() : new Dictionary<string, Severity> { [pair.Owner] = Severity.Off };
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path), RuleOverrides = overrides });
        var result = await linter.LintAsync([]);
        return result.Findings.Select(f => (f.File, f.RuleId, f.Pointer)).ToList();
    }

    [Theory]
    [MemberData(nameof(PairData))]
    public async Task WithTheOwnerOnOnlyTheOwnerReports(Pair pair)
    {
        var actual = await LintAsync(pair, ownerOn: true);
        Assert.Equal(pair.OwnerOn.Order(), actual.Order());
        Assert.DoesNotContain(actual, f => f.Rule == pair.Dependent && pair.OwnerOn.All(e => e.Rule != pair.Dependent));
    }

    [Theory]
    [MemberData(nameof(PairData))]
    public async Task WithTheOwnerOffTheDependentRuleReports(Pair pair)
    {
        var actual = await LintAsync(pair, ownerOn: false);
        Assert.Equal(pair.OwnerOff.Order(), actual.Order());
        Assert.Contains(actual, f => f.Rule == pair.Dependent);
    }

    [Fact]
    public void EveryPairNamesRegisteredRulesAndEveryFactOwnerIsRegistered()
    {
        var ids = RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToHashSet();
        foreach (var pair in Pairs())
        {
            Assert.Contains(pair.Owner, ids);
            Assert.Contains(pair.Dependent, ids);
        }
        foreach (var fact in RecordFacts.All) Assert.Contains(fact.OwnerRuleId, ids);
        // Each built-in fact is exercised by a pair with its owner.
        foreach (var fact in RecordFacts.All) Assert.Contains(Pairs(), p => p.Owner == fact.OwnerRuleId);
    }

    /// <summary>A rule asks the shared mechanism (<see cref="FileContext.Defers"/>, <see cref="FileContext.IsRuleEnabled"/>), never another rule's class.</summary>
    [Fact]
    public void NoRuleFileNamesAnotherRulesClass()
    {
        var classes = RuleRegistry.BuiltIn.Select(r => r.GetType().Name).ToList();
        var dir = Path.Combine(Repo.Root, "src", "Lint", "Rules");
        foreach (var rule in RuleRegistry.BuiltIn)
        {
            var file = Path.Combine(dir, rule.GetType().Name + ".cs");
            Assert.True(File.Exists(file), $"{rule.GetType().Name} is not in a file named after it");
            var text = File.ReadAllText(file);
            foreach (var other in classes.Where(c => c != rule.GetType().Name))
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{other}\b"), $"{rule.GetType().Name}.cs refers to {other}; ask FileContext.Defers or IsRuleEnabled instead");
        }
    }

    /// <summary>The issue's reproduction through the command line: <c>--rule url-slug=off</c> no longer hides the broken citation.</summary>
    [Fact]
    public async Task TurningUrlSlugOffOnTheCommandLineLeavesTheCitationFinding()
    {
        var doc = Incidents.Valid("wrong");
        var record = doc["record"]!.AsObject();
        record["url"] = ((string)record["url"]!).Replace("/incident/", "/incidents/");
        record["citation"] = ((string)record["citation"]!).Replace("Updated ", "Updated on ");
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        var file = _dir.Write("wrong.json", Incidents.ToText(doc));
        _dir.Write("lint.config.json", "{}");
        var (code, stdout, stderr) = await Cli.CliRunner.RunAsync("--config", _dir.Combine("lint.config.json"), "--rule", "url-slug=off", file);
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("citation-format", stdout);
        Assert.Contains("1 problem (1 error, 0 warnings)", stdout);
    }
}
