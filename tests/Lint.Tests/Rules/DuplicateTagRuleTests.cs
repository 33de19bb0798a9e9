using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>duplicate-tag</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class DuplicateTagRuleTests() : RuleFixtureTest("duplicate-tag")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("distinct", d => d.Set("/record/tags/1", "sanction")),
        // With the option caseSensitive, tags that differ only in case are different tags.
        Valid("case-sensitive-option", d => d.Set("/record/tags/2", "Sanctions")) with { Config = """{ "rules": { "duplicate-tag": ["warning", { "caseSensitive": true }] } }""" },
        Invalid("case-insensitive-repeat", d => d.Set("/record/tags/2", "Sanctions"),
            At("28:7", "/record/tags/2", "repeated-tag", "tag \"Sanctions\" repeats tags[0]")),
        Invalid("three-times", d => d.Set("/record/tags", Json("""["sanctions", "Sanctions", "SANCTIONS", "courts"]""")),
            At("27:7", "/record/tags/1", "repeated-tag", "tag \"Sanctions\" repeats tags[0]"),
            At("28:7", "/record/tags/2", "repeated-tag", "tag \"SANCTIONS\" repeats tags[0]")),
        Invalid("case-sensitive-exact-repeat", d => d.Set("/record/tags/2", "sanctions"),
            At("28:7", "/record/tags/2", "repeated-tag", "tag \"sanctions\" repeats tags[0]")) with { Config = """{ "rules": { "duplicate-tag": ["warning", { "caseSensitive": true }] } }""" },
    ];
}
