using System.Text.Json;
using Lint.Formatting;

namespace Lint.Tests.Formatting;

/// <summary>The SARIF report checked as data: rule table, results, locations, levels, fingerprints, fixes.</summary>
public sealed class SarifFormatterTests
{
    private static JsonElement Run(ReportInput? input = null)
    {
        using var doc = JsonDocument.Parse(SampleReport.Render("sarif", input));
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal(SarifFormatter.SchemaUri, doc.RootElement.GetProperty("$schema").GetString());
        var runs = doc.RootElement.GetProperty("runs");
        Assert.Equal(1, runs.GetArrayLength());
        return runs[0].Clone();
    }

    [Fact]
    public void TheDriverDescribesTheToolAndEveryRule()
    {
        var driver = Run().GetProperty("tool").GetProperty("driver");
        Assert.Equal("lint", driver.GetProperty("name").GetString());
        Assert.Equal(ReportInput.ToolVersion, driver.GetProperty("version").GetString());
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var metadata = SampleReport.Rules;
        Assert.Equal(metadata.Select(m => m.Id), rules.Select(r => r.GetProperty("id").GetString()));
        for (int i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var meta = metadata[i];
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.Contains(meta.Description.TrimEnd('.'), rule.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Equal(meta.HelpUri, rule.GetProperty("helpUri").GetString());
            Assert.Equal(meta.DefaultSeverity == Severity.Warning ? "warning" : "error",
                rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            if (rule.TryGetProperty("name", out var name))
                Assert.False(string.Equals(name.GetString(), meta.Id, StringComparison.OrdinalIgnoreCase), "SARIF wants name to differ from id");
        }
    }

    [Fact]
    public void EachResultPointsAtItsRuleAndPlacesTheFindingUnderTheSourceRoot()
    {
        var run = Run();
        Assert.Equal("file:///work/project/", run.GetProperty("originalUriBaseIds").GetProperty(SarifFormatter.SourceRootId).GetProperty("uri").GetString());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var findings = SampleReport.Findings();
        Assert.Equal(findings.Count, results.Count);
        for (int i = 0; i < findings.Count; i++)
        {
            var (r, f) = (results[i], findings[i]);
            Assert.Equal(f.RuleId, r.GetProperty("ruleId").GetString());
            Assert.Equal(f.RuleId, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal(f.Severity == Severity.Warning ? "warning" : "error", r.GetProperty("level").GetString());
            Assert.Equal(f.Message, r.GetProperty("message").GetProperty("text").GetString());
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            var artifact = location.GetProperty("artifactLocation");
            Assert.Equal(SarifFormatter.SourceRootId, artifact.GetProperty("uriBaseId").GetString());
            var uri = artifact.GetProperty("uri").GetString()!;
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), $"'{uri}' is not a well-formed relative URI");
            Assert.Equal(f.File, Uri.UnescapeDataString(uri));
            Assert.Equal(new Uri(new Uri("file:///work/project/"), uri).LocalPath, "/work/project/" + f.File);
            Assert.Equal(f.Line, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(f.Column, location.GetProperty("region").GetProperty("startColumn").GetInt32());
            Assert.Equal(f.IsFixable, r.TryGetProperty("fixes", out _));
            Assert.Equal(f.Pointer, r.GetProperty("properties").GetProperty("pointer").GetString());
        }
    }

    [Fact]
    public void TheAwkwardFileNameIsPercentEncoded()
    {
        var uris = Run().GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .ToList();
        Assert.Contains("incidents/beta%2C%20draft%3A%20%C3%BC.json", uris);
    }

    [Fact]
    public void FixesCarryTheByteEdits()
    {
        var result = Run().GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "source-count");
        var fix = result.GetProperty("fixes")[0];
        Assert.Equal("set sourceCount to 2", fix.GetProperty("description").GetProperty("text").GetString());
        var replacement = fix.GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        Assert.Equal(140, replacement.GetProperty("deletedRegion").GetProperty("byteOffset").GetInt32());
        Assert.Equal(6, replacement.GetProperty("deletedRegion").GetProperty("byteLength").GetInt32());
        Assert.Equal("2", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
    }

    private static List<string> Fingerprints(ReportInput input) =>
        Run(input).GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty(SarifFormatter.FingerprintKey).GetString()!)
            .ToList();

    [Fact]
    public void FingerprintsAreDistinctAndDoNotDependOnLineNumbers()
    {
        var original = Fingerprints(SampleReport.Input());
        Assert.Equal(original.Count, original.Distinct().Count());
        Assert.All(original, f => Assert.Matches("^[0-9a-f]{32}$", f));
        // Lines inserted above every finding: same fingerprints, in the same order.
        Assert.Equal(original, Fingerprints(SampleReport.Input(lineShift: 40)));
    }

    [Fact]
    public void AFingerprintChangesWhenTheRuleFileOrPointerChanges()
    {
        var f = SampleReport.Findings()[0];
        var baseline = SarifFormatter.Fingerprint(f, 1);
        Assert.Equal(baseline, SarifFormatter.Fingerprint(f with { Line = 99, Column = 7, Message = "other words" }, 1));
        Assert.NotEqual(baseline, SarifFormatter.Fingerprint(f with { RuleId = "date-order" }, 1));
        Assert.NotEqual(baseline, SarifFormatter.Fingerprint(f with { File = "incidents/other.json" }, 1));
        Assert.NotEqual(baseline, SarifFormatter.Fingerprint(f with { Pointer = "/record/date" }, 1));
        Assert.NotEqual(baseline, SarifFormatter.Fingerprint(f, 2));
    }

    [Fact]
    public void AFindingOfAnUnlistedRuleStillGetsADescriptor()
    {
        var result = new LintResult([new Finding("custom-rule", Severity.Warning, "custom", "a.json", 1, 1, "")], 1, TimeSpan.Zero);
        var run = Run(new ReportInput(result, SampleReport.Rules) { WorkingDirectory = SampleReport.WorkingDirectory });
        var r = run.GetProperty("results")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal("custom-rule", rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
    }

    [Fact]
    public void DirectoryUriEndsWithASlash()
    {
        Assert.Equal("file:///work/project/", SarifFormatter.DirectoryUri("/work/project"));
        Assert.Equal("file:///work/project/", SarifFormatter.DirectoryUri("/work/project/"));
        Assert.Equal("file:///work/my%20project/", SarifFormatter.DirectoryUri("/work/my project"));
    }
}
