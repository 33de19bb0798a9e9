using Lint.Cli;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Corpus;

/// <summary><c>lint rename OLD NEW</c> end to end on a corpus: clean result, untouched files byte-identical, refusals exit 2.</summary>
public sealed class RenameCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public RenameCommandTests()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        // CRLF line endings and no final newline in one referring file: the rename must keep both.
        var rome = _dir.Combine("icc-immunity-demands-rome-statute.json");
        File.WriteAllText(rome, File.ReadAllText(rome).ReplaceLineEndings("\r\n").TrimEnd());
        _dir.Write("lint.config.json", """{ "include": ["*.json"], "site": "https://trumpswarcrimes.com" }""");
    }

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Stdout, string Stderr) Rename(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        bool dryRun = args.Contains("--dry-run");
        var positional = args.Where(a => a != "--dry-run").ToArray();
        int exit = RenameCommand.Run(new RenameCommandOptions(positional[0], positional[1], dryRun, null, NoCache: false), _dir.Path, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(_dir.Path, "*.json").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [Fact]
    public void RenamesTheIncidentAndEveryReferenceAndTheResultLintsClean()
    {
        var before = Snapshot();
        var (exit, stdout, stderr) = Rename("icc-sanctions", "icc-sanctions-2025");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("Renamed \"icc-sanctions\" to \"icc-sanctions-2025\": moved icc-sanctions.json to icc-sanctions-2025.json and 2 references in 2 files.", stdout);

        var after = Snapshot();
        Assert.False(after.ContainsKey("icc-sanctions.json"));
        // The moved file: slug, url and citation changed, nothing else.
        var expectedMoved = System.Text.Encoding.UTF8.GetString(before["icc-sanctions.json"])
            .Replace("\"slug\": \"icc-sanctions\"", "\"slug\": \"icc-sanctions-2025\"", StringComparison.Ordinal)
            .Replace("/incident/icc-sanctions\"", "/incident/icc-sanctions-2025\"", StringComparison.Ordinal)
            .Replace("/incident/icc-sanctions.", "/incident/icc-sanctions-2025.", StringComparison.Ordinal);
        Assert.Equal(expectedMoved, System.Text.Encoding.UTF8.GetString(after["icc-sanctions-2025.json"]));
        // The referring files: only the entry changed (CRLF and the missing final newline kept).
        foreach (var name in new[] { "attacks-on-judiciary.json", "icc-immunity-demands-rome-statute.json" })
        {
            var expected = System.Text.Encoding.UTF8.GetString(before[name]).Replace("\"icc-sanctions\",", "\"icc-sanctions-2025\",", StringComparison.Ordinal);
            Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(after[name]));
        }
        // Untouched files are byte-identical.
        foreach (var name in before.Keys.Except(["icc-sanctions.json", "attacks-on-judiciary.json", "icc-immunity-demands-rome-statute.json"]))
            Assert.Equal(before[name], after[name]);

        var lint = LintProcess.Run(_dir.Path, []);
        Assert.True(lint.ExitCode == 0, lint.Stdout + lint.Stderr);
        Assert.Contains("0 problems", lint.Stdout);
    }

    [Fact]
    public void DryRunPrintsTheDiffAndWritesNothing()
    {
        var before = Snapshot();
        var (exit, stdout, _) = Rename("icc-sanctions", "icc-sanctions-2025", "--dry-run");
        Assert.Equal(0, exit);
        Assert.Contains("--- a/icc-sanctions.json\n+++ b/icc-sanctions-2025.json\n", stdout);
        Assert.Contains("-    \"slug\": \"icc-sanctions\",\n+    \"slug\": \"icc-sanctions-2025\",\n", stdout);
        Assert.Contains("--- a/attacks-on-judiciary.json\n+++ b/attacks-on-judiciary.json\n", stdout);
        Assert.Contains("+      \"icc-sanctions-2025\",", stdout);
        Assert.Contains("nothing was written (--dry-run)", stdout);
        var after = Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var name in before.Keys) Assert.Equal(before[name], after[name]);
    }

    [Theory]
    [InlineData("icc-sanctions", "attacks-on-judiciary", "the slug \"attacks-on-judiciary\" already exists: declared by attacks-on-judiciary.json")]
    [InlineData("icc-sanction", "x-2025", "no incident of the corpus has the slug \"icc-sanction\"; did you mean \"icc-sanctions\"?")]
    [InlineData("icc-sanctions", "ICC_Sanctions", "\"ICC_Sanctions\" is not a valid slug")]
    [InlineData("icc-sanctions", "icc-sanctions", "the old and the new slug are the same")]
    public void RefusalsExitTwoAndWriteNothing(string from, string to, string message)
    {
        var before = Snapshot();
        var (exit, stdout, stderr) = Rename(from, to);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("lint: rename refused: " + message, stderr);
        var after = Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var name in before.Keys) Assert.Equal(before[name], after[name]);
    }

    [Fact]
    public void AReferringFileThatDoesNotParseRefusesTheWholeRename()
    {
        var path = _dir.Combine("attacks-on-judiciary.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"icc-sanctions\",", "\"icc-sanctions\",,", StringComparison.Ordinal));
        var before = Snapshot();
        var (exit, _, stderr) = Rename("icc-sanctions", "icc-sanctions-2025");
        Assert.Equal(2, exit);
        Assert.Matches(@"lint: rename refused: attacks-on-judiciary\.json:\d+:\d+: the file does not parse", stderr);
        var after = Snapshot();
        foreach (var name in before.Keys) Assert.Equal(before[name], after[name]);
        Assert.False(File.Exists(_dir.Combine("icc-sanctions-2025.json")));
    }

    [Fact]
    public void ATargetFileThatExistsRefuses()
    {
        _dir.Write("drafts-note.txt", "x");
        File.WriteAllText(_dir.Combine("icc-sanctions-2025.json"), "not json, and not in the way of anything but the name");
        _dir.Write("lint.config.json", """{ "include": ["*.json"], "exclude": ["icc-sanctions-2025.json"] }""");
        var (exit, _, stderr) = Rename("icc-sanctions", "icc-sanctions-2025");
        Assert.Equal(2, exit);
        Assert.Contains("icc-sanctions-2025.json already exists", stderr);
    }

    [Fact]
    public void TheRealCommandRefusesWithExitTwo()
    {
        var run = LintProcess.Run(_dir.Path, ["rename", "no-such-slug", "new-slug"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lint: rename refused: no incident of the corpus has the slug \"no-such-slug\"", run.Stderr);
        var ok = LintProcess.Run(_dir.Path, ["rename", "gaza-arms-complicity", "gaza-arms-complicity-2025", "--dry-run"]);
        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
        Assert.Contains("+++ b/gaza-arms-complicity-2025.json", ok.Stdout);
        Assert.True(File.Exists(_dir.Combine("gaza-arms-complicity.json")));
    }
}
