using System.Diagnostics;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Acceptance (#14): globs and names. <c>..</c> in a pattern is a clear exit-2 message with the pattern and its source;
/// a backslash in a file name is a character; a name that is not valid UTF-8 and a path longer than PATH_MAX are
/// reported as what they are. And the schema-safety guard checks exactly what the loader loads. Through the command line.
/// </summary>
public sealed class GlobAndNameTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        // rm copes with paths longer than PATH_MAX, which .NET's recursive delete cannot remove.
        if (Directory.Exists(_dir.Combine("corpus"))) Shell($"rm -rf '{_dir.Combine("corpus")}'");
        _dir.Dispose();
    }

    private static void Shell(string script)
    {
        using var p = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    private string Config(string json) => _dir.Write("lint.config.json", json);

    private static async Task<Cli.Run> Lint(params string[] args)
    {
        var run = await Cli.InProcessAsync(args).WaitAsync(TimeSpan.FromSeconds(60));
        run.AssertNoCrash();
        return run;
    }

    [Fact]
    public async Task DotDotInACommandLineGlobIsExit2NamingTheArgument()
    {
        _dir.Write("inc/a.json", "{}");
        var config = Config("""{ "include": ["inc/*.json"] }""");
        var run = await Lint("--config", config, _dir.Combine("inc", "a.json"), "inc/../inc/*.json");
        Assert.Equal(2, run.Exit);
        Assert.Contains("command-line argument 2: invalid pattern \"inc/../inc/*.json\": a pattern may not contain '..'", run.Stderr);
    }

    [Theory]
    [InlineData("""{ "include": ["inc/*.json"], "exclude": ["inc/../x/**"] }""", "lint.config.json:1:42: invalid pattern \"inc/../x/**\"")]
    [InlineData("""{ "include": ["inc/*.json"], "overrides": [ { "files": ["../**"], "rules": { "schema": "off" } } ] }""", "lint.config.json:1:57: invalid pattern \"../**\"")]
    [InlineData("""{ "include": ["inc/**/../*.json"] }""", "lint.config.json:1:15: invalid pattern \"inc/**/../*.json\"")]
    public async Task DotDotInTheConfigurationIsExit2WithFileLineColumn(string json, string expected)
    {
        var run = await Lint("--config", Config(json));
        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Stderr);
    }

    [Fact]
    public async Task ABackslashInAFileNameIsACharacterNotAFolderSeparator()
    {
        if (OperatingSystem.IsWindows()) return;
        // inc/legacy\bad.json is a file in inc, not in inc/legacy: the legacy override does not apply to it.
        _dir.Write("inc/legacy\\bad.json", "{}");
        _dir.Write("inc/drafts\\x.json", "{}");
        var config = Config("""
            {
              "include": ["inc/**/*.json"],
              "exclude": ["**/drafts/**"],
              "overrides": [ { "files": ["inc/legacy/**"], "rules": { "schema": "off" } } ]
            }
            """);
        var run = await Lint("--config", config, "--format", "json");
        Assert.Equal(1, run.Exit);
        var files = run.Findings().Where(f => f.RuleId == "schema").Select(f => Path.GetFileName(f.File)).Distinct().Order().ToList();
        Assert.Equal(["drafts\\x.json", "legacy\\bad.json"], files);
        // Named on the command line, it is not dropped as excluded either.
        run = await Lint("--config", config, "--format", "json", _dir.Combine("inc", "drafts\\x.json"));
        Assert.Equal(1, run.Exit);
        Assert.Contains(run.Findings(), f => f.File.EndsWith("inc/drafts\\x.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANameThatIsNotValidUtf8IsReportedAsSuch()
    {
        if (!OperatingSystem.IsLinux()) return;
        Directory.CreateDirectory(_dir.Combine("corpus"));
        Shell($"cd '{_dir.Combine("corpus")}' && printf '{{}}' > \"$(printf 'bad\\377name.json')\"");
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"] }"""), "--format", "json");
        Assert.Equal(1, run.Exit);
        var f = Assert.Single(run.Findings());
        Assert.Equal("invalid-json", f.RuleId);
        Assert.StartsWith("the name is not valid UTF-8", f.Message);
        Assert.DoesNotContain("no longer exists", f.Message);
    }

    [Fact]
    public async Task APathLongerThanPathMaxIsReportedNotSkipped()
    {
        if (!OperatingSystem.IsLinux()) return;
        Directory.CreateDirectory(_dir.Combine("corpus"));
        _dir.Write("corpus/short.json", "{}");
        // 20 folders of 250 characters: over 5,000 bytes, made with relative steps (no single path is too long).
        Shell($"cd '{_dir.Combine("corpus")}' && d=$(printf 'd%.0s' $(seq 1 250)) && for i in $(seq 1 20); do mkdir $d && cd $d; done && printf '{{}}' > x.json");
        var run = await Lint("--config", Config("""{ "include": ["corpus/**/*.json"] }"""), "--format", "json");
        Assert.Equal(1, run.Exit);
        var findings = run.Findings();
        Assert.Contains(findings, f => f.File.EndsWith("short.json", StringComparison.Ordinal));
        Assert.True(findings.Any(f => f.Message.Contains("PATH_MAX", StringComparison.Ordinal)), run.Stdout + run.Stderr);
        var tooLong = Assert.Single(findings, f => f.Message.Contains("PATH_MAX", StringComparison.Ordinal));
        Assert.Equal("invalid-json", tooLong.RuleId);
        Assert.Contains("over the system's limit of 4,096 (PATH_MAX)", tooLong.Message);
    }

    [Fact]
    public async Task TheGuardChecksTheFileAnIdRelativeReferenceLoads()
    {
        // Under "$id": "sub/", "x.json" is sub/x.json: the guard must check that file, not ./x.json.
        _dir.Write("schema.json", """{ "$id": "sub/", "properties": { "record": { "$ref": "x.json" } } }""");
        _dir.Write("x.json", """{ "type": "object" }""");
        _dir.Write("sub/x.json", """{ "type": "object", "unevaluatedProperties": false }""");
        var run = await Lint("--config", Config("""{ "schema": "schema.json" }"""));
        Assert.Equal(2, run.Exit);
        Assert.Contains(_dir.Combine("sub", "x.json") + ":1:21: the schema uses 'unevaluatedProperties'", run.Stderr);
    }

    [Fact]
    public async Task TheGuardChecksAKeywordUnderDefaultThatAReferenceLoads()
    {
        _dir.Write("schema.json", """
            {
              "properties": { "record": { "$ref": "#/definitions/a/default" } },
              "definitions": { "a": { "default": { "dependentRequired": { "x": ["y"] } } } }
            }
            """);
        var run = await Lint("--config", Config("""{ "schema": "schema.json" }"""));
        Assert.Equal(2, run.Exit);
        Assert.Contains("schema.json:3:40: the schema uses 'dependentRequired'", run.Stderr);
    }

    [Fact]
    public async Task AKeywordUnderDefaultThatNothingLoadsIsNotAProblem()
    {
        _dir.Write("schema.json", """{ "properties": { "record": { "default": { "dependentRequired": { "x": ["y"] } } } } }""");
        _dir.Write("corpus/x.json", "{}");
        var run = await Lint("--config", Config("""{ "include": ["corpus/*.json"], "schema": "schema.json" }"""));
        Assert.Equal(0, run.Exit);
    }
}
