using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>source-count</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class SourceCountRuleTests() : RuleFixtureTest("source-count")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        // A count of the wrong type is the schema's finding alone.
        Valid("mistyped-count-is-schema-business", d => d.Set("/record/sourceCount", "3")) with
        {
            WithAllRules = [Also("schema", "32:20", "/record/sourceCount", "violation", "record.sourceCount must be an integer, found string \"3\"")],
        },
        Invalid("off-by-one", d => d.Set("/record/sourceCount", 3),
            At("32:20", "/record/sourceCount", "count-mismatch", "sourceCount is 3 but sources has 2 entries")),
        // A number no integer type holds is still a wrong count, quoted as written.
        Invalid("huge-exponent", null,
            At("32:20", "/record/sourceCount", "count-mismatch", "sourceCount is 1e400 but sources has 2 entries")) with
        {
            Text = t => t.Replace("\"sourceCount\": 2,", "\"sourceCount\": 1e400,", StringComparison.Ordinal),
        },
    ];
}
