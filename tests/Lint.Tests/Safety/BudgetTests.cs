using System.Diagnostics;
using System.Text;
using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Acceptance (#14): a budget for everything. Size limits on every file lint reads, regular files only (checked without
/// opening, so a FIFO never blocks), a work budget for schema evaluation and a stack budget for references, a time
/// budget for backtracking patterns per file and per run, caps on messages, and bounds on walking. Each case ends with
/// a finding or a clear exit-2 message, through the command line.
/// </summary>
public sealed class BudgetTests : IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<Cli.Run> Lint(params string[] args)
    {
        // A hang fails the test instead of blocking the suite.
        var run = await Cli.InProcessAsync(args).WaitAsync(Hang);
        run.AssertNoCrash();
        return run;
    }

    internal static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    private string Config(string json) => _dir.Write("lint.config.json", json);

    [Fact]
    public async Task AFifoAsTheConfigurationIsRefusedWithoutBlocking()
    {
        var config = _dir.Combine("lint.config.json");
        MakeFifo(config);
        var run = await Lint("--config", config);
        Assert.Equal(2, run.Exit);
        Assert.Contains("it is a named pipe (FIFO), not a regular file", run.Stderr);
    }

    [Fact]
    public async Task AFifoAsTheSchemaIsRefusedWithoutBlocking()
    {
        MakeFifo(_dir.Combine("schema.json"));
        var run = await Lint("--config", Config("""{ "schema": "schema.json" }"""));
        Assert.Equal(2, run.Exit);
        Assert.Contains("the schema file " + _dir.Combine("schema.json") + ": the file cannot be read: it is a named pipe (FIFO)", run.Stderr);
    }

    [Fact]
    public async Task AFifoAsAReferencedSchemaIsRefusedWithoutBlocking()
    {
        _dir.Write("schema.json", """{ "properties": { "record": { "$ref": "part.json" } } }""");
        MakeFifo(_dir.Combine("part.json"));
        var run = await Lint("--config", Config("""{ "schema": "schema.json" }"""));
        Assert.Equal(2, run.Exit);
        Assert.Contains("it is a named pipe (FIFO)", run.Stderr);
    }

    [Fact]
    public async Task AFifoAsAnIncidentFileIsAFindingWithoutBlocking()
    {
        Directory.CreateDirectory(_dir.Combine("corpus"));
        MakeFifo(_dir.Combine("corpus", "x.json"));
        var config = Config("""{ "include": ["corpus/*.json"] }""");
        var run = await Lint("--config", config, "--format", "json");
        Assert.Equal(1, run.Exit);
        var f = Assert.Single(run.Findings());
        Assert.Equal("invalid-json", f.RuleId);
        Assert.Contains("it is a named pipe (FIFO), not a regular file", f.Message);
        // Named on the command line too, and with --fix.
        run = await Lint("--config", config, "--format", "json", "--fix", _dir.Combine("corpus", "x.json"));
        Assert.Equal(1, run.Exit);
        Assert.Contains("named pipe", Assert.Single(run.Findings()).Message);
    }

    [Fact]
    public async Task AFifoAsTheBaselineOrTheCacheDoesNotBlock()
    {
        _dir.Write("corpus/x.json", "{}");
        var config = Config("""{ "include": ["corpus/*.json"], "cache": true }""");
        MakeFifo(_dir.Combine("lint-baseline.json"));
        MakeFifo(_dir.Combine(".lintcache"));
        var run = await Lint("--config", config, "--baseline", _dir.Combine("lint-baseline.json"));
        Assert.Equal(2, run.Exit);
        Assert.Contains("the baseline file " + _dir.Combine("lint-baseline.json") + ": the file cannot be read: it is a named pipe (FIFO)", run.Stderr);
        // The cache is only a cache: a FIFO there is ignored.
        run = await Lint("--config", config);
        Assert.Equal(1, run.Exit);
    }

    [Fact]
    public async Task ACommittedLinkToDevZeroAsTheConfigurationEndsAtOnce()
    {
        if (!File.Exists("/dev/zero")) return;
        var config = _dir.Combine("lint.config.json");
        File.CreateSymbolicLink(config, "/dev/zero");
        var run = await Lint("--config", config);
        Assert.Equal(2, run.Exit);
        Assert.Contains("leads outside the project", run.Stderr);
    }

    [Fact]
    public async Task TheConfigurationIsLimitedToOneMebibyte()
    {
        var config = _dir.Write("lint.config.json", "{ \"site\": \"https://example.org\"" + new string(' ', (int)LintLimits.ConfigurationSize) + "}");
        var run = await Lint("--config", config);
        Assert.Equal(2, run.Exit);
        Assert.Contains("the configuration " + config + " is over the size limit of 1048576 bytes", run.Stderr);
    }

    [Fact]
    public async Task TheSchemaAndEachReferencedFileHaveASizeLimit()
    {
        _dir.Write("schema.json", """{ "properties": { "record": { "$ref": "part.json" } } }""");
        _dir.Write("part.json", "{ \"type\": \"object\"" + new string(' ', 200) + "}");
        var run = await Lint("--config", Config("""{ "schema": "schema.json", "limits": { "schemaFileSize": 100 } }"""));
        Assert.Equal(2, run.Exit);
        Assert.Contains("schema.json:1:19: $ref \"part.json\": the schema file " + _dir.Combine("part.json") + " is over the size limit of 100 bytes (219 bytes)", run.Stderr);

        run = await Lint("--config", Config("""{ "schema": "schema.json", "limits": { "schemaFileSize": 10 } }"""));
        Assert.Equal(2, run.Exit);
        Assert.Contains("the schema file " + _dir.Combine("schema.json") + " is over the size limit of 10 bytes", run.Stderr);
    }

    [Fact]
    public async Task TheBaselineHasASizeLimit()
    {
        _dir.Write("corpus/x.json", "{}");
        var baseline = _dir.Write("lint-baseline.json", "{ \"version\": 1, \"entries\": [] }" + new string(' ', 100));
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "limits": { "baselineSize": 50 } }"""), "--baseline", baseline);
        Assert.Equal(2, run.Exit);
        Assert.Contains("the baseline file " + baseline + " is over the size limit of 50 bytes", run.Stderr);
    }

    [Fact]
    public async Task ACacheOverItsSizeLimitIsIgnored()
    {
        _dir.Write("corpus/x.json", "{}");
        var cache = _dir.Write(".lintcache/corpus-index", "LINTIDX\n" + new string('x', 500) + "\n");
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "cache": true, "limits": { "cacheSize": 100 } }"""));
        Assert.Equal(1, run.Exit);
        Assert.DoesNotContain(new string('x', 500), File.ReadAllText(cache));
    }

    [Fact]
    public async Task ABaselineThatRecordsTheLargestCountTwiceIsNoOverflow()
    {
        _dir.Write("corpus/x.json", "{}");
        var baseline = _dir.Write("lint-baseline.json", """
            { "version": 1, "entries": [
              { "file": "corpus/x.json", "rule": "schema", "pointer": "", "count": 2147483647 },
              { "file": "corpus/x.json", "rule": "schema", "pointer": "", "count": 2147483647 }
            ] }
            """);
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"] }"""), "--baseline", baseline, "--format", "json");
        // The entries merge into one of count 2147483647 (the sum saturates); the file's findings are new ones.
        Assert.Equal(1, run.Exit);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.NotEmpty(run.Findings());
    }

    [Fact]
    public async Task AFileOverTwoGibibytesWithARaisedLimitIsTooLargeNotACrash()
    {
        var big = _dir.Combine("corpus", "big.json");
        Directory.CreateDirectory(Path.GetDirectoryName(big)!);
        using (var stream = File.Create(big)) stream.SetLength(2L * 1024 * 1024 * 1024 + 100); // sparse
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "maxFileSize": 9000000000 }"""), "--format", "json");
        Assert.Equal(1, run.Exit);
        var f = Assert.Single(run.Findings());
        Assert.Equal("file-too-large", f.RuleId);
        Assert.Equal($"the file is 2147483748 bytes, over the largest file lint can read ({Array.MaxLength} bytes); it was not read", f.Message);
    }

    /// <summary>Each definition is an allOf of two references to the next: 2^depth evaluations of the last one.</summary>
    private static string ExponentialSchema(int depth)
    {
        var sb = new StringBuilder("{ \"$ref\": \"#/definitions/d0\", \"definitions\": {");
        for (int i = 0; i < depth; i++)
            sb.Append($"\"d{i}\": {{ \"allOf\": [ {{ \"$ref\": \"#/definitions/d{i + 1}\" }}, {{ \"$ref\": \"#/definitions/d{i + 1}\" }} ] }}, ");
        sb.Append($"\"d{depth}\": {{ \"type\": \"object\" }} }} }}");
        return sb.ToString();
    }

    [Fact]
    public async Task AnExponentialSchemaEndsWithAFindingInsteadOfAHang()
    {
        _dir.Write("schema.json", ExponentialSchema(40));
        _dir.Write("corpus/x.json", "{}");
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }"""), "--format", "json");
        Assert.Equal(1, run.Exit);
        var f = Assert.Single(run.Findings(), f => f.RuleId == "schema");
        Assert.StartsWith("the document could not be fully checked against the schema: checking it took more than 1,000,000 evaluation steps", f.Message);
    }

    [Fact]
    public async Task TheEvaluationBudgetIsConfigurable()
    {
        _dir.Write("schema.json", ExponentialSchema(12)); // 8,191 steps
        _dir.Write("corpus/x.json", "{}");
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "schema": "schema.json", "limits": { "schemaSteps": 1000 } }"""), "--format", "json");
        Assert.Contains("more than 1,000 evaluation steps", Assert.Single(run.Findings(), f => f.RuleId == "schema").Message);
        run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "schema": "schema.json", "limits": { "schemaSteps": 100000 } }"""), "--format", "json");
        Assert.DoesNotContain(run.Findings(), f => f.RuleId == "schema");
    }

    [Fact]
    public async Task AChainOfSixtyThousandReferencesIsAClearErrorNotAStackOverflow()
    {
        var sb = new StringBuilder("{ \"$ref\": \"#/definitions/d0\", \"definitions\": {");
        for (int i = 0; i < 60_000; i++) sb.Append($"\"d{i}\": {{ \"$ref\": \"#/definitions/d{i + 1}\" }}, ");
        sb.Append("\"d60000\": { \"type\": \"object\" } } }");
        _dir.Write("schema.json", sb.ToString());
        _dir.Write("corpus/x.json", "{}");
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }""");
        // A child process: a stack overflow would kill the test host.
        var run = await Cli.ChildProcessAsync(["--config", config], Hang, workingDirectory: _dir.Path);
        Assert.Equal(2, run.Exit);
        Assert.Contains("nest more than 1000 levels deep", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task BacktrackingPatternsHaveATimeBudgetPerFile()
    {
        // A lookahead needs the backtracking engine; on 30 letters the pattern backtracks for ever, so each match
        // would hit the 2-second timeout: 40 tags took 80 s for one file. Now the file's 2-second budget is spent by
        // the first match, and the others are not run, and say so.
        _dir.Write("schema.json", """
            { "properties": { "record": { "properties": { "tags": { "items": { "type": "string", "pattern": "^(a+)+(?=x)$" } } } } } }
            """);
        var tags = string.Join(", ", Enumerable.Range(0, 40).Select(i => "\"" + new string('a', 30) + "\""));
        _dir.Write("corpus/x.json", $"{{ \"record\": {{ \"tags\": [{tags}] }} }}");
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }""");
        var watch = Stopwatch.StartNew();
        var run = await Cli.ChildProcessAsync(["--config", config, "--format", "json"], Hang, workingDirectory: _dir.Path);
        watch.Stop();
        Assert.Equal(1, run.Exit);
        var findings = run.Findings().Where(f => f.RuleId == "schema").ToList();
        Assert.Equal(40, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains("matching took longer than 2 s", StringComparison.Ordinal));
        Assert.True(findings.Count(f => f.Message.Contains("not run, because backtracking patterns already took 2 s on this file", StringComparison.Ordinal)) >= 38);
        // A hang guard, not a speed measurement: 40 timeouts would take 80 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(45), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task BacktrackingPatternsHaveATimeBudgetPerRun()
    {
        _dir.Write("schema.json", """
            { "properties": { "record": { "properties": { "title": { "type": "string", "pattern": "^(a+)+(?=x)$" } } } } }
            """);
        for (int i = 0; i < 4; i++) _dir.Write($"corpus/x{i}.json", $"{{ \"record\": {{ \"title\": \"{new string('a', 30)}\" }} }}");
        var linter = new Linter(new LintOptions
        {
            WorkingDirectory = _dir.Path,
            ConfigPath = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json", "limits": { "regexMillisecondsPerRun": 1 } }"""),
            MaxDegreeOfParallelism = 1,
        });
        var result = await linter.LintAsync([]).WaitAsync(Hang);
        var messages = result.Findings.Where(f => f.RuleId == "schema").Select(f => f.Message).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Single(messages, m => m.Contains("could not be checked against the pattern", StringComparison.Ordinal) && m.Contains("took longer than", StringComparison.Ordinal));
        Assert.Equal(3, messages.Count(m => m.Contains("already took 0.001 s in this run", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AHugeEnumIsAbbreviatedInEveryMessageAndEveryFormat()
    {
        var values = string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"\"value-{i}\""));
        _dir.Write("schema.json", $$"""{ "properties": { "record": { "properties": { "tags": { "items": { "enum": [{{values}}] } } } } } }""");
        var tags = string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"nope-{i}\""));
        _dir.Write("corpus/x.json", $"{{ \"record\": {{ \"tags\": [{tags}] }} }}");
        var config = Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }""");
        var run = await Lint("--config", config, "--format", "json");
        var findings = run.Findings().Where(f => f.RuleId == "schema").ToList();
        Assert.Equal(200, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.True(f.Message.Length <= 2000, $"{f.Message.Length} characters");
            Assert.Contains("(49,990 more)", f.Message);
        });
        var sarif = _dir.Combine("out.sarif");
        run = await Lint("--config", config, "-f", "sarif", "-o", sarif);
        Assert.Equal(1, run.Exit);
        Assert.True(new FileInfo(sarif).Length < 2_000_000, $"{new FileInfo(sarif).Length} bytes of SARIF");
        run = await Lint("--config", config);
        Assert.True(run.Stdout.Length < 1_000_000, $"{run.Stdout.Length} characters of stylish output");
    }

    [Fact]
    public async Task MessageLengthIsConfigurable()
    {
        _dir.Write("corpus/x.json", "{ \"record\": { \"" + new string('q', 5000) + "\": 1 } }");
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "limits": { "messageLength": 100 } }"""), "--format", "json");
        Assert.All(run.Findings(), f => Assert.True(f.Message.Length <= 101, f.Message));
    }

    [Fact]
    public async Task AFolderDeeperThanTheWalkDepthIsReportedNotSkipped()
    {
        _dir.Write("corpus/a/b/c/d/x.json", "{}");
        _dir.Write("corpus/a/y.json", "{}");
        var run = await Lint("--config", Config("""{ "include": ["corpus/**/*.json"], "limits": { "walkDepth": 3 } }"""), "--format", "json");
        Assert.Equal(1, run.Exit);
        var findings = run.Findings();
        var deep = Assert.Single(findings, f => f.Message.StartsWith("the folder is nested more than 3 levels deep", StringComparison.Ordinal));
        Assert.Equal(_dir.Combine("corpus", "a", "b", "c"), deep.File);
        Assert.Contains(findings, f => f.File.EndsWith("y.json", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.File.EndsWith("x.json", StringComparison.Ordinal));
    }
}
