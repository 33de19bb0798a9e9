using System.IO.Compression;
using System.Text.Json.Nodes;
using Lint.Tests.TestSupport;
using Xunit.Sdk;

namespace Lint.Tests.Lsp;

/// <summary>
/// Packages the VS Code extension (<c>editors/vscode</c>) with Microsoft's packager <c>@vscode/vsce</c>, installed with
/// the extension's dependencies by <c>.ci/setup.d/vscode-extension.sh</c>, and checks what the .vsix holds.
/// </summary>
public sealed class VsCodeExtensionTests : IDisposable, IAsyncLifetime
{
    /// <summary>Installs the packager and the extension's dependencies when they are missing (.ci/setup.d/vscode-extension.sh).</summary>
    public Task InitializeAsync() => CiTools.EnsureAsync("vscode-extension.sh");

    public Task DisposeAsync() => Task.CompletedTask;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_extension_packages_as_a_vsix_that_starts_lint_lsp()
    {
        var tools = Path.Combine(Repo.Root, ".ci", "vscode");
        var vsce = Path.Combine(tools, "packager", "node_modules", ".bin", "vsce");
        var modules = Path.Combine(tools, "extension", "node_modules");
        if (!File.Exists(vsce) || !Directory.Exists(Path.Combine(modules, "vscode-languageclient")))
            throw new XunitException("The VS Code packager is not installed. Install it with\n    bash .ci/setup.d/vscode-extension.sh");

        var source = Path.Combine(Repo.Root, "editors", "vscode");
        var work = _dir.Combine("extension");
        CopyTree(source, work);
        CopyTree(modules, Path.Combine(work, "node_modules"));
        await ProcessRunner.RunCheckedAsync("node", ["--check", Path.Combine(work, "extension.js")], work, TimeSpan.FromMinutes(1));
        var vsix = _dir.Combine("lint.vsix");
        await ProcessRunner.RunCheckedAsync(vsce, ["package", "--out", vsix], work, TimeSpan.FromMinutes(4));

        using var zip = ZipFile.OpenRead(vsix);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("extension/extension.js", names);
        Assert.Contains("extension/node_modules/vscode-languageclient/node.js", names);
        Assert.Contains("extension/node_modules/vscode-languageserver-protocol/package.json", names);
        Assert.Contains("extension.vsixmanifest", names);
        var manifest = JsonNode.Parse(zip.GetEntry("extension/package.json")!.Open())!;
        Assert.Equal("./extension.js", (string?)manifest["main"]);
        Assert.Equal("lint", (string?)manifest["contributes"]!["configuration"]!["properties"]!["lint.path"]!["default"]);
        using var reader = new StreamReader(zip.GetEntry("extension/extension.js")!.Open());
        Assert.Contains("'lsp'", reader.ReadToEnd());
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }
}
