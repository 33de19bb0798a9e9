using System.Runtime.InteropServices;

namespace Lint.IO;

/// <summary>The kind of a file system entry, as <c>stat</c> reports it.</summary>
internal enum FileKind
{
    /// <summary>Not known (not a Unix system, or the call failed).</summary>
    Unknown,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,
    /// <summary>A named pipe (FIFO): opening it for reading blocks until a writer comes.</summary>
    Fifo,
    /// <summary>A character device such as <c>/dev/zero</c>.</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A Unix domain socket.</summary>
    Socket,
}

/// <summary>What <c>statx</c> tells about a file: kind, owner, group, mode, link count, identity and size.</summary>
internal readonly record struct FileStat(FileKind Kind, uint Uid, uint Gid, uint Mode, uint Links, ulong Device, ulong Inode, long Size)
{
    /// <summary>Modification time, nanoseconds since the Unix epoch.</summary>
    public long ModifiedNs { get; init; }

    /// <summary>Status-change time (ctime), nanoseconds since the Unix epoch.</summary>
    public long ChangedNs { get; init; }

    /// <summary>What proves a regular file unchanged for the corpus index (the same values <see cref="Corpus.FileStamp.Of"/> gives).</summary>
    public Corpus.FileStamp Stamp => new(Size, ModifiedNs, ChangedNs, Inode, Device);

    /// <summary>The file kind in plain words, for messages.</summary>
    public string KindText => Kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };
}

/// <summary>
/// The few POSIX calls .NET does not expose: the file type, owner and link count (<c>statx</c>, whose layout is the
/// same on every Linux architecture), <c>chown</c>, <c>access</c> and open-file-description locks (<c>fcntl</c>). .NET has no public API for these,
/// and without them a FIFO cannot be told from a file before it is opened (which blocks), nor can a fix keep the
/// file's owner. Every method degrades to "unknown" where the call is not available (Windows, macOS without statx).
/// </summary>
internal static partial class Posix
{
    // The glibc soname: found by dlopen under both the JIT and NativeAOT ("libc" alone relies on a runtime special case).
    private const string Libc = "libc.so.6";
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int WOk = 2;

    private static readonly bool Available = OperatingSystem.IsLinux();

    [LibraryImport(Libc, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxNative(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Libc, EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChownNative(string path, uint owner, uint group);

    [LibraryImport(Libc, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int AccessNative(string path, int mode);

    // fcntl is variadic; on Linux (x86-64 and AArch64) a variadic pointer argument is passed like a named one.
    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    private static unsafe partial int FcntlLock(int fd, int command, byte* flock);

    private const int FOfdSetLk = 37;
    private const short FWrLck = 1;
    private const short FUnLck = 2;

    /// <summary>
    /// An open-file-description lock (<c>F_OFD_SETLK</c>) over the whole file. Unlike <c>flock</c>, which .NET itself
    /// uses to emulate <see cref="FileShare"/> (every read takes a shared one), these do not interfere with .NET's own
    /// locks, so holding one never makes another process's plain read fail; and unlike classic POSIX locks they belong
    /// to the open file, not the process, so two opens in one process exclude each other too.
    /// </summary>
    private static unsafe bool OfdLock(Microsoft.Win32.SafeHandles.SafeFileHandle handle, short type)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            byte* flock = stackalloc byte[32];
            new Span<byte>(flock, 32).Clear();
            *(short*)flock = type; // l_type; l_whence = SEEK_SET, l_start = 0, l_len = 0 (whole file), l_pid = 0
            return FcntlLock((int)handle.DangerousGetHandle(), FOfdSetLk, flock) == 0;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>The status of <paramref name="path"/> (following links when <paramref name="followLinks"/>), or null when unknown.</summary>
    public static FileStat? Stat(string path, bool followLinks = true) =>
        Available ? StatCore(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow) : null;

    /// <summary>The status of an open file, or null when unknown.</summary>
    public static FileStat? Stat(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!Available) return null;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return StatCore((int)handle.DangerousGetHandle(), "", AtEmptyPath);
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private static unsafe FileStat? StatCore(int dirfd, string path, int flags)
    {
        try
        {
            byte* buffer = stackalloc byte[256];
            if (StatxNative(dirfd, path, flags, StatxBasicStats, buffer) != 0) return null;
            // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode, u16 spare,
            // u64 ino, u64 size, ... then at offset 128 rdev major/minor and at 136 dev major/minor.
            uint links = *(uint*)(buffer + 16);
            uint uid = *(uint*)(buffer + 20);
            uint gid = *(uint*)(buffer + 24);
            uint mode = *(ushort*)(buffer + 28);
            ulong inode = *(ulong*)(buffer + 32);
            long size = *(long*)(buffer + 40);
            ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
            // struct statx_timestamp { s64 tv_sec; u32 tv_nsec; s32 pad }: stx_ctime at 96, stx_mtime at 112.
            long changed = *(long*)(buffer + 96) * 1_000_000_000L + *(uint*)(buffer + 104);
            long modified = *(long*)(buffer + 112) * 1_000_000_000L + *(uint*)(buffer + 120);
            var kind = (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.SymbolicLink,
                0x1000 => FileKind.Fifo,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
            return new FileStat(kind, uid, gid, mode & 0xFFF, links, device, inode, size) { ModifiedNs = modified, ChangedNs = changed };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Gives <paramref name="path"/> an owner and group; false (with the reason) when that is not permitted.</summary>
    public static bool Chown(string path, uint uid, uint gid, out int errno)
    {
        errno = 0;
        if (!Available) return true;
        try
        {
            if (ChownNative(path, uid, gid) == 0) return true;
            errno = Marshal.GetLastPInvokeError();
            return false;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    /// <summary>Whether the running user may write <paramref name="path"/> (<c>access(W_OK)</c>); true when unknown.</summary>
    public static bool MayWrite(string path)
    {
        if (!Available) return true;
        try
        {
            return AccessNative(path, WOk) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    /// <summary>Takes an exclusive advisory lock on an open file without waiting; false when another holder has one.</summary>
    public static bool TryLockExclusive(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!Available) return true;
        try
        {
            return OfdLock(handle, FWrLck);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    /// <summary>Releases a lock taken by <see cref="TryLockExclusive"/> (closing the file releases it too).</summary>
    public static void Unlock(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!Available || handle.IsClosed) return;
        try
        {
            OfdLock(handle, FUnLck);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }
}
