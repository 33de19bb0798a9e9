using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Fixing;

/// <summary>
/// Property: a valid record given random fixable defects and random formatting is fixed to exactly the repaired record
/// in the same formatting; fixing leaves no fixable finding; fixing again changes nothing.
/// </summary>
public sealed class FixPropertyTests
{
    private const string Slug = "generated-incident";
    private static readonly string[] BaseSlugs = ["icc-immunity-demands-rome-statute", "icc-sanctions"];
    private static readonly HashSet<string> FixableRules = RuleRegistry.BuiltIn.Where(r => r.Metadata.Fixable).Select(r => r.Metadata.Id).ToHashSet();

    /// <summary>String values a fix rewrites with <c>FileContext.EncodeString</c> (raw non-ASCII), whatever the file's escaping.</summary>
    private static readonly HashSet<string> Rewritable =
    [
        "/site", "/record/url", "/record/citation", "/record/displayDate", "/record/displayLastUpdated",
        "/record/categoryLabel", "/record/severityLabel", "/record/postureLabel",
    ];

    // The examples corpus, so that related incidents exist; the generated file stands beside it, in memory only.
    private static readonly Linter Linter = new(new LintOptions
    {
        WorkingDirectory = Incidents.ExamplesDirectory,
        Config = LintConfig.Defaults(Incidents.ExamplesDirectory),
        MaxDegreeOfParallelism = 1,
    });

    /// <param name="Indent">0 for a tab, else the number of spaces.</param>
    public sealed record Layout(int Indent, bool Crlf, bool FinalNewline, bool Escaped)
    {
        public byte[] Write(JsonNode doc)
        {
            var options = new JsonSerializerOptions
            {
                WriteIndented = true,
                IndentCharacter = Indent == 0 ? '\t' : ' ',
                IndentSize = Indent == 0 ? 1 : Indent,
                NewLine = Crlf ? "\r\n" : "\n",
                Encoder = Escaped ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            };
            var text = doc.ToJsonString(options) + (FinalNewline ? options.NewLine : "");
            return Encoding.UTF8.GetBytes(text);
        }
    }

    /// <summary>The defects, in order; each takes a parameter (-1: the defect is absent).</summary>
    private static readonly (string Name, Action<JsonObject, int> Apply)[] Defects =
    [
        ("sourceCount", (r, p) => r["sourceCount"] = r["sources"]!.AsArray().Count + 1 + p % 5),
        ("documentCount", (r, p) => r["documentCount"] = r["documents"]!.AsArray().Count + 1 + p % 3),
        ("updateCount", (r, p) => r["updateCount"] = r["updateLog"]!.AsArray().Count + 1 + p % 3),
        ("displayDate", (r, p) => r["displayDate"] = WrongDisplay((string)r["date"]!, p)),
        ("displayLastUpdated", (r, p) => r["displayLastUpdated"] = WrongDisplay((string)r["lastUpdated"]!, p)),
        ("label", (r, p) => r[new[] { "categoryLabel", "severityLabel", "postureLabel" }[p % 3]] = $"Wrong label {p}"),
        ("related-self", (r, p) =>
        {
            var related = r["relatedIncidents"]!.AsArray();
            related.Insert(p % (related.Count + 1), Slug);
            if (p % 2 == 1) related.Insert((p / 2) % (related.Count + 1), Slug);
        }),
        ("related-duplicate", (r, p) =>
        {
            var related = r["relatedIncidents"]!.AsArray();
            var originals = related.Select((n, i) => (Slug: (string)n!, Index: i)).Where(x => x.Slug != Slug).ToList();
            if (originals.Count == 0) return;
            var (slug, index) = originals[p % originals.Count];
            // After the original, so that the first occurrence (the one kept) is the original.
            related.Insert(index + 1 + (p / 7) % (related.Count - index), slug);
        }),
        ("duplicate-tag", (r, p) =>
        {
            var tags = r["tags"]!.AsArray();
            int k = p % tags.Count;
            var tag = (string)tags[k]!;
            tags.Insert(k + 1 + (p / 5) % (tags.Count - k), p % 2 == 0 ? tag.ToUpperInvariant() : tag);
        }),
        ("timeline", (r, p) =>
        {
            var timeline = r["timeline"]!.AsArray();
            var first = DateOnly.ParseExact((string)timeline[0]!["date"]!, "yyyy-MM-dd");
            var entries = timeline.Select(n => n!.DeepClone()).ToList();
            entries.Add(new JsonObject { ["date"] = first.AddDays(-(p % 40)).ToString("yyyy-MM-dd"), ["title"] = $"Generated event {p}" });
            var random = new Random(p);
            var shuffled = entries.OrderBy(_ => random.Next()).ToList();
            // Make sure it is out of order: put the latest first.
            var latest = shuffled.MaxBy(e => (string)e["date"]!)!;
            shuffled.Remove(latest);
            shuffled.Insert(0, latest);
            timeline.Clear();
            foreach (var e in shuffled) timeline.Add(e);
        }),
        ("url", (r, p) => r["url"] = p % 2 == 0 ? ((string)r["url"]!).Replace("/incident/", "/incidents/") : (string)r["url"]! + "-" + p),
        ("citation", (r, p) => r["citation"] = p % 2 == 0 ? ((string)r["citation"]!).Replace("Updated ", "Updated on ") : $"Citation {p}."),
    ];

