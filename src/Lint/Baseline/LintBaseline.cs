using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lint.IO;
using Lint.Parsing;

namespace Lint.Baseline;

/// <summary>
/// A record of known findings, so that a CI gate can be adopted on a corpus that already has some: findings in the
/// baseline are suppressed, new ones are reported. Entries are keyed on file, rule and JSON Pointer, never on line
/// numbers, so edits elsewhere in a file do not invalidate them; several findings of one rule at one node are one
/// entry with a count. The file format (version 1) is documented in <c>docs/ci.md</c>. Immutable.
/// </summary>
public sealed class LintBaseline
{
    /// <summary>The version of the file format; bumped on any incompatible change.</summary>
    public const int FormatVersion = 1;

    private readonly Dictionary<BaselineKey, BaselineEntry> _byKey;

    private LintBaseline(IEnumerable<BaselineEntry> entries)
    {
        var merged = new Dictionary<BaselineKey, BaselineEntry>();
        foreach (var e in entries)
        {
            var key = new BaselineKey(e.File, e.Rule, e.Pointer);
            merged[key] = merged.TryGetValue(key, out var existing)
                ? existing with { Count = SaturatingAdd(existing.Count, e.Count), Messages = [.. existing.Messages, .. e.Messages] }
                : e;
        }
        Entries = merged.Values
            .Select(e => e with { Messages = e.Messages.Order(StringComparer.Ordinal).ToList() })
            .Order(EntryOrder)
            .ToList();
        _byKey = Entries.ToDictionary(e => new BaselineKey(e.File, e.Rule, e.Pointer));
    }

    /// <summary>The entries, sorted by file, rule and pointer (ordinal).</summary>
    public IReadOnlyList<BaselineEntry> Entries { get; }

    /// <summary>How many findings the baseline records (the sum of the entries' counts).</summary>
    public int FindingCount => Saturate(Entries.Sum(e => (long)e.Count));

    /// <summary>A sum of counts that stops at <see cref="int.MaxValue"/> (a hostile baseline may record 2147483647 twice).</summary>
    internal static int SaturatingAdd(int a, int b) => Saturate((long)a + b);

    internal static int Saturate(long n) => n > int.MaxValue ? int.MaxValue : (int)n;

    /// <summary>A baseline with no entry.</summary>
    public static LintBaseline Empty { get; } = new([]);

    /// <summary>A baseline from explicit entries (entries with the same file, rule and pointer are merged).</summary>
    /// <exception cref="ArgumentException">An entry has a count below 1 or more messages than its count.</exception>
    public static LintBaseline FromEntries(IEnumerable<BaselineEntry> entries)
    {
        var list = entries.ToList();
        foreach (var e in list)
        {
            if (e.Count < 1) throw new ArgumentException($"baseline entry {e.File} {e.Rule} {e.Pointer} has count {e.Count}; it must be 1 or more", nameof(entries));
            if (e.Messages.Count > e.Count) throw new ArgumentException($"baseline entry {e.File} {e.Rule} {e.Pointer} lists more messages than its count", nameof(entries));
        }
        return new LintBaseline(list);
    }

    /// <summary>
    /// Records the findings of <paramref name="result"/>. Entries of <paramref name="previous"/> whose file this run
    /// did not lint, and which still exists, are kept; every other previous entry is replaced by today's findings,
    /// which prunes the ones that no longer occur.
    /// </summary>
    /// <param name="result">Today's findings (with <see cref="LintResult.Files"/> when known).</param>
    /// <param name="location">How the result's display paths relate to the baseline file.</param>
    /// <param name="previous">The baseline being rewritten, if any.</param>
    public static LintBaseline FromResult(LintResult result, BaselineLocation location, LintBaseline? previous = null)
    {
        var entries = result.Findings
            .GroupBy(f => new BaselineKey(location.KeyOf(f.File), f.RuleId, f.Pointer))
            .Select(g => new BaselineEntry(g.Key.File, g.Key.Rule, g.Key.Pointer, g.Count(), g.Select(f => f.Message).ToList()))
            .ToList();
        if (previous is not null)
        {
            var scope = new BaselineScope(result, location);
            entries.AddRange(previous.Entries.Where(e => !scope.Covers(e.File)));
        }
        return new LintBaseline(entries);
    }

