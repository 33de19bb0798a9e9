using System.Text.RegularExpressions;
using CsCheck;
using Lint.Fixing;

namespace Lint.Tests.Fixing;

/// <summary>The unified diff printed by <c>--fix-dry-run</c>; expected texts are what GNU <c>diff -u</c> prints.</summary>
public sealed partial class UnifiedDiffTests
{
    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    [Fact]
    public void EqualTextsGiveNoDiff()
    {
        Assert.Equal("", UnifiedDiff.Create("a/f", "b/f", "x\ny\n", "x\ny\n"));
        Assert.Equal("", UnifiedDiff.Create("f.json", [1, 2], [1, 2]));
    }

    [Fact]
    public void ChangesCloseTogetherShareAHunkAndFarOnesDoNot()
    {
        var before = Lines(Enumerable.Range(1, 20).Select(i => $"l{i}").ToArray());
        var after = before.Replace("l2\n", "L2\n").Replace("l8\n", "L8\n").Replace("l18\n", "L18\n");
        Assert.Equal(
            "--- a/f\n+++ b/f\n" +
            "@@ -1,11 +1,11 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n l6\n l7\n-l8\n+L8\n l9\n l10\n l11\n" +
            "@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n l20\n",
            UnifiedDiff.Create("a/f", "b/f", before, after));
    }

    [Fact]
    public void AMissingFinalNewlineIsMarked()
    {
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n",
            UnifiedDiff.Create("a/f", "b/f", "x\ny", "x\nz"));
    }

    [Fact]
    public void EmptyRangesUseTheLineBefore()
    {
        Assert.Equal("--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n\\ No newline at end of file\n", UnifiedDiff.Create("a/f", "b/f", "", "x\ny"));
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n-a\n b\n c\n", UnifiedDiff.Create("a/f", "b/f", "a\nb\nc\n", "b\nc\n"));
    }

    [Fact]
    public void LinesAreShownWithoutTheirTerminatorAndPathsGetPrefixes()
    {
        var diff = UnifiedDiff.Create("dir/x.json", "{\r\n  \"a\": 1\r\n}\r\n"u8.ToArray(), "{\r\n  \"a\": 2\r\n}\r\n"u8.ToArray());
        Assert.Equal("--- a/dir/x.json\n+++ b/dir/x.json\n@@ -1,3 +1,3 @@\n {\n-  \"a\": 1\n+  \"a\": 2\n }\n", diff);
    }

    [Fact]
    public void ControlAndBidiCharactersAreEscapedButTabsAreKept()
    {
        var diff = UnifiedDiff.Create("a/f", "b/f", "\t\"x\u202Ey\u001b[31m\"\n", "\t\"z\"\n");
        Assert.Contains("-\t\"x\\u202Ey\\u001B[31m\"\n", diff);
        Assert.DoesNotContain('\u202E', diff);
        Assert.DoesNotContain('\u001b', diff);
    }

    /// <summary>Property: applying the hunks to the old text gives the new one, the script is a shortest one, and every hunk has at most three lines of context at either end.</summary>
    [Fact]
    public void TheDiffIsAMinimalPatchFromOldToNew()
    {
        var lines = Gen.Int[0, 4].Select(i => "abcde"[i].ToString()).Array[0, 30];
        Gen.Select(lines, lines, Gen.Bool, Gen.Bool).Sample((a, b, aFinal, bFinal) =>
        {
            string before = Join(a, aFinal), after = Join(b, bFinal);
            var diff = UnifiedDiff.Create("a/f", "b/f", before, after);
            if (before == after)
            {
                Assert.Equal("", diff);
                return;
            }
            Assert.Equal(after, Apply(before, diff));
            var body = diff.Split('\n').Skip(2).Where(l => l.Length > 0 && l[0] is '-' or '+').ToList();
            // Lines compare with their terminator: a last line that only gains or loses its newline is changed.
            var x = SplitKeep(before).ToArray();
            var y = SplitKeep(after).ToArray();
            Assert.Equal(x.Length + y.Length - 2 * Lcs(x, y), body.Count);
            foreach (var hunk in Regex.Split(diff, "(?m)^(?=@@)").Skip(1))
            {
                var hunkLines = hunk.TrimEnd('\n').Split('\n').Skip(1).Where(l => !l.StartsWith('\\')).ToList();
                Assert.True(hunkLines.TakeWhile(l => l[0] == ' ').Count() <= 3);
                Assert.True(hunkLines.AsEnumerable().Reverse().TakeWhile(l => l[0] == ' ').Count() <= 3);
            }
        }, iter: 300);
    }

    private static string Join(string[] lines, bool finalNewline) =>
        lines.Length == 0 ? "" : string.Join("\n", lines) + (finalNewline ? "\n" : "");

    private static int Lcs(string[] a, string[] b)
    {
        var t = new int[a.Length + 1, b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                t[i, j] = a[i - 1] == b[j - 1] ? t[i - 1, j - 1] + 1 : Math.Max(t[i - 1, j], t[i, j - 1]);
        return t[a.Length, b.Length];
    }

    /// <summary>A strict patch applier: context and removed lines must match the old text.</summary>
    private static string Apply(string before, string diff)
    {
        var old = SplitKeep(before);
        var result = new List<string>();
        int position = 0;
        var lines = diff.Split('\n');
        Assert.StartsWith("--- ", lines[0]);
        Assert.StartsWith("+++ ", lines[1]);
        int k = 2;
        while (k < lines.Length && lines[k].Length > 0)
        {
            var m = HunkHeader().Match(lines[k]);
            Assert.True(m.Success, lines[k]);
            int oldStart = int.Parse(m.Groups[1].Value), oldCount = m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 1;
            int newCount = m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : 1;
            int startIndex = oldCount == 0 ? oldStart : oldStart - 1;
            while (position < startIndex) result.Add(old[position++]);
            k++;
            int seenOld = 0, seenNew = 0;
            while (k < lines.Length && lines[k].Length > 0 && lines[k][0] is ' ' or '-' or '+')
            {
                char kind = lines[k][0];
                string text = lines[k][1..];
                bool noNewline = k + 1 < lines.Length && lines[k + 1] == "\\ No newline at end of file";
                string full = text + (noNewline ? "" : "\n");
                if (kind != '+')
                {
                    Assert.Equal(old[position], full);
                    position++;
                    seenOld++;
                }
                if (kind != '-')
                {
                    result.Add(full);
                    seenNew++;
                }
                k += noNewline ? 2 : 1;
            }
            Assert.Equal(oldCount, seenOld);
            Assert.Equal(newCount, seenNew);
        }
        while (position < old.Count) result.Add(old[position++]);
        return string.Concat(result);
    }

    private static List<string> SplitKeep(string text)
    {
        var list = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int n = text.IndexOf('\n', start);
            if (n < 0) { list.Add(text[start..]); break; }
            list.Add(text[start..(n + 1)]);
            start = n + 1;
        }
        return list;
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")]
    private static partial Regex HunkHeader();
}
