using System.Text;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Acceptance: every hostile file gets at least one finding and the run exits 1, never a crash, a stack trace or a
/// hang, for each file alone and for the whole folder, through the command line's entry point.
/// </summary>
public sealed class HostileCorpusTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _project;
    private readonly string _corpus;
    private readonly string _config;
    private readonly List<string> _bad;

    public HostileCorpusTests()
    {
        _project = _dir.Combine("project");
        _corpus = Path.Combine(_project, "corpus");
        _bad = HostileCorpus.Write(_corpus, _dir.Combine("outside"));
        _config = Path.Combine(_project, "lint.config.json");
        File.WriteAllText(_config, "{ \"include\": [\"corpus/**/*.json\"] }");
    }

    public void Dispose()
    {
        // Give the unreadable file its permissions back so that the folder can be removed.
        var locked = Path.Combine(_corpus, "unreadable.json");
        if (File.Exists(locked) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _dir.Dispose();
    }

    /// <summary>For some cases, the rule and a part of the message they must get (the others need one finding of any rule).</summary>
    private static readonly Dictionary<string, (string Rule, string Fragment)> Expected = new()
    {
        ["empty.json"] = ("invalid-json", "the file is empty"),
        ["whitespace-only.json"] = ("invalid-json", "only whitespace"),
        ["binary-garbage.json"] = ("invalid-json", "not valid UTF-8"),
        ["latin1.json"] = ("invalid-json", "not valid UTF-8"),
        ["overlong-utf8.json"] = ("invalid-json", "not valid UTF-8"),
        ["encoded-surrogate.json"] = ("invalid-json", "not valid UTF-8"),
        ["utf16.json"] = ("invalid-json", ""),
        ["bom.json"] = ("invalid-json", "byte order mark"),
        ["null.json"] = ("schema", "must be an object"),
        ["empty-array.json"] = ("schema", "must be an object"),
        ["bare-string.json"] = ("schema", "must be an object"),
        ["null-record.json"] = ("schema", "record must be an object"),
        ["wrong-types.json"] = ("schema", "must be"),
        ["deep-arrays.json"] = ("invalid-json", "nested more than 256 levels"),
        ["deep-objects.json"] = ("invalid-json", "nested more than 256 levels"),
        ["deep-unclosed.json"] = ("invalid-json", ""),
        ["deep-within-limit.json"] = ("schema", "record.tags[0] must be a string"),
        ["deep-over-limit-in-record.json"] = ("invalid-json", "nested more than 256 levels"),
        // A 60-digit integer is a valid integer for JSON Schema; the count rule owns it.
        ["huge-integer.json"] = ("document-count", "documentCount is 1234567890123456789012345678901234567890…"),
        ["fractional-count.json"] = ("schema", "must be an integer"),
        ["control-characters.json"] = ("citation-format", "\\u001B[31mred"),
        ["bidi-override.json"] = ("schema", "\\u202E"),
        ["raw-control-in-string.json"] = ("invalid-json", ""),
        ["trailing-garbage.json"] = ("invalid-json", ""),
        ["second-value.json"] = ("invalid-json", "unexpected content after the JSON value"),
        ["trailing-comma.json"] = ("invalid-json", "trailing comma"),
        ["line-comment.json"] = ("invalid-json", "comments are not allowed"),
        ["block-comment.json"] = ("invalid-json", "comments are not allowed"),
        ["duplicate-keys.json"] = ("duplicate-key", "'title' is defined twice"),
        ["single-quotes.json"] = ("invalid-json", ""),
        ["nan.json"] = ("invalid-json", ""),
        ["nul-bytes.json"] = ("invalid-json", ""),
        ["hostile-key.json"] = ("schema", "unknown property '\\u000A::error file=x::forged\\u001B[2J'"),
        ["loop-a.json"] = ("invalid-json", "symbolic link that loops"),
        ["link-outside.json"] = ("invalid-json", "leads outside the project"),
        ["link-dev-zero.json"] = ("invalid-json", "leads outside the project"),
        ["unreadable.json"] = ("invalid-json", "permission denied"),
        ["folder.json/inside-folder.json"] = ("invalid-json", ""),
    };

    private string[] Args(params string[] rest) => ["--config", _config, "--format", "json", .. rest];

    private void AssertEachBadFileHasAFinding(Cli.Run run, IEnumerable<string> files)
    {
        var findings = run.Findings();
        var failures = new List<string>();
        foreach (var relative in files)
        {
            var full = Path.GetFullPath(Path.Combine(_corpus, relative));
            var mine = findings.Where(f => f.File == full).ToList();
            if (mine.Count == 0)
            {
                failures.Add($"{relative}: no finding");
                continue;
            }
            if (Expected.TryGetValue(relative, out var want) && !mine.Any(f => f.RuleId == want.Rule && f.Message.Contains(want.Fragment, StringComparison.Ordinal)))
                failures.Add($"{relative}: expected a {want.Rule} finding containing \"{want.Fragment}\", got:\n    " + string.Join("\n    ", mine.Select(f => $"{f.RuleId}: {f.Message}")));
            if (mine.Any(f => f.Line < 1 || f.Column < 1)) failures.Add($"{relative}: a finding without a valid position");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EachBadFileAloneGetsAFindingAndExitCode1()
    {
        var failures = new List<string>();
        foreach (var relative in _bad)
        {
            var run = await Cli.InProcessAsync(Args(Path.Combine(_corpus, relative)));
            try
            {
                run.AssertNoCrash();
                Assert.Equal(1, run.Exit);
                Assert.Equal("", run.Stderr);
                AssertEachBadFileHasAFinding(run, [relative]);
                Assert.DoesNotContain("s3cr3t", run.Stdout);
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
            {
                failures.Add($"{relative} (exit {run.Exit}): {ex.Message}\nstderr: {run.Stderr}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task TheWholeFolderGetsAFindingPerBadFileAndExitCode1()
    {
        foreach (var args in new[] { Args(_corpus), Args() })
        {
            var run = await Cli.InProcessAsync(args);
            run.AssertNoCrash();
            Assert.True(run.Exit == 1, $"exit {run.Exit}\n{run.Stderr}");
            Assert.Equal("", run.Stderr);
            AssertEachBadFileHasAFinding(run, _bad);
            var findings = run.Findings();
            // The link to a parent folder is not followed: no file is found twice under a longer path.
            Assert.DoesNotContain(findings, f => f.File.Contains($"{Path.DirectorySeparatorChar}parent{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            // The folder named folder.json is walked, never read as a file.
            Assert.DoesNotContain(findings, f => f.File == Path.Combine(_corpus, "folder.json"));
            // Nothing of the file outside the project leaks, not even its slug through a corpus rule.
            Assert.DoesNotContain("s3cr3t", run.Stdout);
            // Every finding is on a file of the corpus.
            Assert.All(findings, f => Assert.Contains(Path.GetRelativePath(_corpus, f.File).Replace('\\', '/'), _bad));
        }
    }

    [Fact]
    public async Task TheStylishReportOfTheWholeFolderCarriesNoControlCharacters()
    {
        var run = await Cli.InProcessAsync(["--config", _config, "--no-color", _corpus]);
        run.AssertNoCrash();
        Assert.Equal(1, run.Exit);
        foreach (var line in run.Stdout.Split('\n'))
        {
            Assert.True(Lint.Parsing.Text.IsSafe(line.TrimEnd('\r')), $"unsafe line: {line}");
            Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal), $"a line reads as a workflow command: {line}");
        }
        Assert.Contains($"{_bad.Count} files checked", run.Stdout);
    }

    [Fact]
    public void UnreadableFileCaseIsSkippedOnlyWhereChmodCannotBlockReads()
    {
        // Made explicit rather than silent: where chmod 000 does not block reads, the unreadable case is not in the
        // corpus and EngineRobustnessTests.AnUnreadableFileGetsAFinding is skipped with this reason.
        Assert.Equal(HostileCorpus.ChmodBlocksReads, _bad.Contains("unreadable.json"));
    }

    [Fact]
    public async Task AThirtyMegabyteStringIsTooLargeByDefaultAndHandledWithARaisedLimit()
    {
        var doc = HostileCorpus.Record("huge-string");
        doc["record"]!["contentHtml"] = new string('x', 30 * 1024 * 1024);
        doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
        var path = _dir.Write("big/huge-string.json", Incidents.ToText(doc));

        var tooLarge = await Cli.InProcessAsync(Args(path));
        tooLarge.AssertNoCrash();
        Assert.Equal(1, tooLarge.Exit);
        // Only the named file's findings: the hostile corpus's own dangling related slugs are reported too (whole-corpus check).
        var finding = Assert.Single(tooLarge.Findings(), f => !f.Message.EndsWith(Finding.OutsideTargetsNote, StringComparison.Ordinal));
        Assert.Equal("file-too-large", finding.RuleId);
        Assert.Contains($"over the limit of {10 * 1024 * 1024} bytes", finding.Message);

        var raised = _dir.Write("big/lint.config.json", "{ \"maxFileSize\": 67108864 }");
        var handled = await Cli.InProcessAsync(["--config", raised, "--format", "json", path]);
        handled.AssertNoCrash();
        Assert.True(handled.Exit == 0, handled.Stdout + handled.Stderr);
        Assert.Empty(handled.Findings());
    }

    [Fact]
    public async Task AMultiMegabyteHostileStringIsQuotedShortAndSafe()
    {
        var doc = HostileCorpus.Record("huge-title");
        doc["record"]!["category"] = string.Concat(Enumerable.Repeat("\u001b[31m\u202E", 700_000));
        var path = _dir.Write("big2/huge-title.json", Incidents.ToText(doc));
        Assert.InRange(new FileInfo(path).Length, 8_000_000, 10 * 1024 * 1024);
        var run = await Cli.InProcessAsync(Args(path));
        run.AssertNoCrash();
        Assert.Equal(1, run.Exit);
        var finding = Assert.Single(run.Findings(), f => f.RuleId == "schema");
        Assert.True(finding.Message.Length < 1000, finding.Message);
        Assert.True(Lint.Parsing.Text.IsSafe(finding.Message), finding.Message);
        // The report is short: the hostile corpus's own dangling related slugs (whole-corpus check) aside, a few lines.
        var own = string.Join("\n", run.Stdout.Split('\n').Where(l => !l.Contains(Finding.OutsideTargetsNote, StringComparison.Ordinal)));
        Assert.True(own.Length < 10_000, $"{own.Length} characters");
        Assert.DoesNotContain('\u001b', run.Stdout);
    }
}
