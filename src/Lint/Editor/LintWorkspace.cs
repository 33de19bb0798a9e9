using System.Text;
using System.Text.RegularExpressions;
using Lint.Config;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Editor;

/// <summary>A finding with its place in the editor: the range it covers, in the workspace's <see cref="PositionEncoding"/>.</summary>
/// <param name="Finding">The finding, exactly as the command line reports it.</param>
/// <param name="Range">Where it is: from the finding's <c>line:col</c> to the end of the node it is about (at most to the end of that line).</param>
public sealed record EditorDiagnostic(Finding Finding, EditorRange Range);

/// <summary>The diagnostics of one file.</summary>
/// <param name="FullPath">The file.</param>
/// <param name="Diagnostics">Its diagnostics, in report order; empty for a clean, removed or no longer linted file.</param>
/// <param name="Version">Increases each time the diagnostics of this file change (a result id for pull diagnostics).</param>
public sealed record FileReport(string FullPath, IReadOnlyList<EditorDiagnostic> Diagnostics, long Version);

/// <summary>A configuration that cannot be used, as one diagnostic on the file at fault.</summary>
/// <param name="FullPath">The configuration file (or the schema or other file the message names).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, in code points.</param>
/// <param name="Message">The reason, as the command line prints it (without the <c>file:line:col</c> prefix).</param>
public sealed record ConfigurationProblem(string FullPath, int Line, int Column, string Message);

/// <summary>One replacement in an editor's document.</summary>
public sealed record EditorEdit(EditorRange Range, string NewText);

/// <summary>
/// What an editor integration (the language server) needs from lint for one workspace folder: the configuration found
/// as the command line finds it, the corpus of that configuration with the unsaved text of open documents laid over
/// the files on disk, and diagnostics that follow edits without reading the whole corpus again.
/// </summary>
/// <remarks>
/// The workspace records, for each file it lints, which slugs its rules asked the corpus about (through
/// <see cref="ICorpus"/>). When a document's slug changes (an edit, a save, a file created or deleted on disk), only
/// the files that asked about the old or the new slug are linted again. This works for any corpus rule, built in or
/// custom, without knowing what it checks. Memory is one slug and a few queried slugs per file, plus the findings;
/// no file's bytes are kept except those of open documents. Not thread-safe: one caller at a time.
/// </remarks>
public sealed class LintWorkspace
{
    private readonly LintOptions _options;
    private readonly PositionEncoding _encoding;
    private readonly Dictionary<string, byte[]> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileState> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _askedBy = new(StringComparer.Ordinal);
    private readonly LiveCorpus _corpus = new();
    private long _versions;
    private bool _loaded;

    private sealed class FileState
    {
        public string? Slug;
        public bool InCorpus;
        public string[] Asked = [];
        public IReadOnlyList<EditorDiagnostic>? Diagnostics;
        public long Version;
    }

