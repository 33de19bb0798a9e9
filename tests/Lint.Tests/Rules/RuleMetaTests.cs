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
}
