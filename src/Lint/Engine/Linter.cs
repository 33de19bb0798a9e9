using System.Diagnostics;
using System.Runtime.CompilerServices;
using Lint.Config;
using Lint.Corpus;
using Lint.Engine;
using Lint.IO;
using Lint.Parsing;
using Lint.Rules;
using Lint.Schema;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Lint;

/// <summary>
/// The lint engine: lints files, text or streams against the built-in rules (and custom ones), with the corpus of
/// the configuration for cross-file rules. No console, no process exit; thread-safe once constructed.
/// </summary>
public sealed partial class Linter
{
    private readonly LintOptions _options;
    private readonly FileDiscovery _discovery;
    private readonly LintSettings _settings;
    private readonly Matcher[] _overrideMatchers;
    private readonly SafeFileReader _reader;
    private readonly ProjectBoundary _boundary;
    private readonly Dictionary<string, RuleOptionsSchema?> _optionsSchemas;
    private readonly Dictionary<string, RuleOptions> _baseOptions;
    private readonly Dictionary<string, RuleOptions>?[] _overrideOptions;

    /// <summary>Creates a linter: loads the configuration and the schema, and checks rule ids.</summary>
    /// <exception cref="LintConfigurationException">Invalid configuration, unknown rule id, or unusable schema.</exception>
    public Linter(LintOptions options)
    {
        _options = options;
        Rules = RuleRegistry.BuiltIn.Concat(options.AdditionalRules).ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (!ids.Add(rule.Metadata.Id)) throw new LintConfigurationException($"two rules share the id '{rule.Metadata.Id}'");
        }
        foreach (var id in options.RuleOverrides.Keys)
        {
            if (!ids.Contains(id))
            {
                throw new LintConfigurationException(RuleRegistry.UnknownRuleMessage(id, ids));
            }
        }
        // Each rule's options schema is compiled once, before the configuration that it validates is read: a custom
        // rule with a schema lint cannot use is a configuration error naming the rule.
        _optionsSchemas = new Dictionary<string, RuleOptionsSchema?>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            try
            {
                _optionsSchemas[rule.Metadata.Id] = RuleOptionsSchema.Of(rule.Metadata);
            }
            catch (SchemaLoadException ex)
            {
                throw new LintConfigurationException($"rule '{rule.Metadata.Id}' declares options that lint cannot use: {ex.Message}");
            }
        }
        Config = options.Config ?? ConfigLoader.Load(options.ConfigPath, options.WorkingDirectory, ids, id => _optionsSchemas.GetValueOrDefault(id));
        _baseOptions = BaseOptions(Config.RuleOptions, "rules");
        _overrideOptions = Config.Overrides.Select((o, i) => o.RuleOptions.Count == 0 ? null : BaseOptions(o.RuleOptions, $"overrides[{i}].rules")).ToArray();
        // lint's own files are never incident files, whatever exclude says: the configuration and schema in use (added
        // by the discovery), the baselines and the corpus index folder of this run.
        _discovery = new FileDiscovery(Config,
            options.BaselinePaths.ToDictionary(p => Path.GetFullPath(p, options.WorkingDirectory), _ => "a baseline file of this run", StringComparer.Ordinal),
            options.CacheLocation is { } cacheFolder
                ? new Dictionary<string, string> { [Path.GetFullPath(cacheFolder, options.WorkingDirectory)] = "lint's corpus index folder (--cache-location)" }
                : null);
        if (options.ReportPath is { } report) CheckReportPath(report, [], []);
        _reader = new SafeFileReader(Config.BaseDirectory);
        _boundary = new ProjectBoundary(Config.BaseDirectory);
        SchemaValidator? schema = null;
        var warnings = new List<string>();
        if (Config.Schema is not null)
        {
            try
            {
                schema = LoadUserSchema(Path.GetFullPath(Config.Schema, Config.BaseDirectory), Config.SchemaMap, Config.UnsupportedKeywords, warnings);
            }
            catch (SchemaLoadException ex)
            {
                throw new LintConfigurationException(ex.Message);
            }
        }
        Warnings = warnings;
        _settings = new LintSettings(Config.Site, Config.Taxonomy) { Schema = schema };
        _overrideMatchers = Config.Overrides.Select(o =>
        {
            var m = new Matcher(StringComparison.Ordinal);
            m.AddIncludePatterns(o.Files);
            return m;
        }).ToArray();
    }

    /// <summary>The effective configuration.</summary>
    public LintConfig Config { get; }

    /// <summary>
    /// Problems of the configuration that do not stop the run, such as schema keywords that are ignored under
    /// <c>"unsupportedKeywords": "warning"</c>. The command line prints them on standard error.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Loads the configured schema after <see cref="SchemaSafety"/> has checked it and the files it references: a remote
    /// reference is refused before anything is fetched, and a keyword the validator ignores is an error or, with
    /// <paramref name="unsupportedKeywords"/> set to warning, a warning.
    /// </summary>
    private SchemaValidator LoadUserSchema(string path, IReadOnlyDictionary<string, string>? schemaMap, Severity unsupportedKeywords, List<string> warnings)
    {
        // The schema and every file its references load are read inside the project only, as regular files within
        // the size limit: a pull request controls the schema, so a $ref to /etc/… or ../../secret.json is refused
        // with the path named and nothing quoted.
        var limits = Config.Limits;
        byte[] Read(string file) => BoundedFile.ReadWhole(file, "the schema file", limits.SchemaFileSize, _boundary, namedByUser: false, message => new SchemaLoadException(message));
        var options = new Schema.Draft7.SchemaLoadOptions
        {
            ReadFile = Read,
            MaxEvaluationSteps = limits.SchemaSteps,
            RegexTimePerDocument = limits.RegexTimePerFile,
            RegexTimeTotal = limits.RegexTimePerRun,
        };
        var inspection = SchemaSafety.Inspect(path, schemaMap, Read);
        // The compiled schema resolves every reference and refuses reference loops while it loads, so a schema that
        // could never validate anything (a $ref to itself, say) is refused here, not once per file. The guard for
        // keywords the validator ignores checks exactly what was compiled.
        SchemaValidator validator;
        try
        {
            validator = SchemaValidator.FromFile(path, schemaMap, allowUnsupportedKeywords: true, options);
        }
        catch (SchemaLoadException) when (unsupportedKeywords != Severity.Warning && inspection.UnsupportedKeywords.Count > 0)
        {
            // It cannot load because of a later draft's keyword ($defs holding an $id, say): that keyword is the cause.
            throw new SchemaLoadException($"{inspection.UnsupportedKeywords[0].Message}; remove it or express the constraint another way, or set \"unsupportedKeywords\": \"warning\" in the configuration to use the schema without it");
        }
        var uses = validator.IgnoredKeywordUses;
        if (uses.Count > 0)
        {
            if (unsupportedKeywords != Severity.Warning)
                throw new SchemaLoadException($"{uses[0].Message}; remove it or express the constraint another way, or set \"unsupportedKeywords\": \"warning\" in the configuration to use the schema without it");
            foreach (var use in uses)
                warnings.Add($"{use.Message}; it is ignored (\"unsupportedKeywords\": \"warning\")");
        }
        return validator;
    }

    /// <summary>Every rule, built-in first, then the additional ones.</summary>
    public IReadOnlyList<ILintRule> Rules { get; }

    /// <summary>Lints files, directories and globs; with no target, the configuration's <c>include</c> set.</summary>
    /// <exception cref="LintConfigurationException">A target matches no file.</exception>
    public async Task<LintResult> LintAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        (await RunAsync(targets, RunMode.Lint, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>What the one run loop does to each file: lint it, fix it in memory (dry run), or fix it and write it.</summary>
    internal enum RunMode
    {
        /// <summary>Lint only.</summary>
        Lint,
        /// <summary>Fix in memory and report the diff; write nothing (<c>--fix-dry-run</c>).</summary>
        DryRun,
        /// <summary>Fix and write the changed files (<c>--fix</c>).</summary>
        Fix,
    }

    /// <summary>The outcome of one file of a run: its findings (unsorted, unfiltered) and, when fixes changed it, the change.</summary>
    private readonly record struct FileOutcome(IReadOnlyList<Finding> Findings, Fixing.FileFix? Fix);

    /// <summary>
    /// The one run loop of lint, fix and dry run: discovery (with <see cref="LintOptions.CorpusOnly"/> and folders that
    /// cannot be read), the corpus, the files in parallel (each read once through the guarded reader, then linted or
    /// fixed by <see cref="ProcessFile"/>), then the report: severities applied per file, <c>--quiet</c>, report order.
    /// </summary>
    private async Task<Fixing.FixRunResult> RunAsync(IReadOnlyList<string> targets, RunMode mode, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // Folders that cannot be listed are reported when they hide files being linted (not for the corpus of a few targets).
        var walk = new WalkReport();
        var corpusWalk = targets.Count == 0 ? walk : new WalkReport();
        // --corpus-only with no targets (a pre-commit hook called for a commit that stages no incident file, such as a
        // deletion) lints no file, but the whole-corpus rules still run over every file of the corpus.
        bool integrityOnly = targets.Count == 0 && _options.CorpusOnly;
        if (integrityOnly) corpusWalk = new WalkReport();
        var corpusFiles = _discovery.CorpusFiles(corpusWalk);
        // A run over the include set (or a hook's corpus) whose pattern matches nothing would pass on nothing.
        // (A walk that could not list a folder reports it instead: the pattern may match what it could not see.)
        if ((targets.Count == 0 || _options.CorpusOnly) && corpusWalk.Problems.Count == 0) _discovery.CheckIncludes(corpusFiles);
        IReadOnlyList<string> files = integrityOnly ? [] : targets.Count == 0 ? corpusFiles : _discovery.ExpandTargets(targets, _options.WorkingDirectory, walk);
        // Before anything is written (fixes, the baseline, the report): the report must not replace an input.
        if (_options.ReportPath is { } reportPath) CheckReportPath(reportPath, files, corpusFiles);
        PhaseEnded?.Invoke("discovery");
        // Temporary files left by a killed --fix are never linted (the walk leaves them out); a run that writes removes
        // the stale ones (a plain lint touches no file).
        if (mode == RunMode.Fix) IO.AtomicFile.RemoveLeftovers(walk.TemporaryFiles.Concat(corpusWalk.TemporaryFiles).Distinct(StringComparer.Ordinal));
        if (targets.Count > 0 && _options.CorpusOnly)
        {
            var inCorpus = new HashSet<string>(corpusFiles, StringComparer.Ordinal);
            files = files.Where(inCorpus.Contains).ToList();
        }
        // The corpus side: every corpus file stat'ed, the entries of files not being linted from the persistent index
        // or read once; the entries of the files being linted come from their own parse (no second read).
        var run = PrepareCorpus(corpusFiles.Concat(files), files, null);
        PhaseEnded?.Invoke("corpus: stat, index entries of other files");
        var corpus = IndexOf(run);
        PhaseEnded?.Invoke("corpus: in-memory index");
        var outcomes = new FileOutcome[files.Count];
        var entries = new CorpusEntry?[files.Count];
        var progress = _options.Progress;
        var done = new StrongBox<int>(0);
        progress?.Report(new LintProgress(0, files.Count));
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism), CancellationToken = cancellationToken },
            (i, ct) =>
            {
                outcomes[i] = ProcessFile(files[i], run.DisplayPathOf(files[i], this), corpus, mode, ct, out entries[i], out var stamp);
                run.SetReadStamp(files[i], stamp);
                progress?.Report(new LintProgress(Interlocked.Increment(ref done.Value), files.Count));
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        PhaseEnded?.Invoke("read, parse and lint each file");
        for (int i = 0; i < files.Count; i++)
        {
            // Whole-corpus rules see each fixed file as it is now (or, in a dry run, as it would be).
            run.SetLinted(files[i], entries[i]);
            // A changed file's entry is not what its stamp (taken before) proves: never record it in the persistent index.
            if (outcomes[i].Fix is not null) run.Unstamp(files[i]);
        }
        var integrity = FinishCorpus(run, reportOthers: true).Findings;
        var changed = outcomes.Where(o => o.Fix is not null).Select(o => o.Fix!).ToList();
        if (mode != RunMode.Lint && integrity.Any(f => f.Fix?.Target is not null))
        {
            // Fixes that change another file (related-reciprocal), planned against each target as this run left it.
            var notFixed = new Dictionary<(string RuleId, string File, string Pointer), string>();
            var written = ApplyCrossFileFixes(run, integrity, changed, write: mode == RunMode.Fix, notFixed);
            if (written.Count > 0)
            {
                // A target that was linted is reported as it is now; the whole-corpus rules are decided again.
                var index = files.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
                var now = IndexOf(run);
                foreach (var target in written)
                {
                    if (!index.TryGetValue(target, out int i)) continue;
                    var bytes = changed.First(c => c.FullPath == target).Fixed;
                    outcomes[i] = outcomes[i] with { Findings = LintContentCore(DisplayPath(target), target, bytes, now, out var entry) };
                    run.SetLinted(target, entry);
                }
                integrity = FinishCorpus(run, reportOthers: true).Findings;
            }
            integrity = integrity.Select(f => f.Fix?.Target is not null && notFixed.TryGetValue((f.RuleId, f.File, f.Pointer), out var why) ? f with { Message = $"{f.Message} (not fixed: {why})" } : f).ToList();
        }
        var result = Finish(outcomes.SelectMany(o => o.Findings).Concat(integrity).Concat(WalkFindings(walk)), files.Select(f => run.DisplayPathOf(f, this)), watch);
        // A hook passes every staged .json file: skipping what is not an incident file is what --corpus-only asks for.
        if (!_options.CorpusOnly && walk.Notices.Count > 0) result = result with { Notices = walk.Notices.Distinct(StringComparer.Ordinal).ToList() };
        PhaseEnded?.Invoke("report: sort findings");
        changed.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        if (mode != RunMode.Lint)
        {
            var written = changed.Where(f => f.Error is null).ToList();
            var failed = changed.Where(f => f.Error is not null).Select(f => f.File).ToHashSet(StringComparer.Ordinal);
            result = result with { Fixes = new Fixing.FixSummary(written.Sum(f => f.AppliedFixes), written.Count, DryRun: mode == RunMode.DryRun, FailedFiles: failed.Count) { FailedPaths = failed } };
        }
        return new Fixing.FixRunResult(result, changed);
    }

    /// <summary>
    /// Refuses a report file (<c>-o</c>) that would replace an input of the run: a file being linted, an incident file of
    /// the corpus, the configuration, the schema or a baseline. A link is followed to the file it names.
    /// </summary>
    /// <exception cref="LintConfigurationException">The report would overwrite one of them.</exception>
    private void CheckReportPath(string reportPath, IReadOnlyList<string> files, IReadOnlyList<string> corpusFiles)
    {
        var full = Path.GetFullPath(reportPath, _options.WorkingDirectory);
        var candidates = new List<string> { full };
        try
        {
            if (File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target) candidates.Add(target.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not a link, or not readable: the path itself is compared.
        }
        foreach (var path in candidates)
        {
            string? role = _discovery.OwnRole(path) is { } own && !own.StartsWith("in ", StringComparison.Ordinal) ? own
                : files.Contains(path, StringComparer.Ordinal) ? "a file being linted"
                : corpusFiles.Contains(path, StringComparer.Ordinal) ? "an incident file of the corpus"
                : null;
            if (role is not null)
                throw new LintConfigurationException($"-o {reportPath}: refusing to write the report over {role}; nothing was written (choose another file for the report)");
        }
    }

    /// <summary>One file of a run: the guarded read (size limit, no link out of the project), then the lint or fix step.</summary>
    /// <remarks><paramref name="entry"/> is the file's corpus index entry, from the same parse (of the fixed bytes when fixed).</remarks>
    /// <remarks><paramref name="stamp"/> is the file's stamp as the read took it before opening it (null through a link, or unread).</remarks>
    private FileOutcome ProcessFile(string fullPath, string display, ICorpus corpus, RunMode mode, CancellationToken cancellationToken, out CorpusEntry? entry, out FileStamp? stamp)
    {
        entry = null;
        // A lint reads into a pooled buffer, given back once the file is linted (findings and entries copy what they
        // quote); a fix keeps the file's own array, which it rewrites.
        bool pooled = mode == RunMode.Lint;
        var outcome = _reader.Read(fullPath, Config.MaxFileSize, pooled);
        stamp = outcome.Bytes is not null ? outcome.Stat?.Stamp : null;
        if (outcome.Bytes is not { } bytes) return new FileOutcome(Unread(fullPath, outcome), null);
        try
        {
            FileRead?.Invoke(fullPath);
            return mode == RunMode.Lint
                ? new FileOutcome(LintContentCore(display, fullPath, outcome.Content, corpus, out entry), null)
                : FixStep(display, fullPath, bytes, corpus, write: mode == RunMode.Fix, cancellationToken, out entry);
        }
        finally
        {
            SafeFileReader.Release(outcome);
        }
    }

    /// <summary>What the walk could not enter or list, as findings (never skipped silently).</summary>
    private IEnumerable<Finding> WalkFindings(WalkReport walk)
    {
        foreach (var (kind, fullPath) in walk.Problems.Distinct())
        {
            var severity = SeveritiesFor(fullPath)["invalid-json"];
            if (severity == Severity.Off) continue;
            yield return InvalidJsonRule.WalkProblem(kind, fullPath, DisplayPath(fullPath), Config.Limits.WalkDepth, severity);
        }
    }

    /// <summary>Lints <paramref name="text"/> as if it were the file <paramref name="path"/> (which need not exist). Cross-file rules see the corpus as usual.</summary>
    public Task<LintResult> LintTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        LintBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>
    /// Lints the content of <paramref name="stream"/> as if it were the file <paramref name="path"/> (standard input for
    /// <c>--stdin</c>). At most <see cref="LintConfig.MaxFileSize"/> bytes are read: a longer stream gets a
    /// <c>file-too-large</c> finding.
    /// </summary>
    public async Task<LintResult> LintStreamAsync(string path, Stream stream, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        long limit = Math.Min(Config.MaxFileSize, Array.MaxLength - 1L) + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (buffer.Length < limit)
        {
            int read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        var full = Path.GetFullPath(path, _options.WorkingDirectory);
        if (FileTooLargeRule.Exceeds(buffer.Length, Config.MaxFileSize)) return Finish(TooLarge(full, null), [DisplayPath(full)], watch);
        return await LintBytesAsync(path, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lints raw bytes as if they were the file <paramref name="path"/>.</summary>
    public Task<LintResult> LintBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var full = Path.GetFullPath(path, _options.WorkingDirectory);
        if (FileTooLargeRule.Exceeds(bytes.LongLength, Config.MaxFileSize)) return Task.FromResult(Finish(TooLarge(full, bytes.LongLength), [DisplayPath(full)], watch));
        // Standard input speaks for one file: whole-corpus findings in other files are not part of its report.
        return Task.FromResult(LintInMemory(new Dictionary<string, byte[]?>(StringComparer.Ordinal) { [full] = bytes }, reportOthers: false, cancellationToken) with { Elapsed = watch.Elapsed });
    }

    /// <summary>
    /// Lints one file's bytes with a given corpus and returns its findings (with fixes), unsorted and unfiltered by
    /// <see cref="LintOptions.Quiet"/>. Never throws for any content: a rule that fails with an exception gives an
    /// error finding under its own id that says so (without a stack trace), and the other rules still run.
    /// Every message is passed through <see cref="Text.Sanitize"/>, so no finding carries control, bidi or
    /// invisible characters, whatever a rule quoted.
    /// </summary>
    public IReadOnlyList<Finding> LintContent(string displayPath, string fullPath, byte[] bytes, ICorpus corpus)
    {
        var findings = LintContentCore(displayPath, fullPath, bytes, corpus, out var entry);
        if (entry is null) return findings;
        return findings.Concat(IndexFindings(new IndexedFile(displayPath, fullPath, entry), corpus, SeveritiesFor(fullPath))).ToList();
    }

    /// <summary>
    /// <see cref="LintContent"/> without the <see cref="IIndexRule"/>s (a run decides those for the whole corpus at
    /// the end); also gives the file's corpus index entry, from the same parse.
    /// </summary>
    private IReadOnlyList<Finding> LintContentCore(string displayPath, string fullPath, ReadOnlyMemory<byte> bytes, ICorpus corpus, out CorpusEntry? entry)
    {
        entry = null;
        var severities = SeveritiesFor(fullPath);
        var raw = new List<RawFinding>();
        var failures = new List<Finding>();
        ParsedDocument? document;
        ParseError? error;
        LineIndex lines;
        try
        {
            (document, error, lines) = StrictJsonParser.Parse(bytes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            entry = new CorpusEntry(SlugScanner.ReadSlug(bytes.Span), false, 1, 1, []);
            return severities["invalid-json"] == Severity.Off ? [] : [InternalError("invalid-json", ex, displayPath)];
        }
        if (error is not null)
        {
            entry = new CorpusEntry(SlugScanner.ReadSlug(bytes.Span), false, 1, 1, []);
            return severities["invalid-json"] == Severity.Off ? [] : [InvalidJsonRule.NotWellFormed(error, lines, displayPath, severities["invalid-json"], Config.Limits.MessageLength)];
        }
        using (document)
        {
            entry = CorpusEntry.FromDocument(document!, Config.Site);
            var context = new FileContext(displayPath, fullPath, document!, _settings, raw, severities,
                other => SeveritiesFor(Path.GetFullPath(other, _options.WorkingDirectory)), OptionsFor(fullPath));
            foreach (var rule in Rules)
            {
                var id = rule.Metadata.Id;
                if (severities[id] == Severity.Off) continue;
                // A rule whose input is a key written twice stays silent (and offers no fix): duplicate-key reports it.
                if (context.DefersToDuplicateKey(rule.Metadata.Inputs)) continue;
                context.SetCurrentRule(rule);
                int before = raw.Count;
                try
                {
                    switch (rule)
                    {
                        case IFileRule fileRule: fileRule.Check(context); break;
                        case ICorpusRule corpusRule: corpusRule.Check(context, corpus); break;
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // What the rule reported before it failed may rest on a half-done analysis (and carry a fix): drop it.
                    raw.RemoveRange(before, raw.Count - before);
                    failures.Add(InternalError(id, ex, displayPath));
                }
            }
            var findings = new List<Finding>(raw.Count + failures.Count);
            foreach (var r in raw)
            {
                var (l, c) = lines.ToLineColumn(r.Offset);
                // Every message is bounded (limits.messageLength): a rule that quotes a 50,000-value enum or a huge value
                // cannot make the report grow without bound.
                findings.Add(new Finding(r.RuleId, severities[r.RuleId], Text.Sanitize(r.Message, Config.Limits.MessageLength), displayPath, l, c, r.Pointer, r.Fix) { MessageId = r.MessageId });
            }
            findings.AddRange(failures);
            return findings;
        }
    }

    /// <summary>
    /// The finding for a rule that failed with an exception: always an error (a check that did not run must not pass
    /// silently), at the start of the file, naming the rule and the exception without a stack trace.
    /// </summary>
    private static Finding InternalError(string ruleId, Exception ex, string displayPath)
    {
        string message = ex is System.Text.RegularExpressions.RegexMatchTimeoutException timeout
            ? $"the '{ruleId}' check of this file is incomplete: the pattern {Text.Quote(timeout.Pattern, 80)} took more than {timeout.MatchTimeout.TotalSeconds:0.#} s to match a value (a pattern with nested repetition can take exponential time); simplify the pattern"
            : $"internal error: rule '{ruleId}' failed on this file and its check is incomplete ({ex.GetType().Name}: {ex.Message})";
        return new Finding(ruleId, Severity.Error, Text.Sanitize(message, 400), displayPath, 1, 1, "");
    }

    /// <summary>The finding for a file whose bytes were not read: too large, or why it could not be read.</summary>
    private IReadOnlyList<Finding> Unread(string fullPath, ReadOutcome outcome)
    {
        if (outcome.TooLarge) return TooLarge(fullPath, outcome.Length);
        var severity = SeveritiesFor(fullPath)["invalid-json"];
        return severity == Severity.Off ? [] :
            [InvalidJsonRule.Unreadable(outcome.Problem, DisplayPath(fullPath), severity)];
    }

    private IReadOnlyList<Finding> TooLarge(string fullPath, long? length)
    {
        var severity = SeveritiesFor(fullPath)["file-too-large"];
        if (severity == Severity.Off) return [];
        // A maxFileSize raised past what one array can hold still cannot make lint read a file over 2 GiB.
        bool overReadable = Config.MaxFileSize > BoundedFile.MaxReadable && (length is null || length > BoundedFile.MaxReadable);
        return [FileTooLargeRule.Finding(DisplayPath(fullPath), length, overReadable ? BoundedFile.MaxReadable : Config.MaxFileSize, overReadable, severity)];
    }

    /// <summary>
    /// The corpus index of <paramref name="files"/> (slugs and references), plus the in-memory <paramref name="extra"/>
    /// content in place of that file's. Uses and updates the persistent index like a lint run.
    /// </summary>
    public CorpusIndex BuildCorpus(IEnumerable<string> files, (string FullPath, byte[] Bytes)? extra)
    {
        var overrides = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        if (extra is { } e) overrides[e.FullPath] = e.Bytes;
        var run = PrepareCorpus(files, [], overrides);
        SaveIndex(run);
        return IndexOf(run);
    }

    /// <summary>The severity of every rule for one file: defaults, then <c>rules</c>, then matching <c>overrides</c>, then command-line overrides.</summary>
    public IReadOnlyDictionary<string, Severity> SeveritiesFor(string fullPath)
    {
        // Without overrides every file has the same severities: built once, shared (read-only) by every file.
        if (_overrideMatchers.Length == 0) return _sharedSeverities ??= SeveritiesCore(fullPath);
        return SeveritiesCore(fullPath);
    }

    private IReadOnlyDictionary<string, Severity>? _sharedSeverities;

    private Dictionary<string, Severity> SeveritiesCore(string fullPath)
    {
        var map = new Dictionary<string, Severity>(Rules.Count, StringComparer.Ordinal);
        foreach (var rule in Rules) map[rule.Metadata.Id] = rule.Metadata.EffectiveDefault;
        foreach (var (id, s) in Config.Rules) map[id] = s;
        if (_overrideMatchers.Length > 0)
        {
            var relative = Lint.IO.PathText.ToSlashes(Path.GetRelativePath(Config.BaseDirectory, fullPath));
            for (int i = 0; i < _overrideMatchers.Length; i++)
            {
                if (_overrideMatchers[i].Match(relative).HasMatches)
                    foreach (var (id, s) in Config.Overrides[i].Rules) map[id] = s;
            }
        }
        foreach (var (id, s) in _options.RuleOverrides) map[id] = s;
        return map;
    }

    /// <summary>
    /// The options of every rule that has an options schema, for one file: the schema defaults, then the options
    /// written in <c>rules</c>, then those of each matching <c>overrides</c> entry (options written in a layer replace the
    /// earlier ones whole; a layer that writes only a severity keeps them, as in ESLint).
    /// </summary>
    public IReadOnlyDictionary<string, RuleOptions> OptionsFor(string fullPath)
    {
        if (_overrideMatchers.Length == 0 || Array.TrueForAll(_overrideOptions, o => o is null)) return _baseOptions;
        Dictionary<string, RuleOptions>? map = null;
        var relative = Lint.IO.PathText.ToSlashes(Path.GetRelativePath(Config.BaseDirectory, fullPath));
        for (int i = 0; i < _overrideMatchers.Length; i++)
        {
            if (_overrideOptions[i] is not { } layer || !_overrideMatchers[i].Match(relative).HasMatches) continue;
            map ??= new Dictionary<string, RuleOptions>(_baseOptions, StringComparer.Ordinal);
            foreach (var (id, o) in layer) map[id] = o;
        }
        return map ?? _baseOptions;
    }

    /// <summary>
    /// The options of the rules of one configuration layer, each checked against its rule's schema (the configuration
    /// file was checked with positions as it was read; a <see cref="LintConfig"/> built in code is checked here) and
    /// given the schema's defaults. The top layer (<paramref name="where"/> is <c>rules</c>) also holds the defaults of
    /// every rule with a schema.
    /// </summary>
    private Dictionary<string, RuleOptions> BaseOptions(IReadOnlyDictionary<string, RuleOptions> written, string where)
    {
        var map = new Dictionary<string, RuleOptions>(StringComparer.Ordinal);
        if (where == "rules")
        {
            foreach (var (id, schema) in _optionsSchemas)
                if (schema is not null) map[id] = RuleOptions.DefaultsOf(schema);
        }
        foreach (var (id, options) in written)
        {
            if (!_optionsSchemas.TryGetValue(id, out var schema))
                throw new LintConfigurationException($"{where}: {RuleRegistry.UnknownRuleMessage(id, _optionsSchemas.Keys)}");
            if (schema is null)
                throw new LintConfigurationException($"{where}: rule '{id}' has no options");
            var violations = schema.Validate(options.Configured);
            if (violations.Count > 0)
                throw new LintConfigurationException($"{where}: invalid options of rule '{id}' at '{violations[0].Pointer}': {violations[0].Message}");
            map[id] = options.WithSchema(schema);
        }
        return map;
    }

    /// <summary>How a path is shown in reports: relative to the working directory, with <c>/</c>.</summary>
    public string DisplayPath(string fullPath) =>
        Lint.IO.PathText.ToSlashes(Lint.IO.PathText.Relative(_options.WorkingDirectory, fullPath));

    /// <summary>Whether a finding is reported: every finding, or under <see cref="LintOptions.Quiet"/> errors only (the one place <c>--quiet</c> is applied).</summary>
    private bool IsReported(Finding finding) => LintResult.IsReported(finding, _options.Quiet);

    /// <summary>The findings that are reported, in report order.</summary>
    private List<Finding> Reported(IEnumerable<Finding> findings)
    {
        var list = findings.Where(IsReported).ToList();
        list.Sort(Finding.ReportOrder);
        return list;
    }

    private LintResult Finish(IEnumerable<Finding> findings, IEnumerable<string> displayPaths, Stopwatch watch)
    {
        var list = Reported(findings);
        var files = displayPaths.ToList();
        files.Sort(StringComparer.Ordinal);
        return new LintResult(list, files.Count, watch.Elapsed) { Files = files };
    }
}
