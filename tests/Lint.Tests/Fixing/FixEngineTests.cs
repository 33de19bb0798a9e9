using System.Text;
using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Fixing;

/// <summary>The fix loop of the library: <see cref="Linter.FixAsync(string, byte[], CancellationToken)"/>.</summary>
public sealed class FixEngineTests
{
    private const string Slug = "fix-engine-incident";
    private static readonly string Path = System.IO.Path.Combine(Incidents.ExamplesDirectory, Slug + ".json");

    private static Linter Linter(LintConfig? config = null, bool quiet = false, IReadOnlyDictionary<string, Severity>? rules = null, params ILintRule[] extra) =>
        new(new LintOptions
        {
            WorkingDirectory = Incidents.ExamplesDirectory,
            Config = config ?? LintConfig.Defaults(Incidents.ExamplesDirectory),
            Quiet = quiet,
            RuleOverrides = rules ?? new Dictionary<string, Severity>(),
            AdditionalRules = extra,
        });

    private static JsonObject Valid() => Incidents.Valid(Slug);

    [Fact]
    public async Task ADisplayDateFixLeadsToTheCitationFixInTheSameRun()
    {
        var doc = Valid();
        var expected = Incidents.ToText(doc);
        var record = doc["record"]!.AsObject();
        // The date moved: the display date is stale, and the citation built from it waits for it.
        record["displayDate"] = "January 1, 2025";
        record["citation"] = ((string)record["citation"]!).Replace("Published " + Incidents.LongForm((string)record["date"]!), "Published January 1, 2025");
        var linter = Linter();
        var before = await linter.LintTextAsync(Path, Incidents.ToText(doc));
        Assert.Equal(["display-date"], before.Findings.Select(f => f.RuleId));

        var fix = await linter.FixTextAsync(Path, Incidents.ToText(doc));

        Assert.Equal(expected, fix.FixedText);
        Assert.Equal(2, fix.AppliedFixes);
        Assert.Equal(2, fix.Passes);
        Assert.Empty(fix.Remaining);
    }

    [Fact]
    public async Task AUrlFixLeadsToTheCitationFix()
    {
        var doc = Valid();
        var expected = Incidents.ToText(doc);
        var record = doc["record"]!.AsObject();
        record["url"] = ((string)record["url"]!).Replace("/incident/", "/incidents/");
        record["citation"] = ((string)record["citation"]!).Replace("/incident/", "/incidents/");

        var fix = await Linter().FixTextAsync(Path, Incidents.ToText(doc));

        Assert.Equal(expected, fix.FixedText);
        Assert.Equal(2, fix.AppliedFixes);
        Assert.Empty(fix.Remaining);
    }

    [Fact]
    public async Task AConfiguredSiteLeadsToTheUrlAndThenTheCitation()
    {
        var doc = Valid();
        var site = (string)doc["site"]!;
        var config = LintConfig.Defaults(Incidents.ExamplesDirectory) with { Site = "https://mirror.example.org" };
        var expected = Incidents.ToText(doc).Replace(site, "https://mirror.example.org");

        var fix = await Linter(config).FixTextAsync(Path, Incidents.ToText(doc));

        Assert.Equal(expected, fix.FixedText);
        Assert.Equal(3, fix.AppliedFixes); // site, then url, then citation
        Assert.Equal(3, fix.Passes);
        Assert.Empty(fix.Remaining);
    }

    [Fact]
    public async Task NeighbouringRepeatsAreRemovedInOnePass()
    {
        var doc = Valid();
        var expected = Incidents.ToText(doc);
        var tags = doc["record"]!["tags"]!.AsArray();
        var tag = (string)tags[0]!;
        tags.Insert(1, tag.ToUpperInvariant());
        tags.Insert(2, tag);
        tags.Insert(3, tag);

        var fix = await Linter().FixTextAsync(Path, Incidents.ToText(doc));

        // Each removal takes an item with the separator before it; neighbouring removals touch but do not overlap.
        Assert.Equal(expected, fix.FixedText);
        Assert.Equal(3, fix.AppliedFixes);
        Assert.Equal(1, fix.Passes);
    }

    [Fact]
    public async Task ThousandsOfNeighbouringRepeatsReachTheFixedPointInOneRun()
    {
        // Past 1,024 neighbouring repeats, ten passes that each removed every other one left repeats behind.
        var doc = Valid();
        var expected = Incidents.ToText(doc);
        var tags = doc["record"]!["tags"]!.AsArray();
        var tag = (string)tags[0]!;
        for (int i = 0; i < 5000; i++) tags.Insert(1, tag);

        var fix = await Linter().FixTextAsync(Path, Incidents.ToText(doc));

        Assert.Equal(expected, fix.FixedText);
        Assert.Equal(5000, fix.AppliedFixes);
        var again = await Linter().FixTextAsync(Path, fix.FixedText);
        Assert.False(again.Changed);
        Assert.Equal(0, again.AppliedFixes);
    }

