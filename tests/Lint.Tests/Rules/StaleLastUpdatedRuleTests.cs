using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Tests.TestSupport;
using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>stale-last-updated</c>: inline cases (<see cref="RuleCase"/>), folder fixtures for CRLF and minified files (bytes matter), and its fix chain.</summary>
public sealed class StaleLastUpdatedRuleTests() : RuleFixtureTest("stale-last-updated")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("update-on-last-updated-day", d => d.Set("/record/updateCount", 2).Set("/record/updateLog/1", Json("""{ "date": "2025-03-01", "summary": "Same day." }"""))),
        // A malformed date is the schema's finding; this rule does not guess.
        Valid("malformed-entry-date-is-schemas", d => d.Set("/record/updateCount", 2).Set("/record/updateLog/1", Json("""{ "date": "2025-13-01", "summary": "Bad date." }"""))) with
        {
            WithAllRules = [Also("schema", "78:17", "/record/updateLog/1/date", "violation", "record.updateLog[1].date must be a real calendar date written YYYY-MM-DD, found string \"2025-13-01\"")],
        },
        // displayLastUpdated, citation-format and date-order wait for the schema's finding too.
        Valid("malformed-last-updated-is-schemas", d => d.Set("/record/lastUpdated", "March 1, 2025")) with
        {
            WithAllRules = [Also("schema", "9:20", "/record/lastUpdated", "violation", "record.lastUpdated must be a real calendar date written YYYY-MM-DD, found string \"March 1, 2025\"")],
        },
        Invalid("timeline-event-after", d => d.Set("/record/timeline/2", Json("""{ "date": "2025-03-15", "title": "Appeal filed" }""")),
            At("9:20", "/record/lastUpdated", "stale", "lastUpdated 2025-03-01 is before timeline[2], dated 2025-03-15; set lastUpdated to 2025-03-15 (and displayLastUpdated and citation with it)")) with
        {
            Fixed = d => d.Set("/record/lastUpdated", "2025-03-15"),
            // With every rule on, the fix goes on: displayLastUpdated, then the citation.
            FixedWithAllRules = d => d.Set("/record/lastUpdated", "2025-03-15").Set("/record/displayLastUpdated", "March 15, 2025")
                .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/sample-incident. Published February 6, 2025. Updated March 15, 2025."),
        },
        Invalid("update-log-entry-after", d => d.Set("/record/updateCount", 2).Set("/record/updateLog/1", Json("""{ "date": "2025-03-20", "summary": "Added the appeal." }""")),
            At("9:20", "/record/lastUpdated", "stale", "lastUpdated 2025-03-01 is before updateLog[1], dated 2025-03-20; set lastUpdated to 2025-03-20 (and displayLastUpdated and citation with it)")) with
        {
            Fixed = d => d.Set("/record/lastUpdated", "2025-03-20"),
            FixedWithAllRules = d => d.Set("/record/lastUpdated", "2025-03-20").Set("/record/displayLastUpdated", "March 20, 2025")
                .Set("/record/citation", "Sample Incident: Sanctions on Court Officials. https://incidents.example.org/incident/sample-incident. Published February 6, 2025. Updated March 20, 2025."),
        },
    ];

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
