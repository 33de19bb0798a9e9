using static Lint.Tests.Rules.RuleCases;

namespace Lint.Tests.Rules;

/// <summary>Tests of <c>duplicate-source</c>: inline cases (<see cref="RuleCase"/>).</summary>
public sealed class DuplicateSourceRuleTests() : RuleFixtureTest("duplicate-source")
{
    protected override IEnumerable<RuleCase> InlineCases =>
    [
        Valid("clean"),
        Valid("path-case-matters", d => d.Set("/record/sourceCount", 3).Set("/record/sources/2", Json("""{ "url": "https://news.example.com/A", "title": "Report A, other path" }"""))),
        Invalid("same-url-different-case", d => d.Set("/record/sourceCount", 3).Set("/record/sources/2", Json("""{ "url": "HTTPS://News.Example.com/a/", "title": "Report A again" }""")),
            At("60:16", "/record/sources/2/url", "repeated-url", "sources[2] has the same URL as sources[0]: \"HTTPS://News.Example.com/a/\"")) with
        {
            // Two defects: the schema wants a lower-case scheme, and the source repeats sources[0] whatever the case.
            WithAllRules =
            [
                At("60:16", "/record/sources/2/url", "repeated-url", "sources[2] has the same URL as sources[0]: \"HTTPS://News.Example.com/a/\""),
                Also("schema", "60:16", "/record/sources/2/url", "violation", "record.sources[2].url must match the pattern ^https?://, found string \"HTTPS://News.Example.com/a/\""),
            ],
        },
    ];
}
