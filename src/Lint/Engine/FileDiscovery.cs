using Lint.Config;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace Lint.Engine;

/// <summary>Turns configuration globs and command-line targets into sorted lists of files.</summary>
public sealed class FileDiscovery
{
    private readonly LintConfig _config;
    private readonly Matcher _exclude;

    /// <summary>Creates a discovery for a configuration.</summary>
    public FileDiscovery(LintConfig config)
    {
        _config = config;
        _exclude = new Matcher(StringComparison.Ordinal);
        _exclude.AddIncludePatterns(config.Exclude);
    }

    /// <summary>Every file of the corpus: <c>include</c> minus <c>exclude</c>, under the configuration's folder, sorted.</summary>
    /// <param name="unreadable">Receives the folders that could not be listed (their files are missing from the result).</param>
    public IReadOnlyList<string> CorpusFiles(ICollection<string>? unreadable = null)
    {
        if (!Directory.Exists(_config.BaseDirectory)) return [];
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(_config.Include);
        matcher.AddExcludePatterns(_config.Exclude);
        return Execute(matcher, _config.BaseDirectory, unreadable);
    }

    /// <summary>Whether the configuration excludes <paramref name="fullPath"/>.</summary>
    public bool IsExcluded(string fullPath)
    {
        var relative = Path.GetRelativePath(_config.BaseDirectory, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return false;
        return _exclude.Match(relative.Replace('\\', '/')).HasMatches;
    }

    /// <summary>Whether <paramref name="relativePath"/> (relative to the configuration's folder) matches one of <paramref name="globs"/>.</summary>
    public static bool Matches(IReadOnlyList<string> globs, string relativePath)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        return matcher.Match(relativePath.Replace('\\', '/')).HasMatches;
    }

    /// <summary>
    /// Expands command-line targets: a file is taken as is, a directory gives every <c>*.json</c> below it, anything
    /// else is a glob relative to <paramref name="workingDirectory"/>. Excluded files are dropped.
    /// </summary>
    /// <param name="targets">Files, folders and globs.</param>
    /// <param name="workingDirectory">What relative targets are relative to.</param>
    /// <param name="unreadable">Receives the folders that could not be listed (their files are missing from the result).</param>
    /// <exception cref="LintConfigurationException">A target matches nothing.</exception>
    public IReadOnlyList<string> ExpandTargets(IEnumerable<string> targets, string workingDirectory, ICollection<string>? unreadable = null)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var full = Path.GetFullPath(target, workingDirectory);
            if (File.Exists(full))
            {
                if (!IsExcluded(full)) result.Add(full);
                continue;
            }
            if (Directory.Exists(full))
            {
                var matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddInclude("**/*.json");
                foreach (var f in Execute(matcher, full, unreadable))
                    if (!IsExcluded(f)) result.Add(f);
                continue;
            }
            if (target.IndexOfAny(['*', '?', '[', '{']) < 0)
                throw new LintConfigurationException($"{target}: no such file or directory");
            var globMatcher = new Matcher(StringComparison.Ordinal);
            string root = workingDirectory;
            string pattern = target.Replace('\\', '/');
            if (Path.IsPathRooted(pattern))
            {
                // Split the fixed directory prefix from the wildcard part.
                int wild = pattern.IndexOfAny(['*', '?', '[', '{']);
                int slash = pattern.LastIndexOf('/', wild);
                root = pattern[..Math.Max(slash, 1)];
                pattern = pattern[(slash + 1)..];
            }
            globMatcher.AddInclude(pattern);
            var matched = Execute(globMatcher, root, unreadable);
            if (matched.Count == 0) throw new LintConfigurationException($"{target}: no files match this pattern");
            foreach (var f in matched)
                if (!IsExcluded(f)) result.Add(f);
        }
        return result.ToList();
    }

    private static List<string> Execute(Matcher matcher, string root, ICollection<string>? unreadable)
    {
        var files = matcher.Execute(new WalkDirectory(new DirectoryInfo(root), unreadable)).Files
            .Select(f => Path.GetFullPath(Path.Combine(root, f.Path)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// A folder as the glob matcher walks it. Unlike <see cref="DirectoryInfoWrapper"/>, it does not descend into
    /// symbolic links to folders (a link to a parent would make the walk loop, and every file would be found again
    /// under each longer path), and a folder that cannot be listed is recorded instead of ending the run.
    /// Symbolic links to files are listed; the engine decides whether it may read them.
    /// </summary>
    private sealed class WalkDirectory(DirectoryInfo info, ICollection<string>? unreadable, bool isParentPath = false) : DirectoryInfoBase
    {
        public override string Name => isParentPath ? ".." : info.Name;

        public override string FullName => info.FullName;

        public override DirectoryInfoBase? ParentDirectory => info.Parent is { } parent ? new WalkDirectory(parent, unreadable) : null;

        public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
        {
            List<FileSystemInfo> entries;
            try
            {
                if (!info.Exists) return [];
                entries = info.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 }).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable?.Add(info.FullName);
                return [];
            }
            var result = new List<FileSystemInfoBase>(entries.Count);
            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo dir)
                {
                    if (dir.LinkTarget is null) result.Add(new WalkDirectory(dir, unreadable));
                }
                else if (entry is FileInfo file)
                {
                    result.Add(new FileInfoWrapper(file));
                }
            }
            return result;
        }

        public override DirectoryInfoBase? GetDirectory(string path)
        {
            if (path == "..") return new WalkDirectory(new DirectoryInfo(Path.Combine(info.FullName, path)), unreadable, isParentPath: true);
            // The matcher lists folders through EnumerateFileSystemInfos, which leaves out links; this lookup by name
            // is kept for completeness (the engine refuses any link that leads out of the project anyway).
            var dir = new DirectoryInfo(Path.Combine(info.FullName, path));
            return dir.Exists ? new WalkDirectory(dir, unreadable) : null;
        }

        public override FileInfoBase GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(info.FullName, path)));
    }
}