    /// <summary>Opens the workspace rooted at <paramref name="rootDirectory"/>. Never throws for a bad configuration: see <see cref="ConfigurationProblem"/>.</summary>
    /// <param name="rootDirectory">The workspace folder: configuration discovery starts here, and reports are relative to it.</param>
    /// <param name="encoding">How the editor counts characters.</param>
    /// <param name="options">Other options (custom rules, say); the working directory is always <paramref name="rootDirectory"/>.</param>
    public LintWorkspace(string rootDirectory, PositionEncoding encoding = PositionEncoding.Utf16, LintOptions? options = null)
    {
        Root = Path.GetFullPath(rootDirectory);
        _encoding = encoding;
        _options = (options ?? new LintOptions()) with { WorkingDirectory = Root, Progress = null };
        ConfigPath = _options.ConfigPath is { } explicitPath ? Path.GetFullPath(explicitPath, Root) : ConfigLoader.Discover(Root);
        try
        {
            Linter = new Linter(_options);
        }
        catch (LintConfigurationException ex)
        {
            ConfigurationProblem = Locate(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ConfigurationProblem = new ConfigurationProblem(ConfigPath ?? Root, 1, 1, ex.Message);
        }
    }

    /// <summary>The workspace folder.</summary>
    public string Root { get; }

    /// <summary>The configuration file in use (discovered upward from <see cref="Root"/>), or null for the defaults.</summary>
    public string? ConfigPath { get; }

    /// <summary>The linter, or null when the configuration cannot be used (<see cref="ConfigurationProblem"/>).</summary>
    public Linter? Linter { get; }

    /// <summary>Why the configuration cannot be used, or null when it can.</summary>
    public ConfigurationProblem? ConfigurationProblem { get; }

    /// <summary>The encoding of every range this workspace returns.</summary>
    public PositionEncoding Encoding => _encoding;

    /// <summary>Files whose change means the workspace must be opened again: the configuration and the schema it names.</summary>
    public IReadOnlyList<string> ConfigurationFiles
    {
        get
        {
            var list = new List<string>();
            if (ConfigPath is not null) list.Add(ConfigPath);
            if (Linter?.Config.Schema is { } schema) list.Add(Path.GetFullPath(schema, Linter.Config.BaseDirectory));
            return list;
        }
    }

    /// <summary>Whether lint lints <paramref name="fullPath"/> here: it is in the configured corpus (include minus exclude).</summary>
    public bool IsLinted(string fullPath) => Linter is { } linter && linter.IsCorpusFile(fullPath);

    /// <summary>The open documents, with their unsaved text.</summary>
    public IReadOnlyCollection<string> OpenDocuments => _open.Keys;

    /// <summary>Every corpus file known (on disk, or open and unsaved), sorted.</summary>
    public IReadOnlyList<string> CorpusFiles
    {
        get
        {
            EnsureLoaded();
            var list = _files.Where(f => f.Value.InCorpus).Select(f => f.Key).ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>
    /// Sets the unsaved text of an open document (on open and on every change). Returns the reports that changed: this
    /// document's and those of other files whose findings depend on its slug (a renamed slug, a new duplicate).
    /// </summary>
    public IReadOnlyList<FileReport> SetDocument(string fullPath, byte[] bytes)
    {
        _open[fullPath] = bytes;
        return Changed([fullPath]);
    }

    /// <summary>Closes a document: the file on disk counts again. Returns the reports that changed.</summary>
    public IReadOnlyList<FileReport> CloseDocument(string fullPath)
    {
        if (!_open.Remove(fullPath)) return [];
        return Changed([fullPath]);
    }

    /// <summary>Files created, changed or deleted on disk (an editor's file watcher). Returns the reports that changed.</summary>
    public IReadOnlyList<FileReport> FilesChanged(IEnumerable<string> fullPaths) => Changed(fullPaths.Distinct(StringComparer.Ordinal).ToList());

    /// <summary>The current diagnostics of <paramref name="fullPath"/> (linting it first if it never was).</summary>
    public FileReport Report(string fullPath)
    {
        EnsureLoaded();
        if (!_files.TryGetValue(fullPath, out var state) || !state.InCorpus) return new FileReport(fullPath, [], 0);
        if (state.Diagnostics is null) Relint(fullPath, state);
        return new FileReport(fullPath, state.Diagnostics!, state.Version);
    }

    /// <summary>The reports of every corpus file, linting those never linted; cancellable between files.</summary>
    public IEnumerable<FileReport> ReportAll(CancellationToken cancellationToken = default)
    {
        foreach (var path in CorpusFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Report(path);
        }
    }

    /// <summary>Corpus files not linted yet (a host lints them in small batches after start, to show workspace-wide diagnostics).</summary>
    public IReadOnlyList<string> Unlinted()
    {
        EnsureLoaded();
        var list = _files.Where(f => f.Value.InCorpus && f.Value.Diagnostics is null).Select(f => f.Key).ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>The diagnostic under <paramref name="position"/> of a document, for hover (the first one in report order).</summary>
    public IEnumerable<EditorDiagnostic> DiagnosticsAt(string fullPath, EditorPosition position) =>
        Report(fullPath).Diagnostics.Where(d => Contains(d.Range, position));

    private static bool Contains(EditorRange range, EditorPosition p)
    {
        static int Compare(EditorPosition a, EditorPosition b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);
        return Compare(range.Start, p) <= 0 && Compare(p, range.End) <= 0;
    }

    /// <summary>The edits of one finding's fix, in the open document's text (the same edits <c>--fix</c> applies first).</summary>
    public IReadOnlyList<EditorEdit> FixEdits(string fullPath, Finding finding)
    {
        // A cross-file fix (related-reciprocal) changes another document: it is left to lint --fix.
        if (finding.Fix is null || finding.Fix.Target is not null || !_open.TryGetValue(fullPath, out var bytes)) return [];
        var positions = new TextPositions(bytes, _encoding);
        return finding.Fix.Edits.Select(e => new EditorEdit(positions.ToRange(e.Start, e.End), e.NewText)).ToList();
    }

    /// <summary>
    /// Everything <c>--fix</c> would change in the open document, as one edit (the changed span only), or null when no
    /// fix applies.
    /// </summary>
    public EditorEdit? FixAll(string fullPath, CancellationToken cancellationToken = default)
    {
        if (Linter is not { } linter || !_open.TryGetValue(fullPath, out var bytes) || !IsLinted(fullPath)) return null;
        EnsureLoaded();
        var fixedBytes = linter.FixForEditor(fullPath, bytes, _corpus.Reader(null), cancellationToken);
        if (fixedBytes.AsSpan().SequenceEqual(bytes)) return null;
        int prefix = bytes.AsSpan().CommonPrefixLength(fixedBytes);
        while (prefix > 0 && (prefix < bytes.Length && (bytes[prefix] & 0xC0) == 0x80 || prefix < fixedBytes.Length && (fixedBytes[prefix] & 0xC0) == 0x80)) prefix--;
        int max = Math.Min(bytes.Length, fixedBytes.Length) - prefix;
        int suffix = 0;
        while (suffix < max && bytes[^(suffix + 1)] == fixedBytes[^(suffix + 1)]) suffix++;
        while (suffix > 0 && (bytes[^suffix] & 0xC0) == 0x80) suffix--;
        var positions = new TextPositions(bytes, _encoding);
        string newText = System.Text.Encoding.UTF8.GetString(fixedBytes, prefix, fixedBytes.Length - suffix - prefix);
        return new EditorEdit(positions.ToRange(prefix, bytes.Length - suffix), newText);
    }

    /// <summary>
    /// The edit of the configuration file that turns <paramref name="ruleId"/> off for <paramref name="fullPath"/> alone
    /// (an <c>overrides</c> entry naming the file), or null when the configuration cannot express that cleanly: no
    /// configuration file, one that does not parse, or a path with glob characters.
    /// </summary>
    public (string ConfigPath, EditorEdit Edit)? DisableRuleForFile(string fullPath, string ruleId)
    {
        if (Linter?.Config.SourcePath is not { } configPath) return null;
        var relative = Path.GetRelativePath(Linter.Config.BaseDirectory, fullPath).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) || relative.IndexOfAny(['*', '?', '[', ']', '{', '}', '!', '\\', '"']) >= 0) return null;
        byte[] bytes;
        try
        {
            bytes = _open.TryGetValue(configPath, out var open) ? open : File.ReadAllBytes(configPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var (document, error, _) = StrictJsonParser.Parse(bytes);
        if (error is not null || document is null) return null;
        using (document)
        {
            if (document.Root.ValueKind != System.Text.Json.JsonValueKind.Object) return null;
            string entry = $"{{ \"files\": [\"{System.Text.Json.JsonEncodedText.Encode(relative)}\"], \"rules\": {{ \"{System.Text.Json.JsonEncodedText.Encode(ruleId)}\": \"off\" }} }}";
            var positions = new TextPositions(bytes, _encoding);
            int insertAt;
            string text;
            if (document.Root.TryGetProperty("overrides", out var overrides))
            {
                if (overrides.ValueKind != System.Text.Json.JsonValueKind.Array || !document.Positions.TryGet("/overrides", out var arraySpan)) return null;
                int count = overrides.GetArrayLength();
                if (count == 0)
                {
                    insertAt = arraySpan.Start + 1;
                    text = entry;
                }
                else
                {
                    document.Positions.TryGet($"/overrides/{count - 1}", out var last);
                    insertAt = last.End;
                    text = ",\n" + IndentOf(bytes, last.Start) + entry;
                }
            }
            else
            {
                var names = document.Root.EnumerateObject().Select(p => p.Name).ToList();
                if (names.Count == 0 || !document.Positions.TryGet("", out var rootSpan)) return null;
                document.Positions.TryGet(JsonPointer.Append("", names[^1]), out var lastProperty);
                insertAt = lastProperty.End;
                text = ",\n" + IndentOf(bytes, lastProperty.KeyStart) + "\"overrides\": [" + entry + "]";
            }
            var at = positions.ToPosition(insertAt);
            return (configPath, new EditorEdit(new EditorRange(at, at), text));
        }
    }

    private static string IndentOf(byte[] bytes, int offset)
    {
        int start = offset;
        while (start > 0 && bytes[start - 1] != (byte)'\n' && bytes[start - 1] != (byte)'\r') start--;
        int end = start;
        while (end < offset && (bytes[end] == (byte)' ' || bytes[end] == (byte)'\t')) end++;
        return System.Text.Encoding.UTF8.GetString(bytes, start, end - start);
    }

    /// <summary>Reads the slug of every corpus file once (lazily, on first use).</summary>
    private void EnsureLoaded()
    {
        if (_loaded || Linter is not { } linter) return;
        _loaded = true;
        var files = linter.Discovery.CorpusFiles();
        var slugs = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism) },
            i => slugs[i] = linter.ReadCorpusSlug(files[i]));
        for (int i = 0; i < files.Count; i++)
        {
            var state = new FileState { InCorpus = true, Slug = slugs[i] };
            _files[files[i]] = state;
            if (state.Slug is not null) _corpus.Add(state.Slug, linter.DisplayPath(files[i]));
        }
        foreach (var path in _open.Keys.ToList()) UpdateFacts(path);
    }

    /// <summary>Re-reads the facts (corpus membership, slug) of <paramref name="paths"/> and relints what depends on them.</summary>
    private IReadOnlyList<FileReport> Changed(IReadOnlyList<string> paths)
    {
        if (Linter is null) return [];
        if (!_loaded)
        {
            EnsureLoaded(); // reads every path's current facts, including these
        }
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var (oldSlug, newSlug) = UpdateFacts(path);
            dirty.Add(path);
            if (!string.Equals(oldSlug, newSlug, StringComparison.Ordinal))
            {
                foreach (var slug in new[] { oldSlug, newSlug })
                {
                    if (slug is not null && _askedBy.TryGetValue(slug, out var askers)) dirty.UnionWith(askers);
                }
            }
        }
        var reports = new List<FileReport>();
        foreach (var path in dirty.Order(StringComparer.Ordinal))
        {
            if (!_files.TryGetValue(path, out var state)) continue;
            long before = state.Version;
            bool wasReported = state.Diagnostics is { Count: > 0 };
            if (!state.InCorpus)
            {
                Forget(path, state);
                if (wasReported) reports.Add(new FileReport(path, [], state.Version));
                if (!_open.ContainsKey(path) && !File.Exists(path)) _files.Remove(path);
                continue;
            }
            Relint(path, state);
            if (state.Version != before) reports.Add(new FileReport(path, state.Diagnostics!, state.Version));
        }
        return reports;
    }

