using Lint.Tests.TestSupport;

namespace Lint.Tests.Shipping;

/// <summary>
/// A throw-away git repository holding this repository's working tree as it is now (tracked and untracked files,
/// minus what .gitignore ignores), committed once. The packaging tests build from it, so they see uncommitted
/// changes and never write into the repository under test; pre-commit clones it at <see cref="Commit"/>.
/// </summary>
public sealed class RepoSnapshot : IAsyncLifetime
{
    private readonly TempDir _temp = new();

    /// <summary>The snapshot's root folder (a git work tree).</summary>
    public string Root => _temp.Combine("lint");

    /// <summary>The commit that holds the snapshot.</summary>
    public string Commit { get; private set; } = "";

    /// <summary>A scratch folder beside the snapshot, for the tests' own files.</summary>
    public string Scratch(string name)
    {
        var path = _temp.Combine(name);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task InitializeAsync()
    {
        var listed = await ProcessRunner.GitAsync(Repo.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        // Distinct: during a merge, an unmerged path is listed once per stage.
        var files = listed.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 0, $"git ls-files listed nothing in {Repo.Root}");
        Directory.CreateDirectory(Root);
        foreach (var file in files)
        {
            var source = Path.Combine(Repo.Root, file);
            if (!File.Exists(source)) continue; // deleted in the working tree, not yet staged
            var target = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        await ProcessRunner.GitAsync(Root, "init", "--quiet", "--initial-branch=main");
        // A GitHub remote, so that a CI build computes Source Link and repository metadata as it would for a release.
        // Nothing is fetched from it.
        await ProcessRunner.GitAsync(Root, "remote", "add", "origin", "https://github.com/lint-project/lint.git");
        await ProcessRunner.GitAsync(Root, "add", "--all");
        await ProcessRunner.GitAsync(Root, "commit", "--quiet", "--no-verify", "-m", "snapshot of the working tree");
        Commit = (await ProcessRunner.GitAsync(Root, "rev-parse", "HEAD")).StandardOutput.Trim();
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The slow end-to-end tests share one snapshot and run one after the other (each one builds the solution).</summary>
[CollectionDefinition(Name)]
public sealed class ShippingCollection : ICollectionFixture<RepoSnapshot>
{
    public const string Name = "Shipping (pack, install, pre-commit)";
}