    [Fact]
    public async Task ContentThatDoesNotParseIsNeverFixed()
    {
        var text = Incidents.ToText(Valid()).Replace("\"sourceCount\": 2", "\"sourceCount\": 9");
        var bytes = Encoding.UTF8.GetBytes(text[..^3]);
        var fix = await Linter().FixAsync(Path, bytes);
        Assert.Same(bytes, fix.Fixed);
        Assert.Equal(0, fix.AppliedFixes);
        Assert.Equal(["invalid-json"], fix.Remaining.Select(f => f.RuleId));
    }

    [Fact]
    public async Task WithoutAFixableFindingTheBytesAreReturnedAsGiven()
    {
        var doc = Valid();
        doc["record"]!["title"] = ""; // a schema finding, not fixable
        var bytes = Encoding.UTF8.GetBytes(Incidents.ToText(doc));
        var fix = await Linter().FixAsync(Path, bytes);
        Assert.Same(bytes, fix.Fixed);
        Assert.False(fix.Changed);
        Assert.Equal("", fix.Diff("x.json"));
        Assert.NotEmpty(fix.Remaining);
    }

    [Fact]
    public async Task RulesTurnedOffAreNotFixedAndQuietLeavesWarningsAlone()
    {
        var doc = Valid();
        var record = doc["record"]!.AsObject();
        record["sourceCount"] = 7;
        record["tags"]!.AsArray().Add(((string)record["tags"]![0]!).ToUpperInvariant());
        var text = Incidents.ToText(doc);

        var off = await Linter(rules: new Dictionary<string, Severity> { ["source-count"] = Severity.Off }).FixTextAsync(Path, text);
        Assert.Contains("\"sourceCount\": 7", off.FixedText);
        Assert.Equal(1, off.AppliedFixes);

        var quiet = await Linter(quiet: true).FixTextAsync(Path, text);
        Assert.DoesNotContain("\"sourceCount\": 7", quiet.FixedText);
        Assert.Contains(((string)record["tags"]![0]!).ToUpperInvariant(), quiet.FixedText);
        Assert.Equal(1, quiet.AppliedFixes);
        Assert.Empty(quiet.Remaining); // the warning is not reported under --quiet
    }

    [Fact]
    public async Task PassesAreBounded()
    {
        var fix = await Linter(extra: new FlipRule()).FixTextAsync(Path, Incidents.ToText(Valid()));
        Assert.Equal(global::Lint.Linter.MaxFixPasses, fix.Passes);
        Assert.Equal(global::Lint.Linter.MaxFixPasses, fix.AppliedFixes);
        Assert.Contains(fix.Remaining, f => f.RuleId == "test-flip" && f.IsFixable);
    }

    [Fact]
    public async Task AFixThatWouldBreakTheJsonIsNotApplied()
    {
        var bytes = Encoding.UTF8.GetBytes(Incidents.ToText(Valid()));
        var fix = await Linter(extra: new BreakingRule()).FixAsync(Path, bytes);
        Assert.Same(bytes, fix.Fixed);
        Assert.Equal(0, fix.AppliedFixes);
        Assert.Contains(fix.Remaining, f => f.RuleId == "test-break");
    }

    [Fact]
    public async Task FixingIsCancellable()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Linter().FixTextAsync(Path, Incidents.ToText(Valid()), cts.Token));
    }

    /// <summary>Always flags <c>ongoing</c> and offers to flip it: a fix that never converges.</summary>
    private sealed class FlipRule : IFileRule
    {
        public RuleMetadata Metadata { get; } = new("test-flip", "Flips ongoing.", Severity.Error, Fixable: true);

        public void Check(FileContext context)
        {
            if (context.Record is not { } record || !record.TryGetProperty("ongoing", out var ongoing)) return;
            string flipped = ongoing.ValueKind == System.Text.Json.JsonValueKind.True ? "false" : "true";
            context.Report("/record/ongoing", "flip", context.ReplaceValue("/record/ongoing", flipped, "flip ongoing"));
        }
    }

    /// <summary>Offers a fix that would leave the file malformed.</summary>
    private sealed class BreakingRule : IFileRule
    {
        public RuleMetadata Metadata { get; } = new("test-break", "Breaks the file.", Severity.Error, Fixable: true);

        public void Check(FileContext context) =>
            context.Report("/record/ongoing", "break", context.ReplaceValue("/record/ongoing", "tru", "break it"));
    }
}
