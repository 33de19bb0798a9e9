using Lint.IO;
using Lint.Tests.TestSupport;

namespace Lint.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private IEnumerable<string> Leftovers() => Directory.EnumerateFiles(_dir.Path).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal));

    [Fact]
    public void WritesANewFileAsUtf8WithoutBom()
    {
        var path = _dir.Combine("report.txt");
        AtomicFile.WriteAllText(path, "São Paulo\n");
        Assert.Equal("São Paulo\n"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void ReplacesAnExistingFile()
    {
        var path = _dir.Write("report.txt", "old content that is longer than the new one\n");
        AtomicFile.WriteAllText(path, "new\n");
        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void AFailureWhileWritingLeavesTheOldFileAndNoTemporaryFile()
    {
        var path = _dir.Write("report.txt", "old\n");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, writer =>
        {
            writer.Write(new string('x', 100_000));
            writer.Flush();
            // While writing, the target still holds the old content.
            Assert.Equal("old\n", File.ReadAllText(path));
            throw new InvalidOperationException("formatter failed");
        }));
        Assert.Equal("formatter failed", ex.Message);
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void AMissingFolderOrADirectoryTargetIsAnIOException()
    {
        var missing = _dir.Combine("no", "such", "report.txt");
        Assert.Contains("does not exist", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(missing, "x")).Message);
        Directory.CreateDirectory(_dir.Combine("folder"));
        Assert.Contains("is a directory", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(_dir.Combine("folder"), "x")).Message);
    }
}
