using System.Collections.Concurrent;

namespace Lint.Tests.TestSupport;

/// <summary>
/// The outside tools some tests drive (pre-commit and git, Microsoft's SARIF validator, a headless LSP client, the VS
/// Code packager) are installed by the scripts of <c>.ci/setup.d</c>. A test that needs one awaits
/// <see cref="EnsureAsync"/> first: the script runs once per test run (it returns at once when its tool is already
/// there), so the README's <c>dotnet test Lint.sln -c Release</c> passes on a machine with only the .NET SDK, exactly as
/// CI runs it (<c>.ci/run</c> runs no setup step first). The scripts need the network the first time, and install
/// npm or pre-commit with apt-get (as root) when the machine has none.
/// </summary>
public static class CiTools
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(30);

    /// <summary>One install at a time: apt-get and npm caches are shared between the scripts.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static readonly ConcurrentDictionary<string, Lazy<Task>> Runs = new(StringComparer.Ordinal);

    /// <summary>Runs <c>.ci/setup.d/<paramref name="script"/></c> once for this test run; fails the test with the script's output when it fails.</summary>
    public static Task EnsureAsync(string script) => Runs.GetOrAdd(script, s => new Lazy<Task>(() => RunAsync(s))).Value;

    private static async Task RunAsync(string script)
    {
        var path = Path.Combine(Repo.Root, ".ci", "setup.d", script);
        if (!File.Exists(path)) throw new Xunit.Sdk.XunitException($"{path} does not exist");
        await Gate.WaitAsync();
        try
        {
            var run = await ProcessRunner.RunAsync("bash", [path], Repo.Root, InstallTimeout);
            if (run.ExitCode != 0)
                throw new Xunit.Sdk.XunitException($".ci/setup.d/{script} could not install what this test drives:\n{run}");
        }
        finally
        {
            Gate.Release();
        }
    }
}
