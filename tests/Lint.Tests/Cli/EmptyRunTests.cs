using Lint.Cli;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>
/// Issue 15, points 2, 6 and 7: a run that could only pass on nothing is an error (exit 2) that says which pattern or
/// argument matched nothing, where it is written and which folder was probably meant; a file named on the command line
/// that is not linted gets a notice; <c>-o</c> never replaces an input; lint's own files are never incident files.
/// </summary>
public sealed class EmptyRunTests : IDisposable
{
    private readonly TempDir _dir = new();
    private const string Incident = "content/incidents/icc-sanctions.json";

    public EmptyRunTests()
    {
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            _dir.Write(Path.Combine("content", "incidents", Path.GetFileName(file)), File.ReadAllText(file));
        // One real defect, so that a run that lints the file cannot pass.
        var path = _dir.Combine(Incident);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"sourceCount\": 2", "\"sourceCount\": 3", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();

    private LintProcess.Result Lint(params string[] args) => LintProcess.Run(_dir.Path, args);

    private string Config(string json) => _dir.Write("lint.config.json", json + "\n");

    [Fact]
    public void AnIncludeWithAMisspeltFolderIsAnErrorThatNamesThePatternWhereItIsWrittenAndTheFolderMeant()
    {
        var config = Config("""{ "include": ["content/incident/**/*.json"] }""");
        var r = Lint();
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"lint: {config}:1:15: include pattern \"content/incident/**/*.json\" matches no file; did you mean \"content/incidents/**/*.json\"?\n", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void TheHookFormOnAFileWithAnErrorDoesNotPassWhenTheIncludeIsMisspelt()
    {
        // Before: the file was not in the (empty) corpus, so --corpus-only skipped it: 0 files checked, exit 0.
        Config("""{ "include": ["content/incident/**/*.json"] }""");
        var r = Lint("--corpus-only", Incident);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("include pattern \"content/incident/**/*.json\" matches no file; did you mean \"content/incidents/**/*.json\"?", r.Stderr);
        // With the folder spelt right, the same command finds the defect.
        Config("""{ "include": ["content/incidents/**/*.json"] }""");
        var fixedRun = Lint("--corpus-only", Incident);
        Assert.True(fixedRun.ExitCode == 1, fixedRun.ToString());
        Assert.Contains("sourceCount is 3 but sources has 2 entries", fixedRun.Stdout);
    }

    [Fact]
    public void CorpusOnlyWithNoFileAndAnEmptyCorpusIsAnError()
    {
        Config("""{ "include": ["data/**/*.json"] }""");
        var r = Lint("--corpus-only");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("include pattern \"data/**/*.json\" matches no file", r.Stderr);
    }

    [Fact]
    public void InitThenLintOnAProjectWhoseFilesAreElsewhereDoesNotSilentlyPass()
    {
        Directory.Move(_dir.Combine("content", "incidents"), _dir.Combine("records"));
        Assert.Equal(0, InitCommand.Run(_dir.Path, TextWriter.Null, TextWriter.Null));
        var r = Lint();
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith($"lint: {_dir.Combine("lint.config.json")}:2:15: include pattern \"content/incidents/**/*.json\" matches no file", r.Stderr);
    }

    [Fact]
    public void AnIncludeWhoseFilesAreAllExcludedSaysSo()
    {
        Config("""{ "include": ["content/incidents/*.json"], "exclude": ["content/**"] }""");
        var r = Lint();
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("include pattern \"content/incidents/*.json\" matches 7 files, but exclude (or lint's own files) removes every one", r.Stderr);
    }

    [Fact]
    public void AFolderArgumentWithoutAnyJsonFileIsAnError()
    {
        Config("""{ "include": ["content/incidents/**/*.json"] }""");
        Directory.CreateDirectory(_dir.Combine("empty-folder"));
        _dir.Write("empty-folder/notes.txt", "not json");
        var r = Lint("empty-folder/");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("lint: empty-folder/: no .json file in this folder or below it (command-line argument 1)\n", r.Stderr);
    }

    [Fact]
    public void AMisspeltFolderArgumentGetsTheFolderMeant()
    {
        Config("""{ "include": ["content/incidents/**/*.json"] }""");
        var r = Lint("content/incident/icc-sanctions.json");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("content/incident/icc-sanctions.json: no such file or directory; did you mean \"content/incidents/icc-sanctions.json\"?", r.Stderr);
    }

    [Fact]
    public void AnExplicitFileThatExcludeDropsGetsAOneLineNoticeNotAFinding()
    {
        var config = Config("""{ "include": ["content/incidents/**/*.json"], "exclude": ["**/drafts/**"] }""");
        _dir.Write("content/incidents/drafts/wip.json", "{ \"not\": \"an incident\" }");
        var r = Lint("content/incidents/drafts/wip.json", Incident);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal($"lint: notice: content/incidents/drafts/wip.json: not linted: the exclude pattern \"**/drafts/**\" ({config}:1:59) excludes it\n", r.Stderr);
        Assert.Contains("1 file checked", r.Stdout);
        Assert.DoesNotContain("wip.json", r.Stdout);
        // The hook form skips what is not an incident file without a word: that is what --corpus-only asks for.
        var hook = Lint("--corpus-only", "content/incidents/drafts/wip.json", Incident);
        Assert.Equal("", hook.Stderr);
    }

    [Theory]
    [InlineData("lint.config.json", "the configuration in use")]
    [InlineData(Incident, "a file being linted")]
    [InlineData("content/incidents/icc-immunity-demands-rome-statute.json", "an incident file of the corpus")]
    [InlineData("schemas/incident.json", "the incident schema in use")]
    [InlineData("lint-baseline.json", "a baseline file of this run")]
    public void TheReportNeverOverwritesAnInput(string output, string role)
    {
        Directory.CreateDirectory(_dir.Combine("schemas"));
        File.Copy(Path.Combine(Repo.Root, "schemas", "incident.schema.json"), _dir.Combine("schemas", "incident.json"));
        Config("""{ "include": ["content/incidents/**/*.json"], "schema": "schemas/incident.json", "site": "https://trumpswarcrimes.com" }""");
        var baseline = Lint("--write-baseline", "lint-baseline.json", Incident);
        Assert.True(baseline.ExitCode == 0 && File.Exists(_dir.Combine("lint-baseline.json")), baseline.ToString());
        var before = Directory.EnumerateFiles(_dir.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".lintcache")).ToDictionary(f => f, File.ReadAllBytes);
        var r = Lint("-o", output, "--baseline", "lint-baseline.json", Incident);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"lint: -o {output}: refusing to write the report over {role}; nothing was written (choose another file for the report)\n", r.Stderr);
        foreach (var (file, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{file} changed");
        // Elsewhere, the report is written.
        var ok = Lint("-o", "report.txt", "--baseline", "lint-baseline.json", Incident);
        Assert.True(ok.ExitCode is 0 or 1, ok.ToString());
        Assert.True(File.Exists(_dir.Combine("report.txt")));
    }

    [Fact]
    public void LintsOwnFilesAreNeverLintedWhateverExcludeSays()
    {
        // A custom exclude replaces the default one, which listed lint.config.json and lint-baseline.json.
        var config = Config("""{ "include": ["**/*.json"], "exclude": ["**/drafts/**"], "site": "https://trumpswarcrimes.com" }""");
        File.WriteAllText(_dir.Combine(Incident), File.ReadAllText(_dir.Combine(Incident)).Replace("\"sourceCount\": 3", "\"sourceCount\": 2", StringComparison.Ordinal));
        var write = Lint("--write-baseline", "my-baseline.json");
        Assert.True(write.ExitCode == 0, write.ToString());
        // What a corpus index or a killed --fix leaves behind.
        _dir.Write(".lintcache/stray.json", "{}");
        _dir.Write("cache-elsewhere/stray.json", "{}");
        _dir.Write($"content/incidents/.icc-sanctions.json.{new string('a', 32)}.lint-fix.tmp", "{}");
        var r = Lint("--baseline", "my-baseline.json", "--cache-location", "cache-elsewhere", "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using (var report = System.Text.Json.JsonDocument.Parse(r.Stdout))
            Assert.Equal(7, report.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
        // Named on the command line, they are skipped with a notice.
        var named = Lint("lint.config.json", "my-baseline.json", Incident, "--baseline", "my-baseline.json");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Contains("lint: notice: lint.config.json: not linted: it is the configuration in use, not an incident file", named.Stderr);
        Assert.Contains("lint: notice: my-baseline.json: not linted: it is a baseline file of this run, not an incident file", named.Stderr);
        Assert.Contains("1 file checked", named.Stdout);
        Assert.True(File.Exists(config));
    }
}
