using CsCheck;
using Lint.IO;

namespace Lint.Tests.IO;

public sealed class PathTextTests
{
    private static readonly string[] Segments = ["a", "b", "incidents", "x.json", ".", "..", "", ".h", "a..b", "A"];

    private static readonly Gen<string> RootedPath =
        Gen.Int[0, Segments.Length - 1].Array[0, 5].Select(picks => "/" + string.Join('/', picks.Select(p => Segments[p])));

    /// <summary>The fast way gives what Path.GetRelativePath gives, for normalized and unnormalized paths alike.</summary>
    [Fact]
    public void RelativeIsGetRelativePath() =>
        Gen.Select(RootedPath, RootedPath, Gen.Bool).Sample((root, rest, under) =>
        {
            var full = under ? root.TrimEnd('/') + "/" + rest.TrimStart('/') : rest;
            Assert.Equal(Path.GetRelativePath(root, full), PathText.Relative(root, full));
        }, iter: 20_000);

    [Theory]
    [InlineData("/site", "/site/content/incidents/a.json", "content/incidents/a.json")]
    [InlineData("/site/", "/site/a.json", "a.json")]
    [InlineData("/", "/a/b.json", "a/b.json")]
    [InlineData("/site", "/site/./a.json", "a.json")]
    [InlineData("/site", "/site/../other/a.json", "../other/a.json")]
    [InlineData("/site", "/sites/a.json", "../sites/a.json")]
    [InlineData("/site", "/site", ".")]
    public void Examples(string root, string full, string relative) => Assert.Equal(relative, PathText.Relative(root, full));
}
