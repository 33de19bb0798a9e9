namespace Lint.Tests.SchemaConformance;

/// <summary>The JSON Schema Test Suite, 2020-12: every required test, and the optional date, date-time and uri format tests.</summary>
public sealed class Draft2020SuiteTests
{
    private const string Draft = "draft2020-12";

    public static TheoryData<SuiteCaseId> RequiredCases() => new(TestSuite.Required(Draft).Select(c => new SuiteCaseId(c.Id)));

    public static TheoryData<SuiteCaseId> OptionalFormatCases() => new(TestSuite.OptionalFormats(Draft).Select(c => new SuiteCaseId(c.Id)));

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
    public void Every_required_test_passes() => LaterDraftSuite.AllPass(TestSuite.Required(Draft), 1299);

    [Fact]
    public void Every_optional_format_test_passes() => LaterDraftSuite.AllPass(TestSuite.OptionalFormats(Draft), LaterDraftSuite.OptionalFormatCount(Draft));

    [Fact]
    public void With_lint_asserting_formats_only_the_annotation_only_format_tests_differ() => LaterDraftSuite.OnlyFormatAnnotationTestsDiffer(Draft);
}

/// <summary>The JSON Schema Test Suite, 2019-09: every required test, and the optional date, date-time and uri format tests.</summary>
public sealed class Draft2019SuiteTests
{
    private const string Draft = "draft2019-09";

    public static TheoryData<SuiteCaseId> RequiredCases() => new(TestSuite.Required(Draft).Select(c => new SuiteCaseId(c.Id)));

    public static TheoryData<SuiteCaseId> OptionalFormatCases() => new(TestSuite.OptionalFormats(Draft).Select(c => new SuiteCaseId(c.Id)));

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
    public void Every_required_test_passes() => LaterDraftSuite.AllPass(TestSuite.Required(Draft), 1259);

    [Fact]
    public void Every_optional_format_test_passes() => LaterDraftSuite.AllPass(TestSuite.OptionalFormats(Draft), LaterDraftSuite.OptionalFormatCount(Draft));

    [Fact]
    public void With_lint_asserting_formats_only_the_annotation_only_format_tests_differ() => LaterDraftSuite.OnlyFormatAnnotationTestsDiffer(Draft);
}

internal static class LaterDraftSuite
{
    public static void AllPass(IEnumerable<SuiteCase> cases, int expectedCount)
    {
        var list = cases.ToList();
        var failures = list.Select(c => (c.Id, Failure: TestSuite.Run(c))).Where(r => r.Failure is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {list.Count} failed:\n" + string.Join("\n", failures.Select(f => $"{f.Id}: {f.Failure}")));
        Assert.Equal(expectedCount, list.Count);
    }

    /// <summary>The number of cases in the optional date, date-time and uri files of a draft (read from the suite).</summary>
    public static int OptionalFormatCount(string draft) => draft switch
    {
        "draft2019-09" or "draft2020-12" => TestSuite.OptionalFormats(draft).Count(),
        _ => throw new ArgumentOutOfRangeException(nameof(draft)),
    };

    /// <summary>
    /// lint asserts date, date-time and uri (and the other formats it checks) in every dialect. Run that way, the
    /// required suite differs from the specification's default exactly on the cases that say "only an annotation by
    /// default" for a format lint checks; every other required case still passes.
    /// </summary>
    public static void OnlyFormatAnnotationTestsDiffer(string draft)
    {
        var failing = TestSuite.Required(draft).Where(c => TestSuite.Run(c, assertFormats: true) is not null).Select(c => c.Id).ToList();
        var expected = TestSuite.Required(draft)
            .Where(c => c.File == draft + "/format.json" && c.Description.EndsWith("is only an annotation by default", StringComparison.Ordinal)
                && Lint.Schema.Draft7.CompiledSchema.CheckedFormats.Any(f => c.GroupDescription == f + " format"))
            .Select(c => c.Id).ToList();
        Assert.Equal(expected, failing);
    }
}
