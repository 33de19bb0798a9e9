using System.Runtime.InteropServices;
using Xunit.Sdk;

namespace Lint.Tests.TestSupport;

/// <summary>
/// A build of the <c>lint</c> command that the end-to-end tests run as a real process: the managed build
/// (<c>dotnet lint.dll</c>, copied next to the tests) or the NativeAOT binary that <c>scripts/publish-native.sh</c>
/// publishes (what the release's native tool packages hold, docs/packaging.md).
/// </summary>
public sealed record LintBinary(string Name, string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The managed build: <c>dotnet lint.dll</c>.</summary>
    public static LintBinary Managed { get; } = new("managed", "dotnet", [LintProcess.LintDll]);

    /// <summary>The NativeAOT binary; fails the test when there is none (see <see cref="NativeBinary"/>).</summary>
    public static LintBinary Native => new("native", NativeBinary.Require(), []);

    /// <summary>The build called <paramref name="name"/> (<c>managed</c> or <c>native</c>), the name being what theory data carries.</summary>
    public static LintBinary Named(string name) => name switch
    {
        "managed" => Managed,
        "native" => Native,
        _ => throw new ArgumentException($"unknown lint build '{name}'", nameof(name)),
    };

    /// <summary>
    /// Theory data: <c>managed</c>, and <c>native</c> where the native binary is tested (always in CI; elsewhere when
    /// an up-to-date one exists; <see cref="NativeBinaryTests"/> says why it is not).
    /// </summary>
    public static TheoryData<string> Builds
    {
        get
        {
            var data = new TheoryData<string> { "managed" };
            if (NativeBinary.Tested) data.Add("native");
            return data;
        }
    }

    public override string ToString() => Name;
}

/// <summary>
/// Where the NativeAOT <c>lint</c> is, and whether the tests run it. CI (<c>.ci/run</c>) publishes it with
/// <c>scripts/publish-native.sh</c> and sets <c>LINT_NATIVE_REQUIRED=1</c>, so there every native test runs, and fails
/// when the binary is missing or older than the sources. Elsewhere (a machine with only the .NET SDK), the native
/// tests run when an up-to-date binary is there and are skipped, with the reason, when it is not.
/// </summary>
public static class NativeBinary
{
    /// <summary>The runtime identifier of this machine as the native build names it (linux-x64, osx-arm64, win-x64...).</summary>
    public static string Rid { get; } =
        (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" +
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    /// <summary><c>LINT_NATIVE_BINARY</c>, or where <c>scripts/publish-native.sh</c> puts it: <c>artifacts/native/RID/lint</c>.</summary>
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("LINT_NATIVE_BINARY") is { Length: > 0 } explicitPath
            ? System.IO.Path.GetFullPath(explicitPath)
            : System.IO.Path.Combine(Repo.Root, "artifacts", "native", Rid, OperatingSystem.IsWindows() ? "lint.exe" : "lint");

    /// <summary>Whether the native tests must run (<c>LINT_NATIVE_REQUIRED=1</c>, set by <c>.ci/run</c>).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("LINT_NATIVE_REQUIRED") == "1";

    /// <summary>Why the native binary cannot be used, or null when it can.</summary>
    public static string? Problem { get; } = FindProblem();

    /// <summary>Whether the native tests run: always when required (they then fail on a <see cref="Problem"/>), else when there is none.</summary>
    public static bool Tested => Required || Problem is null;

    /// <summary>The reason given for skipping the native tests, or null when they run.</summary>
    public static string? SkipReason => Tested ? null :
        $"{Problem}. scripts/publish-native.sh publishes it (it needs clang and zlib1g-dev: .ci/setup.d/native-toolchain.sh); CI always does, and runs these tests";

    /// <summary>The binary's path, or a failed test saying why there is no usable binary.</summary>
    public static string Require() => Problem is null ? Path : throw new XunitException(
        $"{Problem}. CI publishes it with scripts/publish-native.sh before the tests (LINT_NATIVE_REQUIRED=1 makes these tests mandatory)");

    private static string? FindProblem()
    {
        var binary = new FileInfo(Path);
        if (!binary.Exists) return $"there is no native lint at {Path}";
        // A binary older than the code it was built from would test yesterday's lint.
        var newest = Inputs().MaxBy(f => f.LastWriteTimeUtc);
        if (newest is not null && newest.LastWriteTimeUtc > binary.LastWriteTimeUtc)
            return $"the native lint at {Path} is older than {System.IO.Path.GetRelativePath(Repo.Root, newest.FullName)}";
        return null;
    }

    /// <summary>What the native binary is built from: the sources of the shipped projects, the schemas and rule pages they embed, the build settings.</summary>
    private static IEnumerable<FileInfo> Inputs()
    {
        var root = new DirectoryInfo(Repo.Root);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            var file = new FileInfo(System.IO.Path.Combine(Repo.Root, name));
            if (file.Exists) yield return file;
        }
        foreach (var folder in new[] { "src", "schemas", System.IO.Path.Combine("docs", "rules") })
        {
            var dir = new DirectoryInfo(System.IO.Path.Combine(root.FullName, folder));
            if (!dir.Exists) continue;
            foreach (var file in dir.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                var relative = System.IO.Path.GetRelativePath(dir.FullName, file.FullName).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)) continue;
                yield return file;
            }
        }
    }
}

/// <summary>
/// The C toolchain that NativeAOT links with (clang and zlib on Linux; clang on macOS): where it is missing (a machine
/// with only the .NET SDK), the tests that pack a native tool package are skipped with the reason, except in CI
/// (<c>LINT_NATIVE_REQUIRED=1</c>), which installs it (.ci/setup.d/native-toolchain.sh).
/// </summary>
public static class NativeToolchain
{
    /// <summary>Whether a NativeAOT build can link here.</summary>
    public static bool Present { get; } =
        OperatingSystem.IsLinux() ? ProcessRunner.FindOnPath("clang") is not null && File.Exists("/usr/include/zlib.h")
        : OperatingSystem.IsMacOS() && ProcessRunner.FindOnPath("clang") is not null;

    /// <summary>Whether the native packaging tests run: in CI always, elsewhere where the toolchain is present.</summary>
    public static bool Tested => NativeBinary.Required || Present;

    /// <summary>The reason given for skipping them, or null when they run.</summary>
    public static string? SkipReason => Tested ? null :
        "no C toolchain for NativeAOT here (clang and zlib1g-dev: .ci/setup.d/native-toolchain.sh installs them); CI always has it and runs this test";
}

/// <summary>A fact that packs a native tool package: skipped, with the reason, where NativeAOT cannot link.</summary>
public sealed class NativeToolchainFactAttribute : FactAttribute
{
    public NativeToolchainFactAttribute()
    {
        if (NativeToolchain.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A fact about the native binary itself: skipped, with the reason, where the native tests do not run.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (NativeBinary.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory over the native binary: skipped with the reason when it is not tested (its data would be empty, which xunit fails as "No data found").</summary>
public sealed class NativeTheoryAttribute : TheoryAttribute
{
    public NativeTheoryAttribute()
    {
        if (NativeBinary.SkipReason is { } reason) Skip = reason;
    }
}
