using Lint.Engine;
using Lint.Rules;

namespace Lint;

// The seam editors (Lint.Editor.LintWorkspace) use: the same discovery, guarded reads, size limit, fix loop and
// LintContent as the command line, one file at a time, with a corpus the caller keeps up to date.
public sealed partial class Linter
{
    /// <summary>The configured file discovery (include, exclude).</summary>
    internal FileDiscovery Discovery => _discovery;

    /// <summary>Whether <paramref name="fullPath"/> belongs to the configured corpus (include minus exclude), whether or not it exists.</summary>
    internal bool IsCorpusFile(string fullPath)
    {
        var relative = Path.GetRelativePath(Config.BaseDirectory, fullPath);
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return false;
        return FileDiscovery.Matches(Config.Include, relative) && !_discovery.IsExcluded(fullPath);
    }

    /// <summary>The slug of a corpus file on disk (same guards as the command line's corpus), or null.</summary>
    internal string? ReadCorpusSlug(string fullPath) => ReadEntry(fullPath)?.Slug;

    /// <summary>
    /// Lints <paramref name="fullPath"/>: the given <paramref name="bytes"/> (an editor's unsaved text) or, when null, the
    /// file on disk through the guarded reader. Returns the bytes linted (null when none were read) and the findings,
    /// unsorted and unfiltered.
    /// </summary>
    internal (byte[]? Bytes, IReadOnlyList<Finding> Findings) LintForEditor(string fullPath, byte[]? bytes, ICorpus corpus)
    {
        if (bytes is null)
        {
            var outcome = _reader.Read(fullPath, Config.MaxFileSize);
            if (outcome.Bytes is null) return (null, Unread(fullPath, outcome));
            bytes = outcome.Bytes;
        }
        if (bytes.LongLength > Config.MaxFileSize) return (null, TooLarge(fullPath, bytes.LongLength));
        return (bytes, LintContent(DisplayPath(fullPath), fullPath, bytes, corpus));
    }

    /// <summary>The fix loop (what <c>--fix</c> does) on an editor's text; the bytes come back unchanged when nothing applies.</summary>
    internal byte[] FixForEditor(string fullPath, byte[] bytes, ICorpus corpus, CancellationToken cancellationToken)
    {
        if (bytes.LongLength > Config.MaxFileSize) return bytes;
        return FixContent(DisplayPath(fullPath), fullPath, bytes, corpus, cancellationToken, out _, out _).Fixed;
    }
}
