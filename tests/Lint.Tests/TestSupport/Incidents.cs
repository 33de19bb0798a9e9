using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lint.Tests.TestSupport;

/// <summary>Valid incident records for tests, derived from the bundled examples, and ways to break them.</summary>
public static class Incidents
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string ExamplesDirectory => Path.Combine(Repo.Root, "examples", "incidents");

    /// <summary>A valid record of the examples corpus, re-slugged to <paramref name="slug"/> (url and citation follow).</summary>
    public static JsonObject Valid(string slug, string baseSlug = "icc-sanctions")
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(ExamplesDirectory, baseSlug + ".json")))!.AsObject();
        var record = doc["record"]!.AsObject();
        record["slug"] = slug;
        Recompute(doc);
        return doc;
    }

    /// <summary>Sets url, display dates and citation from the other fields, as the site generator does.</summary>
    public static void Recompute(JsonObject doc)
    {
        var record = doc["record"]!.AsObject();
        record["url"] = $"{doc["site"]}/incident/{record["slug"]}";
        record["displayDate"] = LongForm((string)record["date"]!);
        record["displayLastUpdated"] = LongForm((string)record["lastUpdated"]!);
        record["citation"] = $"{record["title"]}. {record["url"]}. Published {record["displayDate"]}. Updated {record["displayLastUpdated"]}.";
    }

    public static string LongForm(string date)
    {
        var d = DateOnly.ParseExact(date, "yyyy-MM-dd");
        return $"{Months[d.Month - 1]} {d.Day}, {d.Year}";
    }

    public static string ToText(JsonNode node) => node.ToJsonString(Options) + "\n";

    /// <summary>Renames a property in place, keeping its position.</summary>
    public static void Rename(JsonObject obj, string from, string to)
    {
        var entries = obj.ToList();
        obj.Clear();
        foreach (var (key, value) in entries) obj[key == from ? to : key] = value;
    }
}
