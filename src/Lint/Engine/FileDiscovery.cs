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
    public IReadOnlyList<string> CorpusFiles()
    {
        if (!Directory.Exists(_config.BaseDirectory)) return [];
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(_config.Include);
        matcher.AddExcludePatterns(_config.Exclude);
        return Execute(matcher, _config.BaseDirectory);
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
    /// <exception cref="LintConfigurationException">A target matches nothing.</exception>
    public IReadOnlyList<string> ExpandTargets(IEnumerable<string> targets, string workingDirectory)
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
                foreach (var f in Execute(matcher, full))
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
            var matched = Execute(globMatcher, root);
            if (matched.Count == 0) throw new LintConfigurationException($"{target}: no files match this pattern");
            foreach (var f in matched)
                if (!IsExcluded(f)) result.Add(f);
        }
        return result.ToList();
    }

    private static List<string> Execute(Matcher matcher, string root)
    {
        var files = matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(root))).Files
            .Select(f => Path.GetFullPath(Path.Combine(root, f.Path)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