    /// <summary>
    /// Splits <paramref name="result"/> into findings the baseline records (suppressed) and new ones (kept in the
    /// returned result), and lists the recorded findings that no longer occur in the files this run linted.
    /// </summary>
    /// <remarks>
    /// When more findings occur at one file, rule and pointer than the entry's count, those whose message the entry
    /// records are suppressed first, then the earliest in report order; the rest are new.
    /// </remarks>
    public BaselineComparison Compare(LintResult result, BaselineLocation location)
    {
        var kept = new List<Finding>();
        var budget = _byKey.ToDictionary(p => p.Key, p => p.Value.Count);
        int suppressed = 0;
        foreach (var group in result.Findings.GroupBy(f => new BaselineKey(location.KeyOf(f.File), f.RuleId, f.Pointer)))
        {
            if (!_byKey.TryGetValue(group.Key, out var entry))
            {
                kept.AddRange(group);
                continue;
            }
            var findings = group.ToList();
            var chosen = new bool[findings.Count];
            int remaining = entry.Count;
            // First the findings whose message the entry records, then any, in report order.
            var messages = entry.Messages.GroupBy(m => m, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            for (int i = 0; i < findings.Count && remaining > 0; i++)
            {
                if (messages.TryGetValue(findings[i].Message, out var n) && n > 0)
                {
                    messages[findings[i].Message] = n - 1;
                    chosen[i] = true;
                    remaining--;
                }
            }
            for (int i = 0; i < findings.Count && remaining > 0; i++)
            {
                if (chosen[i]) continue;
                chosen[i] = true;
                remaining--;
            }
            for (int i = 0; i < findings.Count; i++)
            {
                if (chosen[i]) suppressed++;
                else kept.Add(findings[i]);
            }
            budget[group.Key] = remaining;
        }
        kept.Sort(Finding.ReportOrder);
        var scope = new BaselineScope(result, location);
        var gone = Entries
            .Where(e => budget[new BaselineKey(e.File, e.Rule, e.Pointer)] > 0 && scope.Covers(e.File))
            .Select(e => e with { Count = budget[new BaselineKey(e.File, e.Rule, e.Pointer)], Messages = [] })
            .ToList();
        return new BaselineComparison(result with { Findings = kept }, suppressed, gone);
    }

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="BaselineException">The file is missing, unreadable, not JSON, or not a version 1 baseline.</exception>
    public static LintBaseline Load(string path) => Load(path, Config.LintLimits.Default.BaselineSize, null);

    /// <summary>
    /// Reads a baseline file of at most <paramref name="maxSize"/> bytes, a regular file, and, when it lies in the
    /// project of <paramref name="boundary"/>, not through a link that leads out of it.
    /// </summary>
    /// <exception cref="BaselineException">The file is missing, refused, unreadable, not JSON, or not a version 1 baseline.</exception>
    public static LintBaseline Load(string path, long maxSize, ProjectBoundary? boundary)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException();
            bytes = BoundedFile.ReadWhole(Path.GetFullPath(path), "the baseline file", maxSize, boundary, namedByUser: true, message => new BaselineException(message));
            // (ReadWhole names the full path in its messages and quotes nothing from the file.)
        }
        catch (FileNotFoundException)
        {
            throw new BaselineException($"the baseline file {path} does not exist; create it with --write-baseline {path}");
        }
        catch (DirectoryNotFoundException)
        {
            throw new BaselineException($"the baseline file {path} does not exist; create it with --write-baseline {path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BaselineException($"cannot read the baseline file {Text.Sanitize(path, 300)}: {Text.Sanitize(ex.Message, 300)}");
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the text of a baseline file; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="BaselineException">The text is not JSON or not a version 1 baseline.</exception>
    public static LintBaseline Parse(string text, string name) => Parse(Encoding.UTF8.GetBytes(text), name);

    private static LintBaseline Parse(byte[] bytes, string name)
    {
        using (var document = StrictJsonParser.ParseOrThrow(bytes, name, (where, reason) => new BaselineException($"{where}: the baseline is not valid JSON: {reason}")))
        {
            BaselineException Invalid(string pointer, string message) => new($"{document.Location(name, pointer)}: invalid baseline: {message}");
            if (document.DuplicateKeys.Count > 0)
            {
                var d = document.DuplicateKeys[0];
                throw Invalid(d.Pointer, $"property '{Text.Sanitize(d.Name)}' is defined twice");
            }
            var root = document.Root;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid("", "expected an object with 'version' and 'entries'");
            foreach (var p in root.EnumerateObject())
            {
                if (p.Name is not ("version" or "entries" or "$schema"))
                    throw Invalid("/" + JsonPointer.Escape(p.Name), $"unknown property '{Text.Sanitize(p.Name)}'");
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v))
                throw Invalid("", "'version' is missing or not a number");
            if (v != FormatVersion) throw Invalid("/version", $"version {v} is not supported (this lint reads version {FormatVersion})");
            if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
                throw Invalid("", "'entries' is missing or not an array");
            var list = new List<BaselineEntry>();
            int i = 0;
            foreach (var item in entries.EnumerateArray())
            {
                string at = $"/entries/{i}";
                if (item.ValueKind != JsonValueKind.Object) throw Invalid(at, $"entries[{i}] is not an object");
                foreach (var p in item.EnumerateObject())
                {
                    if (p.Name is not ("file" or "rule" or "pointer" or "count" or "messages"))
                        throw Invalid(at + "/" + JsonPointer.Escape(p.Name), $"entries[{i}] has an unknown property '{Text.Sanitize(p.Name)}'");
                }
                string RequiredString(string property, bool allowEmpty)
                {
                    if (!item.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String
                        || (!allowEmpty && value.GetString()!.Length == 0))
                        throw Invalid(at, $"entries[{i}].{property} is missing or not a{(allowEmpty ? "" : " non-empty")} string");
                    return value.GetString()!;
                }
                var file = RequiredString("file", allowEmpty: false);
                var rule = RequiredString("rule", allowEmpty: false);
                var pointer = RequiredString("pointer", allowEmpty: true);
                if (pointer.Length > 0 && pointer[0] != '/') throw Invalid(at + "/pointer", $"entries[{i}].pointer is not a JSON Pointer (empty or starting with '/')");
                if (!item.TryGetProperty("count", out var countElement) || countElement.ValueKind != JsonValueKind.Number
                    || !countElement.TryGetInt32(out var count) || count < 1)
                    throw Invalid(at + (item.TryGetProperty("count", out _) ? "/count" : ""), $"entries[{i}].count is missing or not a whole number of 1 or more");
                var messages = new List<string>();
                if (item.TryGetProperty("messages", out var messagesElement))
                {
                    if (messagesElement.ValueKind != JsonValueKind.Array || messagesElement.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String))
                        throw Invalid(at + "/messages", $"entries[{i}].messages is not an array of strings");
                    messages.AddRange(messagesElement.EnumerateArray().Select(m => m.GetString()!));
                    if (messages.Count > count) throw Invalid(at + "/messages", $"entries[{i}] lists {messages.Count} messages but its count is {count}");
                }
                list.Add(new BaselineEntry(file, rule, pointer, count, messages));
                i++;
            }
            return new LintBaseline(list);
        }
    }

