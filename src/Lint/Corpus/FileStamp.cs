using System.Runtime.InteropServices;

namespace Lint.Corpus;

/// <summary>
/// What proves a corpus file unchanged since the index recorded it: size, modification and status-change times in
/// nanoseconds, and the file's identity (inode and device). The status-change time cannot be set by a user
/// (<c>cp -p</c>, <c>rsync -t</c> and <c>touch -r</c> restore the modification time, but the kernel sets the
/// status-change time to now), which is how git's index detects such copies too.
/// </summary>
/// <param name="Length">Size in bytes.</param>
/// <param name="ModifiedNs">Modification time, nanoseconds since the Unix epoch (100 ns precision where the system gives no more).</param>
/// <param name="ChangedNs">Status-change time (ctime), nanoseconds since the Unix epoch; 0 where the system does not give it.</param>
/// <param name="Inode">The file's inode number; 0 where the system does not give it.</param>
/// <param name="Device">The device that holds the file; 0 where the system does not give it.</param>
public readonly partial record struct FileStamp(long Length, long ModifiedNs, long ChangedNs, ulong Inode, ulong Device)
{
    /// <summary>The stamp of <paramref name="path"/> (following symbolic links), or null when it is not a regular file or cannot be stat'ed.</summary>
    public static FileStamp? Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var result = Statx.Of(path);
            if (result.Known) return result.Stamp;
        }
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return null;
            // Elsewhere: size and modification time only (Windows and macOS give no status-change time or id here).
            long ns = (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            return new FileStamp(info.Length, ns, 0, 0, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The current time in the stamp's unit (nanoseconds since the Unix epoch).</summary>
    public static long NowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>
    /// Linux <c>statx(2)</c>: its buffer has the same layout on every architecture (unlike <c>struct stat</c>), so one
    /// source-generated call serves x64 and arm64 and stays NativeAOT-safe.
    /// </summary>
    private static partial class Statx
    {
        private const int AtFdCwd = -100;
        private const uint BasicStats = 0x7ff;
        private const ushort TypeMask = 0xF000;
        private const ushort RegularFile = 0x8000;

        [StructLayout(LayoutKind.Explicit, Size = 256)]
        private struct Buffer
        {
            [FieldOffset(0)] public uint Mask;
            [FieldOffset(28)] public ushort Mode;
            [FieldOffset(32)] public ulong Inode;
            [FieldOffset(40)] public ulong Size;
            [FieldOffset(96)] public long ChangedSeconds;
            [FieldOffset(104)] public uint ChangedNanoseconds;
            [FieldOffset(112)] public long ModifiedSeconds;
            [FieldOffset(120)] public uint ModifiedNanoseconds;
            [FieldOffset(136)] public uint DeviceMajor;
            [FieldOffset(140)] public uint DeviceMinor;
        }

        [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static partial int Call(int dirfd, string path, int flags, uint mask, ref Buffer buffer);

        private static bool s_unavailable;

        public static (bool Known, FileStamp? Stamp) Of(string path)
        {
            if (s_unavailable) return (false, null);
            var buffer = default(Buffer);
            try
            {
                if (Call(AtFdCwd, path, 0, BasicStats, ref buffer) != 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    // ENOSYS (old kernel or a sandbox without statx): use the portable fallback from now on.
                    if (errno == 38) { s_unavailable = true; return (false, null); }
                    return (true, null);
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                s_unavailable = true;
                return (false, null);
            }
            if ((buffer.Mode & TypeMask) != RegularFile) return (true, null);
            long modified = buffer.ModifiedSeconds * 1_000_000_000L + buffer.ModifiedNanoseconds;
            long changed = buffer.ChangedSeconds * 1_000_000_000L + buffer.ChangedNanoseconds;
            ulong device = ((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor;
            return (true, new FileStamp((long)buffer.Size, modified, changed, buffer.Inode, device));
        }
    }
}