    private static string WrongDisplay(string date, int p)
    {
        var d = DateOnly.ParseExact(date, "yyyy-MM-dd");
        return (p % 3) switch
        {
            0 => Incidents.LongForm(d.AddDays(1 + p % 30).ToString("yyyy-MM-dd")),
            1 => $"{d.Day} {Incidents.LongForm(date).Split(' ')[0]} {d.Year}",
            _ => Incidents.LongForm(date).Replace(",", ""),
        };
    }

    /// <summary>The repaired record: the valid one, with the timeline as the stable sort by date of the defective one.</summary>
    private static JsonObject Repaired(JsonObject valid, JsonObject defective)
    {
        var repaired = valid.DeepClone().AsObject();
        var timeline = defective["record"]!["timeline"]!.AsArray().Select(n => n!.DeepClone()).OrderBy(e => (string)e["date"]!, StringComparer.Ordinal).ToList();
        var target = repaired["record"]!["timeline"]!.AsArray();
        target.Clear();
        foreach (var e in timeline) target.Add(e);
        return repaired;
    }

    public static readonly Gen<(int Base, Layout Layout, int[] Defects)> Cases =
        Gen.Select(
            Gen.Int[0, BaseSlugs.Length - 1],
            Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Bool, (i, crlf, final, escaped) => new Layout(i * 2, crlf, final, escaped)),
            Gen.Frequency((1, Gen.Const(-1)), (1, Gen.Int[0, 999])).Array[Defects.Length]);

    [Fact]
    public void RandomDefectsInRandomFormattingAreFixedToExactlyTheRepairedRecord()
    {
        Cases.Sample(c =>
        {
            var valid = Incidents.Valid(Slug, BaseSlugs[c.Base]);
            var defective = valid.DeepClone().AsObject();
            var record = defective["record"]!.AsObject();
            for (int i = 0; i < Defects.Length; i++)
                if (c.Defects[i] >= 0) Defects[i].Apply(record, c.Defects[i]);
            var path = Path.Combine(Incidents.ExamplesDirectory, Slug + ".json");
            var input = c.Layout.Write(defective);

            var fix = Linter.FixAsync(path, input).GetAwaiter().GetResult();

            var fixableLeft = fix.Remaining.Where(f => FixableRules.Contains(f.RuleId)).ToList();
            Assert.True(fixableLeft.Count == 0, "fixable findings remain:\n" + ReportText.Of(fixableLeft));
            Assert.True(fix.Remaining.Count == 0, "findings remain:\n" + ReportText.Of(fix.Remaining));
            var expected = c.Layout.Write(Repaired(valid, defective));
            var difference = JsonTokens.Compare(expected, fix.Fixed, Rewritable);
            Assert.True(difference is null, difference + "\n" + fix.Diff(Slug + ".json"));
            Assert.Equal(c.Defects.Any(d => d >= 0), fix.Changed);

            var again = Linter.FixAsync(path, fix.Fixed).GetAwaiter().GetResult();
            Assert.Equal(0, again.AppliedFixes);
            Assert.False(again.Changed);
        }, iter: 120, threads: 1);
    }

    [Fact]
    public void FixingOnlyChangesTheRewrittenValuesWhenNothingElseIsWrong()
    {
        // The same check on the raw bytes: outside the fixed values, the fixed text is the input.
        Cases.Sample(c =>
        {
            var valid = Incidents.Valid(Slug, BaseSlugs[c.Base]);
            var defective = valid.DeepClone().AsObject();
            var record = defective["record"]!.AsObject();
            // Value-only defects: counts, display dates, label, url, citation.
            foreach (int i in new[] { 0, 1, 2, 3, 4, 5, 10, 11 })
                if (c.Defects[i] >= 0) Defects[i].Apply(record, c.Defects[i]);
            var input = c.Layout.Write(defective);
            var fix = Linter.FixAsync(Path.Combine(Incidents.ExamplesDirectory, Slug + ".json"), input).GetAwaiter().GetResult();
            var (before, beforeTail) = JsonTokens.Read(input);
            var (after, afterTail) = JsonTokens.Read(fix.Fixed);
            Assert.Equal(beforeTail, afterTail);
            Assert.Equal(before.Count, after.Count);
            for (int t = 0; t < before.Count; t++)
            {
                Assert.Equal(before[t].Gap, after[t].Gap);
                if (before[t].Raw == after[t].Raw) continue;
                Assert.Contains(before[t].Pointer, new[] { "/record/sourceCount", "/record/documentCount", "/record/updateCount" }.Concat(Rewritable));
            }
        }, iter: 60, threads: 1);
    }
}