    /// <summary>The file text: indented JSON, entries sorted, UTF-8 characters as they are, a final newline. The same findings always give the same bytes.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartArray("entries");
            foreach (var e in Entries)
            {
                json.WriteStartObject();
                json.WriteString("file", e.File);
                json.WriteString("rule", e.Rule);
                json.WriteString("pointer", e.Pointer);
                json.WriteNumber("count", e.Count);
                json.WriteStartArray("messages");
                foreach (var m in e.Messages) json.WriteStringValue(m);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Writes the baseline to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <exception cref="BaselineException">The file cannot be written.</exception>
    public void Save(string path)
    {
        try
        {
            AtomicFile.WriteAllText(path, ToJson());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BaselineException($"cannot write the baseline file {path}: {ex.Message}");
        }
    }

    private static readonly IComparer<BaselineEntry> EntryOrder = Comparer<BaselineEntry>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.File, b.File);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Rule, b.Rule);
        return c != 0 ? c : string.CompareOrdinal(a.Pointer, b.Pointer);
    });

    private readonly record struct BaselineKey(string File, string Rule, string Pointer);

    /// <summary>Which baseline files a run speaks for: the files it linted, and files that no longer exist.</summary>
    private sealed class BaselineScope(LintResult result, BaselineLocation location)
    {
        private readonly HashSet<string>? _linted = result.Files?.Select(location.KeyOf).ToHashSet(StringComparer.Ordinal);

        public bool Covers(string file) =>
            _linted is null || _linted.Contains(file) || !File.Exists(location.FullPathOf(file));
    }
}

