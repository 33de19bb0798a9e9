using System.Diagnostics;
using Lint.Config;
using Lint.Corpus;
using Lint.Engine;
using Lint.Parsing;
using Lint.Rules;
using Lint.Schema;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Lint;

/// <summary>
/// The lint engine: lints files, text or streams against the built-in rules (and custom ones), with the corpus of
/// the configuration for cross-file rules. No console, no process exit; thread-safe once constructed.
/// </summary>
public sealed class Linter
{
    private readonly LintOptions _options;
    private readonly FileDiscovery _discovery;
    private readonly LintSettings _settings;
    private readonly Matcher[] _overrideMatchers;

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
                var suggestion = SchemaValidator.Suggest(id, ids);
                throw new LintConfigurationException($"unknown rule '{Text.Sanitize(id)}'" + (suggestion is null ? "; run 'lint rules' to list them" : $"; did you mean '{suggestion}'?"));
            }
        }
        Config = options.Config ?? ConfigLoader.Load(options.ConfigPath, options.WorkingDirectory, ids);
        _discovery = new FileDiscovery(Config);
        SchemaValidator? schema = null;
        if (Config.Schema is not null)
        {
            try
            {
                schema = SchemaValidator.FromFile(Path.GetFullPath(Config.Schema, Config.BaseDirectory), Config.SchemaMap);
            }
            catch (SchemaLoadException ex)
            {
                throw new LintConfigurationException(ex.Message);
            }
        }
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

    /// <summary>Every rule, built-in first, then the additional ones.</summary>
    public IReadOnlyList<ILintRule> Rules { get; }

    /// <summary>Lints files, directories and globs; with no target, the configuration's <c>include</c> set.</summary>
    /// <exception cref="LintConfigurationException">A target matches no file.</exception>
    public async Task<LintResult> LintAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var corpusFiles = _discovery.CorpusFiles();
        var files = targets.Count == 0 ? corpusFiles : _discovery.ExpandTargets(targets, _options.WorkingDirectory);
        var corpus = BuildCorpus(corpusFiles.Concat(files).Distinct(StringComparer.Ordinal), null);
        var results = new IReadOnlyList<Finding>[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism), CancellationToken = cancellationToken },
            (i, ct) =>
            {
                results[i] = LintFile(files[i], corpus);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        return Finish(results.SelectMany(r => r), files.Count, watch);
    }

    /// <summary>Lints <paramref name="text"/> as if it were the file <paramref name="path"/> (which need not exist). Cross-file rules see the corpus as usual.</summary>
    public Task<LintResult> LintTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        LintBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Lints the content of <paramref name="stream"/> as if it were the file <paramref name="path"/>.</summary>
    public async Task<LintResult> LintStreamAsync(string path, Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return await LintBytesAsync(path, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lints raw bytes as if they were the file <paramref name="path"/>.</summary>
    public Task<LintResult> LintBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var full = Path.GetFullPath(path, _options.WorkingDirectory);
        var corpus = BuildCorpus(_discovery.CorpusFiles().Where(f => f != full), (full, bytes));
        var findings = LintContent(DisplayPath(full), full, bytes, corpus);
        return Task.FromResult(Finish(findings, 1, watch));
    }

    /// <summary>Lints one file's bytes with a given corpus and returns its findings (with fixes), unsorted and unfiltered by <see cref="LintOptions.Quiet"/>.</summary>
    public IReadOnlyList<Finding> LintContent(string displayPath, string fullPath, byte[] bytes, ICorpus corpus)
    {
        var severities = SeveritiesFor(fullPath);
        var raw = new List<RawFinding>();
        var (document, error, lines) = StrictJsonParser.Parse(bytes);
        if (error is not null)
        {
            if (severities["invalid-json"] == Severity.Off) return [];
            var (l, c) = lines.ToLineColumn(error.Offset);
            return [new Finding("invalid-json", severities["invalid-json"], error.Message, displayPath, l, c, "")];
        }
        using (document)
        {
            var context = new FileContext(displayPath, fullPath, document!, _settings, raw);
            foreach (var rule in Rules)
            {
                if (severities[rule.Metadata.Id] == Severity.Off) continue;
                context.SetCurrentRule(rule);
                switch (rule)
                {
                    case IFileRule fileRule: fileRule.Check(context); break;
                    case ICorpusRule corpusRule: corpusRule.Check(context, corpus); break;
                }
            }
            return raw.Select(r =>
            {
                var (l, c) = lines.ToLineColumn(r.Offset);
                return new Finding(r.RuleId, severities[r.RuleId], r.Message, displayPath, l, c, r.Pointer, r.Fix);
            }).ToList();
        }
    }

    private IReadOnlyList<Finding> LintFile(string fullPath, ICorpus corpus)
    {
        string display = DisplayPath(fullPath);
        var severities = SeveritiesFor(fullPath);
        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > Config.MaxFileSize)
            {
                return severities["file-too-large"] == Severity.Off ? [] :
                    [new Finding("file-too-large", severities["file-too-large"], $"the file is {info.Length} bytes, over the limit of {Config.MaxFileSize} bytes (maxFileSize); it was not read", display, 1, 1, "")];
            }
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return severities["invalid-json"] == Severity.Off ? [] :
                [new Finding("invalid-json", severities["invalid-json"], $"the file cannot be read: {ex.Message}", display, 1, 1, "")];
        }
        return LintContent(display, fullPath, bytes, corpus);
    }

    /// <summary>The corpus index: slugs of <paramref name="files"/>, plus the in-memory <paramref name="extra"/> content.</summary>
    public CorpusIndex BuildCorpus(IEnumerable<string> files, (string FullPath, byte[] Bytes)? extra)
    {
        var list = files.ToList();
        var slugs = new string?[list.Count];
        Parallel.For(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism) },
            i => slugs[i] = SlugScanner.ReadSlug(list[i]));
        var index = new CorpusIndex();
        for (int i = 0; i < list.Count; i++)
            if (slugs[i] is { } slug) index.Add(slug, DisplayPath(list[i]));
        if (extra is { } e && SlugScanner.ReadSlug(e.Bytes) is { } extraSlug) index.Add(extraSlug, DisplayPath(e.FullPath));
        index.Seal();
        return index;
    }

    /// <summary>The severity of every rule for one file: defaults, then <c>rules</c>, then matching <c>overrides</c>, then command-line overrides.</summary>
    public IReadOnlyDictionary<string, Severity> SeveritiesFor(string fullPath)
    {
        var map = new Dictionary<string, Severity>(Rules.Count, StringComparer.Ordinal);
        foreach (var rule in Rules) map[rule.Metadata.Id] = rule.Metadata.DefaultSeverity;
        foreach (var (id, s) in Config.Rules) map[id] = s;
        if (_overrideMatchers.Length > 0)
        {
            var relative = Path.GetRelativePath(Config.BaseDirectory, fullPath).Replace('\\', '/');
            for (int i = 0; i < _overrideMatchers.Length; i++)
            {
                if (_overrideMatchers[i].Match(relative).HasMatches)
                    foreach (var (id, s) in Config.Overrides[i].Rules) map[id] = s;
            }
        }
        foreach (var (id, s) in _options.RuleOverrides) map[id] = s;
        return map;
    }

    /// <summary>How a path is shown in reports: relative to the working directory, with <c>/</c>.</summary>
    public string DisplayPath(string fullPath) =>
        Path.GetRelativePath(_options.WorkingDirectory, fullPath).Replace('\\', '/');

    private LintResult Finish(IEnumerable<Finding> findings, int files, Stopwatch watch)
    {
        var list = findings.Where(f => !_options.Quiet || f.Severity == Severity.Error).ToList();
        list.Sort(Finding.ReportOrder);
        return new LintResult(list, files, watch.Elapsed);
    }
}
