using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Engine;

/// <summary>
/// Lint, fix and dry run share one run loop: the same files are checked (<c>--corpus-only</c>, unreadable folders), the
/// same severities and <c>--quiet</c> apply, and fixing is a step inside it. Each test runs all three modes.
/// </summary>
public sealed class RunLoopTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public enum Mode { Lint, DryRun, Fix }

    public static TheoryData<Mode> Modes() => new(Mode.Lint, Mode.DryRun, Mode.Fix);

    private static async Task<LintResult> RunAsync(Linter linter, Mode mode, params string[] targets) => mode switch
    {
        Mode.Lint => await linter.LintAsync(targets),
        _ => (await linter.FixFilesAsync(targets, write: mode == Mode.Fix)).Result,
    };

    private void WriteCorpus()
    {
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            _dir.Write(Path.Combine("content", Path.GetFileName(file)), File.ReadAllText(file));
        _dir.Write("lint.config.json", """{ "include": ["content/**/*.json"] }""");
        _dir.Write("package.json", """{ "name": "site" }""");
    }

    /// <summary>The reproduction: <c>lint --corpus-only --fix-dry-run package.json</c> reported five schema errors on package.json.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CorpusOnlySkipsAFileOutsideTheCorpusInEveryMode(Mode mode)
    {
        WriteCorpus();
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, CorpusOnly = true });
        var result = await RunAsync(linter, mode, "package.json");
        Assert.Equal(0, result.FilesChecked);
        Assert.Empty(result.Findings);
        Assert.Equal("""{ "name": "site" }""", File.ReadAllText(_dir.Combine("package.json")));
    }

    [Fact]
    public async Task CorpusOnlyWithFixDryRunOnTheCommandLineChecksNoFile()
    {
        WriteCorpus();
        var (code, stdout, stderr) = await Cli.CliRunner.RunAsync("--corpus-only", "--fix-dry-run", "--config", _dir.Combine("lint.config.json"), _dir.Combine("package.json"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("0 problems", stdout);
        Assert.Contains("0 files checked", stdout);
        Assert.DoesNotContain("schema", stdout);
    }

    [SkippableUnlessChmodBlocksReadsTheory]
    [MemberData(nameof(Modes))]
    public async Task AnUnreadableFolderIsReportedInEveryMode(Mode mode)
    {
        WriteCorpus();
        var locked = _dir.Combine("content", "locked");
        _dir.Write("content/locked/hidden.json", "{");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path });
            var result = await RunAsync(linter, mode);
            var finding = Assert.Single(result.Findings);
            Assert.Equal(("content/locked", "invalid-json"), (finding.File, finding.RuleId));
            Assert.Contains("the folder cannot be read", finding.Message);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary><c>--quiet</c> and severities are applied in one place: a warning is dropped and not fixed in every mode.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task QuietDropsWarningsAndSeveritiesApplyInEveryMode(Mode mode)
    {
        WriteCorpus();
        var path = _dir.Combine("content", "icc-sanctions.json");
        var original = File.ReadAllText(path).Replace("\"tags\": [", "\"tags\": [\n      \"ICC\",", StringComparison.Ordinal);
        File.WriteAllText(path, original);
        // duplicate-tag is a warning by default: quiet drops it (and does not fix it); raised to error, it is reported.
        var quiet = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Quiet = true });
        var result = await RunAsync(quiet, mode, "content/icc-sanctions.json");
        Assert.Empty(result.Findings);
        Assert.Equal(original, File.ReadAllText(path));
        if (result.Fixes is { } fixes) Assert.Equal(0, fixes.AppliedFixes);

        var raised = new Linter(new LintOptions
        {
            WorkingDirectory = _dir.Path,
            Quiet = true,
            RuleOverrides = new Dictionary<string, Severity> { ["duplicate-tag"] = Severity.Error },
        });
        result = await RunAsync(raised, mode, "content/icc-sanctions.json");
        if (mode != Mode.Lint)
        {
            // The report is what remains (or would remain, in a dry run).
            Assert.Empty(result.Findings);
            Assert.Equal(1, result.Fixes!.AppliedFixes);
            Assert.Equal(mode == Mode.Fix ? original.Replace(",\n      \"icc\"", "", StringComparison.Ordinal) : original, File.ReadAllText(path));
        }
        else
        {
            var finding = Assert.Single(result.Findings);
            Assert.Equal(("duplicate-tag", Severity.Error), (finding.RuleId, finding.Severity));
            Assert.Equal(original, File.ReadAllText(path));
        }
    }
}

/// <summary>A theory that is skipped, with the reason, where <c>chmod 000</c> cannot make a folder unreadable (root, Windows).</summary>
public sealed class SkippableUnlessChmodBlocksReadsTheoryAttribute : TheoryAttribute
{
    public SkippableUnlessChmodBlocksReadsTheoryAttribute()
    {
        if (!Safety.HostileCorpus.ChmodBlocksReads) Skip = Safety.HostileCorpus.ChmodSkipReason;
    }
}
