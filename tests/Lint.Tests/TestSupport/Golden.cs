using System.Text;
using Xunit.Sdk;

namespace Lint.Tests.TestSupport;

/// <summary>
/// Plain golden files: compares text with a file, normalising line endings; a missing file fails.
/// With <c>UPDATE_GOLDEN=1</c> the file is (re)written instead.
/// </summary>
public static class Golden
{
    /// <summary>Whether golden files are being rewritten.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file at <paramref name="path"/>.</summary>
    public static void Verify(string path, string actual)
    {
        actual = Normalize(actual);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path))
            throw new XunitException($"Golden file {path} is missing. Run the tests with UPDATE_GOLDEN=1 to create it, then review it.\nActual:\n{actual}");
        var expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
            throw new XunitException($"Output differs from golden file {path} (UPDATE_GOLDEN=1 rewrites it).\n--- expected\n{expected}\n--- actual\n{actual}");
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> equals the golden file at <paramref name="path"/> byte for byte (line endings
    /// and the final newline matter: fixed files); a difference is shown as a unified diff.
    /// </summary>
    public static void VerifyBytes(string path, byte[] actual)
    {
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, actual);
            return;
        }
        if (!File.Exists(path))
            throw new XunitException($"Golden file {path} is missing. Run the tests with UPDATE_GOLDEN=1 to create it, then review it.\nActual:\n{Encoding.UTF8.GetString(actual)}");
        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(actual))
            throw new XunitException($"Output differs from golden file {path} (UPDATE_GOLDEN=1 rewrites it).\n" +
                Lint.Fixing.UnifiedDiff.Create("golden", "actual", Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual)));
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");
}
