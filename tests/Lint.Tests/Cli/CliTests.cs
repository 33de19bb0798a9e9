using System.Text.Json;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>
/// The <c>lint</c> command as users run it: a real process, real exit codes; each test runs on the managed build and on
/// the NativeAOT binary (<see cref="LintBinary.Builds"/>).
/// </summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public CliTests()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        _dir.Write("lint.config.json", """{ "include": ["*.json"], "exclude": ["lint.config.json"], "site": "https://trumpswarcrimes.com" }""");
    }

    public void Dispose() => _dir.Dispose();

    private LintProcess.Result Lint(string build, params string[] args) => LintProcess.Run(_dir.Path, args, binary: LintBinary.Named(build));

    private void Break(string file, string from, string to)
    {
        var path = _dir.Combine(file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void CleanCorpusExitsZeroWithSummary(string build)
    {
        var r = Lint(build);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^0 problems \(0 errors, 0 warnings\), 0 fixable with --fix; 7 files checked in \d+\.\d\ds\n$", r.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal("", r.Stderr);
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void TheRepositoryConfigurationLintsTheBundledExamples(string build)
    {
        var r = LintProcess.Run(Repo.Root, [], binary: LintBinary.Named(build));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("7 files checked", r.Stdout);
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void ErrorsExitOneAndStylishGroupsByFile(string build)
    {
        Break("icc-sanctions.json", "\"sourceCount\": 2", "\"sourceCount\": 3");
        Break("icc-sanctions.json", "\"Rule of Law\"", "\"Rule of law\"");
        Break("gaza-arms-complicity.json", "\"war crimes\",\n      \"accountability\",", "\"war crimes\",\n      \"War Crimes\",");
        var r = Lint(build, "--no-color");
        Assert.Equal(1, r.ExitCode);
        var expected = """
            gaza-arms-complicity.json
              27:7  warning  tag "War Crimes" repeats tags[0]  duplicate-tag

            icc-sanctions.json
              14:22  error  categoryLabel "Rule of law" should be "Rule of Law", the label of category "rule-of-law"  taxonomy-label
              33:20  error  sourceCount is 3 but sources has 2 entries                                                source-count


            """.ReplaceLineEndings("\n");
        var stdout = r.Stdout.ReplaceLineEndings("\n");
        Assert.StartsWith(expected.TrimEnd('\n') + "\n\n", stdout);
        Assert.Matches(@"\n3 problems \(2 errors, 1 warning\), 3 fixable with --fix; 7 files checked in \d+\.\d\ds\n$", stdout);
        Assert.DoesNotContain("\u001b", stdout);
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void WarningsAloneExitZeroAndQuietHidesThem(string build)
    {
        Break("gaza-arms-complicity.json", "\"war crimes\",\n      \"accountability\",", "\"war crimes\",\n      \"War Crimes\",");
        var r = Lint(build);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("duplicate-tag", r.Stdout);
        r = Lint(build, "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("duplicate-tag", r.Stdout);
        Assert.Contains("0 problems", r.Stdout);
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void RuleOverridesChangeSeverity(string build)
    {
        Break("icc-sanctions.json", "\"sourceCount\": 2", "\"sourceCount\": 3");
        Assert.Equal(0, Lint(build, "--rule", "source-count=off").ExitCode);
        var r = Lint(build, "--rule", "source-count=warning");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning", r.Stdout);
        Assert.Equal(1, Lint(build, "--rule", "source-count=warning", "--rule", "source-count=error").ExitCode);
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void JsonFormatIsParseable(string build)
    {
        Break("icc-sanctions.json", "\"sourceCount\": 2", "\"sourceCount\": 3");
        var r = Lint(build, "--format", "json", "icc-sanctions.json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var f = doc.RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("source-count", f.GetProperty("ruleId").GetString());
        Assert.Equal("/record/sourceCount", f.GetProperty("pointer").GetString());
        Assert.Equal(33, f.GetProperty("line").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void PathsDirectoriesAndGlobs(string build)
    {
        Directory.CreateDirectory(_dir.Combine("sub"));
        File.Copy(_dir.Combine("icc-sanctions.json"), _dir.Combine("sub", "icc-sanctions.json"));
        var r = Lint(build, "sub");
        Assert.Equal(1, r.ExitCode); // duplicate slug with the corpus copy
        Assert.Contains("1 file checked", r.Stdout);
        r = Lint(build, "icc-*.json");
        Assert.Contains("2 files checked", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    public static TheoryData<string, string[], string> UsageErrors
    {
        get
        {
            var data = new TheoryData<string, string[], string>();
            foreach (var build in LintBinary.Builds)
            {
                data.Add(build, new[] { "--bogus" }, "unknown option '--bogus'");
                data.Add(build, new[] { "icc-sanctions.json", "--bogus" }, "unknown option '--bogus'");
                data.Add(build, new[] { "--format", "xml" }, "xml");
                data.Add(build, new[] { "--rule", "nope=off" }, "unknown rule 'nope'");
                data.Add(build, new[] { "--rule", "source-count=fatal" }, "--rule expects ID=off|warning|error (such as --rule duplicate-tag=off), not 'source-count=fatal'");
                data.Add(build, new[] { "missing.json" }, "missing.json: no such file or directory");
                data.Add(build, new[] { "nothing/*.json" }, "no files match this pattern");
                data.Add(build, new[] { "--config", "absent.json" }, "absent.json: configuration file not found");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageErrorsExitTwoWithAReasonAndNoStackTrace(string build, string[] args, string reason)
    {
        var r = Lint(build, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(reason, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Exception", r.Stderr);
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void InvalidConfigurationExitsTwoWithFileLineColumn(string build)
    {
        _dir.Write("lint.config.json", "{\n  \"rules\": { \"source-count\": \"sometimes\" }\n}");
        var r = Lint(build);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("lint.config.json:2:30: invalid configuration: rules[\"source-count\"] must be one of 'off', 'warning', 'error', found string \"sometimes\"", r.Stderr);
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void RulesListsEveryRule(string build)
    {
        var r = Lint(build, "rules");
        Assert.Equal(0, r.ExitCode);
        foreach (var rule in global::Lint.Rules.RuleRegistry.BuiltIn)
        {
            string fix = global::Lint.Rules.FixAvailabilityNames.ToName(rule.Metadata.FixAvailability);
            Assert.Matches($@"(?m)^{rule.Metadata.Id}\s+{rule.Metadata.DefaultSeverity.ToName()}\s+{fix}\s+", r.Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(LintBinary.Builds), MemberType = typeof(LintBinary))]
    public void OutputFileGetsTheReportAndTheConsoleTheSummary(string build)
    {
        Break("icc-sanctions.json", "\"sourceCount\": 2", "\"sourceCount\": 3");
        var r = Lint(build, "--format", "json", "-o", "report.json");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("1 problem (1 error, 0 warnings)", r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(_dir.Combine("report.json")));
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
    }
}
