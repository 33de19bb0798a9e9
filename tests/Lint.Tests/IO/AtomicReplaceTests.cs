using System.Text;
using Lint.IO;
using Lint.Tests.TestSupport;

namespace Lint.Tests.IO;

/// <summary><see cref="AtomicFile.Replace"/>: the atomic write of <c>--fix</c>.</summary>
public sealed class AtomicReplaceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void ReplacesTheContentAndLeavesNoTemporaryFile()
    {
        var path = _dir.Write("a.json", "{\"a\": 1}");
        AtomicFile.Replace(path, B("{\"a\": 1}"), B("{\"a\": 2}\r\n"));
        Assert.Equal(B("{\"a\": 2}\r\n"), File.ReadAllBytes(path));
        Assert.Equal(["a.json"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void KeepsUnixPermissions()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = _dir.Write("a.json", "1");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        AtomicFile.Replace(path, B("1"), B("2"));
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void FollowsASymbolicLink()
    {
        var target = _dir.Write("real/a.json", "1");
        var link = _dir.Combine("link.json");
        File.CreateSymbolicLink(link, target);
        AtomicFile.Replace(link, B("1"), B("2"));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("2", File.ReadAllText(target));
    }

    [Fact]
    public void AFileThatChangedSinceItWasReadIsLeftAlone()
    {
        var path = _dir.Write("a.json", "edited meanwhile");
        var ex = Assert.Throws<IOException>(() => AtomicFile.Replace(path, B("as read"), B("fixed")));
        Assert.Contains("changed", ex.Message);
        Assert.Equal("edited meanwhile", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void AMissingFileIsAnError()
    {
        Assert.ThrowsAny<IOException>(() => AtomicFile.Replace(_dir.Combine("gone.json"), B("1"), B("2")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }
}
