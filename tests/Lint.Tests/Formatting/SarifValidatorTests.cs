using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Formatting;
using Lint.Tests.TestSupport;
using Xunit.Sdk;

namespace Lint.Tests.Formatting;

/// <summary>
/// Runs Microsoft's SARIF validator (npm <c>@microsoft/sarif-multitool</c>, installed by
/// <c>.ci/setup.d/sarif-multitool.sh</c>) on lint's SARIF and fails on any result of level error.
/// The validator exits 0 even when it finds errors, so its output log is read instead.
/// </summary>
public sealed class SarifValidatorTests : IDisposable, IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Installs the validator when it is missing (what .ci/setup.d/sarif-multitool.sh does), unless SARIF_MULTITOOL names one.</summary>
    public Task InitializeAsync() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SARIF_MULTITOOL")) ? CiTools.EnsureAsync("sarif-multitool.sh") : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The validator: <c>SARIF_MULTITOOL</c>, else the copy the setup script installs, else <c>sarif-multitool</c> on PATH.</summary>
    private static string FindTool()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SARIF_MULTITOOL");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        var installed = Path.Combine(Repo.Root, ".ci", "tools", "node_modules", ".bin", OperatingSystem.IsWindows() ? "sarif-multitool.cmd" : "sarif-multitool");
        if (File.Exists(installed)) return installed;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "sarif-multitool");
            if (File.Exists(candidate)) return candidate;
        }
        throw new XunitException(
            "The SARIF validator is not installed, so lint's SARIF cannot be checked. Install it with\n" +
            "    bash .ci/setup.d/sarif-multitool.sh\n" +
            "(npm install of @microsoft/sarif-multitool into .ci/tools/), or set SARIF_MULTITOOL to its path.");
    }

    /// <summary>Validates <paramref name="sarif"/> and returns the validator's findings as (level, rule, text).</summary>
    private List<(string Level, string Rule, string Text)> Validate(string sarif, string name)
    {
        var input = _dir.Write(name, sarif);
        var output = _dir.Combine(name + ".validation.sarif");
        var start = new ProcessStartInfo(FindTool())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir.Path,
        };
        foreach (var arg in new[] { "validate", input, "-o", output, "--log", "ForceOverwrite" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException("sarif-multitool did not finish within 5 minutes");
        }
        var console = stdout.Result + stderr.Result;
        if (process.ExitCode != 0) throw new XunitException($"sarif-multitool exited with {process.ExitCode}:\n{console}");
        if (!File.Exists(output)) throw new XunitException($"sarif-multitool wrote no log:\n{console}");

        using var log = JsonDocument.Parse(File.ReadAllText(output));
        var run = log.RootElement.GetProperty("runs")[0];
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        if (run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out var rules))
        {
            foreach (var rule in rules.EnumerateArray())
            {
                defaults[rule.GetProperty("id").GetString()!] =
                    rule.TryGetProperty("defaultConfiguration", out var config) && config.TryGetProperty("level", out var level) ? level.GetString()! : "warning";
            }
        }
        var findings = new List<(string, string, string)>();
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var id = result.GetProperty("ruleId").GetString()!;
            var level = result.TryGetProperty("level", out var l) ? l.GetString()! : defaults.GetValueOrDefault(id, "warning");
            findings.Add((level, id, console.Split('\n').FirstOrDefault(line => line.Contains(id, StringComparison.Ordinal))?.Trim() ?? id));
        }
        if (run.TryGetProperty("invocations", out var invocations))
        {
            foreach (var invocation in invocations.EnumerateArray())
            {
                if (invocation.TryGetProperty("executionSuccessful", out var ok) && !ok.GetBoolean())
                    throw new XunitException($"sarif-multitool reports an unsuccessful run:\n{console}");
            }
        }
        return findings;
    }

    private static string ErrorsOf(List<(string Level, string Rule, string Text)> findings) =>
        string.Join("\n", findings.Where(f => f.Level == "error").Select(f => f.Text));

    [Fact]
    public void TheSharedSampleReportHasNoValidatorError()
    {
        var findings = Validate(SampleReport.Render("sarif"), "sample.sarif");
        Assert.True(findings.All(f => f.Level != "error"), "sarif-multitool errors:\n" + ErrorsOf(findings));
    }

    [Fact]
    public async Task AReportFromARealLintRunHasNoValidatorError()
    {
        var corpus = _dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory)) File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        var doc = Incidents.Valid("broken-record");
        var record = doc["record"]!.AsObject();
        record["sourceCount"] = 99;
        record["tags"]!.AsArray().Add(((string)record["tags"]![0]!).ToUpperInvariant());
        record.Remove("title");
        File.WriteAllText(Path.Combine(corpus, "broken-record.json"), Incidents.ToText(doc));
        File.WriteAllText(Path.Combine(corpus, "truncated.json"), "{\"record\": {");
        var linter = new Linter(new LintOptions { WorkingDirectory = corpus, Config = LintConfig.Defaults(corpus) });
        var result = await linter.LintAsync([]);
        Assert.True(result.Findings.Count >= 4, "the corpus should have findings:\n" + ReportText.Of(result.Findings));
        var input = new ReportInput(result, linter.Rules.Select(r => r.Metadata).ToList()) { WorkingDirectory = corpus };
        var findings = Validate(SampleReport.Render("sarif", input), "real.sarif");
        Assert.True(findings.All(f => f.Level != "error"), "sarif-multitool errors:\n" + ErrorsOf(findings));
    }

    [Fact]
    public void TheValidatorCatchesABrokenReport()
    {
        // Guards the harness: if the validator's output were not read, this would pass silently.
        var broken = JsonNode.Parse(SampleReport.Render("sarif"))!;
        var result = broken["runs"]![0]!["results"]![0]!;
        result["ruleIndex"] = 999;
        result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;
        var findings = Validate(broken.ToJsonString(), "broken.sarif");
        Assert.Contains(findings, f => f.Level == "error");
    }
}
