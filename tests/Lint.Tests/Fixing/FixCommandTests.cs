using System.Diagnostics;
using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Fixing;

/// <summary>
/// Acceptance of <c>lint --fix</c> and <c>lint --fix-dry-run</c>, run as the real command on a copy of a corpus where
/// each file carries one defect, some fixable and some not.
/// </summary>
public sealed class FixCommandTests : IDisposable
{
    private static readonly DateTime OldTime = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Name, mutation of a valid record, and the text fixing must produce (null: not fixable, the file must stay as it is).</summary>
    private static IEnumerable<(string Name, Action<JsonObject, JsonObject> Mutate, Func<JsonObject, string>? Fixed)> Defects()
    {
        Func<JsonObject, string> valid = v => Incidents.ToText(v);
        yield return ("source-count", (_, r) => r["sourceCount"] = 9, valid);
        yield return ("document-count", (_, r) => r["documentCount"] = 3, valid);
        yield return ("update-count", (_, r) => r["updateCount"] = 0, valid);
        yield return ("related-self", (_, r) => r["relatedIncidents"]!.AsArray().Insert(1, (string)r["slug"]!), valid);
        yield return ("related-duplicate", (_, r) => r["relatedIncidents"]!.AsArray().Add((string)r["relatedIncidents"]![0]!), valid);
        yield return ("display-date", (_, r) => r["displayDate"] = "Feb 6, 2025", valid);
        yield return ("display-date-and-citation", (_, r) =>
        {
            r["displayLastUpdated"] = "14 February 2026";
            r["citation"] = ((string)r["citation"]!).Replace("Updated February 14, 2026", "Updated 14 February 2026");
        }, valid);
        yield return ("citation", (_, r) => r["citation"] = "Something else.", valid);
        yield return ("url", (_, r) => r["url"] = ((string)r["url"]!).Replace("/incident/", "/incidents/"), valid);
        yield return ("label", (_, r) => r["postureLabel"] = "Reported", valid);
        yield return ("duplicate-tag", (_, r) => r["tags"]!.AsArray().Add(((string)r["tags"]![1]!).ToUpperInvariant()), valid);
        yield return ("timeline-order", (_, r) => r["timeline"]!.AsArray().Add(new JsonObject { ["date"] = "2025-01-01", ["title"] = "Earlier event" }), v =>
        {
            v["record"]!["timeline"]!.AsArray().Insert(0, new JsonObject { ["date"] = "2025-01-01", ["title"] = "Earlier event" });
            return Incidents.ToText(v);
        });
        // Not fixable.
        yield return ("missing-title", (_, r) => r.Remove("title"), null);
        yield return ("mistyped-count", (_, r) => r["sourceCount"] = "2", null);
        yield return ("missing-related", (_, r) => r["relatedIncidents"]!.AsArray().Add("no-such-incident"), null);
        yield return ("unknown-posture", (_, r) => r["posture"] = "alleged", null);
        yield return ("date-order", (d, r) =>
        {
            r["date"] = "2026-03-01";
            r["timeline"]![0]!["date"] = "2026-03-01";
            Incidents.Recompute(d);
        }, null);
        yield return ("duplicate-source", (_, r) =>
        {
            var sources = r["sources"]!.AsArray();
            sources.Add(new JsonObject { ["url"] = (string)sources[0]!["url"]! + "/", ["title"] = "Same report" });
            r["sourceCount"] = sources.Count;
        }, null);
    }

