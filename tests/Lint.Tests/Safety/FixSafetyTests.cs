using System.Diagnostics;
using System.Text;
using Lint.IO;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Acceptance (#14): fixes keep what is not theirs. A read-only file is reported and left alone; owner, group and
/// mode are kept; a hard-linked file is refused; a concurrent edit right before the rename is not overwritten; two
/// <c>--fix</c> runs cannot both claim a fix; leftover temporary files are recognisable, never linted, and removed by
/// the next <c>--fix</c>. Through the command line.
/// </summary>
public sealed class FixSafetyTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _config;

    public FixSafetyTests()
    {
        _config = _dir.Write("lint.config.json", """{ "include": ["corpus/**"] }""");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A valid incident with a wrong sourceCount: one fixable finding.</summary>
    private string Fixable(string slug = "x")
    {
        var doc = Incidents.Valid(slug);
        doc["record"]!["sourceCount"] = 99;
        doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
        return _dir.Write($"corpus/{slug}.json", Incidents.ToText(doc));
    }

    private Task<Cli.Run> Fix(params string[] more) => Cli.InProcessAsync(["--config", _config, "--format", "json", "--fix", .. more]);

    [Fact]
    public async Task AReadOnlyFileIsReportedAndLeftAloneEvenForRoot()
    {
        var path = Fixable();
        var before = File.ReadAllBytes(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var mtime = File.GetLastWriteTimeUtc(path);
        var run = await Fix();
        run.AssertNoCrash();
        Assert.Equal(1, run.Exit);
        var f = Assert.Single(run.Findings());
        Assert.Equal("source-count", f.RuleId);
        Assert.EndsWith("(not fixed: the file could not be written: the file is read-only (mode 0444); lint leaves it as it is)", f.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(path));
        Assert.Contains("1 file could not be written", (await Cli.InProcessAsync(["--config", _config, "--fix"])).Stdout);
    }

    [Fact]
    public async Task OwnerGroupAndModeAreKept()
    {
        var path = Fixable();
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        File.SetUnixFileMode(path, mode);
        bool root = Posix.Stat(path) is { } s && s.Uid == 0 && Environment.UserName == "root";
        if (root) Assert.True(Posix.Chown(path, 12345, 23456, out _));
        var owner = Posix.Stat(path)!.Value;
        var run = await Fix();
        Assert.Equal(0, run.Exit);
        var after = Posix.Stat(path)!.Value;
        Assert.NotEqual(owner.Inode, after.Inode); // it was replaced, atomically
        Assert.Equal((owner.Uid, owner.Gid), (after.Uid, after.Gid));
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.DoesNotContain("\"sourceCount\": 99", File.ReadAllText(path));
    }

    [Fact]
    public async Task AHardLinkedFileIsRefusedWithAClearReason()
    {
        var path = Fixable();
        var other = _dir.Combine("elsewhere.json");
        using (var ln = Process.Start(new ProcessStartInfo("ln", [path, other]) { UseShellExecute = false })!) ln.WaitForExit();
        var before = File.ReadAllBytes(path);
        var run = await Fix();
        Assert.Equal(1, run.Exit);
        Assert.Contains("the file has 2 hard links; lint does not split them", Assert.Single(run.Findings()).Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(before, File.ReadAllBytes(other));
        Assert.Equal(2u, Posix.Stat(path)!.Value.Links);
    }

    [Fact]
    public async Task AnEditRightBeforeTheRenameIsNotOverwritten()
    {
        var path = Fixable();
        const string edited = "{ \"edited\": \"by an editor, after lint wrote its temporary file\" }\n";
        Lint.IO.AtomicFile.BeforeFinalCheck.Value = target => File.WriteAllText(target, edited);
        try
        {
            var run = await Fix();
            Assert.Equal(1, run.Exit);
            Assert.Contains("(not fixed: the file could not be written: the file changed while it was being fixed)", Assert.Single(run.Findings()).Message);
        }
        finally
        {
            Lint.IO.AtomicFile.BeforeFinalCheck.Value = null;
        }
        Assert.Equal(edited, File.ReadAllText(path));
        Assert.Equal(["x.json"], Directory.GetFiles(_dir.Combine("corpus")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TwoConcurrentFixRunsNeverBothClaimAFix()
    {
        const int files = 300;
        for (int i = 0; i < files; i++) Fixable($"incident-{i:D3}");
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => new Linter(new LintOptions { WorkingDirectory = _dir.Path, ConfigPath = _config }).FixFilesAsync([], write: true))));
        var claimed = runs.SelectMany(r => r.Files.Where(f => f.Written)).GroupBy(f => f.FullPath).ToList();
        // Each file's fix is claimed by exactly one run, and every file holds it.
        Assert.All(claimed, g => Assert.Single(g));
        Assert.Equal(files, claimed.Count);
        Assert.Equal(files, runs.Sum(r => r.Result.Fixes!.AppliedFixes));
        foreach (var path in Directory.GetFiles(_dir.Combine("corpus")))
            Assert.DoesNotContain("\"sourceCount\": 99", File.ReadAllText(path));
        Assert.Equal(files, Directory.GetFiles(_dir.Combine("corpus")).Length);
    }

    [Fact]
    public async Task TheLosingRunOfALockedFileReportsItAsNotWritten()
    {
        var path = Fixable();
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            Assert.True(Posix.TryLockExclusive(handle));
            var run = await Fix();
            Assert.Contains("another lint --fix run is writing this file at the same time", Assert.Single(run.Findings()).Message);
        }
        Assert.Contains("\"sourceCount\": 99", File.ReadAllText(path));
    }

    [Fact]
    public async Task LeftoverTemporaryFilesAreNeverLintedAndTheNextFixRemovesThem()
    {
        var path = Fixable();
        var leftover = _dir.Write($"corpus/.x.json.{Guid.NewGuid():N}.lint-fix.tmp", "{ \"half\": ");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-10));
        var live = _dir.Write($"corpus/.y.json.{Guid.NewGuid():N}.lint-fix.tmp", "{ \"live\": ");
        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddMinutes(-10));
        Assert.True(AtomicFile.IsTemporaryName(Path.GetFileName(leftover)));

        // A plain lint neither lints nor removes it (it touches no file).
        var lint = await Cli.InProcessAsync(["--config", _config, "--format", "json"]);
        Assert.DoesNotContain(lint.Findings(), f => f.File.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.True(File.Exists(leftover));

        // The next --fix removes the stale one, but not one that a running lint still holds locked.
        using (var handle = File.OpenHandle(live, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
        {
            Assert.True(Posix.TryLockExclusive(handle));
            var run = await Fix();
            Assert.Equal(0, run.Exit);
            Assert.False(File.Exists(leftover));
            Assert.True(File.Exists(live));
        }
        Assert.DoesNotContain("\"sourceCount\": 99", File.ReadAllText(path));
    }

    [Fact]
    public void TemporaryFilesAreNamedAsDocsFixingSays()
    {
        // docs/fixing.md: `.<name>.<32 hex digits>.lint-fix.tmp`.
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "fixing.md"));
        Assert.Contains("`.<name>.<32 hex digits>.lint-fix.tmp`", doc);
        var path = _dir.Write("a.json", "1");
        string? seen = null;
        Lint.IO.AtomicFile.BeforeFinalCheck.Value = _ => seen = Directory.GetFiles(_dir.Path, ".*").Select(Path.GetFileName).Single();
        try
        {
            Lint.IO.AtomicFile.Replace(path, Encoding.UTF8.GetBytes("1"), Encoding.UTF8.GetBytes("2"));
        }
        finally
        {
            Lint.IO.AtomicFile.BeforeFinalCheck.Value = null;
        }
        Assert.Matches(@"^\.a\.json\.[0-9a-f]{32}\.lint-fix\.tmp$", seen);
        Assert.True(AtomicFile.IsTemporaryName(seen!));
        Assert.Equal("2", File.ReadAllText(path));
    }

    [Fact]
    public async Task ASecondFixAfterManyRepeatedTagsChangesNothing()
    {
        var doc = Incidents.Valid("tags");
        doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
        var tags = doc["record"]!["tags"]!.AsArray();
        var tag = (string)tags[0]!;
        for (int i = 0; i < 3000; i++) tags.Add(tag);
        var path = _dir.Write("corpus/tags.json", Incidents.ToText(doc));
        var first = await Fix();
        Assert.Equal(0, first.Exit);
        var after = File.ReadAllBytes(path);
        var second = await Cli.InProcessAsync(["--config", _config, "--fix"]);
        Assert.Equal(0, second.Exit);
        Assert.Contains("0 fixes applied in 0 files", second.Stdout);
        Assert.Equal(after, File.ReadAllBytes(path));
    }
}
