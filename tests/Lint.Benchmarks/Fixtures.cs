namespace Lint.Benchmarks;

/// <summary>Where the benchmark data comes from.</summary>
public static class Fixtures
{
    /// <summary>The repository root (the folder holding Lint.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "Lint.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("Lint.sln not found; run from the repository.");
        }
    }

    /// <summary>The example record every generated record is shaped on.</summary>
    public static string TemplatePath => Path.Combine(RepoRoot, "examples", "incidents", "icc-immunity-demands-rome-statute.json");
}