    /// <summary>Updates corpus membership and the slug of one file from its open text or the disk; returns the slug before and after.</summary>
    private (string? Old, string? New) UpdateFacts(string path)
    {
        var linter = Linter!;
        if (!_files.TryGetValue(path, out var state)) _files[path] = state = new FileState();
        var oldSlug = state.InCorpus ? state.Slug : null;
        bool exists = _open.ContainsKey(path) || File.Exists(path);
        state.InCorpus = exists && linter.IsCorpusFile(path);
        string? newSlug = null;
        if (state.InCorpus)
        {
            newSlug = _open.TryGetValue(path, out var bytes)
                ? (bytes.LongLength <= linter.Config.MaxFileSize ? Corpus.SlugScanner.ReadSlug(bytes) : null)
                : linter.ReadCorpusSlug(path);
        }
        var display = linter.DisplayPath(path);
        if (oldSlug is not null) _corpus.Remove(oldSlug, display);
        if (newSlug is not null) _corpus.Add(newSlug, display);
        state.Slug = newSlug;
        return (oldSlug, newSlug);
    }

    private void Forget(string path, FileState state)
    {
        foreach (var slug in state.Asked)
        {
            if (_askedBy.TryGetValue(slug, out var set) && set.Remove(path) && set.Count == 0) _askedBy.Remove(slug);
        }
        state.Asked = [];
        if (state.Diagnostics is { Count: > 0 }) state.Version = ++_versions;
        state.Diagnostics = [];
    }

