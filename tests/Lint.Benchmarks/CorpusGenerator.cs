using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lint.Benchmarks;

/// <summary>
/// A reproducible generator of incident corpora: N valid records the size of the example record (about 24 KB), with
/// realistic related links, from a seed; optionally with one injected defect in some files. Used by the benchmarks,
/// the performance script and the tests.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>A generated file and the rule its injected defect should trigger (null when the file is valid).</summary>
    public sealed record GeneratedFile(string Path, string Slug, string? ExpectedRule);

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The defects that can be injected, each with the rule that owns it.</summary>
    public static IReadOnlyList<(string Rule, Action<JsonObject, Random> Inject)> Defects { get; } =
    [
        ("source-count", (r, _) => r["sourceCount"] = (int)r["sourceCount"]! + 1),
        ("related-exists", (r, _) => r["relatedIncidents"]!.AsArray().Add("no-such-incident")),
        ("related-self", (r, _) => r["relatedIncidents"]!.AsArray().Add((string)r["slug"]!)),
        ("display-date", (r, _) => r["displayDate"] = "January 1, 1999"),
        ("citation-format", (r, _) => r["citation"] = "Stale citation."),
        ("taxonomy-label", (r, _) => r["categoryLabel"] = "Rule of law"),
        ("timeline-order", (r, _) => r["timeline"]!.AsArray().Add(new JsonObject { ["date"] = "2000-01-01", ["title"] = "Out of order" })),
        ("schema", (r, _) => r["sourceCount"] = "15"),
        ("duplicate-tag", (r, _) => r["tags"]!.AsArray().Add(((string)r["tags"]![0]!).ToUpperInvariant())),
        ("stale-last-updated", (r, _) => r["timeline"]!.AsArray().Add(new JsonObject
        {
            ["date"] = DateOnly.ParseExact((string)r["lastUpdated"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["title"] = "News added without bumping lastUpdated",
        })),
    ];

    /// <summary>Writes <paramref name="count"/> incident files into <paramref name="directory"/> (in sub-folders of 1,000).</summary>
    /// <param name="template">A valid incident file to shape the records on (the example record).</param>
    /// <param name="defectRate">Share of files, 0 to 1, that get one injected defect.</param>
    public static IReadOnlyList<GeneratedFile> Generate(string directory, int count, int seed, string template, double defectRate = 0)
    {
        var random = new Random(seed);
        var baseDoc = JsonNode.Parse(template)!.AsObject();
        var files = new List<GeneratedFile>(count);
        for (int i = 0; i < count; i++)
        {
            string slug = Slug(i);
            var doc = baseDoc.DeepClone().AsObject();
            var r = doc["record"]!.AsObject();
            r["slug"] = slug;
            r["url"] = $"{doc["site"]}/incident/{slug}";
            var timeline = r["timeline"]!.AsArray();
            var date = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 400));
            // lastUpdated on or after the last timeline event (date + count - 1), as a maintained record has it.
            var updated = date.AddDays(random.Next(Math.Max(0, timeline.Count - 1), 60));
            r["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            r["lastUpdated"] = updated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            r["displayDate"] = LongForm(date);
            r["displayLastUpdated"] = LongForm(updated);
            for (int t = 0; t < timeline.Count; t++)
                timeline[t]!["date"] = date.AddDays(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // Related links: mostly to nearby incidents (topics cluster), sometimes anywhere.
            var related = new JsonArray();
            var chosen = new HashSet<int>();
            int links = random.Next(2, 7);
            while (chosen.Count < Math.Min(links, count - 1))
            {
                int other = random.NextDouble() < 0.7 ? Math.Clamp(i + random.Next(-20, 21), 0, count - 1) : random.Next(count);
                if (other != i && chosen.Add(other)) related.Add(Slug(other));
            }
            r["relatedIncidents"] = related;
            r["citation"] = $"{r["title"]}. {r["url"]}. Published {r["displayDate"]}. Updated {r["displayLastUpdated"]}.";
            string? rule = null;
            if (defectRate > 0 && random.NextDouble() < defectRate)
            {
                var (defectRule, inject) = Defects[random.Next(Defects.Count)];
                inject(r, random);
                rule = defectRule;
            }
            var path = Path.Combine(directory, (i / 1000).ToString("D3", CultureInfo.InvariantCulture), slug + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, doc.ToJsonString(WriteOptions) + "\n", new UTF8Encoding(false));
            files.Add(new GeneratedFile(path, slug, rule));
        }
        return files;
    }

    /// <summary>The slug of generated incident <paramref name="i"/>.</summary>
    public static string Slug(int i) => "incident-" + i.ToString("D6", CultureInfo.InvariantCulture);

    private static string LongForm(DateOnly d) => $"{Months[d.Month - 1]} {d.Day}, {d.Year}";
}
