using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>Fixture tests of <c>stale-last-updated</c> (see <see cref="RuleFixtureTest"/>), and its fix chain.</summary>
public sealed class StaleLastUpdatedRuleTests() : RuleFixtureTest("stale-last-updated")
{
    private const string Slug = "stale-incident";
    private static readonly string FilePath = Path.Combine(Incidents.ExamplesDirectory, Slug + ".json");

    private static Linter AllRules() => new(new LintOptions
    {
        WorkingDirectory = Incidents.ExamplesDirectory,
        Config = LintConfig.Defaults(Incidents.ExamplesDirectory),
    });

    [Fact]
    public async Task OneFixRunSetsLastUpdatedThenDisplayLastUpdatedThenTheCitation()
    {
        var doc = Incidents.Valid(Slug);
        var record = doc["record"]!.AsObject();
        string generated = (string)doc["generatedAt"]!;
        string later = generated[..10] == "2026-04-08" ? "2026-03-31" : throw new InvalidOperationException("example moved: " + generated);
        record["updateLog"]!.AsArray().Add(new JsonObject { ["date"] = later, ["summary"] = "Added the appeal." });
        record["updateCount"] = record["updateLog"]!.AsArray().Count;
        var stale = Incidents.ToText(doc);
        record["lastUpdated"] = later;
        Incidents.Recompute(doc);
        var expected = Incidents.ToText(doc);
        Assert.Contains("Updated March 31, 2026.", expected);

        var linter = AllRules();
        var before = await linter.LintTextAsync(FilePath, stale);
        Assert.Equal(["stale-last-updated"], before.Findings.Select(f => f.RuleId));

        var fix = await linter.FixTextAsync(FilePath, stale);
        Assert.Equal(expected, fix.FixedText);
        Assert.Equal(3, fix.AppliedFixes); // lastUpdated, then displayLastUpdated, then the citation
        Assert.Empty(fix.Remaining);
    }

    [Fact]
    public async Task AnEntryAfterGeneratedAtIsDateOrdersFindingAlone()
    {
        var doc = Incidents.Valid(Slug);
        var record = doc["record"]!.AsObject();
        record["updateLog"]!.AsArray().Add(new JsonObject { ["date"] = "2026-05-01", ["summary"] = "From the future." });
        record["updateCount"] = record["updateLog"]!.AsArray().Count;
        var result = await AllRules().LintTextAsync(FilePath, Incidents.ToText(doc));
        Assert.Equal(["date-order"], result.Findings.Select(f => f.RuleId));
    }
}
