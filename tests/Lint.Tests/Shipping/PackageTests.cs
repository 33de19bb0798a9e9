using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Shipping;

/// <summary>
/// Slow: packs the snapshot the way a maintainer releases (scripts/pack-release.sh, docs/packaging.md), checks the
/// packages, installs the tool from the local folder into a temporary tool path (no network) and runs it: the native
/// package where this platform has one, the framework-dependent <c>any</c> package where it has none. Also packs the
/// snapshot as pre-commit does (a plain <c>dotnet pack</c>): one tool package, compiled ahead of time for this machine.
/// </summary>
[Collection(ShippingCollection.Name)]
public sealed class PackageTests(RepoSnapshot snapshot) : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The platforms with a NativeAOT tool package (each packed on its own platform by the release workflow).</summary>
    private static readonly string[] NativeRids = ["linux-x64", "linux-arm64", "osx-arm64", "win-x64"];

    private string _packages = "";
    private string _version = "";

    /// <summary>The release packing is done once per snapshot and shared by the tests of this class.</summary>
    private static readonly SemaphoreSlim PackGate = new(1, 1);
    private static (string Root, string Packages)? _packed;

    public async Task InitializeAsync()
    {
        var props = XDocument.Load(Path.Combine(snapshot.Root, "Directory.Build.props"));
        _version = props.Descendants("Version").Single().Value;
        await PackGate.WaitAsync();
        try
        {
            if (_packed is not { } packed || packed.Root != snapshot.Root)
            {
                var folder = snapshot.Scratch("packages-" + Guid.NewGuid().ToString("N")[..8]);
                // The documented release command, as a build server runs it; the native package where NativeAOT can link.
                string[] native = NativeToolchain.Tested ? [] : ["--no-native"];
                await ProcessRunner.RunCheckedAsync("bash", [Path.Combine(snapshot.Root, "scripts", "pack-release.sh"), .. native, folder],
                    snapshot.Root, PackTimeout);
                _packed = (snapshot.Root, folder);
            }
            _packages = _packed.Value.Packages;
        }
        finally
        {
            PackGate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void PacksTheLibraryThePointerTheFallbackAndThisPlatformsNativeTool()
    {
        var produced = Directory.GetFiles(_packages).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var expected = new List<string> { $"Lint.{_version}.nupkg", $"Lint.{_version}.snupkg", $"Lint.Tool.{_version}.nupkg", $"Lint.Tool.any.{_version}.nupkg" };
        if (NativeToolchain.Tested) expected.Add($"Lint.Tool.{NativeBinary.Rid}.{_version}.nupkg");
        Assert.Equal(expected.Order(StringComparer.Ordinal), produced);

        CheckLibraryPackage(Path.Combine(_packages, $"Lint.{_version}.nupkg"), Path.Combine(_packages, $"Lint.{_version}.snupkg"));

        // The pointer package: the command, and which package serves which platform; no binaries.
        using (var pointer = ZipFile.OpenRead(Path.Combine(_packages, $"Lint.Tool.{_version}.nupkg")))
        {
            CheckToolMetadata(pointer, "Lint.Tool", "DotnetTool");
            var settings = ToolSettings(pointer);
            Assert.Equal("lint", settings.Descendants("Command").Single().Attribute("Name")!.Value);
            var rids = settings.Descendants("RuntimeIdentifierPackage").ToDictionary(p => p.Attribute("RuntimeIdentifier")!.Value, p => p.Attribute("Id")!.Value);
            Assert.Equal([.. NativeRids, "any"], rids.Keys);
            Assert.All(rids, p => Assert.Equal("Lint.Tool." + p.Key, p.Value));
            Assert.DoesNotContain(pointer.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        }

        // The fallback: framework-dependent, run by dotnet, with the library inside.
        using (var any = ZipFile.OpenRead(Path.Combine(_packages, $"Lint.Tool.any.{_version}.nupkg")))
        {
            CheckToolMetadata(any, "Lint.Tool.any");
            var command = ToolSettings(any).Descendants("Command").Single();
            Assert.Equal("lint.dll", command.Attribute("EntryPoint")!.Value);
            Assert.Equal("dotnet", command.Attribute("Runner")!.Value);
            Assert.Contains(any.Entries, e => e.FullName.EndsWith("/Lint.Core.dll", StringComparison.Ordinal));
        }

        if (NativeToolchain.Tested)
        {
            // This platform's native package: one executable, nothing for a .NET runtime to load.
            using var native = ZipFile.OpenRead(Path.Combine(_packages, $"Lint.Tool.{NativeBinary.Rid}.{_version}.nupkg"));
            CheckToolMetadata(native, $"Lint.Tool.{NativeBinary.Rid}");
            var command = ToolSettings(native).Descendants("Command").Single();
            Assert.Equal("executable", command.Attribute("Runner")!.Value);
            var binaries = native.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && !e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => e.Name).ToList();
            Assert.Equal([OperatingSystem.IsWindows() ? "lint.exe" : "lint"], binaries);
        }
    }

    /// <summary>
    /// <c>dotnet tool install Lint.Tool</c> from the release folder picks this platform's package through the pointer:
    /// the NativeAOT binary, which runs with no .NET host.
    /// </summary>
    [NativeToolchainFact]
    public async Task InstallingFromThePackedFolderGivesTheNativeLint()
    {
        var (lint, work) = await Install(_packages);
        var target = new FileInfo(lint).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? lint;
        Assert.Contains($"lint.tool.{NativeBinary.Rid}", target, StringComparison.OrdinalIgnoreCase);
        var bytes = File.ReadAllBytes(target);
        if (OperatingSystem.IsLinux()) Assert.True(bytes.AsSpan(0, 4).SequenceEqual("\u007fELF"u8), $"{target} is not an ELF file");
        Assert.DoesNotContain("libhostfxr", Encoding.Latin1.GetString(bytes));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "lint.dll")), "the native install has a lint.dll");
        await AssertTheToolLints(lint, work);
    }

    /// <summary>
    /// Where no native package fits the platform (the pointer lists none for it: here, the released pointer with this
    /// platform's entry taken out), the same install picks <c>any</c>, the framework-dependent build, which runs.
    /// </summary>
    [Fact]
    public async Task WhereNoNativePackageFitsTheAnyPackageIsInstalledAndRuns()
    {
        var folder = snapshot.Scratch("no-native-" + Guid.NewGuid().ToString("N")[..8]);
        File.Copy(Path.Combine(_packages, $"Lint.Tool.any.{_version}.nupkg"), Path.Combine(folder, $"Lint.Tool.any.{_version}.nupkg"));
        var pointer = Path.Combine(folder, $"Lint.Tool.{_version}.nupkg");
        File.Copy(Path.Combine(_packages, $"Lint.Tool.{_version}.nupkg"), pointer);
        using (var zip = ZipFile.Open(pointer, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            var settings = ToolSettings(zip);
            settings.Descendants("RuntimeIdentifierPackage").Single(p => p.Attribute("RuntimeIdentifier")!.Value == NativeBinary.Rid).Remove();
            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(settings.ToString());
        }

        var (lint, work) = await Install(folder);
        var store = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(lint)!, ".store"), "lint.dll", SearchOption.AllDirectories);
        Assert.True(store.Length == 1, "the any package installs lint.dll, run by dotnet; found: " + string.Join(", ", store));
        Assert.Contains("lint.tool.any", store[0], StringComparison.OrdinalIgnoreCase);
        await AssertTheToolLints(lint, work);
    }

    /// <summary>
    /// What pre-commit's <c>language: dotnet</c> runs at the repository root: a plain <c>dotnet pack -c Release</c> makes
    /// one package, the tool (pre-commit installs every package it finds), framework-dependent, with lint's assemblies
    /// compiled ahead of time for this machine (ReadyToRun), so the hook starts without JIT-compiling them.
    /// </summary>
    [Fact]
    public async Task ThePlainPackPreCommitRunsMakesOneToolPackageCompiledAheadOfTime()
    {
        var output = snapshot.Scratch("pre-commit-pack-" + Guid.NewGuid().ToString("N")[..8]);
        await ProcessRunner.RunCheckedAsync("dotnet", ["pack", "-c", "Release", "-o", output], snapshot.Root, PackTimeout);
        var produced = Directory.GetFiles(output).Select(Path.GetFileName).ToList();
        Assert.Equal([$"Lint.Tool.{_version}.nupkg"], produced);
        using var zip = ZipFile.OpenRead(Path.Combine(output, $"Lint.Tool.{_version}.nupkg"));
        Assert.Empty(ToolSettings(zip).Descendants("RuntimeIdentifierPackage"));
        foreach (var assembly in new[] { "lint.dll", "Lint.Core.dll", "System.CommandLine.dll" })
        {
            var entry = zip.Entries.Single(e => e.Name == assembly);
            using var bytes = new MemoryStream();
            using (var s = entry.Open()) s.CopyTo(bytes);
            bytes.Position = 0;
            using var pe = new PEReader(bytes);
            // A ReadyToRun image has a managed native header; plain IL has none.
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} in the hook's package is not ReadyToRun code");
        }
    }

    /// <summary>Installs Lint.Tool from <paramref name="folder"/> only into a new tool path; the <c>lint</c> command and a scratch folder.</summary>
    private async Task<(string Lint, string Work)> Install(string folder)
    {
        var work = snapshot.Scratch("tool-" + Guid.NewGuid().ToString("N")[..8]);
        var nugetConfig = Path.Combine(work, "NuGet.config");
        File.WriteAllText(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{folder}" />
              </packageSources>
            </configuration>
            """);
        var toolPath = Path.Combine(work, "tools");
        // A NuGet cache of its own: the packages of another install in this run must not stand in for these.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-cache") };
        await ProcessRunner.RunCheckedAsync("dotnet",
            ["tool", "install", "--tool-path", toolPath, "--configfile", nugetConfig, "--add-source", folder, "Lint.Tool", "--version", _version],
            work, InstallTimeout, environment);
        var lint = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "lint.exe" : "lint");
        Assert.True(File.Exists(lint), $"the tool install made no {lint}");
        return (lint, work);
    }

    /// <summary>The installed tool lints the examples corpus (exit 0), a broken copy (exit 1) and runs its subcommands.</summary>
    private static async Task AssertTheToolLints(string lint, string work)
    {
        // The examples corpus, as a project of its own: exit 0.
        var project = Path.Combine(work, "site");
        CopyDirectory(Path.Combine(Repo.Root, "examples"), Path.Combine(project, "examples"));
        File.Copy(Path.Combine(Repo.Root, "lint.config.json"), Path.Combine(project, "lint.config.json"));
        var clean = await ProcessRunner.RunAsync(lint, [], project, RunTimeout);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("0 problems", clean.StandardOutput);
        Assert.Contains("7 files checked", clean.StandardOutput);

        // A bad file: exit 1, the finding at its place; and a fix that writes a JSON string.
        var bad = Path.Combine(project, "examples", "incidents", "icc-sanctions.json");
        File.WriteAllText(bad, File.ReadAllText(bad).Replace("\"sourceCount\": 2", "\"sourceCount\": 3", StringComparison.Ordinal)
            .Replace("\"categoryLabel\": \"Rule of Law\"", "\"categoryLabel\": \"Rule of law\"", StringComparison.Ordinal));
        var dirty = await ProcessRunner.RunAsync(lint, ["examples/incidents/icc-sanctions.json"], project, RunTimeout);
        Assert.True(dirty.ExitCode == 1, dirty.ToString());
        Assert.StartsWith("examples/incidents/icc-sanctions.json\n", dirty.StandardOutput.ReplaceLineEndings("\n"));
        Assert.Matches(@"\d+:\d+\s+error\s+sourceCount is 3 but sources has 2 entries\s+source-count", dirty.StandardOutput);
        Assert.Matches(@"error\s+categoryLabel ""Rule of law"" should be ""Rule of Law"".*taxonomy-label", dirty.StandardOutput);
        var fix = await ProcessRunner.RunAsync(lint, ["--fix", "examples/incidents/icc-sanctions.json"], project, RunTimeout);
        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "examples", "incidents", "icc-sanctions.json")), File.ReadAllText(bad));

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

    /// <summary>
    /// The nuspec of a tool package: its id, its package type (<c>DotnetTool</c> for the pointer that users install,
    /// <c>DotnetToolRidPackage</c> for a per-platform package, which is installed only through the pointer), the README.
    /// </summary>
    private void CheckToolMetadata(ZipArchive zip, string id, string packageType = "DotnetToolRidPackage")
    {
        var nuspec = Nuspec(zip);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(id, metadata.Element(ns + "id")!.Value);
        Assert.Equal(_version, metadata.Element(ns + "version")!.Value);
        Assert.Contains(metadata.Descendants(ns + "packageType"), p => p.Attribute("name")!.Value == packageType);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
    }

    private static XDocument ToolSettings(ZipArchive zip) =>
        XDocument.Parse(ReadEntry(zip, zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).FullName));

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
