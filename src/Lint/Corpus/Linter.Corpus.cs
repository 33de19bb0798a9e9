using Lint.Corpus;
using Lint.Engine;
using Lint.Rules;

namespace Lint;

public sealed partial class Linter
{
    /// <summary>How a file is stat'ed for the corpus index. Tests replace it to simulate coarse file systems.</summary>
    internal Func<string, FileStamp?> Stat { get; set; } = FileStamp.Of;

    /// <summary>Called with the full path of every file lint opens and reads (for linting or for the index). For tests.</summary>
    internal Action<string>? FileRead { get; set; }

    /// <summary>Called as each phase of a run ends, with its name (the benchmark project's phase timer).</summary>
    internal Action<string>? PhaseEnded { get; set; }

    /// <summary>Where the persistent corpus index lives, or null when it is off (<c>--no-cache</c>, <c>"cache": false</c>).</summary>
    public string? CorpusIndexPath => _options.Cache && Config.Cache
        ? Path.Combine(_options.CacheLocation is { } dir ? Path.GetFullPath(dir, _options.WorkingDirectory) : Path.Combine(Config.BaseDirectory, CorpusIndexFile.DirectoryName), CorpusIndexFile.FileName)
        : null;

    /// <summary>The corpus side of one run: every corpus file, its stamp, and its index entry once known.</summary>
    private sealed class CorpusRun
    {
        public required string[] Files { get; init; }
        public required string[] DisplayPaths { get; init; }
        public required FileStamp?[] Stamps { get; init; }
        public required CorpusEntry?[] Entries { get; init; }
        public required bool[] Linted { get; init; }
        public required IReadOnlyDictionary<string, byte[]?> Overrides { get; init; }
        public required Dictionary<string, int> Positions { get; init; }
        public CorpusIndexFile? Store { get; init; }
        public long StartNs { get; init; }

        /// <summary>
        /// Whether the files being linted are stamped by their own read (the status the reader takes just before it
        /// opens a file) rather than by a separate stat here: one system call instead of two.
        /// </summary>
        public bool StampOnRead { get; init; }

        /// <summary>Records the stamp a linted file's read took (null when it was read through a link or not read: then not persisted).</summary>
        public void SetReadStamp(string fullPath, FileStamp? stamp)
        {
            if (StampOnRead && Positions.TryGetValue(fullPath, out int i) && Linted[i]) Stamps[i] = stamp;
        }

        /// <summary>How a file of the run is shown in reports (computed once per run).</summary>
        public string DisplayPathOf(string fullPath, Linter linter) =>
            Positions.TryGetValue(fullPath, out int i) ? DisplayPaths[i] : linter.DisplayPath(fullPath);

        /// <summary>Records the entry a linted file's own parse gave (null when it could not be read).</summary>
        public void SetLinted(string fullPath, CorpusEntry? entry)
        {
            if (Positions.TryGetValue(fullPath, out int i)) Entries[i] = entry;
        }

        /// <summary>Keeps a file's entry out of the persistent index (its content on disk is not the one linted).</summary>
        public void Unstamp(string fullPath)
        {
            if (Positions.TryGetValue(fullPath, out int i)) Stamps[i] = null;
        }
    }

    /// <summary>Whether a custom <see cref="ICorpusRule"/> needs the corpus while files are being linted.</summary>
    private bool CorpusNeededWhileLinting => Rules.Any(r => r is ICorpusRule);

