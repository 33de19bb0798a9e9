using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Shipping;

/// <summary>
/// Slow: packs the snapshot the way a maintainer releases (docs/packaging.md), checks both packages, installs the tool
/// from the local folder into a temporary tool path (no network) and runs it.
/// </summary>
[Collection(ShippingCollection.Name)]
public sealed class PackageTests(RepoSnapshot snapshot) : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private string _packages = "";
    private string _version = "";

    public async Task InitializeAsync()
    {
        _packages = snapshot.Scratch("packages-" + Guid.NewGuid().ToString("N")[..8]);
        // The documented release command, as a build server runs it.
        await ProcessRunner.RunCheckedAsync("dotnet",
            ["pack", "-c", "Release", "-p:PackLibrary=true", "-p:ContinuousIntegrationBuild=true", "-o", _packages],
            snapshot.Root, PackTimeout);
        var props = XDocument.Load(Path.Combine(snapshot.Root, "Directory.Build.props"));
        _version = props.Descendants("Version").Single().Value;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PacksTheLibraryAndTheToolOnly_AndTheInstalledToolLints()
    {
        var produced = Directory.GetFiles(_packages).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { $"Lint.{_version}.nupkg", $"Lint.{_version}.snupkg", $"Lint.Tool.{_version}.nupkg" }, produced);

        CheckLibraryPackage(Path.Combine(_packages, $"Lint.{_version}.nupkg"), Path.Combine(_packages, $"Lint.{_version}.snupkg"));
        CheckToolPackage(Path.Combine(_packages, $"Lint.Tool.{_version}.nupkg"));

        // Install from the local folder only: a NuGet.config that clears every other source.
        var work = snapshot.Scratch("tool-" + Guid.NewGuid().ToString("N")[..8]);
        var nugetConfig = Path.Combine(work, "NuGet.config");
        File.WriteAllText(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_packages}" />
              </packageSources>
            </configuration>
            """);
        var toolPath = Path.Combine(work, "tools");
        await ProcessRunner.RunCheckedAsync("dotnet",
            ["tool", "install", "--tool-path", toolPath, "--configfile", nugetConfig, "--add-source", _packages, "Lint.Tool", "--version", _version],
            work, InstallTimeout);
        var lint = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "lint.exe" : "lint");
        Assert.True(File.Exists(lint), $"the tool install made no {lint}");

        // The examples corpus, as a project of its own: exit 0.
        var project = Path.Combine(work, "site");
        CopyDirectory(Path.Combine(Repo.Root, "examples"), Path.Combine(project, "examples"));
        File.Copy(Path.Combine(Repo.Root, "lint.config.json"), Path.Combine(project, "lint.config.json"));
        var clean = await ProcessRunner.RunAsync(lint, [], project, RunTimeout);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("0 problems", clean.StandardOutput);
        Assert.Contains("7 files checked", clean.StandardOutput);

        // A bad file: exit 1, the finding at its place.
        var bad = Path.Combine(project, "examples", "incidents", "icc-sanctions.json");
        File.WriteAllText(bad, File.ReadAllText(bad).Replace("\"sourceCount\": 2", "\"sourceCount\": 3", StringComparison.Ordinal));
        var dirty = await ProcessRunner.RunAsync(lint, ["examples/incidents/icc-sanctions.json"], project, RunTimeout);
        Assert.True(dirty.ExitCode == 1, dirty.ToString());
        Assert.Matches(@"examples/incidents/icc-sanctions\.json\s+\d+:\d+\s+error\s+sourceCount is 3 but sources has 2 entries\s+source-count", dirty.StandardOutput);

        // The subcommands of the installed tool.
        var schema = await ProcessRunner.RunAsync(lint, ["schema"], project, RunTimeout);
        Assert.True(schema.ExitCode == 0, schema.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "schemas", "incident.schema.json")), schema.StandardOutput);
        var empty = Path.Combine(work, "empty");
        Directory.CreateDirectory(empty);
        var init = await ProcessRunner.RunAsync(lint, ["init"], empty, RunTimeout);
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(File.Exists(Path.Combine(empty, "lint.config.json")), init.ToString());
        var again = await ProcessRunner.RunAsync(lint, ["init"], empty, RunTimeout);
        Assert.True(again.ExitCode == 2, again.ToString());
        var unknown = await ProcessRunner.RunAsync(lint, ["explain", "source-cout"], project, RunTimeout);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("did you mean 'source-count'?", unknown.StandardError);
    }

    private void CheckLibraryPackage(string nupkg, string snupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { "README.md", "lib/net10.0/Lint.Core.dll", "lib/net10.0/Lint.Core.xml" })
            Assert.True(entries.Contains(expected), $"{Path.GetFileName(nupkg)} lacks {expected}; it has: {string.Join(", ", entries.Order())}");
        var xmlDocs = ReadEntry(zip, "lib/net10.0/Lint.Core.xml");
        Assert.Contains("<member name=\"T:Lint.Linter\">", xmlDocs);

        var nuspec = Nuspec(zip);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Lint", metadata.Element(ns + "id")!.Value);
        Assert.Equal(_version, metadata.Element(ns + "version")!.Value);
        var license = metadata.Element(ns + "license")!;
        Assert.Equal("expression", license.Attribute("type")!.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
        var repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.Equal("https://github.com/lint-project/lint", repository.Attribute("url")!.Value);
        Assert.Equal(snapshot.Commit, repository.Attribute("commit")!.Value);
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        Assert.Contains("Microsoft.Extensions.FileSystemGlobbing", dependencies);
        Assert.DoesNotContain("NJsonSchema", dependencies); // the compiled draft-07 validator replaced it
        Assert.DoesNotContain("Microsoft.SourceLink.GitHub", dependencies);

        // Symbols: a portable PDB with deterministic paths and a Source Link map to this commit on GitHub.
        using var symbols = ZipFile.OpenRead(snupkg);
        var pdbEntry = symbols.GetEntry("lib/net10.0/Lint.Core.pdb");
        Assert.True(pdbEntry is not null, $"{Path.GetFileName(snupkg)} lacks lib/net10.0/Lint.Core.pdb");
        using var pdbBytes = new MemoryStream();
        using (var s = pdbEntry!.Open()) s.CopyTo(pdbBytes);
        pdbBytes.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbBytes);
        var pdb = provider.GetMetadataReader();
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        string? sourceLink = null;
        foreach (var handle in pdb.CustomDebugInformation)
        {
            var info = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(info.Kind) == sourceLinkKind) sourceLink = Encoding.UTF8.GetString(pdb.GetBlobBytes(info.Value));
        }
        Assert.True(sourceLink is not null, "the PDB has no Source Link");
        Assert.Contains($"https://raw.githubusercontent.com/lint-project/lint/{snapshot.Commit}/*", sourceLink);
        var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();
        Assert.Contains(documents, d => d.EndsWith("Engine/Linter.cs", StringComparison.Ordinal));
        Assert.All(documents, d => Assert.StartsWith("/_/", d));

        // The library in the package is the one the PDB describes, and it is deterministic (no timestamp).
        using var dll = new MemoryStream();
        using (var s = zip.GetEntry("lib/net10.0/Lint.Core.dll")!.Open()) s.CopyTo(dll);
        dll.Position = 0;
        using var pe = new PEReader(dll);
        Assert.Contains(pe.ReadDebugDirectory(), e => e.Type == DebugDirectoryEntryType.Reproducible);
    }

    private static void CheckToolPackage(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspec = Nuspec(zip);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Lint.Tool", metadata.Element(ns + "id")!.Value);
        Assert.Contains(metadata.Descendants(ns + "packageType"), p => p.Attribute("name")!.Value == "DotnetTool");
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        var settingsEntry = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        var settings = XDocument.Parse(ReadEntry(zip, settingsEntry.FullName));
        var command = settings.Descendants("Command").Single();
        Assert.Equal("lint", command.Attribute("Name")!.Value);
        Assert.Equal("lint.dll", command.Attribute("EntryPoint")!.Value);
        // The library ships inside the tool: one install, no separate package to restore.
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/Lint.Core.dll", StringComparison.Ordinal));
    }

    private static XDocument Nuspec(ZipArchive zip) =>
        XDocument.Parse(ReadEntry(zip, zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/')).FullName));

    private static string ReadEntry(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
