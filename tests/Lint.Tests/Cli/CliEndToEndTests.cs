using System.Text.Json;
using System.Text.RegularExpressions;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>
/// Every output format, <c>--fix-dry-run</c> and <c>--fix</c> through a real process, on the managed build and on the
/// NativeAOT binary (<see cref="LintBinary.Builds"/>), against one set of golden files in <c>Golden/</c>: both builds
/// must print the same report and write the same bytes. The corpus is the bundled examples with defects for the rules
/// whose fixes write JSON strings (citation-format, display-date, taxonomy-label, url-slug: once broken under NativeAOT
/// by reflection-based serialization), a count, a repeated tag and a dangling related slug.
/// </summary>
public sealed partial class CliEndToEndTests : IDisposable
{
    private static readonly string GoldenDirectory = Path.Combine(Repo.SourceDirectory(), "Golden");
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, byte[]> _before;

    public CliEndToEndTests()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        _dir.Write("lint.config.json", """{ "include": ["*.json"], "exclude": ["lint.config.json"], "site": "https://trumpswarcrimes.com" }""");
        Break("icc-sanctions.json", "\"sourceCount\": 2", "\"sourceCount\": 3");
        Break("icc-sanctions.json", "\"categoryLabel\": \"Rule of Law\"", "\"categoryLabel\": \"Rule of law\"");
        Break("icc-sanctions.json", "\"displayDate\": \"February 6, 2025\"", "\"displayDate\": \"February 6 2025\"");
        Break("icc-sanctions.json", "\"url\": \"https://trumpswarcrimes.com/incident/icc-sanctions\"", "\"url\": \"https://trumpswarcrimes.com/incident/icc-sanction\"");
        Break("gaza-arms-complicity.json", "Published January 25, 2025. Updated January 30, 2026.", "Published January 25, 2025. Updated January 3, 2026.");
        Break("gaza-arms-complicity.json", "\"war crimes\",\n      \"accountability\",", "\"war crimes\",\n      \"War Crimes\",");
        Break("gaza-arms-complicity.json", "\"relatedIncidents\": [\n      \"icc-immunity-demands-rome-statute\"", "\"relatedIncidents\": [\n      \"icc-immunity-demands-rome-statut\"");
        _before = Files();
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> BuildsAndFormats
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var build in LintBinary.Builds)
                foreach (var format in new[] { "stylish", "json", "sarif", "github", "junit" })
                    data.Add(build, format);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BuildsAndFormats))]
    public void EveryFormatPrintsItsGoldenReport(string build, string format)
    {
        var run = Lint(build, "--no-color", "--format", format);
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Equal("", run.Stderr);
        Golden.Verify(Path.Combine(GoldenDirectory, $"e2e.{format}.txt"), Stable(run.Stdout));
        AssertUnchanged();
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void FixDryRunPrintsTheDiffAndFixWritesTheGoldenFiles(string build)
    {
        var dryRun = Lint(build, "--no-color", "--fix-dry-run");
        Assert.Equal("", dryRun.Stderr);
        Golden.Verify(Path.Combine(GoldenDirectory, "e2e.fix-dry-run.txt"), Stable(dryRun.Stdout));
        AssertUnchanged();

        var fix = Lint(build, "--no-color", "--fix");
        Assert.Equal("", fix.Stderr);
        // What cannot be fixed is still reported (the dangling related slug: exit 1), with what was fixed.
        Assert.True(fix.ExitCode == 1, $"exit {fix.ExitCode}\n{fix.Stdout}");
        Golden.Verify(Path.Combine(GoldenDirectory, "e2e.fix.txt"), Stable(fix.Stdout));
        foreach (var (name, before) in _before)
        {
            var after = File.ReadAllBytes(_dir.Combine(name));
            var golden = Path.Combine(GoldenDirectory, "fixed", name);
            if (before.AsSpan().SequenceEqual(after))
            {
                if (Golden.Updating && File.Exists(golden)) File.Delete(golden);
                Assert.False(File.Exists(golden), $"--fix left {name} unchanged, but {golden} exists");
                continue;
            }
            Golden.VerifyBytes(golden, after);
        }
        Assert.True(Directory.Exists(Path.Combine(GoldenDirectory, "fixed")), "--fix changed no file");

        // A second run finds only what no fix can repair.
        var again = Lint(build, "--no-color", "--format", "json");
        Assert.Equal(1, again.ExitCode);
        using var report = JsonDocument.Parse(again.Stdout);
        var rules = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).Distinct().ToList();
        Assert.Equal(["related-exists"], rules);
    }

    private LintProcess.Result Lint(string build, params string[] args) => LintProcess.Run(_dir.Path, args, binary: LintBinary.Named(build));

    private void Break(string file, string from, string to)
    {
        var path = _dir.Combine(file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private Dictionary<string, byte[]> Files() =>
        Directory.GetFiles(_dir.Path, "*.json").Where(f => Path.GetFileName(f) != "lint.config.json")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private void AssertUnchanged()
    {
        foreach (var (name, before) in _before)
            Assert.True(before.AsSpan().SequenceEqual(File.ReadAllBytes(_dir.Combine(name))), $"{name} was written by a run that must not write");
    }

    /// <summary>The report without what changes from run to run: elapsed times and the temporary folder.</summary>
    private string Stable(string output) =>
        JUnitTime().Replace(SummaryTime().Replace(output, "in 0.00s"), "time=\"0\"")
            .Replace(new Uri(_dir.Path + "/").AbsoluteUri, "file:///WORKDIR/", StringComparison.Ordinal)
            .Replace(_dir.Path, "/WORKDIR", StringComparison.Ordinal);

    [GeneratedRegex(@"in \d+\.\d\ds")]
    private static partial Regex SummaryTime();

    [GeneratedRegex(@"time=""[0-9.]+""")]
    private static partial Regex JUnitTime();
}
