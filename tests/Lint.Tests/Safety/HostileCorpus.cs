using System.Text;
using System.Text.Json.Nodes;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// A folder of hostile incident files, one case per file, written at test time (binary content, symbolic links and
/// permissions cannot live in the repository). Every file in it is bad and must get at least one finding.
/// </summary>
public static class HostileCorpus
{
    /// <summary>The content of the file outside the project that a link points at: it must never be quoted.</summary>
    public const string SecretFileText = "{\"token\": \"s3cr3t-token-value\", \"record\": {\"slug\": \"s3cr3t-slug\"}}";

    /// <summary>
    /// Whether <c>chmod 000</c> makes a file unreadable here. It does not for root (or a process with
    /// CAP_DAC_OVERRIDE), and not on Windows; found out by trying, not by guessing from the user name.
    /// </summary>
    public static bool ChmodBlocksReads => LazyChmodBlocksReads.Value;

    /// <summary>Why unreadable-file cases are skipped when <see cref="ChmodBlocksReads"/> is false.</summary>
    public const string ChmodSkipReason = "chmod 000 does not stop this process from reading files (it runs as root or on Windows), so an unreadable file cannot be made here";

    private static readonly Lazy<bool> LazyChmodBlocksReads = new(() =>
    {
        if (OperatingSystem.IsWindows()) return false;
        var probe = Path.Combine(Path.GetTempPath(), "lint-chmod-probe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(probe, "x");
        try
        {
            File.SetUnixFileMode(probe, UnixFileMode.None);
            try
            {
                File.ReadAllBytes(probe);
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
            }
        }
        finally
        {
            File.SetUnixFileMode(probe, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Delete(probe);
        }
    });

    /// <summary>A valid record of the examples corpus, as text, slugged to match <paramref name="fileStem"/>.</summary>
    public static JsonObject Record(string fileStem) => Incidents.Valid(fileStem);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Mutated(string stem, Action<JsonObject, JsonObject> mutate)
    {
        var doc = Record(stem);
        mutate(doc, doc["record"]!.AsObject());
        return Utf8(Incidents.ToText(doc));
    }

    /// <summary>The byte content of every plain-file case: file name (relative) to bytes.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> FileCases()
    {
        string Valid(string stem) => Incidents.ToText(Record(stem));

        yield return ("empty.json", []);
        yield return ("whitespace-only.json", Utf8(" \n\t  \r\n   "));
        var random = new Random(7);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        yield return ("binary-garbage.json", garbage);
        yield return ("png-header.json", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        yield return ("latin1.json", Encoding.Latin1.GetBytes(Valid("latin1").Replace("Court", "Cour d'appel é")));
        yield return ("overlong-utf8.json", [.. Utf8("{\"site\": \""), 0xC0, 0xAF, .. Utf8("\"}")]);
        yield return ("encoded-surrogate.json", [.. Utf8("{\"site\": \""), 0xED, 0xA0, 0x80, .. Utf8("\"}")]);
        yield return ("truncated-utf8.json", [.. Utf8("{\"site\": \"caf"), 0xC3]);
        yield return ("utf16.json", Encoding.Unicode.GetBytes(Valid("utf16")));
        yield return ("bom.json", [0xEF, 0xBB, 0xBF, .. Utf8(Valid("bom"))]);
        yield return ("null.json", Utf8("null"));
        yield return ("empty-array.json", Utf8("[]"));
        yield return ("bare-string.json", Utf8("\"an incident\""));
        yield return ("bare-number.json", Utf8("42"));
        yield return ("empty-object.json", Utf8("{}"));
        yield return ("null-record.json", Mutated("null-record", (d, _) => d["record"] = null));
        yield return ("array-record.json", Mutated("array-record", (d, _) => d["record"] = new JsonArray()));
        yield return ("wrong-types.json", Mutated("wrong-types", (d, r) =>
        {
            d["site"] = 1;
            d["generatedAt"] = false;
            foreach (var (key, value) in r.ToList())
            {
                r[key] = value switch
                {
                    JsonArray => "not an array",
                    JsonObject => new JsonArray(),
                    JsonValue v when v.TryGetValue<string>(out _) => new JsonArray(1, 2),
                    JsonValue v when v.TryGetValue<bool>(out _) => "true",
                    JsonValue => new JsonObject { ["n"] = 1 },
                    _ => 0,
                };
            }
        }));
        yield return ("deep-arrays.json", Utf8(new string('[', 100_000) + new string(']', 100_000)));
        yield return ("deep-objects.json", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000)));
        yield return ("deep-unclosed.json", Utf8(new string('[', 100_000)));
        // Just inside the parser's limit: the document reaches the schema, the position map and every rule.
        yield return ("deep-within-limit.json", Utf8(Valid("deep-within-limit").Replace("\"tags\": [", "\"tags\": [" + new string('[', 250) + "\"x\"" + new string(']', 250) + ",")));
        yield return ("deep-over-limit-in-record.json", Utf8(Valid("deep-over-limit-in-record").Replace("\"tags\": [", "\"tags\": [" + new string('[', 300) + new string(']', 300) + ",")));
        yield return ("huge-exponent.json", Utf8(Valid("huge-exponent").Replace("\"sourceCount\": ", "\"sourceCount\": 1e400, \"x\": ")));
        yield return ("huge-negative-exponent.json", Mutated("huge-negative-exponent", (_, r) => r["updateCount"] = JsonNode.Parse("-1e400")));
        yield return ("huge-integer.json", Mutated("huge-integer", (_, r) => r["documentCount"] = JsonNode.Parse("123456789012345678901234567890123456789012345678901234567890")));
        yield return ("fractional-count.json", Mutated("fractional-count", (_, r) => r["sourceCount"] = 1.5));
        yield return ("control-characters.json", Mutated("control-characters", (_, r) =>
            r["title"] = "\u0000\u0001\u0007\b\f\u001b[31mred\u001b[0m\u007f\u0085\u009b31m\u202Edesrever\u2066\u200B\u2028\u2029\uFEFF"));
        yield return ("lone-surrogate.json", Utf8(Valid("lone-surrogate").Replace("\"category\": \"rule-of-law\"", "\"category\": \"\\ud800\\udfff\\udc00 \\ud83d\"")));
        yield return ("bidi-override.json", Mutated("bidi-override", (_, r) => r["slug"] = "bidi-\u202Eedirrevo"));
        yield return ("raw-control-in-string.json", Utf8(Valid("raw-control-in-string").Replace("\"title\": \"", "\"title\": \"\u0001")));
        yield return ("trailing-garbage.json", Utf8(Valid("trailing-garbage") + "garbage"));
        yield return ("second-value.json", Utf8(Valid("second-value") + "{}"));
        var trailingComma = Valid("trailing-comma");
        yield return ("trailing-comma.json", Utf8(trailingComma[..trailingComma.LastIndexOf('}')].TrimEnd() + ",\n}\n"));
        yield return ("line-comment.json", Utf8("// generated\n" + Valid("line-comment")));
        yield return ("block-comment.json", Utf8(Valid("block-comment").Replace("\"record\": {", "\"record\": /* the record */ {")));
        yield return ("duplicate-keys.json", Utf8(Valid("duplicate-keys").Replace("\"title\": ", "\"title\": \"first\",\n    \"title\": ")));
        yield return ("many-duplicate-keys.json", Utf8("{" + string.Join(",", Enumerable.Repeat("\"k\": 1", 5000)) + "}"));
        yield return ("single-quotes.json", Utf8("{'site': 'https://example.org'}"));
        yield return ("nan.json", Utf8(Valid("nan").Replace("\"sourceCount\": ", "\"sourceCount\": NaN, \"x\": ")));
        yield return ("leading-zero.json", Utf8(Valid("leading-zero").Replace("\"sourceCount\": ", "\"sourceCount\": 0")));
        yield return ("nul-bytes.json", [.. Utf8(Valid("nul-bytes")), 0, 0, 0]);
        yield return ("hostile-key.json", Mutated("hostile-key", (_, r) => r["\n::error file=x::forged\u001b[2J"] = 1));
        yield return ("huge-key.json", Mutated("huge-key", (_, r) => r[new string('k', 200_000)] = 1));
        yield return ("unicode-escapes-everywhere.json", Utf8("{\"\\u0073ite\": \"\\u0000\", \"record\": {\"\\u0000\": \"\\ud800\"}}"));
    }

    /// <summary>
    /// Writes the corpus under <paramref name="dir"/>: the file cases plus links, a folder named <c>folder.json</c>
    /// holding a bad file, and (when not root) an unreadable file. <paramref name="outsideDir"/> is a folder outside
    /// the project, for the target of a link that leads out of it. Returns the relative paths of the bad files.
    /// </summary>
    public static List<string> Write(string dir, string outsideDir)
    {
        Directory.CreateDirectory(dir);
        var bad = new List<string>();
        foreach (var (name, bytes) in FileCases())
        {
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
            bad.Add(name);
        }
        // A folder whose name ends in .json: walked, never read as a file. The file inside is bad.
        Directory.CreateDirectory(Path.Combine(dir, "folder.json"));
        File.WriteAllText(Path.Combine(dir, "folder.json", "inside-folder.json"), "{");
        bad.Add("folder.json/inside-folder.json");
        if (!OperatingSystem.IsWindows())
        {
            // Two links pointing at each other, and a link to a parent folder (a walk that follows it never ends).
            File.CreateSymbolicLink(Path.Combine(dir, "loop-a.json"), "loop-b.json");
            File.CreateSymbolicLink(Path.Combine(dir, "loop-b.json"), "loop-a.json");
            bad.Add("loop-a.json");
            bad.Add("loop-b.json");
            File.CreateSymbolicLink(Path.Combine(dir, "folder.json", "parent"), "..");
            // A link to a file outside the project, such as a credentials file.
            Directory.CreateDirectory(outsideDir);
            var outside = Path.Combine(outsideDir, "credentials.json");
            File.WriteAllText(outside, SecretFileText);
            File.CreateSymbolicLink(Path.Combine(dir, "link-outside.json"), outside);
            bad.Add("link-outside.json");
            // A link to an endless device: it leads outside the project, so it is refused without being read.
            if (File.Exists("/dev/zero"))
            {
                File.CreateSymbolicLink(Path.Combine(dir, "link-dev-zero.json"), "/dev/zero");
                bad.Add("link-dev-zero.json");
            }
            if (ChmodBlocksReads)
            {
                var locked = Path.Combine(dir, "unreadable.json");
                File.WriteAllText(locked, Incidents.ToText(Record("unreadable")));
                File.SetUnixFileMode(locked, UnixFileMode.None);
                bad.Add("unreadable.json");
            }
        }
        bad.Sort(StringComparer.Ordinal);
        return bad;
    }
}
