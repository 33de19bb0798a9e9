using System.Collections.Concurrent;
using Lint.Config;
using Lint.Corpus;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Corpus;

/// <summary>
/// The persistent corpus index (<c>.lintcache/corpus-index</c>): on by default, consulted only while a file's stamp is
/// unchanged, and never able to change a finding: every test compares with a <c>--no-cache</c> run.
/// </summary>
public sealed class CorpusIndexTests : IDisposable
{
    private readonly TempDir _dir = new();

    public CorpusIndexTests()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        Settle();
    }

    public void Dispose() => _dir.Dispose();

    private string IndexPath => _dir.Combine(".lintcache", "corpus-index");

    private const string Rome = "icc-immunity-demands-rome-statute.json";

    /// <summary>Waits out the racy window: entries of files changed less than this before a run are not kept.</summary>
    private static void Settle() => Thread.Sleep(TimeSpan.FromTicks(CorpusIndexFile.RacyWindowNs / 100) + TimeSpan.FromMilliseconds(50));

    private Linter NewLinter(bool cache = true, LintConfig? config = null, Func<string, FileStamp?>? stat = null, ConcurrentBag<string>? reads = null)
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = config ?? LintConfig.Defaults(_dir.Path), Cache = cache });
        if (stat is not null) linter.Stat = stat;
        if (reads is not null) linter.FileRead = path => reads.Add(Path.GetFileName(path));
        return linter;
    }

    private static string Render(LintResult result) =>
        string.Join("\n", result.Findings.Select(f => $"{f.File}:{f.Line}:{f.Column} {f.RuleId} {f.Message} outside={f.OutsideTargets}"));

    /// <summary>Lints <paramref name="targets"/> with the index and without it, asserts both agree, and returns the findings.</summary>
    private async Task<string> LintBothWays(params string[] targets)
    {
        var withIndex = Render(await NewLinter().LintAsync(targets));
        var without = Render(await NewLinter(cache: false).LintAsync(targets));
        Assert.Equal(without, withIndex);
        return withIndex;
    }

    /// <summary>Rewrites a file with the same length, keeping its modification time (what <c>cp -p</c> or <c>touch -r</c> leave).</summary>
    private void RewriteKeepingTime(string name, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var path = _dir.Combine(name);
        var time = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, time);
    }

    [Fact]
    public async Task TheIndexIsOnByDefaultBesideTheConfigurationAndIgnoredByGit()
    {
        Assert.Equal(0, LintProcess.Run(_dir.Path, []).ExitCode);
        Assert.True(File.Exists(IndexPath));
        Assert.Equal("*", File.ReadAllLines(_dir.Combine(".lintcache", ".gitignore")).Last());
        var index = LoadIndex();
        Assert.True(index.Loaded);
        Assert.Equal(7, index.Count);
    }

    [Fact]
    public async Task AWarmRunOpensOnlyTheFileBeingLinted()
    {
        var reads = new ConcurrentBag<string>();
        await NewLinter(reads: reads).LintAsync([Rome]);
        // Cold: the linted file once (its entry comes from the same read), every other corpus file once for the index.
        Assert.Equal(7, reads.Count);
        Assert.Single(reads, Rome);

        reads.Clear();
        Assert.Empty((await NewLinter(reads: reads).LintAsync([Rome])).Findings);
        Assert.Equal([Rome], reads.ToArray());
    }

    [Fact]
    public async Task AWholeCorpusRunReadsEachFileOnce()
    {
        var reads = new ConcurrentBag<string>();
        await NewLinter(reads: reads).LintAsync([]);
        Assert.Equal(7, reads.Count);
        Assert.Equal(7, reads.Distinct().Count());
    }

    [Fact]
    public async Task NoCacheNeitherReadsNorWritesTheIndex()
    {
        await NewLinter(cache: false).LintAsync([]);
        Assert.False(Directory.Exists(_dir.Combine(".lintcache")));
        // "cache": false in the configuration does the same.
        await NewLinter(config: LintConfig.Defaults(_dir.Path) with { Cache = false }).LintAsync([]);
        Assert.False(Directory.Exists(_dir.Combine(".lintcache")));
        _dir.Write("lint.config.json", """{ "cache": false }""");
        Assert.Equal(0, LintProcess.Run(_dir.Path, []).ExitCode);
        Assert.False(Directory.Exists(_dir.Combine(".lintcache")));
        // The library leaves the index off unless asked.
        await new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = LintConfig.Defaults(_dir.Path) }).LintAsync([]);
        Assert.False(Directory.Exists(_dir.Combine(".lintcache")));
    }

    [Fact]
    public async Task AnUnchangedFileIsTakenFromTheIndex()
    {
        // Positive control for the tests below: a hand-made index that lies, with the file's exact stamp and the right
        // key, is believed. (Only lint itself writes such an index; see docs/performance.md on what the index trusts.)
        await NewLinter().LintAsync([]);
        WriteIndex(entries => entries["icc-sanctions.json"] = (entries["icc-sanctions.json"].Stamp, entries["icc-sanctions.json"].Entry with { Slug = "something-else" }));
        var result = await NewLinter().LintAsync([Rome]);
        Assert.Contains(result.Findings, f => f.RuleId == "related-exists" && f.Message.Contains("\"icc-sanctions\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASizeChangeMakesTheEntryStale()
    {
        await NewLinter().LintAsync([]);
        var path = _dir.Combine("icc-sanctions.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"slug\": \"icc-sanctions\"", "\"slug\": \"icc-sanctions-renamed\"", StringComparison.Ordinal));
        var findings = await LintBothWays(Rome);
        Assert.Contains("related incident \"icc-sanctions\" does not exist in the corpus; did you mean \"icc-sanctions-renamed\"?", findings);
    }

    [Fact]
    public async Task ASameSizeRewriteWithTheOldModificationTimeIsStillSeen()
    {
        // cp -p, rsync -t and touch -r restore the modification time; the status-change time still moves.
        await NewLinter().LintAsync([]);
        RewriteKeepingTime("icc-sanctions.json", "\"slug\": \"icc-sanctions\"", "\"slug\": \"icc-sanctionz\"");
        var findings = await LintBothWays(Rome);
        Assert.Contains("related incident \"icc-sanctions\" does not exist in the corpus; did you mean \"icc-sanctionz\"?", findings);
    }

    [Fact]
    public async Task AModificationTimeChangeAloneMakesTheEntryStale()
    {
        await NewLinter().LintAsync([]);
        WriteIndex(entries => entries["icc-sanctions.json"] = (entries["icc-sanctions.json"].Stamp, entries["icc-sanctions.json"].Entry with { Slug = "something-else" }));
        File.SetLastWriteTimeUtc(_dir.Combine("icc-sanctions.json"), DateTime.UtcNow.AddMinutes(-5));
        Assert.DoesNotContain("related-exists", await LintBothWays(Rome));
    }

    [Fact]
    public async Task AnotherFileIdWithTheSameSizeAndTimesMakesTheEntryStale()
    {
        // A file replaced by another one (a checkout, a rename over it) whose size and times happen to match.
        var fake = new ConcurrentDictionary<string, FileStamp>();
        FileStamp? Stat(string path) => fake.GetOrAdd(path, p => FileStamp.Of(p)!.Value);
        await NewLinter(stat: Stat).LintAsync([]);
        var sanctions = _dir.Combine("icc-sanctions.json");
        RewriteKeepingTime("icc-sanctions.json", "\"slug\": \"icc-sanctions\"", "\"slug\": \"icc-sanctionz\"");
        fake[sanctions] = fake[sanctions] with { Inode = fake[sanctions].Inode + 1 };
        var result = Render(await NewLinter(stat: Stat).LintAsync([Rome]));
        Assert.Contains("related incident \"icc-sanctions\" does not exist", result);
    }

    [Fact]
    public async Task ARacyEntryIsReadAgainEvenWhenItsStampDoesNotMove()
    {
        // A coarse file system (whole seconds, no status-change time, no id): a same-size rewrite within the same
        // second leaves the stamp exactly as it was. The entry was recorded too close to the file's change to be trusted.
        long now = FileStamp.NowNs() / 1_000_000_000 * 1_000_000_000;
        FileStamp? Stat(string path) => new FileStamp(new FileInfo(path).Length, now, 0, 0, 0);
        Assert.Empty((await NewLinter(stat: Stat).LintAsync([])).Findings);
        RewriteKeepingTime("icc-sanctions.json", "\"slug\": \"icc-sanctions\"", "\"slug\": \"icc-sanctionz\"");
        var result = Render(await NewLinter(stat: Stat).LintAsync([Rome]));
        Assert.Contains("related incident \"icc-sanctions\" does not exist", result);

        // Stamps clearly older than the run are trusted: that run records them.
        FileStamp? OldStat(string path) => new FileStamp(new FileInfo(path).Length, now - 3_600_000_000_000, 0, 0, 0);
        await NewLinter(stat: OldStat).LintAsync([]);
        Assert.Equal(7, LoadIndex().Count);
    }

    [Fact]
    public async Task ARewriteRightAfterARunIsSeenOnARealFileSystem()
    {
        var path = _dir.Combine("icc-sanctions.json");
        File.WriteAllText(path, File.ReadAllText(path) + " ");
        await NewLinter().LintAsync([]); // the file changed a moment ago: its entry is racy and not kept
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"slug\": \"icc-sanctions\"", "\"slug\": \"icc-sanctionz\"", StringComparison.Ordinal));
        Assert.Contains("related incident \"icc-sanctions\" does not exist", Render(await NewLinter().LintAsync([Rome])));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("foreign-version")]
    [InlineData("legacy-slug-cache")]
    public async Task AnUnusableIndexIsIgnoredAndRebuilt(string damage)
    {
        // A corpus with findings, so that "no finding lost" means something: a dangling reference and a wrong count.
        var sanctions = _dir.Combine("attacks-on-judiciary.json");
        File.WriteAllText(sanctions, File.ReadAllText(sanctions).Replace("\"icc-sanctions\"", "\"icc-sanction\"", StringComparison.Ordinal));
        Settle();
        var expected = await LintBothWays();
        Assert.Contains("did you mean \"icc-sanctions\"?", expected);
        var bytes = File.ReadAllBytes(IndexPath);
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(IndexPath, bytes[..(bytes.Length / 2)]); break;
            case "flipped": bytes[bytes.Length / 2] ^= 0x20; File.WriteAllBytes(IndexPath, bytes); break;
            case "garbage": File.WriteAllText(IndexPath, "not an index at all"); break;
            case "empty": File.WriteAllBytes(IndexPath, []); break;
            case "foreign-version":
                var entries = CorpusIndexFile.Parse(bytes, KeyOfDefaults)!;
                var other = CorpusIndexFile.Serialize(KeyOfDefaults, entries.ToDictionary(e => e.Key, e => (e.Value.Item1, e.Value.Item2 with { Slug = "lie" })));
                other[8] = (byte)(CorpusIndexFile.FormatVersion + 1); // the version field follows the 8-byte magic
                // with a valid checksum for the changed bytes, so only the version tells it apart
                var body = other[..^32];
                System.Security.Cryptography.SHA256.HashData(body).CopyTo(other, body.Length);
                File.WriteAllBytes(IndexPath, other);
                break;
            case "legacy-slug-cache":
                Directory.Delete(_dir.Combine(".lintcache"), recursive: true);
                File.WriteAllText(_dir.Combine(".lintcache"), "lint slug cache v1\nicc-sanctions.json\t1\t1\tlie\n");
                break;
        }
        Assert.Equal(expected, await LintBothWays());
        Assert.Equal(expected, await LintBothWays(Rome, "attacks-on-judiciary.json"));
        Assert.True(LoadIndex().Loaded, "the index was rebuilt");
    }

    [Fact]
    public async Task AHandMadeIndexThatOmitsAFileOrLiesWithoutTheFilesStampChangesNothing()
    {
        var expected = await LintBothWays(Rome);
        // Omits a file: it is read.
        WriteIndex(entries => entries.Remove("icc-sanctions.json"));
        Assert.Equal(expected, await LintBothWays(Rome));
        // Lies about a slug, with a stamp made up by hand (another status-change time): not believed.
        WriteIndex(entries => entries["icc-sanctions.json"] = (entries["icc-sanctions.json"].Stamp with { ChangedNs = 1 }, entries["icc-sanctions.json"].Entry with { Slug = "lie" }));
        Assert.Equal(expected, await LintBothWays(Rome));
        // Edited in place (the checksum no longer matches): ignored.
        var bytes = File.ReadAllBytes(IndexPath);
        int at = IndexOf(bytes, "icc-sanctions"u8.ToArray());
        bytes[at] = (byte)'x';
        File.WriteAllBytes(IndexPath, bytes);
        Assert.Equal(expected, await LintBothWays(Rome));
    }

    [Fact]
    public async Task AnotherConfigurationOrSchemaDoesNotUseTheIndex()
    {
        var schema = _dir.Write("incident.schema.json", File.ReadAllText(Path.Combine(Repo.Root, "schemas", "incident.schema.json")));
        var config = LintConfig.Defaults(_dir.Path) with { Schema = schema };
        await NewLinter(config: config).LintAsync([]);
        // A lie with the exact stamps, under this configuration's key.
        var key = CorpusIndexFile.KeyOf(config);
        var entries = CorpusIndexFile.Parse(File.ReadAllBytes(IndexPath), key)!;
        entries["icc-sanctions.json"] = (entries["icc-sanctions.json"].Item1, entries["icc-sanctions.json"].Item2 with { Slug = "lie" });
        File.WriteAllBytes(IndexPath, CorpusIndexFile.Serialize(key, entries));
        Assert.Contains("related-exists", Render(await NewLinter(config: config).LintAsync([Rome]))); // believed under its key

        File.WriteAllBytes(IndexPath, CorpusIndexFile.Serialize(key, entries));
        File.AppendAllText(schema, "\n"); // the schema changed
        Assert.DoesNotContain("related-exists", Render(await NewLinter(config: config).LintAsync([Rome])));

        File.WriteAllBytes(IndexPath, CorpusIndexFile.Serialize(key, entries));
        var otherConfig = config with { Site = "https://example.org" }; // the configuration changed
        Assert.DoesNotContain("related-exists", Render(await NewLinter(config: otherConfig).LintAsync([Rome])).Replace("url-slug", ""));
        Assert.NotEqual(key, CorpusIndexFile.KeyOf(otherConfig));
    }

    [Fact]
    public async Task ConcurrentRunsNeverCorruptTheIndexOrEachOthersResults()
    {
        var dangling = _dir.Combine("gaza-arms-complicity.json");
        File.WriteAllText(dangling, File.ReadAllText(dangling).Replace("\"relatedIncidents\": [", "\"relatedIncidents\": [\n      \"no-such-incident\",", StringComparison.Ordinal));
        Settle();
        string[][] targets = [[], [Rome], ["icc-sanctions.json", "gaza-arms-complicity.json"], ["attacks-on-judiciary.json"]];
        var expected = new string[targets.Length];
        for (int t = 0; t < targets.Length; t++) expected[t] = Render(await NewLinter(cache: false).LintAsync(targets[t]));
        var runs = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            int t = i % targets.Length;
            if (i % 5 == 0 && File.Exists(IndexPath)) File.Delete(IndexPath);
            return (t, Render(await NewLinter().LintAsync(targets[t])));
        })).ToList();
        foreach (var (t, rendered) in await Task.WhenAll(runs)) Assert.Equal(expected[t], rendered);
        Assert.True(LoadIndex().Loaded);
        Assert.Empty(Directory.GetFiles(_dir.Combine(".lintcache"), "*.tmp"));

        // Two processes at once, too.
        var processes = Enumerable.Range(0, 2).Select(_ => Task.Run(() => LintProcess.Run(_dir.Path, ["--format", "json"]))).ToList();
        foreach (var p in await Task.WhenAll(processes))
        {
            Assert.Equal(1, p.ExitCode);
            Assert.Contains("no-such-incident", p.Stdout);
        }
        Assert.True(LoadIndex().Loaded);
    }

    [Fact]
    public void TheCommandLineOptionsMoveOrSkipTheIndexAndTheOldSpellingStillWorks()
    {
        var elsewhere = _dir.Combine("cache-here");
        Assert.Equal(0, LintProcess.Run(_dir.Path, ["--cache-location", "cache-here"]).ExitCode);
        Assert.True(File.Exists(Path.Combine(elsewhere, "corpus-index")));
        Assert.False(Directory.Exists(_dir.Combine(".lintcache")));

        Assert.Equal(0, LintProcess.Run(_dir.Path, ["--no-cache"]).ExitCode);
        Assert.False(Directory.Exists(_dir.Combine(".lintcache")));

        Assert.Equal(0, LintProcess.Run(_dir.Path, ["--cache"]).ExitCode); // the old opt-in: accepted, the default anyway
        Assert.True(File.Exists(IndexPath));

        var both = LintProcess.Run(_dir.Path, ["--no-cache", "--cache-location", "x"]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--no-cache and --cache-location cannot be used together", both.Stderr);
        var file = LintProcess.Run(_dir.Path, ["--cache-location", Rome]);
        Assert.Equal(2, file.ExitCode);
        Assert.Contains("is a file", file.Stderr);
    }

    [Fact]
    public async Task InMemoryDocumentsOverrideTheFilesOnDisk()
    {
        // What an editor needs: unsaved text in place of a file, and a deletion that is not on disk yet.
        var linter = NewLinter();
        var sanctions = _dir.Combine("icc-sanctions.json");
        var renamed = File.ReadAllText(sanctions).Replace("\"slug\": \"icc-sanctions\"", "\"slug\": \"icc-sanctions-2025\"", StringComparison.Ordinal);
        var result = await linter.LintDocumentsAsync(new Dictionary<string, byte[]?>
        {
            [sanctions] = null,
            [_dir.Combine("icc-sanctions-2025.json")] = System.Text.Encoding.UTF8.GetBytes(renamed),
        });
        var dangling = result.Findings.Where(f => f.RuleId == "related-exists").ToList();
        Assert.Equal(["attacks-on-judiciary.json", Rome], dangling.Select(f => f.File).ToArray());
        Assert.All(dangling, f => Assert.True(f.OutsideTargets));
        Assert.All(dangling, f => Assert.Contains("did you mean \"icc-sanctions-2025\"?", f.Message));
        Assert.Equal(1, result.FilesChecked);
        // The disk is untouched and the index never records in-memory content.
        Assert.Empty((await NewLinter().LintAsync([Rome])).Findings);
    }

    private CorpusIndexFile LoadIndex() =>
        CorpusIndexFile.Load(IndexPath, KeyOfDefaults, long.MaxValue, new Lint.IO.ProjectBoundary(_dir.Path), namedByUser: false);

    private string KeyOfDefaults => CorpusIndexFile.KeyOf(LintConfig.Defaults(_dir.Path));

    private void WriteIndex(Action<Dictionary<string, (FileStamp Stamp, CorpusEntry Entry)>> change)
    {
        var key = CorpusIndexFile.KeyOf(LintConfig.Defaults(_dir.Path));
        var parsed = CorpusIndexFile.Parse(File.ReadAllBytes(IndexPath), key)!;
        var entries = parsed.ToDictionary(e => e.Key, e => (Stamp: e.Value.Item1, Entry: e.Value.Item2));
        change(entries);
        File.WriteAllBytes(IndexPath, CorpusIndexFile.Serialize(key, entries));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("not found");
    }
}
