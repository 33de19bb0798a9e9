using System.Text;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Shipping;

/// <summary>
/// The NativeAOT binary that <c>scripts/publish-native.sh</c> publishes (and CI tests end to end, see
/// <see cref="LintBinary.Builds"/>) is a native executable of its own: no <c>lint.dll</c>, no .NET host, no runtime.
/// </summary>
public sealed class NativeBinaryTests
{
    [NativeFact]
    public async Task TheNativeBinaryIsAnExecutableThatNeedsNoDotnet()
    {
        var path = NativeBinary.Require();
        var bytes = File.ReadAllBytes(path);
        if (OperatingSystem.IsLinux()) Assert.True(bytes.AsSpan(0, 4).SequenceEqual("\u007fELF"u8), $"{path} is not an ELF file");
        // An apphost (the launcher of a framework-dependent app) loads the .NET host by name; a native binary does not.
        var text = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain("libhostfxr", text);
        Assert.DoesNotContain("hostfxr.dll", text);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "lint.dll")), "a lint.dll lies beside the native binary");

        // It runs with no .NET on the PATH and no DOTNET_ROOT.
        using var empty = new TempDir();
        var environment = new Dictionary<string, string> { ["PATH"] = empty.Path, ["DOTNET_ROOT"] = "", ["NO_COLOR"] = "1" };
        var version = await ProcessRunner.RunAsync(path, ["--version"], empty.Path, TimeSpan.FromMinutes(1), environment);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", version.StandardOutput);
        var explain = await ProcessRunner.RunAsync(path, ["explain", "source-count"], empty.Path, TimeSpan.FromMinutes(1), environment);
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("# source-count", explain.StandardOutput);
    }
}
