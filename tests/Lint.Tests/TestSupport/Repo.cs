using System.Runtime.CompilerServices;

namespace Lint.Tests.TestSupport;

/// <summary>Paths of the repository and of the shared test data beside it.</summary>
public static class Repo
{
    /// <summary>The repository root (the folder holding Lint.sln), found from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>../shared</c> folder beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The example record shipped in <c>../shared/examples</c>.</summary>
    public static string ExampleRecordPath => Path.Combine(Shared, "examples", "icc-immunity-demands-rome-statute.json");

    /// <summary>The folder of the calling source file (so golden files sit next to their test).</summary>
    public static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lint.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Lint.sln not found above " + AppContext.BaseDirectory);
    }
}
