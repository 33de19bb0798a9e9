using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>file-too-large</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class FileTooLargeRuleTests() : RuleFixtureTest("file-too-large")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("under-limit") with { Config = """{ "maxFileSize": 100000 }""" },
        Invalid("over-limit", null,
            At("1:1", "", "too-large", "the file is 2421 bytes, over the limit of 1000 bytes (maxFileSize); it was not read")) with { Config = """{ "maxFileSize": 1000 }""" },
    ];
}