    /// <summary>
    /// Stats every corpus file and fills in the entries of the files that are not being linted: from the persistent
    /// index while a file's stamp is unchanged, otherwise by reading it (once). The entries of the files being linted
    /// come from their own parse later (<see cref="CorpusRun.SetLinted"/>), so no file is read twice, unless a custom
    /// corpus rule needs the whole corpus before the first file is linted.
    /// </summary>
    /// <param name="files">The corpus files and the files being linted (full paths).</param>
    /// <param name="linted">The files being linted.</param>
    /// <param name="overrides">Files whose content is given in memory (null content: the file is treated as absent).</param>
    private CorpusRun PrepareCorpus(IEnumerable<string> files, IEnumerable<string> linted, IReadOnlyDictionary<string, byte[]?>? overrides)
    {
        overrides ??= new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var list = files.Concat(overrides.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var positions = new Dictionary<string, int>(list.Length, StringComparer.Ordinal);
        for (int i = 0; i < list.Length; i++) positions[list[i]] = i;
        var lintedFlags = new bool[list.Length];
        foreach (var f in linted)
            if (positions.TryGetValue(f, out int i)) lintedFlags[i] = true;
        long start = FileStamp.NowNs();
        var storePath = CorpusIndexPath;
        var store = storePath is null ? null : CorpusIndexFile.Load(storePath, CorpusIndexFile.KeyOf(Config), Config.Limits.CacheSize,
            new IO.ProjectBoundary(Config.BaseDirectory), namedByUser: _options.CacheLocation is not null);
        // On Linux the reader's own statx (taken before it opens a file) is the stamp; a test's stat stands alone.
        bool preRead = CorpusNeededWhileLinting;
        bool stampOnRead = !preRead && OperatingSystem.IsLinux() && Stat == (Func<string, FileStamp?>)FileStamp.Of;
        var run = new CorpusRun
        {
            StampOnRead = stampOnRead,
            Files = list,
            DisplayPaths = new string[list.Length],
            Stamps = new FileStamp?[list.Length],
            Entries = new CorpusEntry?[list.Length],
            Linted = lintedFlags,
            Overrides = overrides,
            Positions = positions,
            Store = store,
            StartNs = start,
        };
        Parallel.For(0, list.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism) }, i =>
        {
            var file = list[i];
            run.DisplayPaths[i] = DisplayPath(file);
            if (overrides.TryGetValue(file, out var content))
            {
                if (content is not null && (!lintedFlags[i] || preRead)) run.Entries[i] = CorpusEntry.FromBytes(content, Config.Site);
                return;
            }
            // The stamp is taken before the file is read (here or by linting), so a change after it is never hidden.
            if (lintedFlags[i] && stampOnRead) return;
            var stamp = Stat(file);
            run.Stamps[i] = stamp;
            if (stamp is not { } s || (lintedFlags[i] && !preRead)) return;
            if (store is not null && RelativeKey(file) is { } key && store.TryGet(key, s) is { } cached && (s.Inode != 0 || _reader.MayRead(file)))
            {
                run.Entries[i] = cached;
                return;
            }
            run.Entries[i] = ReadEntry(file);
        });
        return run;
    }

    /// <summary>Reads a corpus file for its index entry; null when it is too large or may not or cannot be read.</summary>
    private CorpusEntry? ReadEntry(string fullPath)
    {
        var outcome = _reader.Read(fullPath, Config.MaxFileSize, pooled: true);
        if (outcome.Bytes is null) return null;
        try
        {
            FileRead?.Invoke(fullPath);
            return CorpusEntry.FromMemory(outcome.Content, Config.Site);
        }
        finally
        {
            SafeFileReader.Release(outcome);
        }
    }

    /// <summary>The index's key for a file: its path relative to the configuration's folder, or null outside it.</summary>
    private string? RelativeKey(string fullPath)
    {
        var relative = IO.PathText.Relative(Config.BaseDirectory, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
        return relative.Replace('\\', '/');
    }

    /// <summary>The in-memory corpus of what <paramref name="run"/> knows so far.</summary>
    private CorpusIndex IndexOf(CorpusRun run)
    {
        var index = new CorpusIndex();
        for (int i = 0; i < run.Files.Length; i++)
            if (run.Entries[i] is { } entry) index.Add(new IndexedFile(run.DisplayPaths[i], run.Files[i], entry));
        index.Seal();
        return index;
    }

    /// <summary>
    /// Ends the corpus side of a run: decides the <see cref="IIndexRule"/>s for every file of the corpus, and saves the
    /// persistent index. Findings in files that were not linted carry <see cref="Finding.OutsideTargets"/> (and a note
    /// in the message); with <paramref name="reportOthers"/> false they are left out.
    /// </summary>
    private (CorpusIndex Corpus, List<Finding> Findings) FinishCorpus(CorpusRun run, bool reportOthers)
    {
        var corpus = IndexOf(run);
        PhaseEnded?.Invoke("corpus: in-memory index, again");
        var findings = new List<Finding>();
        var indexRules = Rules.OfType<IIndexRule>().ToList();
        var buffer = new List<IndexFinding>();
        var severityCache = new Dictionary<string, IReadOnlyDictionary<string, Severity>>(StringComparer.Ordinal);
        // Without overrides every file has the same severities: computed once, not once per corpus file.
        var shared = _overrideMatchers.Length == 0 ? SeveritiesFor(Config.BaseDirectory) : null;
        IReadOnlyDictionary<string, Severity> SeveritiesOfDisplay(string displayPath)
        {
            if (shared is not null) return shared;
            if (!severityCache.TryGetValue(displayPath, out var map))
                severityCache[displayPath] = map = SeveritiesFor(Path.GetFullPath(displayPath, _options.WorkingDirectory));
            return map;
        }
        foreach (var file in corpus.Entries)
        {
            bool linted = run.Linted[run.Positions[file.FullPath]];
            if (!linted && !reportOthers) continue;
            var severities = SeveritiesOfDisplay(file.DisplayPath);
            foreach (var rule in indexRules)
            {
                var id = rule.Metadata.Id;
                if (severities[id] == Severity.Off || IndexContext.DefersToDuplicateKey(rule, file.Entry, severities)) continue;
                buffer.Clear();
                try
                {
                    rule.Check(new IndexContext(file, corpus, severities, SeveritiesOfDisplay, buffer) { Options = OptionsOf(file.FullPath, id) });
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    findings.Add(Mark(InternalError(id, ex, file.DisplayPath), linted));
                    continue;
                }
                foreach (var f in buffer)
                    findings.Add(Mark(IndexFindingOf(rule, severities[id], file, f), linted));
            }
        }
        PhaseEnded?.Invoke("corpus: whole-corpus rules");
        SaveIndex(run);
        PhaseEnded?.Invoke("corpus: save the persistent index");
        return (corpus, findings);

        static Finding Mark(Finding finding, bool linted) =>
            linted ? finding : finding with { Message = finding.Message + Finding.OutsideTargetsNote, OutsideTargets = true };
    }

    /// <summary>
    /// The finding of an <see cref="IIndexRule"/>. A fix from a rule declared never-fixable, or one that is not a
    /// cross-file fix (an index rule never sees the file's bytes), is a defect of the rule: an error finding names it.
    /// </summary>
    private static Finding IndexFindingOf(IIndexRule rule, Severity severity, IndexedFile file, IndexFinding f)
    {
        var id = rule.Metadata.Id;
        if (f.Fix is { } fix && (rule.Metadata.FixAvailability == FixAvailability.Never || fix.Target is null))
            return InternalError(id, new InvalidOperationException(fix.Target is null
                ? $"rule '{id}' offered a fix with edits of the file's bytes, which an index rule never sees; use Fix.CrossFile"
                : $"rule '{id}' is declared never-fixable (FixAvailability.Never) but offered a fix"), file.DisplayPath);
        return new Finding(id, severity, Parsing.Text.Sanitize(f.Message, int.MaxValue), file.DisplayPath, f.Line, f.Column, f.Pointer, f.Fix) { MessageId = f.MessageId };
    }

    /// <summary>The findings of the <see cref="IIndexRule"/>s for one file against a given corpus (for <see cref="LintContent"/>).</summary>
    private IEnumerable<Finding> IndexFindings(IndexedFile file, ICorpus corpus, IReadOnlyDictionary<string, Severity> severities)
    {
        var buffer = new List<IndexFinding>();
        var findings = new List<Finding>();
        foreach (var rule in Rules.OfType<IIndexRule>())
        {
            var id = rule.Metadata.Id;
            if (severities[id] == Severity.Off || IndexContext.DefersToDuplicateKey(rule, file.Entry, severities)) continue;
            buffer.Clear();
            try
            {
                rule.Check(new IndexContext(file, corpus, severities, other => SeveritiesFor(Path.GetFullPath(other, _options.WorkingDirectory)), buffer) { Options = OptionsOf(file.FullPath, id) });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                findings.Add(InternalError(id, ex, file.DisplayPath));
                continue;
            }
            foreach (var f in buffer)
                findings.Add(IndexFindingOf(rule, severities[id], file, f));
        }
        return findings;
    }

    /// <summary>Writes the persistent index of the entries read from disk, when it changed; entries too new to be trusted later are left out.</summary>
    private void SaveIndex(CorpusRun run)
    {
        if (run.Store is not { } store) return;
        var entries = new Dictionary<string, (FileStamp Stamp, CorpusEntry Entry)>(run.Files.Length, StringComparer.Ordinal);
        for (int i = 0; i < run.Files.Length; i++)
        {
            if (run.Entries[i] is not { } entry || run.Stamps[i] is not { } stamp || run.Overrides.ContainsKey(run.Files[i])) continue;
            if (!CorpusIndexFile.IsSettled(stamp, run.StartNs) || RelativeKey(run.Files[i]) is not { } key) continue;
            entries[key] = (stamp, entry);
        }
        if (!store.Matches(entries)) store.Save(entries);
    }

    /// <summary>
    /// Lints documents given in memory, as if they were the files at their paths, against the corpus on disk with
    /// these contents in place of the files' (a language server's open documents; a null content stands for a file that
    /// is deleted). Whole-corpus rules are decided over that corpus, so a broken reference in a file that is not one of
    /// the documents is reported too, with <see cref="Finding.OutsideTargets"/> set.
    /// </summary>
    /// <param name="documents">Path (relative to the working directory, or full) to content; null content for a deleted file.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public Task<LintResult> LintDocumentsAsync(IReadOnlyDictionary<string, byte[]?> documents, CancellationToken cancellationToken = default) =>
        Task.FromResult(LintInMemory(documents, reportOthers: true, cancellationToken));

    private LintResult LintInMemory(IReadOnlyDictionary<string, byte[]?> documents, bool reportOthers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var overrides = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var (path, content) in documents) overrides[Path.GetFullPath(path, _options.WorkingDirectory)] = content;
        var linted = overrides.Where(p => p.Value is not null).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var findings = new List<Finding>();
        var tooLarge = linted.Where(f => overrides[f]!.LongLength > Config.MaxFileSize).ToList();
        foreach (var f in tooLarge)
        {
            findings.AddRange(TooLarge(f, overrides[f]!.LongLength));
            overrides[f] = null; // not read, so not in the corpus (as for a file on disk over the limit)
        }
        var run = PrepareCorpus(_discovery.CorpusFiles(), linted.Except(tooLarge), overrides);
        var loopCorpus = IndexOf(run);
        foreach (var file in linted.Except(tooLarge))
        {
            cancellationToken.ThrowIfCancellationRequested();
            findings.AddRange(LintContentCore(DisplayPath(file), file, overrides[file]!, loopCorpus, out var entry));
            run.SetLinted(file, entry);
        }
        findings.AddRange(FinishCorpus(run, reportOthers).Findings);
        return Finish(findings, linted.Select(DisplayPath), watch);
    }

    /// <summary>The options of rule <paramref name="ruleId"/> for one file.</summary>
    private RuleOptions OptionsOf(string fullPath, string ruleId) =>
        OptionsFor(fullPath).TryGetValue(ruleId, out var options) ? options : RuleOptions.Empty;
}
