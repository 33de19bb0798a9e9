using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>Every registered rule has its doc page, its test class and its fixtures.</summary>
public sealed class RuleMetaTests
{
    public static TheoryData<string> RuleIds() => new(RuleRegistry.BuiltIn.Select(r => r.Metadata.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RuleHasDocPageWithFixedSections(string id)
    {
        var page = Path.Combine(Repo.Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}", text);
        int last = -1;
        foreach (var heading in new[] { "## What it flags", "## Why", "## Invalid example", "## Valid example", "## The fix" })
        {
            int at = text.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(at > last, $"docs/rules/{id}.md lacks '{heading}' (or it is out of order)");
            last = at;
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RuleHasATestClassWithFixtures(string id)
    {
        var rule = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == id);
        var testType = typeof(RuleMetaTests).Assembly.GetType($"Lint.Tests.Rules.{rule.GetType().Name}Tests");
        Assert.True(testType is not null, $"no test class Lint.Tests.Rules.{rule.GetType().Name}Tests for {id}");
        Assert.True(typeof(RuleFixtureTest).IsAssignableFrom(testType), $"{testType!.Name} must derive from RuleFixtureTest");
        Assert.NotEmpty(RuleFixtureTest.Cases(id, "valid"));
        Assert.NotEmpty(RuleFixtureTest.Cases(id, "invalid"));
    }

    [Fact]
    public void RuleIdsAreUniqueKebabCaseAndMetadataIsComplete()
    {
        var ids = RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var rule in RuleRegistry.BuiltIn)
        {
            Assert.True(RecordFields.IsKebabCase(rule.Metadata.Id), rule.Metadata.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Metadata.Description));
            Assert.NotEqual(Severity.Off, rule.Metadata.DefaultSeverity);
            Assert.EndsWith($"/docs/rules/{rule.Metadata.Id}.md", rule.Metadata.HelpUri);
        }
    }

    [Fact]
    public void RegistryMatchesTheSpecCatalog()
    {
        // SPEC section 2: id, default severity, fixable.
        var expected = new (string Id, Severity Severity, bool Fixable)[]
        {
            ("invalid-json", Severity.Error, false), ("duplicate-key", Severity.Error, false), ("schema", Severity.Error, false),
            ("source-count", Severity.Error, true), ("document-count", Severity.Error, true), ("update-count", Severity.Error, true),
            ("slug-filename", Severity.Error, false), ("url-slug", Severity.Error, true), ("duplicate-slug", Severity.Error, false),
            ("related-exists", Severity.Error, false), ("related-self", Severity.Error, true), ("related-duplicate", Severity.Warning, true),
            ("date-order", Severity.Error, false), ("timeline-order", Severity.Error, true), ("display-date", Severity.Error, true),
            ("citation-format", Severity.Error, true), ("taxonomy-label", Severity.Error, true), ("duplicate-source", Severity.Warning, false),
            ("duplicate-tag", Severity.Warning, true), ("file-too-large", Severity.Error, false),
            ("stale-last-updated", Severity.Error, true),
        };
        Assert.Equal(expected, RuleRegistry.BuiltIn.Select(r => (r.Metadata.Id, r.Metadata.DefaultSeverity, r.Metadata.Fixable)).ToArray());
    }
}
