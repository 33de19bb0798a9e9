using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>document-count</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class DocumentCountRuleTests() : RuleFixtureTest("document-count")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("documents-missing-is-schema-business", d => d.Set("/record/documentCount", 4).Delete("/record/documents")) with
        {
            WithAllRules = [Also("schema", "4:13", "/record/documents", "missing-property", "record is missing required property 'documents'")],
        },
        Invalid("off-by-one", d => d.Set("/record/documentCount", 1),
            At("33:22", "/record/documentCount", "count-mismatch", "documentCount is 1 but documents has 0 entries")),
    ];
}
