using Lint.Config;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace Lint.Engine;

/// <summary>Turns configuration globs and command-line targets into sorted lists of files.</summary>
public sealed class FileDiscovery
{
    private readonly LintConfig _config;
    private readonly Matcher _exclude;
    private readonly Dictionary<string, string> _ownFiles = new(StringComparer.Ordinal);
    private readonly List<(string Folder, string Role)> _ownFolders = [];

    /// <summary>Creates a discovery for a configuration.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="ownFiles">
    /// lint's own files of the run, full path to what each is ("the baseline", ...): never incident files, whatever
    /// <c>exclude</c> says. The configuration in use, its schema and the corpus index folder (<c>.lintcache</c>) are
    /// always added.
    /// </param>
    /// <param name="ownFolders">Folders of lint's own files (full path to what each is), such as a moved corpus index.</param>
    public FileDiscovery(LintConfig config, IReadOnlyDictionary<string, string>? ownFiles = null, IReadOnlyDictionary<string, string>? ownFolders = null)
    {
        if (config.SourcePath is { } configPath) _ownFiles[Path.GetFullPath(configPath)] = "the configuration in use";
        if (config.Schema is { } schema) _ownFiles[Path.GetFullPath(schema, config.BaseDirectory)] = "the incident schema in use";
        foreach (var (path, role) in ownFiles ?? new Dictionary<string, string>()) _ownFiles[Path.GetFullPath(path)] = role;
        _ownFolders.Add((Path.Combine(Path.GetFullPath(config.BaseDirectory), Corpus.CorpusIndex.DefaultFolderName), "lint's corpus index folder"));
        foreach (var (folder, role) in ownFolders ?? new Dictionary<string, string>()) _ownFolders.Add((Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), role));
        // A configuration built in code is checked too (a loaded one was checked with file:line:col already).
        string source = config.SourcePath ?? "the configuration";
        foreach (var p in config.Include) GlobPatterns.Check(p, source + " (include)", allowRooted: false);
        foreach (var p in config.Exclude) GlobPatterns.Check(p, source + " (exclude)", allowRooted: false);
        foreach (var o in config.Overrides)
            foreach (var p in o.Files) GlobPatterns.Check(p, source + " (overrides)", allowRooted: false);
        _config = config;
        _exclude = new Matcher(StringComparison.Ordinal);
        _exclude.AddIncludePatterns(config.Exclude);
    }

    /// <summary>Every file of the corpus: <c>include</c> minus <c>exclude</c>, under the configuration's folder, sorted.</summary>
    /// <param name="unreadable">Receives the folders that could not be listed (their files are missing from the result).</param>
    public IReadOnlyList<string> CorpusFiles(ICollection<string>? unreadable = null) => CorpusFiles(new WalkReport(unreadable));

    /// <summary>Every file of the corpus; what the walk could not enter or list is added to <paramref name="report"/>.</summary>
    internal IReadOnlyList<string> CorpusFiles(WalkReport report)
    {
        if (!Directory.Exists(_config.BaseDirectory)) return [];
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(_config.Include);
        matcher.AddExcludePatterns(_config.Exclude);
        var files = Execute(matcher, _config.BaseDirectory, report, _config.Limits.WalkDepth);
        return files.Exists(f => OwnRole(f) is not null) ? files.FindAll(f => OwnRole(f) is null) : files;
    }

    /// <summary>What <paramref name="fullPath"/> is when it is one of lint's own files (the configuration in use, its schema, a baseline, in the corpus index folder), else null.</summary>
    public string? OwnRole(string fullPath)
    {
        if (_ownFiles.TryGetValue(fullPath, out var role)) return role;
        foreach (var (folder, folderRole) in _ownFolders)
        {
            if (fullPath.Length > folder.Length && fullPath.StartsWith(folder, StringComparison.Ordinal) && fullPath[folder.Length] == Path.DirectorySeparatorChar)
                return $"in {folderRole}";
        }
        return null;
    }

    /// <summary>Whether the configuration excludes <paramref name="fullPath"/>, or it is one of lint's own files (never an incident file).</summary>
    public bool IsExcluded(string fullPath) => OwnRole(fullPath) is not null || ExcludingPattern(fullPath) is not null;

    /// <summary>The <c>exclude</c> pattern that removes <paramref name="fullPath"/>, with where it is written, or null.</summary>
    private string? ExcludingPattern(string fullPath)
    {
        var relative = Path.GetRelativePath(_config.BaseDirectory, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
        var slashed = Lint.IO.PathText.ToSlashes(relative);
        if (!_exclude.Match(slashed).HasMatches) return null;
        for (int i = 0; i < _config.Exclude.Count; i++)
        {
            if (!Matches([_config.Exclude[i]], slashed)) continue;
            return i < _config.ExcludeLocations.Count
                ? $"the exclude pattern {Parsing.Text.Quote(_config.Exclude[i])} ({_config.ExcludeLocations[i]})"
                : $"the {(_config.SourcePath is null ? "default " : "")}exclude pattern {Parsing.Text.Quote(_config.Exclude[i])}";
        }
        return "exclude";
    }

    /// <summary>Why a file named on the command line is not linted, or null when it is.</summary>
    private string? WhyNotLinted(string fullPath) =>
        OwnRole(fullPath) is { } role ? $"it is {role}, not an incident file" : ExcludingPattern(fullPath) is { } pattern ? $"{pattern} excludes it" : null;

    /// <summary>
    /// Checks that each <c>include</c> pattern matches at least one file of <paramref name="corpusFiles"/>: a pattern that
    /// matches nothing can only be a mistake (a misspelt folder), and a run over it would pass on nothing.
    /// </summary>
    /// <exception cref="LintConfigurationException">Every pattern that matches no file, with where it is written and, when a folder name is close, the pattern that would match.</exception>
    public void CheckIncludes(IReadOnlyList<string> corpusFiles)
    {
        var relative = corpusFiles.Select(f => Lint.IO.PathText.ToSlashes(Path.GetRelativePath(_config.BaseDirectory, f))).ToList();
        var problems = new List<string>();
        for (int i = 0; i < _config.Include.Count; i++)
        {
            var pattern = _config.Include[i];
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern);
            if (relative.Exists(r => matcher.Match(r).HasMatches)) continue;
            string where = i < _config.IncludeLocations.Count ? _config.IncludeLocations[i]
                : _config.SourcePath is { } source ? $"{source} (include)"
                : $"the default include (no {ConfigLoader.FileName} in {Parsing.Text.Quote(_config.BaseDirectory)} or a folder above it)";
            // Before exclude: a pattern whose files exclude removes is a mistake too, of another kind.
            int before = Directory.Exists(_config.BaseDirectory) ? Execute(matcher, _config.BaseDirectory, new WalkReport(), _config.Limits.WalkDepth).Count : 0;
            string reason = before > 0
                ? $"matches {before} {(before == 1 ? "file" : "files")}, but exclude (or lint's own files) removes {(before == 1 ? "it" : "every one")}"
                : "matches no file" + (SuggestFolder(pattern, _config.BaseDirectory) is { } near ? $"; did you mean {Parsing.Text.Quote(near)}?" : "");
            problems.Add($"{where}: include pattern {Parsing.Text.Quote(pattern)} {reason}");
        }
        if (problems.Count > 0) throw new LintConfigurationException(string.Join("\n", problems));
    }

    /// <summary>
    /// <paramref name="pattern"/> with its first folder that does not exist under <paramref name="root"/> replaced by the
    /// closest existing one (<c>content/incident/**</c> to <c>content/incidents/**</c>), or null when none is close.
    /// </summary>
    internal static string? SuggestFolder(string pattern, string root)
    {
        var segments = Lint.IO.PathText.ToSlashes(pattern).Split('/');
        var dir = root;
        for (int k = 0; k < segments.Length - 1; k++)
        {
            var segment = segments[k];
            if (segment.IndexOfAny(['*', '?', '[', '{']) >= 0) return null;
            if (segment is "" or ".") continue;
            var next = Path.Combine(dir, segment);
            if (Directory.Exists(next))
            {
                dir = next;
                continue;
            }
            string[] names;
            try
            {
                names = new DirectoryInfo(dir).EnumerateDirectories().Select(d => d.Name).ToArray();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            if (Parsing.Spelling.DidYouMean(segment, names) is not { } near) return null;
            segments[k] = near;
            return string.Join('/', segments);
        }
        return null;
    }

    /// <summary>Whether <paramref name="relativePath"/> (relative to the configuration's folder) matches one of <paramref name="globs"/>.</summary>
    public static bool Matches(IReadOnlyList<string> globs, string relativePath)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        return matcher.Match(Lint.IO.PathText.ToSlashes(relativePath)).HasMatches;
    }

    /// <summary>
    /// Expands command-line targets: a file is taken as is, a directory gives every <c>*.json</c> below it, anything
    /// else is a glob relative to <paramref name="workingDirectory"/>. Excluded files are dropped.
    /// </summary>
    /// <param name="targets">Files, folders and globs.</param>
    /// <param name="workingDirectory">What relative targets are relative to.</param>
    /// <param name="unreadable">Receives the folders that could not be listed (their files are missing from the result).</param>
    /// <exception cref="LintConfigurationException">A target matches nothing.</exception>
    public IReadOnlyList<string> ExpandTargets(IEnumerable<string> targets, string workingDirectory, ICollection<string>? unreadable = null) =>
        ExpandTargets(targets, workingDirectory, new WalkReport(unreadable));

    /// <summary>Expands command-line targets; what the walk could not enter or list is added to <paramref name="report"/>.</summary>
    internal IReadOnlyList<string> ExpandTargets(IEnumerable<string> targets, string workingDirectory, WalkReport report)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        int argument = 0;
        foreach (var target in targets)
        {
            argument++;
            var full = Path.GetFullPath(target, workingDirectory);
            if (File.Exists(full))
            {
                // A file named on purpose and then not linted gets a notice (as ESLint warns), never silence.
                if (WhyNotLinted(full) is { } why) report.Notices.Add($"{target}: not linted: {why}");
                else result.Add(full);
                continue;
            }
            if (Directory.Exists(full))
            {
                var matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddInclude("**/*.json");
                var found = Execute(matcher, full, report, _config.Limits.WalkDepth);
                if (found.Count == 0 && report.Problems.Count == 0)
                    throw new LintConfigurationException($"{target}: no .json file in this folder or below it (command-line argument {argument})");
                AddKept(found, target, argument);
                continue;
            }
            if (target.IndexOfAny(['*', '?', '[', '{']) < 0)
            {
                var near = SuggestFolder(target, workingDirectory);
                throw new LintConfigurationException($"{target}: no such file or directory" + (near is null ? "" : $"; did you mean {Parsing.Text.Quote(near)}?"));
            }
            GlobPatterns.Check(target, $"command-line argument {argument}", allowRooted: true);
            var globMatcher = new Matcher(StringComparison.Ordinal);
            string root = workingDirectory;
            string pattern = Lint.IO.PathText.ToSlashes(target);
            if (Path.IsPathRooted(pattern))
            {
                // Split the fixed directory prefix from the wildcard part.
                int wild = pattern.IndexOfAny(['*', '?', '[', '{']);
                int slash = pattern.LastIndexOf('/', wild);
                root = pattern[..Math.Max(slash, 1)];
                pattern = pattern[(slash + 1)..];
            }
            globMatcher.AddInclude(pattern);
            var matched = Execute(globMatcher, root, report, _config.Limits.WalkDepth);
            if (matched.Count == 0)
            {
                var near = SuggestFolder(pattern, root);
                throw new LintConfigurationException($"{target}: no files match this pattern (command-line argument {argument})" + (near is null ? "" : $"; did you mean {Parsing.Text.Quote(near)}?"));
            }
            AddKept(matched, target, argument);
        }
        return result.ToList();

        // A folder or pattern all of whose files are excluded lints nothing: an error, as in ESLint, not a silent pass.
        void AddKept(List<string> found, string target, int argument)
        {
            int kept = 0;
            foreach (var f in found)
            {
                if (IsExcluded(f)) continue;
                result.Add(f);
                kept++;
            }
            if (found.Count > 0 && kept == 0)
                throw new LintConfigurationException($"{target}: every .json file it names is excluded (command-line argument {argument}): {WhyNotLinted(found[0])}" + (found.Count > 1 ? $", and {found.Count - 1} more" : ""));
        }
    }

    private static List<string> Execute(Matcher matcher, string root, WalkReport report, int maxDepth)
    {
        var files = matcher.Execute(new WalkDirectory(new DirectoryInfo(root), report, 0, maxDepth)).Files
            .Select(f => Path.GetFullPath(Path.Combine(root, f.Path)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The longest path, in bytes, that the system can open (Linux PATH_MAX, with its terminating zero).</summary>
    internal const int PathMax = 4096;

    /// <summary>
    /// A folder as the glob matcher walks it. Unlike <see cref="DirectoryInfoWrapper"/>, it does not descend into
    /// symbolic links to folders (a link to a parent would make the walk loop, and every file would be found again
    /// under each longer path), a folder that cannot be listed is recorded instead of ending the run, and so are a
    /// folder nested deeper than the walk depth, a path longer than PATH_MAX and a name that is not valid UTF-8 (each
    /// is reported, not skipped). Leftover temporary files of <c>--fix</c> are never listed (they are recorded for
    /// removal). Symbolic links to files are listed; the engine decides whether it may read them.
    /// </summary>
    private sealed class WalkDirectory(DirectoryInfo info, WalkReport report, int depth, int maxDepth, bool isParentPath = false) : DirectoryInfoBase
    {
        public override string Name => isParentPath ? ".." : info.Name;

        public override string FullName => info.FullName;

        public override DirectoryInfoBase? ParentDirectory => info.Parent is { } parent ? new WalkDirectory(parent, report, Math.Max(0, depth - 1), maxDepth) : null;

        public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
        {
            List<(string Name, bool IsDirectory)> entries;
            try
            {
                if (!info.Exists) return [];
                // Names and kinds straight from the directory listing: a file is not stat'ed to be listed (a FileInfo
                // would be), so a walk of 10,000 files makes no system call per file.
                entries = new System.IO.Enumeration.FileSystemEnumerable<(string, bool)>(info.FullName,
                    static (ref System.IO.Enumeration.FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory),
                    new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 }).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (System.Text.Encoding.UTF8.GetByteCount(info.FullName) >= PathMax) report.Add(WalkProblemKind.PathTooLong, info.FullName);
                else report.Add(WalkProblemKind.Unreadable, info.FullName);
                return [];
            }
            var result = new List<FileSystemInfoBase>(entries.Count);
            foreach (var (name, isDirectory) in entries)
            {
                // Built here: .NET gives an entry whose path is over PATH_MAX an empty FullName.
                string full = Path.Join(info.FullName, name);
                if (name.Contains('\uFFFD') && IO.BoundedFile.NameIsNotUtf8(full))
                {
                    report.Add(WalkProblemKind.NameNotUtf8, full);
                    continue;
                }
                if (System.Text.Encoding.UTF8.GetByteCount(full) >= PathMax)
                {
                    report.Add(WalkProblemKind.PathTooLong, full);
                    continue;
                }
                if (isDirectory)
                {
                    var dir = new DirectoryInfo(full);
                    if (dir.LinkTarget is not null) continue;
                    if (depth + 1 > maxDepth)
                    {
                        report.Add(WalkProblemKind.TooDeep, full);
                        continue;
                    }
                    result.Add(new WalkDirectory(dir, report, depth + 1, maxDepth));
                }
                else
                {
                    if (IO.AtomicFile.IsTemporaryName(name))
                    {
                        report.TemporaryFiles.Add(full);
                        continue;
                    }
                    result.Add(new ListedFile(name, full, this));
                }
            }
            return result;
        }

        public override DirectoryInfoBase? GetDirectory(string path)
        {
            if (path == "..") return new WalkDirectory(new DirectoryInfo(Path.Combine(info.FullName, path)), report, Math.Max(0, depth - 1), maxDepth, isParentPath: true);
            // The matcher lists folders through EnumerateFileSystemInfos, which leaves out links; this lookup by name
            // is kept for completeness (the engine refuses any link that leads out of the project anyway).
            var dir = new DirectoryInfo(Path.Combine(info.FullName, path));
            return dir.Exists && depth + 1 <= maxDepth ? new WalkDirectory(dir, report, depth + 1, maxDepth) : null;
        }

        public override FileInfoBase GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(info.FullName, path)));
    }

    /// <summary>A file as the directory listing names it: its name and path, nothing stat'ed.</summary>
    private sealed class ListedFile(string name, string fullName, DirectoryInfoBase parent) : FileInfoBase
    {
        public override string Name => name;

        public override string FullName => fullName;

        public override DirectoryInfoBase? ParentDirectory => parent;
    }
}