    /// <summary>Lints one file (open text or disk) against the live corpus, recording which slugs it asked about.</summary>
    private void Relint(string path, FileState state)
    {
        var linter = Linter!;
        var asked = new HashSet<string>(StringComparer.Ordinal);
        _open.TryGetValue(path, out var open);
        var (bytes, findings) = linter.LintForEditor(path, open, _corpus.Reader(asked));
        var sorted = findings.ToList();
        sorted.Sort(Finding.ReportOrder);
        var diagnostics = Locate(bytes, sorted);
        foreach (var slug in state.Asked)
        {
            if (!asked.Contains(slug) && _askedBy.TryGetValue(slug, out var set) && set.Remove(path) && set.Count == 0) _askedBy.Remove(slug);
        }
        foreach (var slug in asked)
        {
            if (!_askedBy.TryGetValue(slug, out var set)) _askedBy[slug] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(path);
        }
        state.Asked = asked.ToArray();
        if (state.Diagnostics is null || !state.Diagnostics.SequenceEqual(diagnostics))
        {
            state.Diagnostics = diagnostics;
            state.Version = ++_versions;
        }
    }

    /// <summary>The editor range of each finding: from its <c>line:col</c> to the end of its node, kept on one line.</summary>
    private IReadOnlyList<EditorDiagnostic> Locate(byte[]? bytes, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0) return [];
        if (bytes is null)
        {
            var start = new EditorPosition(0, 0);
            return findings.Select(f => new EditorDiagnostic(f, new EditorRange(start, start))).ToList();
        }
        var positions = new TextPositions(bytes, _encoding);
        var lines = new LineIndex(bytes);
        ParsedDocument? document = null;
        try
        {
            var result = new List<EditorDiagnostic>(findings.Count);
            foreach (var finding in findings)
            {
                int offset = TextPositions.OffsetOfLintPosition(bytes, lines, finding.Line, finding.Column);
                int end = offset;
                if (finding.Pointer.Length > 0 || finding.RuleId != "invalid-json")
                {
                    document ??= StrictJsonParser.Parse(bytes).Document;
                    if (document is not null && document.Positions.TryGet(finding.Pointer, out var span))
                    {
                        if (offset == span.Start) end = span.End;
                        else if (offset == span.KeyStart) end = KeyEnd(bytes, span.KeyStart);
                    }
                }
                if (end == offset && offset < bytes.Length) end = offset + TextPositions.SequenceLength(bytes, offset, bytes.Length);
                var range = positions.ToRange(offset, end);
                if (range.End.Line != range.Start.Line)
                {
                    // A multi-line node (an object, an array): underline its first line only.
                    int lineEnd = offset;
                    while (lineEnd < bytes.Length && bytes[lineEnd] != (byte)'\n' && bytes[lineEnd] != (byte)'\r') lineEnd++;
                    range = positions.ToRange(offset, lineEnd);
                }
                result.Add(new EditorDiagnostic(finding, range));
            }
            return result;
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>The offset just past the closing quote of the property name starting at <paramref name="keyStart"/>.</summary>
    private static int KeyEnd(byte[] bytes, int keyStart)
    {
        for (int i = keyStart + 1; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\\') i++;
            else if (bytes[i] == (byte)'"') return i + 1;
        }
        return bytes.Length;
    }

    /// <summary>Where a configuration message is: its <c>file:line:col:</c> prefix, or the configuration file's start.</summary>
    private ConfigurationProblem Locate(string message)
    {
        var match = Regex.Match(message, @"^(?<file>.+?):(?<line>\d+):(?<col>\d+): (?<reason>.*)$", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        if (match.Success)
        {
            var file = Path.GetFullPath(match.Groups["file"].Value, Root);
            if (File.Exists(file) && int.TryParse(match.Groups["line"].ValueSpan, out int line) && int.TryParse(match.Groups["col"].ValueSpan, out int col))
                return new ConfigurationProblem(file, line, col, Text.Sanitize(match.Groups["reason"].Value, int.MaxValue));
        }
        var plain = Regex.Match(message, @"^(?<file>/[^:]+): (?<reason>.*)$", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        if (plain.Success && File.Exists(plain.Groups["file"].Value))
            return new ConfigurationProblem(plain.Groups["file"].Value, 1, 1, Text.Sanitize(plain.Groups["reason"].Value, int.MaxValue));
        return new ConfigurationProblem(ConfigPath ?? Path.Combine(Root, ConfigLoader.FileName), 1, 1, Text.Sanitize(message, int.MaxValue));
    }

    /// <summary>The editor range of a configuration problem, in this workspace's encoding (the file is read from disk).</summary>
    public EditorRange RangeOf(ConfigurationProblem problem)
    {
        byte[] bytes;
        try
        {
            bytes = _open.TryGetValue(problem.FullPath, out var open) ? open : File.ReadAllBytes(problem.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return default;
        }
        int offset = TextPositions.OffsetOfLintPosition(bytes, new LineIndex(bytes), problem.Line, problem.Column);
        var positions = new TextPositions(bytes, _encoding);
        int end = offset < bytes.Length ? offset + TextPositions.SequenceLength(bytes, offset, bytes.Length) : offset;
        return positions.ToRange(offset, end);
    }

    /// <summary>The slugs of the corpus, by display path, as open documents and the disk say now.</summary>
    private sealed class LiveCorpus
    {
        private readonly Dictionary<string, List<string>> _bySlug = new(StringComparer.Ordinal);

        public void Add(string slug, string display)
        {
            if (!_bySlug.TryGetValue(slug, out var list)) _bySlug[slug] = list = [];
            int at = list.BinarySearch(display, StringComparer.Ordinal);
            if (at < 0) list.Insert(~at, display);
        }

        public void Remove(string slug, string display)
        {
            if (!_bySlug.TryGetValue(slug, out var list)) return;
            int at = list.BinarySearch(display, StringComparer.Ordinal);
            if (at >= 0) list.RemoveAt(at);
            if (list.Count == 0) _bySlug.Remove(slug);
        }

        /// <summary>A view for one lint that records the slugs asked about into <paramref name="asked"/>.</summary>
        public ICorpus Reader(HashSet<string>? asked) => new Recorder(this, asked);

        private sealed class Recorder(LiveCorpus corpus, HashSet<string>? asked) : ICorpus
        {
            public IReadOnlyList<string> FilesWithSlug(string slug)
            {
                asked?.Add(slug);
                return corpus._bySlug.TryGetValue(slug, out var list) ? list.ToArray() : [];
            }

            public bool Contains(string slug)
            {
                asked?.Add(slug);
                return corpus._bySlug.ContainsKey(slug);
            }
        }
    }
}
