using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Html;

/// <summary>
/// Issue 16's acceptance for the contentHtml rules together: the examples stay clean with the defaults (every rule on),
/// and a contentHtml that is not a string gets the schema's finding only.
/// </summary>
public sealed class ContentRulesAcceptanceTests : IDisposable
{
    private static readonly string[] HtmlRules = ["content-html", "content-unsafe", "heading-id"];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Linter Linter(string? options = null)
    {
        var config = LintConfig.Defaults(_dir.Path);
        if (options is not null)
        {
            var configPath = _dir.Write(ConfigLoader.FileName, options);
            config = ConfigLoader.LoadFile(configPath, RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToList());
        }
        return new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = config });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheExamplesAndTheSharedExampleRecordAreClean(bool idsFollowText)
    {
        Assert.All(HtmlRules, id => Assert.Contains(RuleRegistry.BuiltIn, r => r.Metadata.Id == id && r.Metadata.DefaultSeverity == Severity.Error));
        var files = Directory.GetFiles(Incidents.ExamplesDirectory, "*.json").Append(Repo.ExampleRecordPath).ToList();
        var linter = Linter(idsFollowText ? """{ "include": ["*.json"], "exclude": ["lint.config.json"], "rules": { "heading-id": ["error", { "idsFollowText": true }] } }""" : null);
        foreach (var file in files)
        {
            var result = await linter.LintTextAsync(Path.Combine(_dir.Path, Path.GetFileName(file)), File.ReadAllText(file));
            var html = result.Findings.Where(f => HtmlRules.Contains(f.RuleId)).ToList();
            Assert.True(html.Count == 0, $"{Path.GetFileName(file)}:\n{ReportText.Of(html)}");
        }
    }

    public static TheoryData<string> NotStrings() => new(["[\"<script>alert(1)</script>\"]", "42", "null", "{\"html\": \"<p>x</div>\"}", "true"]);

    [Theory]
    [MemberData(nameof(NotStrings))]
    public async Task NoContentRuleFiresWhenContentHtmlIsNotAString(string json)
    {
        var doc = Incidents.Valid("not-a-string");
        doc["record"]!["contentHtml"] = JsonNode.Parse(json);
        var result = await Linter().LintTextAsync(Path.Combine(_dir.Path, "not-a-string.json"), Incidents.ToText(doc));
        Assert.DoesNotContain(result.Findings, f => HtmlRules.Contains(f.RuleId) || f.RuleId.StartsWith("content-", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.RuleId == "schema" && f.Pointer == "/record/contentHtml");
    }
}
