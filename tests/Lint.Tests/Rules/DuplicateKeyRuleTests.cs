using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>duplicate-key</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class DuplicateKeyRuleTests() : RuleFixtureTest("duplicate-key")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        // "title" is also a key of timeline entries and sources: only a repeat within one object counts.
        Valid("same-name-in-different-objects", d => d.Set("/record/sources/1/title", "Sample Incident: Sanctions on Court Officials")),
        Invalid("repeated-title", null,
            At("7:5", "/record/title", "repeated-key", "property 'title' is defined twice in the same object (first at 6:5); only the last one counts")) with
        {
            Text = t => t.Replace("    \"url\": \"https://incidents.example.org/incident/sample-incident\",",
                "    \"title\": \"Sample Incident: Sanctions on Court Officials\",\n    \"url\": \"https://incidents.example.org/incident/sample-incident\",", StringComparison.Ordinal),
        },
    ];
}