/// <summary>One baseline entry: the findings of one rule at one node of one file.</summary>
/// <param name="File">The file, relative to the baseline file's folder, with <c>/</c>.</param>
/// <param name="Rule">The rule id.</param>
/// <param name="Pointer">The JSON Pointer of the node; empty for the whole document.</param>
/// <param name="Count">How many findings of the rule the node had (1 or more).</param>
/// <param name="Messages">Their messages, sorted: for people reading the file, and to tell which findings are the recorded ones when more occur. At most <paramref name="Count"/>; may be empty.</param>
public sealed record BaselineEntry(string File, string Rule, string Pointer, int Count, IReadOnlyList<string> Messages);

/// <summary>How the display paths of findings (relative to the working directory) map to baseline entries (relative to the baseline file's folder).</summary>
/// <param name="WorkingDirectory">The folder finding paths are relative to (<see cref="LintOptions.WorkingDirectory"/>).</param>
/// <param name="BaselineDirectory">The folder of the baseline file; entry paths are relative to it.</param>
public sealed record BaselineLocation(string WorkingDirectory, string BaselineDirectory)
{
    /// <summary>The location for the baseline file <paramref name="baselinePath"/> (relative paths resolve against <paramref name="workingDirectory"/>).</summary>
    public static BaselineLocation For(string baselinePath, string workingDirectory) =>
        new(workingDirectory, Path.GetDirectoryName(Path.GetFullPath(baselinePath, workingDirectory))!);

    /// <summary>The entry path of a finding's display path.</summary>
    public string KeyOf(string displayPath) =>
        Lint.IO.PathText.ToSlashes(Path.GetRelativePath(BaselineDirectory, Path.GetFullPath(displayPath, WorkingDirectory)));

    /// <summary>The full path of an entry path.</summary>
    public string FullPathOf(string entryFile) => Path.GetFullPath(entryFile, BaselineDirectory);
}

/// <summary>The outcome of applying a baseline to a lint result.</summary>
/// <param name="Result">The result with only the findings the baseline does not record.</param>
/// <param name="Suppressed">How many findings the baseline suppressed.</param>
/// <param name="Gone">Recorded findings that no longer occur in the files linted, as entries whose count is the number gone.</param>
public sealed record BaselineComparison(LintResult Result, int Suppressed, IReadOnlyList<BaselineEntry> Gone)
{
    /// <summary>How many recorded findings no longer occur.</summary>
    public int GoneCount => LintBaseline.Saturate(Gone.Sum(e => (long)e.Count));

    /// <summary>The plain-words note for people: how many findings were suppressed and how many recorded ones are gone.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append(Suppressed).Append(Suppressed == 1 ? " finding" : " findings").Append(" suppressed by the baseline");
        if (GoneCount > 0)
        {
            sb.Append("; ").Append(GoneCount).Append(GoneCount == 1 ? " baseline entry no longer occurs" : " baseline entries no longer occur")
              .Append("; run --write-baseline to prune");
        }
        return sb.ToString();
    }
}

/// <summary>A baseline file that cannot be used: missing, unreadable, not JSON, or not in the baseline format.</summary>
public sealed class BaselineException(string message) : Exception(message);