/// <summary>What a walk could not enter or list.</summary>
internal enum WalkProblemKind
{
    /// <summary>A folder that cannot be listed (permission denied, removed while lint ran).</summary>
    Unreadable,
    /// <summary>A folder nested deeper than the walk depth.</summary>
    TooDeep,
    /// <summary>A path longer than PATH_MAX.</summary>
    PathTooLong,
    /// <summary>A name that is not valid UTF-8.</summary>
    NameNotUtf8,
}

/// <summary>What walks found that they could not take: reported as findings, never skipped silently. Thread-safe.</summary>
internal sealed class WalkReport(ICollection<string>? unreadable = null)
{
    private readonly object _gate = new();

    /// <summary>The problems, each with its full path.</summary>
    public List<(WalkProblemKind Kind, string Path)> Problems { get; } = [];

    /// <summary>Files named on the command line that are not linted (excluded, or lint's own), each with why: notices, not findings.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>Leftover temporary files of <c>--fix</c> seen by the walk (never linted; a writing run removes stale ones).</summary>
    public List<string> TemporaryFiles { get; } = [];

    public void Add(WalkProblemKind kind, string path)
    {
        lock (_gate)
        {
            Problems.Add((kind, path));
            if (kind == WalkProblemKind.Unreadable) unreadable?.Add(path);
        }
    }
}
