using System.Text.Json.Nodes;
using Lint.Parsing;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// Issue 15, point 3: a typo of a property name is one finding, the unknown property with "did you mean", at every
/// level of the document (a swap of two letters is one edit), and an <c>http://</c> url is one finding, url-slug's.
/// Every rule runs, so a second finding from any rule fails the test.
/// </summary>
public sealed class OneFindingPerTypoTests : IDisposable
{
    private readonly ExampleCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    [Theory]
    [InlineData("record", "title", "titel", "record")]
    [InlineData("record", "title", "tilte", "record")]
    [InlineData("record", "slug", "slgu", "record")]
    [InlineData("record", "date", "dtae", "record")]
    [InlineData("record", "url", "ulr", "record")]
    [InlineData("record", "tags", "tgas", "record")]
    [InlineData("record", "summary", "sumary", "record")]
    [InlineData("", "site", "stie", "the document")]
    [InlineData("record/sources/2", "title", "titel", "record.sources[2]", "icc-immunity-demands-rome-statute")]
    [InlineData("record/sources/0", "url", "ulr", "record.sources[0]")]
    [InlineData("record/legalAnalyses/4", "title", "tilte", "record.legalAnalyses[4]", "icc-immunity-demands-rome-statute")]
    [InlineData("record/timeline/0", "date", "dtae", "record.timeline[0]")]
    [InlineData("record/updateLog/0", "summary", "summray", "record.updateLog[0]")]
    [InlineData("record/internationalLaw/0", "statute", "sttaute", "record.internationalLaw[0]")]
    public async Task A_typo_of_a_required_property_is_one_unknown_property_finding_with_a_suggestion(string objectPath, string name, string typo, string owner, string baseSlug = "icc-sanctions")
    {
        var doc = Incidents.Valid("typo", baseSlug);
        JsonNode target = doc;
        foreach (var segment in objectPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            target = int.TryParse(segment, out int i) ? target[i]! : target[segment]!;
        Assert.NotNull(target[name]);
        Incidents.Rename(target.AsObject(), name, typo);
        var text = Incidents.ToText(doc);

        var findings = await _corpus.LintAsync("typo.json", text);

        var f = Assert.Single(findings);
        Assert.Equal("schema", f.RuleId);
        Assert.Equal("unknown-property", f.MessageId);
        Assert.Equal($"unknown property '{typo}' in {owner}; did you mean '{name}'?", f.Message);
        Assert.Equal(ExampleCorpus.PositionOf(text, $"\"{typo}\""), (f.Line, f.Column));
        Assert.Equal(JsonPointer.Append(objectPath.Length == 0 ? "" : "/" + objectPath, typo), f.Pointer);
    }

    [Theory]
    [InlineData("titel", "title", 1)]
    [InlineData("tilte", "title", 1)]
    [InlineData("slgu", "slug", 1)]
    [InlineData("ulr", "url", 1)]
    [InlineData("Title", "title", 0)]
    [InlineData("sumary", "summary", 1)]
    [InlineData("ca", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_counts_an_adjacent_swap_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b, ignoreCase: true));
        Assert.Equal(expected, Suggestions.Distance(b, a, ignoreCase: true));
    }

    [Theory]
    [InlineData("titel", "title")]
    [InlineData("dtae", "date")]
    [InlineData("tgas", "tags")]
    [InlineData("xyz", null)]
    [InlineData("titles-and-more", null)]
    public void Closest_suggests_only_plausible_typos(string name, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(name, ["title", "date", "tags", "url", "slug"]));

    [Fact]
    public async Task An_http_url_is_one_url_slug_finding_with_its_fix()
    {
        var doc = Incidents.Valid("plain-http");
        var record = doc["record"]!.AsObject();
        string https = (string)record["url"]!;
        string http = "http://" + https["https://".Length..];
        record["url"] = http;
        var text = Incidents.ToText(doc);

        var f = Assert.Single(await _corpus.LintAsync("plain-http.json", text));
        Assert.Equal("url-slug", f.RuleId);
        Assert.Equal($"url \"{http}\" should be \"{https}\" ({{site}}/incident/{{slug}})", f.Message);
        Assert.Equal(ExampleCorpus.PositionOf(text, $"\"{http}\""), (f.Line, f.Column));
        Assert.Equal("/record/url", f.Pointer);

        var fixedResult = await _corpus.FixAsync("plain-http.json", text);
        Assert.Equal(text.Replace($"\"{http}\"", $"\"{https}\""), fixedResult.FixedText);
        Assert.Empty(fixedResult.Remaining);
    }

    [Fact]
    public async Task With_url_slug_off_an_http_url_is_the_schemas_one_finding()
    {
        var doc = Incidents.Valid("plain-http");
        var record = doc["record"]!.AsObject();
        string http = "http://" + ((string)record["url"]!)["https://".Length..];
        record["url"] = http;
        var text = Incidents.ToText(doc);

        // citation-format, which waits for url-slug, checks the citation against the url as written when url-slug is off.
        var findings = await _corpus.LintAsync("plain-http.json", text, new Dictionary<string, Severity> { ["url-slug"] = Severity.Off });
        Assert.Equal(["citation-format", "schema"], findings.Select(f => f.RuleId).Order());
        var f = Assert.Single(findings, f => f.Pointer == "/record/url");
        Assert.Equal("schema", f.RuleId);
        Assert.Equal("/record/url", f.Pointer);
        Assert.StartsWith("record.url must ", f.Message);
        Assert.Equal(ExampleCorpus.PositionOf(text, $"\"{http}\""), (f.Line, f.Column));
    }
}
