using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>Every registered rule has its doc page, its test class and its test cases (inline or folder fixtures).</summary>
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
    public void RuleHasATestClassWithCases(string id)
    {
        var rule = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == id);
        var testType = typeof(RuleMetaTests).Assembly.GetType($"Lint.Tests.Rules.{rule.GetType().Name}Tests");
        Assert.True(testType is not null, $"no test class Lint.Tests.Rules.{rule.GetType().Name}Tests for {id}");
        Assert.True(typeof(RuleFixtureTest).IsAssignableFrom(testType), $"{testType!.Name} must derive from RuleFixtureTest");
        var test = (RuleFixtureTest)Activator.CreateInstance(testType)!;
        Assert.Equal(id, test.RuleId);
        Assert.True(HasCases(test, out var why), why);
    }

    /// <summary>
    /// Whether a rule's test class has at least one valid and one invalid case, each an inline case (<see cref="RuleCase"/>)
    /// or a fixture folder.
    /// </summary>
    public static bool HasCases(RuleFixtureTest test, out string why)
    {
        var inline = test.InlineCaseList;
        why = "";
        if (RuleFixtureTest.Cases(test.RuleId, "valid").Count + inline.Count(c => c.Findings.Count == 0) == 0) why = $"{test.RuleId} has no valid test case";
        else if (RuleFixtureTest.Cases(test.RuleId, "invalid").Count + inline.Count(c => c.Findings.Count > 0) == 0) why = $"{test.RuleId} has no invalid test case";
        return why.Length == 0;
    }

    /// <summary>Every fixture folder belongs to a registered rule (a rule's cases cannot be orphaned by a rename).</summary>
    [Fact]
    public void EveryFixtureFolderBelongsToARule()
    {
        var ids = RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToHashSet();
        foreach (var dir in Directory.GetDirectories(RuleFixtureTest.FixturesRoot))
            Assert.True(ids.Contains(Path.GetFileName(dir)), $"Fixtures/{Path.GetFileName(dir)} has no registered rule");
    }
}
