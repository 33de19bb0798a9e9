using System.Globalization;
using System.Text;
using Lint.Parsing;

namespace Lint.Fixing;

/// <summary>
/// A small line-based unified diff (Myers' algorithm), in the format of <c>diff -u</c> and <c>git diff</c>:
/// <c>--- a/path</c>, <c>+++ b/path</c>, then <c>@@ -l,s +l,s @@</c> hunks with three lines of context.
/// Lines are shown without their line terminator; a last line without one is followed by
/// <c>\ No newline at end of file</c>. Control, bidirectional and invisible formatting characters (other than tab)
/// are shown as <c>\uXXXX</c> so that a diff cannot rewrite the terminal it is printed on.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Lines of context around each change.</summary>
    public const int DefaultContext = 3;

    /// <summary>The diff of two versions of the file <paramref name="path"/> (UTF-8 bytes); empty when they are equal.</summary>
    public static string Create(string path, byte[] before, byte[] after, int context = DefaultContext) =>
        before.AsSpan().SequenceEqual(after) ? "" : Create("a/" + path, "b/" + path, Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(after), context);

    /// <summary>The diff of two texts with the given header labels; empty when they are equal.</summary>
    public static string Create(string oldLabel, string newLabel, string before, string after, int context = DefaultContext)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        if (before == after) return "";
        var a = SplitLines(before);
        var b = SplitLines(after);
        var ops = Diff(a, b);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(Display(oldLabel)).Append('\n');
        sb.Append("+++ ").Append(Display(newLabel)).Append('\n');
        int i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == OpKind.Equal) { i++; continue; }
            // A hunk: from `context` equal lines before this change to `context` equal lines after the last change
            // that is at most 2 * context equal lines from the previous one.
            int first = i, last = i;
            int j = i + 1, equalRun = 0;
            while (j < ops.Count)
            {
                if (ops[j].Kind == OpKind.Equal)
                {
                    equalRun++;
                    if (equalRun > 2 * context) break;
                }
                else
                {
                    last = j;
                    equalRun = 0;
                }
                j++;
            }
            int start = first, end = last;
            for (int c = 0; c < context && start > 0 && ops[start - 1].Kind == OpKind.Equal; c++) start--;
            for (int c = 0; c < context && end + 1 < ops.Count && ops[end + 1].Kind == OpKind.Equal; c++) end++;
            WriteHunk(sb, ops, start, end, a, b);
            i = end + 1;
        }
        return sb.ToString();
    }

    private static void WriteHunk(StringBuilder sb, List<Op> ops, int start, int end, List<Line> a, List<Line> b)
    {
        // Lines of each side before the hunk (see Op).
        int oldBefore = ops[start].A;
        int newBefore = ops[start].B;
        int oldCount = 0, newCount = 0;
        for (int k = start; k <= end; k++)
        {
            if (ops[k].Kind != OpKind.Insert) oldCount++;
            if (ops[k].Kind != OpKind.Delete) newCount++;
        }
        sb.Append("@@ -").Append(Range(oldBefore, oldCount)).Append(" +").Append(Range(newBefore, newCount)).Append(" @@\n");
        for (int k = start; k <= end; k++)
        {
            var op = ops[k];
            var line = op.Kind == OpKind.Insert ? b[op.B] : a[op.A];
            sb.Append(op.Kind switch { OpKind.Equal => ' ', OpKind.Delete => '-', _ => '+' });
            sb.Append(Display(line.Content)).Append('\n');
            if (line.Terminator.Length == 0) sb.Append("\\ No newline at end of file\n");
        }
    }

    private static string Range(int before, int count)
    {
        int startLine = count == 0 ? before : before + 1;
        return count == 1
            ? startLine.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{startLine},{count}");
    }

    private static string Display(string text) => Text.EscapeWhere(text, c => c != '\t' && Text.NeedsEscape(c));

    private readonly record struct Line(string Content, string Terminator)
    {
        public string Key => Content + Terminator;
    }

    private enum OpKind { Equal, Delete, Insert }

    /// <summary>One line of the edit script. For every kind, <see cref="A"/> and <see cref="B"/> are the indices of the
    /// line on each side, or, on the side the line is absent from, the number of that side's lines before it.</summary>
    private readonly record struct Op(OpKind Kind, int A, int B);

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        int start = 0;
        while (start < text.Length)
        {
            int n = text.IndexOf('\n', start);
            if (n < 0)
            {
                lines.Add(new Line(text[start..], ""));
                break;
            }
            bool crlf = n > start && text[n - 1] == '\r';
            lines.Add(new Line(text[start..(crlf ? n - 1 : n)], crlf ? "\r\n" : "\n"));
            start = n + 1;
        }
        return lines;
    }

    private static List<Op> Diff(List<Line> a, List<Line> b)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(Line l)
        {
            if (!ids.TryGetValue(l.Key, out int id)) ids[l.Key] = id = ids.Count;
            return id;
        }
        var x = a.Select(Id).ToArray();
        var y = b.Select(Id).ToArray();
        int prefix = 0;
        while (prefix < x.Length && prefix < y.Length && x[prefix] == y[prefix]) prefix++;
        int suffix = 0;
        while (suffix < x.Length - prefix && suffix < y.Length - prefix && x[^(suffix + 1)] == y[^(suffix + 1)]) suffix++;
        var ops = new List<Op>(x.Length + y.Length);
        for (int i = 0; i < prefix; i++) ops.Add(new Op(OpKind.Equal, i, i));
        foreach (var op in Myers(x[prefix..^suffix], y[prefix..^suffix]))
            ops.Add(op with { A = op.A + prefix, B = op.B + prefix });
        for (int i = suffix; i > 0; i--) ops.Add(new Op(OpKind.Equal, x.Length - i, y.Length - i));
        return ops;
    }

    /// <summary>Myers' O(ND) shortest edit script, with the trace kept for the walk back.</summary>
    private static List<Op> Myers(int[] a, int[] b)
    {
        int n = a.Length, m = b.Length, max = n + m, offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++)
        {
            trace.Add((int[])v.Clone());
            for (int k = -d; k <= d; k += 2)
            {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x] == b[y]) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { found = d; break; }
            }
        }
        var reversed = new List<Op>();
        int cx = n, cy = m;
        for (int d = found; d >= 0; d--)
        {
            var vd = trace[d];
            int k = cx - cy;
            int prevK = k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
            int prevX = vd[offset + prevK];
            int prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                reversed.Add(new Op(OpKind.Equal, cx - 1, cy - 1));
                cx--;
                cy--;
            }
            if (d > 0)
            {
                if (cx == prevX) reversed.Add(new Op(OpKind.Insert, cx, cy - 1));
                else reversed.Add(new Op(OpKind.Delete, cx - 1, cy));
            }
            cx = prevX;
            cy = prevY;
        }
        reversed.Reverse();
        return reversed;
    }
}