    /// <summary>Writes the corpus; returns the expected content of every file after <c>--fix</c>.</summary>
    private Dictionary<string, byte[]> WriteCorpus()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        var expected = Directory.GetFiles(_dir.Path).ToDictionary(f => f, File.ReadAllBytes);
        foreach (var (name, mutate, fixedText) in Defects())
        {
            var slug = "defect-" + name;
            var doc = Incidents.Valid(slug);
            var validText = fixedText?.Invoke(doc.DeepClone().AsObject());
            mutate(doc, doc["record"]!.AsObject());
            var path = _dir.Write(slug + ".json", Incidents.ToText(doc));
            expected[path] = validText is null ? File.ReadAllBytes(path) : System.Text.Encoding.UTF8.GetBytes(validText);
        }
        // Formatting that must survive: CRLF without a final newline, and a file with escaped non-ASCII.
        var crlf = Incidents.Valid("defect-crlf");
        var crlfValid = Incidents.ToText(crlf).TrimEnd('\n').Replace("\n", "\r\n");
        crlf["record"]!["sourceCount"] = 5;
        var crlfPath = _dir.Write("defect-crlf.json", Incidents.ToText(crlf).TrimEnd('\n').Replace("\n", "\r\n"));
        expected[crlfPath] = System.Text.Encoding.UTF8.GetBytes(crlfValid);
        var escapedValid = File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-immunity-demands-rome-statute.json")).Replace("—", "\\u2014");
        var escapedPath = _dir.Write("icc-immunity-demands-rome-statute.json", escapedValid.Replace("\"updateCount\": 0", "\"updateCount\": 4"));
        Assert.Contains("\"updateCount\": 4", File.ReadAllText(escapedPath));
        expected[escapedPath] = System.Text.Encoding.UTF8.GetBytes(escapedValid);
        // Files that never get fixed: not well-formed, and a duplicate key.
        var truncated = Incidents.ToText(Incidents.Valid("defect-truncated")).Replace("\"sourceCount\": 2", "\"sourceCount\": 7");
        var truncatedPath = _dir.Write("defect-truncated.json", truncated[..(truncated.Length / 2)]);
        expected[truncatedPath] = File.ReadAllBytes(truncatedPath);
        _dir.Write("lint.config.json", "{ \"include\": [\"*.json\"], \"exclude\": [\"lint.config.json\"] }\n");
        foreach (var file in Directory.GetFiles(_dir.Path)) File.SetLastWriteTimeUtc(file, OldTime);
        return expected;
    }

    private Dictionary<string, (byte[] Bytes, DateTime Time)> Snapshot() =>
        Directory.GetFiles(_dir.Path).ToDictionary(f => f, f => (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f)));

    [Fact]
    public void FixChangesExactlyTheFilesWithFixableDefectsAndOnlyTheRepairedValues()
    {
        var expected = WriteCorpus();
        var before = Snapshot();

        var run = RunLint(_dir.Path, "--fix", "--no-color");

        var after = Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order()); // no temporary file left behind
        int changed = 0;
        foreach (var (file, want) in expected)
        {
            var got = after[file].Bytes;
            Assert.True(want.AsSpan().SequenceEqual(got), $"{Path.GetFileName(file)}:\n" + Lint.Fixing.UnifiedDiff.Create(Path.GetFileName(file), want, got));
            if (before[file].Bytes.AsSpan().SequenceEqual(got))
                Assert.Equal(OldTime, after[file].Time); // untouched: never rewritten
            else changed++;
        }
        int fixable = Defects().Count(d => d.Fixed is not null) + 2;
        Assert.Equal(fixable, changed);
        Assert.Contains($"fixes applied in {fixable} files", run.Stdout);
        Assert.Equal(1, run.ExitCode); // unfixable errors remain and are reported
        Assert.Contains("defect-missing-title.json", run.Stdout);
        Assert.DoesNotContain("defect-source-count.json", run.Stdout);

        // A second run changes nothing: same bytes, same modification times.
        var second = RunLint(_dir.Path, "--fix", "--no-color");
        var again = Snapshot();
        foreach (var (file, state) in after)
        {
            Assert.True(state.Bytes.AsSpan().SequenceEqual(again[file].Bytes), Path.GetFileName(file));
            Assert.Equal(state.Time, again[file].Time);
        }
        Assert.Contains("0 fixes applied in 0 files", second.Stdout);
        Assert.Contains("0 fixable with --fix", second.Stdout);
    }

    [Fact]
    public void DryRunWritesNothingAndPrintsADiffPerFixableFile()
    {
        var expected = WriteCorpus();
        var before = Snapshot();

        var run = RunLint(_dir.Path, "--fix-dry-run", "--no-color");

        var after = Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (file, state) in before)
        {
            Assert.True(state.Bytes.AsSpan().SequenceEqual(after[file].Bytes), Path.GetFileName(file));
            Assert.Equal(state.Time, after[file].Time);
        }
        var fixableFiles = expected.Where(e => !e.Value.AsSpan().SequenceEqual(before[e.Key].Bytes)).Select(e => Path.GetFileName(e.Key)).Order().ToList();
        var headers = run.Stdout.Split('\n').Where(l => l.StartsWith("--- a/", StringComparison.Ordinal)).Select(l => l["--- a/".Length..]).Order().ToList();
        Assert.Equal(fixableFiles, headers);
        Assert.Contains("+++ b/defect-source-count.json\n@@ ", run.Stdout);
        Assert.Contains("-    \"sourceCount\": 9,\n+    \"sourceCount\": 2,\n", run.Stdout);
        Assert.Contains($"fixes would be applied in {fixableFiles.Count} files (dry run, nothing written)", run.Stdout);
    }

    [Fact]
    public async Task FixAndDryRunTogetherAreAUsageError()
    {
        WriteCorpus();
        var before = Snapshot();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = Lint.Cli.CommandLineBuilder.Build(stdout, stderr);
        int code = await Lint.Cli.CommandLineBuilder.RunAsync(root, ["--fix", "--fix-dry-run", "-c", _dir.Combine("lint.config.json")], stderr);
        Assert.Equal(2, code);
        Assert.Contains("--fix and --fix-dry-run cannot be used together", stderr.ToString());
        Assert.All(Snapshot(), s => Assert.True(before[s.Key].Bytes.AsSpan().SequenceEqual(s.Value.Bytes)));
    }

    [Fact]
    public async Task AFileThatCannotBeWrittenIsReportedAndLeftAsItWas()
    {
        WriteCorpus();
        var before = Snapshot();
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, ConfigPath = _dir.Combine("lint.config.json") });
        var failing = _dir.Combine("defect-display-date.json");
        var inner = linter.WriteFile;
        linter.WriteFile = (path, original, content) =>
        {
            if (path == failing) throw new IOException("No space left on device");
            inner(path, original, content);
        };

        var run = await linter.FixFilesAsync([], write: true);

        Assert.True(before[failing].Bytes.AsSpan().SequenceEqual(File.ReadAllBytes(failing)));
        Assert.Equal(OldTime, File.GetLastWriteTimeUtc(failing));
        var finding = Assert.Single(run.Result.Findings, f => f.File == "defect-display-date.json");
        Assert.Equal("display-date", finding.RuleId);
        Assert.True(finding.IsFixable);
        Assert.EndsWith("(not fixed: the file could not be written: No space left on device)", finding.Message);
        var failed = Assert.Single(run.Files, f => f.Error is not null);
        Assert.False(failed.Written);
        Assert.Equal(1, run.Result.Fixes!.FailedFiles);
        Assert.Equal(run.Files.Count - 1, run.Result.Fixes.FilesFixed);
        var summary = Lint.Formatting.StylishFormatter.Summary(run.Result);
        Assert.Contains("1 file could not be written (fixes not applied)", summary);
        // What --fix just failed to write is not "fixable with --fix" in the same summary.
        Assert.Contains(", 0 fixable with --fix;", summary);
        // The other files were fixed.
        Assert.DoesNotContain(run.Result.Findings, f => f.File == "defect-source-count.json");
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs the built <c>lint</c> command in <paramref name="workingDirectory"/>.</summary>
    private static Run RunLint(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lint.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("lint did not finish");
        }
        return new Run(process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result);
    }
}
