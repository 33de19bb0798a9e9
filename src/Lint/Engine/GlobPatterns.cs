using Microsoft.Extensions.FileSystemGlobbing;

namespace Lint.Engine;

/// <summary>
/// Checks glob patterns before they are used, so that a bad one is a clear usage or configuration error (exit 2) that
/// names the pattern and where it came from, never an exception from the globbing library, and so that no pattern can
/// walk out of the project: <c>..</c> is refused anywhere in a pattern (<c>../../**/*.json</c> would walk the whole
/// file system), and so is an absolute pattern in the configuration.
/// </summary>
public static class GlobPatterns
{
    /// <summary>Why <paramref name="pattern"/> cannot be used, or null when it is fine.</summary>
    /// <param name="pattern">The glob.</param>
    /// <param name="allowRooted">Whether an absolute pattern is allowed (a command-line argument; never in the configuration).</param>
    public static string? Problem(string pattern, bool allowRooted)
    {
        if (pattern.Length == 0) return "a pattern may not be empty";
        var segments = pattern.Split(OperatingSystem.IsWindows() ? ['/', '\\'] : ['/']);
        if (segments.Any(s => s == ".."))
            return "a pattern may not contain '..' (patterns are relative to the project folder and cannot leave it; name the folder without '..')";
        if (!allowRooted && (Path.IsPathRooted(pattern) || pattern.StartsWith('/')))
            return "a pattern must be relative to the project folder (the configuration's folder), not an absolute path";
        try
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern);
            matcher.Match("probe.json");
        }
        catch (ArgumentException ex)
        {
            return "the pattern is not valid: " + Parsing.Text.Sanitize(ex.Message, 200);
        }
        return null;
    }

    /// <summary>Throws a <see cref="Config.LintConfigurationException"/> naming <paramref name="source"/> when <paramref name="pattern"/> cannot be used.</summary>
    public static void Check(string pattern, string source, bool allowRooted)
    {
        if (Problem(pattern, allowRooted) is { } problem)
            throw new Config.LintConfigurationException($"{source}: invalid pattern {Parsing.Text.Quote(pattern, 200)}: {problem}");
    }
}
