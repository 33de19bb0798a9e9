using System.Text.Json.Nodes;
using Lint.Samples.CustomRule;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>
/// The sample of docs/extending.md (tests/Lint.Samples.CustomRule), built with the solution and run as its own
/// process: its custom findings appear in the report beside the built-in ones.
/// </summary>
public sealed class CustomRuleSampleTests : IDisposable
{
    private readonly TempDir _site = new();

    public CustomRuleSampleTests()
    {
        // The repository's layout: lint.config.json includes examples/incidents/**.
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            _site.Write(Path.Combine("examples", "incidents", Path.GetFileName(file)), File.ReadAllText(file));
        File.Copy(Path.Combine(Repo.Root, "lint.config.json"), _site.Combine("lint.config.json"));
    }

    public void Dispose() => _site.Dispose();

    private static string SampleDll => Path.Combine(AppContext.BaseDirectory, "Lint.Samples.CustomRule.dll");

    private Task<ProcessResult> RunSample(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [SampleDll, .. args], _site.Path, TimeSpan.FromMinutes(2));

    [Fact]
    public async Task TheCleanCorpusPasses()
    {
        var run = await RunSample();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("0 problems", run.StandardOutput);
        Assert.Contains("7 files checked", run.StandardOutput);
    }

    [Fact]
    public async Task BothCustomRulesReportBesideTheBuiltInOnes()
    {
        var path = _site.Combine("examples", "incidents", "icc-sanctions.json");
        var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var source = doc["record"]!["sources"]![1]!.AsObject();
        source["url"] = "http://" + ((string)source["url"]!)["https://".Length..];
        doc["record"]!.AsObject()["sourceCount"] = 5;
        File.WriteAllText(path, Incidents.ToText(doc));
        var part = Incidents.Valid("boat-strikes-part-2");
        File.WriteAllText(_site.Combine("examples", "incidents", "boat-strikes-part-2.json"), Incidents.ToText(part));

        var run = await RunSample();
        Assert.True(run.ExitCode == 1, run.ToString());
        var output = run.StandardOutput;
        Assert.Matches(@"error\s+sources\[1\]\.url uses http: ""http://[^""]+""; link to the https address\s+https-sources", output);
        Assert.Matches(@"error\s+sourceCount is 5 but sources has 2 entries\s+source-count", output);
        Assert.Matches(@"warning\s+this is part 2, but no incident of the corpus has the slug ""boat-strikes-part-1""\s+series-previous-part", output);
        Assert.Contains("3 problems (2 errors, 1 warning)", output);
    }

    [Fact]
    public async Task TheConfigurationSetsCustomRuleSeverities()
    {
        var path = _site.Combine("examples", "incidents", "icc-sanctions.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"url\": \"https://", "\"url\": \"http://", StringComparison.Ordinal));
        var config = JsonNode.Parse(File.ReadAllText(_site.Combine("lint.config.json")))!.AsObject();
        config["rules"] = new JsonObject { ["https-sources"] = "off" };
        File.WriteAllText(_site.Combine("lint.config.json"), config.ToJsonString());
        var run = await RunSample();
        Assert.True(run.ExitCode == 1, run.ToString()); // url-slug still flags the record's own url
        Assert.Contains("url-slug", run.StandardOutput);
        Assert.DoesNotContain("https-sources", run.StandardOutput);
    }

    [Fact]
    public async Task TheCustomFixRepairsTheLinkInMemory()
    {
        // The custom rule offers a fix like the built-in ones; applying its edits gives an https link.
        var text = File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-sanctions.json"));
        var broken = text.Replace("\"url\": \"https://www.", "\"url\": \"http://www.", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        var linter = new Linter(new LintOptions { WorkingDirectory = Repo.Root, AdditionalRules = [new HttpsSourcesRule()] });
        var result = await linter.LintTextAsync("examples/incidents/icc-sanctions.json", broken);
        var findings = result.Findings.Where(f => f.RuleId == "https-sources").ToList();
        Assert.NotEmpty(findings);
        var bytes = System.Text.Encoding.UTF8.GetBytes(broken).ToList();
        foreach (var edit in findings.SelectMany(f => f.Fix!.Edits).OrderByDescending(e => e.Start))
        {
            bytes.RemoveRange(edit.Start, edit.Length);
            bytes.InsertRange(edit.Start, System.Text.Encoding.UTF8.GetBytes(edit.NewText));
        }
        var fixedResult = await linter.LintBytesAsync("examples/incidents/icc-sanctions.json", bytes.ToArray());
        Assert.DoesNotContain(fixedResult.Findings, f => f.RuleId == "https-sources");
    }

    /// <summary>The sample's https-sources takes an option (docs/extending.md): validated like a built-in rule's, then read by the rule.</summary>
    [Fact]
    public async Task ACustomRuleOptionIsValidatedAndRead()
    {
        var path = _site.Combine("examples", "incidents", "icc-sanctions.json");
        var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var source = doc["record"]!["sources"]![1]!.AsObject();
        var https = (string)source["url"]!;
        source["url"] = "http://" + https["https://".Length..];
        File.WriteAllText(path, Incidents.ToText(doc));
        var host = new Uri(https).Host;
        var configPath = _site.Combine("lint.config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();

        config["rules"] = new JsonObject { ["https-sources"] = new JsonArray("error", new JsonObject { ["allowHttpHosts"] = new JsonArray(host.ToUpperInvariant()) }) };
        File.WriteAllText(configPath, config.ToJsonString());
        var allowed = await RunSample();
        Assert.True(allowed.ExitCode == 0, allowed.ToString());

        config["rules"] = new JsonObject { ["https-sources"] = new JsonArray("error", new JsonObject { ["allowHttpHosts"] = new JsonArray("other.example") }) };
        File.WriteAllText(configPath, config.ToJsonString());
        var flagged = await RunSample();
        Assert.True(flagged.ExitCode == 1, flagged.ToString());
        Assert.Contains("https-sources", flagged.StandardOutput);

        config["rules"] = new JsonObject { ["https-sources"] = new JsonArray("error", new JsonObject { ["allowHttpHost"] = new JsonArray(host) }) };
        File.WriteAllText(configPath, config.ToJsonString());
        var invalid = await RunSample();
        Assert.True(invalid.ExitCode == 2, invalid.ToString());
        Assert.Matches(@"lint\.config\.json:1:\d+: invalid configuration: option of rule 'https-sources': unknown property 'allowHttpHost' in the options; did you mean 'allowHttpHosts'\?", invalid.StandardError);
    }
}
