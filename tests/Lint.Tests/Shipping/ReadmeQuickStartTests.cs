using Lint.Tests.TestSupport;

namespace Lint.Tests.Shipping;

/// <summary>
/// The README's quick start works as written. CI (<c>.ci/run</c>) runs its two commands exactly as written on a clean
/// clone, with no setup step first; these tests check that CI reads the commands from the README, and run the first
/// one on a clean copy of the repository (the second one is the test run itself).
/// </summary>
[Collection(ShippingCollection.Name)]
public sealed class ReadmeQuickStartTests(RepoSnapshot snapshot)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(20);

    /// <summary>The commands of the README's quick start, as <c>.ci/readme-commands</c> prints them.</summary>
    private static async Task<string[]> CommandsAsync(string root)
    {
        var run = await ProcessRunner.RunAsync("bash", [Path.Combine(root, ".ci", "readme-commands")], root, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task CiRunsTheReadmeQuickStartAsWrittenWithNoSetupStepFirst()
    {
        var commands = await CommandsAsync(Repo.Root);
        Assert.Equal(["dotnet run --project src/Lint.Cli -c Release", "dotnet test Lint.sln -c Release"], commands);
        // Each command is a line of the README's first sh block, verbatim.
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        Assert.All(commands, c => Assert.Contains("\n" + c + "\n", readme));
        var ci = File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run"));
        Assert.Contains("bash .ci/readme-commands", ci);
        Assert.DoesNotContain("setup.d/*.sh", ci);
        // Every setup script is run by a test that needs it, so the README's test command needs no setup step; the one
        // exception is the C toolchain of the NativeAOT build that CI publishes before (the README says so).
        var tests = Directory.EnumerateFiles(Path.Combine(Repo.Root, "tests", "Lint.Tests"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        foreach (var script in Directory.EnumerateFiles(Path.Combine(Repo.Root, ".ci", "setup.d"), "*.sh").Select(Path.GetFileName))
        {
            bool byTest = tests.Exists(t => t.Contains($"CiTools.EnsureAsync(\"{script}\")", StringComparison.Ordinal));
            bool byCi = ci.Contains($"bash .ci/setup.d/{script}", StringComparison.Ordinal);
            Assert.True(byTest || byCi, $"neither a test nor .ci/run installs what .ci/setup.d/{script} installs");
            if (byCi) Assert.Contains($"setup.d/{script}", File.ReadAllText(Path.Combine(Repo.Root, "README.md")));
        }
    }

    [Fact]
    public async Task TheFirstCommandLintsTheBundledExamplesAsTheReadmeSays()
    {
        var command = (await CommandsAsync(snapshot.Root))[0];
        var run = await ProcessRunner.RunAsync("bash", ["-c", command], snapshot.Root, RunTimeout);
        Assert.True(run.ExitCode == 0, run.ToString());
        const string claim = "0 problems (0 errors, 0 warnings), 0 fixable with --fix; 7 files checked in ";
        Assert.Contains(claim, run.StandardOutput);
        Assert.Contains("prints `" + claim, File.ReadAllText(Path.Combine(Repo.Root, "README.md")).ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
    }
}
