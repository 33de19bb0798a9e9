using System.Text.Json.Nodes;
using Lint.Tests.TestSupport;
using Xunit.Sdk;
using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>The inline-case machinery itself: its premise, its edits, and that a rule without cases fails.</summary>
public sealed class RuleCaseTests
{
    /// <summary>
    /// The premise of every inline case: the valid record, read as a JSON tree and written back, is the file byte for
    /// byte, so a case's positions are those of the record as a reader sees it.
    /// </summary>
    [Fact]
    public void TheValidRecordRoundTripsByteForByte() =>
        Assert.Equal(File.ReadAllText(ValidRecordPath), Incidents.ToText(ValidDocument()));

    [Fact]
    public void EditsWorkByPointerAndKeepPropertyOrder()
    {
        var d = ValidDocument()
            .Set("/record/sourceCount", 9)
            .Set("/record/tags/2", "new")
            .Insert("/record/tags/0", "first")
            .Delete("/record/sources/1")
            .Rename("/record/summary", "sumary");
        var record = d["record"]!.AsObject();
        Assert.Equal(9, (int)record["sourceCount"]!);
        Assert.Equal(["first", "sanctions", "courts", "new"], record["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Single(record["sources"]!.AsArray());
        var keys = record.Select(p => p.Key).ToList();
        Assert.Equal(keys.IndexOf("sumary"), ValidDocument()["record"]!.AsObject().Select(p => p.Key).ToList().IndexOf("summary"));
        Assert.Throws<ArgumentException>(() => ValidDocument().Set("/record/nope/x", 1));
    }

    [Fact]
    public void EveryRuleHasInlineCasesWithUniqueNames()
    {
        var all = All().ToList();
        Assert.True(all.Count > 60, $"only {all.Count} inline cases");
        Assert.Equal(all.Count, all.Select(x => (x.RuleId, x.Case.Name)).Distinct().Count());
    }

    /// <summary>A test class for a rule without any case (a stand-in for a rule added without tests).</summary>
    private sealed class NoCasesTests() : RuleFixtureTest("no-cases-rule");

    [Fact]
    public void ARuleWithoutCasesFails()
    {
        var test = new NoCasesTests();
        Assert.Empty(test.InlineCaseList);
        Assert.ThrowsAny<XunitException>(test.HasValidAndInvalidCases);
        Assert.False(RuleMetaTests.HasCases(test, out var why));
        Assert.Contains("no valid test case", why);
    }
}
