using Lint.IO;

namespace Lint.Fixing;

/// <summary>
/// Replaces a fixed file's content atomically (through <see cref="IO.AtomicFile"/>: a temporary file in the same folder,
/// flushed to disk, renamed over the original), only if the file is unchanged since it was read, keeping what is not
/// the fix's: its permissions, owner and group, its hard links, its symbolic link.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> over <paramref name="path"/>, provided the file still holds
    /// <paramref name="expected"/> (the bytes the fix was computed from). In order:
    /// <list type="number">
    /// <item>a symbolic link is followed (its target is replaced, the link stays a link);</item>
    /// <item>before anything is written, the file must be a regular file with one name (a hard-linked file is refused:
    /// replacing it would split the links, leaving the other names with the old content) that the running user may
    /// write and whose mode grants write to someone (a 0444 file is read-only on purpose, even for root);</item>
    /// <item>an exclusive lock on the file is taken without waiting, so that of two <c>lint --fix</c> runs only one
    /// writes it (the other reports it as not written);</item>
    /// <item>the temporary file gets the original's mode, owner and group, or the fix is refused when the owner
    /// cannot be kept (a file of another user, without root);</item>
    /// <item>right before the rename, the file is compared with <paramref name="expected"/> once more and must still be
    /// the very file that was locked (an editor's save meanwhile is never overwritten).</item>
    /// </list>
    /// On failure the original is left as it was and no temporary file remains.
    /// </summary>
    /// <exception cref="IOException">The file changed since it was read, is locked by another run, or cannot be written or refused.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
    public static void Replace(string path, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> content)
    {
        string target = ResolveTarget(path);
        if (!File.Exists(target)) throw new FileNotFoundException("the file no longer exists (it was removed or renamed while lint ran)");
        var before = Posix.Stat(target);
        if (before is { } b)
        {
            if (b.Kind != FileKind.Regular) throw new IOException($"it is {b.KindText}, not a regular file");
            if (b.Links > 1)
                throw new IOException($"the file has {b.Links} hard links; lint does not split them (the other names would keep the old content), so fix it by hand or remove the extra links");
            if ((b.Mode & 0b010_010_010) == 0)
                throw new UnauthorizedAccessException($"the file is read-only (mode {Convert.ToString(b.Mode, 8).PadLeft(4, '0')}); lint leaves it as it is");
        }
        if (!Posix.MayWrite(target)) throw new UnauthorizedAccessException("the file is not writable by the running user; lint leaves it as it is");
        var expectedBytes = expected.ToArray();
        var bytes = content.ToArray();
        // Opened for writing (never written through): an exclusive fcntl lock needs it.
        using var handle = File.OpenHandle(target, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (!Posix.TryLockExclusive(handle)) throw new IOException("another lint --fix run is writing this file at the same time; it was left to that run");
        try
        {
            var locked = Posix.Stat(handle);
            if (!SameFile(locked, Posix.Stat(target)) || !Holds(handle, expectedBytes))
                throw new IOException("the file changed while it was being fixed");
            UnixFileMode? mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(handle);
            IO.AtomicFile.WriteStream(target, stream => stream.Write(bytes), mode, IO.AtomicFile.FixTemporarySuffix, temp =>
            {
                if (locked is { } original && Posix.Stat(temp) is { } written && (written.Uid != original.Uid || written.Gid != original.Gid)
                    && !Posix.Chown(temp, original.Uid, original.Gid, out _))
                    throw new IOException($"the file belongs to user {original.Uid}, group {original.Gid}, which lint cannot give the fixed file (run lint as that user), so it was not fixed");
                BeforeFinalCheck.Value?.Invoke(target);
                // The last check, right before the rename: the path is still the locked file and holds what was linted.
                if (!SameFile(locked, Posix.Stat(target)) || !Holds(handle, expectedBytes))
                    throw new IOException("the file changed while it was being fixed");
            });
        }
        finally
        {
            Posix.Unlock(handle);
        }
    }

    /// <summary>Called (with the target path) after the temporary file is written, right before the final check. Tests use it to edit the file at that moment.</summary>
    internal static readonly AsyncLocal<Action<string>?> BeforeFinalCheck = new();

    private static bool SameFile(FileStat? a, FileStat? b) =>
        a is null || b is null || (a.Value.Device == b.Value.Device && a.Value.Inode == b.Value.Inode);

    /// <summary>Whether the open file holds exactly <paramref name="expected"/>.</summary>
    private static bool Holds(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] expected)
    {
        if (RandomAccess.GetLength(handle) != expected.Length) return false;
        var buffer = new byte[Math.Min(expected.Length + 1, 1 << 20)];
        long offset = 0;
        while (true)
        {
            int n = RandomAccess.Read(handle, buffer, offset);
            if (n == 0) return offset == expected.Length;
            if (offset + n > expected.Length || !buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan((int)offset, n))) return false;
            offset += n;
        }
    }

    private static string ResolveTarget(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return info.FullName;
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
