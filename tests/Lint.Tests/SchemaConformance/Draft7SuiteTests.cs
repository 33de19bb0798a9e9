namespace Lint.Tests.SchemaConformance;

/// <summary>The JSON Schema Test Suite, draft-07: every required test, and the optional date, date-time and uri format tests.</summary>
public sealed class Draft7SuiteTests
{
    /// <summary>One row per required test; each is its own test case, named after its file, group and test.</summary>
    public static TheoryData<SuiteCaseId> RequiredCases() => new(TestSuite.Required().Select(c => new SuiteCaseId(c.Id)));

    /// <summary>One row per optional format test.</summary>
    public static TheoryData<SuiteCaseId> OptionalFormatCases() => new(TestSuite.OptionalFormats().Select(c => new SuiteCaseId(c.Id)));

    [Theory]
    [MemberData(nameof(RequiredCases))]
    public void Required(SuiteCaseId @case)
    {
        var failure = TestSuite.Run(TestSuite.Find(@case.Id));
        Assert.True(failure is null, failure);
    }

    [Theory]
    [MemberData(nameof(OptionalFormatCases))]
    public void OptionalFormat(SuiteCaseId @case)
    {
        var failure = TestSuite.Run(TestSuite.Find(@case.Id));
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void Every_required_test_passes()
    {
        var cases = TestSuite.Required().ToList();
        var failures = cases.Select(c => (c.Id, Failure: TestSuite.Run(c))).Where(r => r.Failure is not null).ToList();
        Assert.Equal(927, cases.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} failed:\n" + string.Join("\n", failures.Select(f => $"{f.Id}: {f.Failure}")));
    }

    [Fact]
    public void Every_optional_format_test_passes()
    {
        var cases = TestSuite.OptionalFormats().ToList();
        var failures = cases.Select(c => (c.Id, Failure: TestSuite.Run(c))).Where(r => r.Failure is not null).ToList();
        Assert.Equal(160, cases.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} failed:\n" + string.Join("\n", failures.Select(f => $"{f.Id}: {f.Failure}")));
    }

    [Fact]
    public void The_suite_ids_are_unique()
    {
        var ids = TestSuite.Required().Concat(TestSuite.OptionalFormats()).Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
