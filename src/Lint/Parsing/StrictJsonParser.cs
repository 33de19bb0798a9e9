using System.Buffers;
using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Lint.Parsing;

/// <summary>A property name that appears twice in one object.</summary>
/// <param name="Pointer">Pointer of the second occurrence.</param>
/// <param name="Name">The repeated name.</param>
/// <param name="Offset">Byte offset of the second occurrence's key.</param>
/// <param name="FirstOffset">Byte offset of the first occurrence's key.</param>
public sealed record DuplicateKey(string Pointer, string Name, int Offset, int FirstOffset);

/// <summary>A document that parsed strictly: its bytes, its System.Text.Json DOM and its position map.</summary>
public sealed class ParsedDocument : IDisposable
{
    internal ParsedDocument(ReadOnlyMemory<byte> bytes, int bomLength, JsonDocument document, LineIndex lines, IReadOnlyList<DuplicateKey> duplicates)
    {
        Memory = bytes;
        BomLength = bomLength;
        Document = document;
        Lines = lines;
        DuplicateKeys = duplicates;
        Positions = new PositionMap(bytes[bomLength..], bomLength, duplicates.Count == 0 ? document : null);
    }

    private byte[]? _bytes;

    /// <summary>The file's bytes, exactly as read.</summary>
    /// <remarks>
    /// The array that was parsed when it holds exactly the file; a copy when the file was parsed from part of a larger
    /// (pooled) buffer. <see cref="Memory"/> never copies.
    /// </remarks>
    public byte[] Bytes => _bytes ??= MemoryMarshal.TryGetArray(Memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
        ? segment.Array
        : Memory.ToArray();

    /// <summary>The file's bytes, exactly as read, without a copy.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>Length of a leading UTF-8 byte order mark (0 when there is none).</summary>
    public int BomLength { get; }

    /// <summary>The parsed document.</summary>
    public JsonDocument Document { get; }

    /// <summary>The root element.</summary>
    public JsonElement Root => Document.RootElement;

    /// <summary>Byte offset to line and column.</summary>
    public LineIndex Lines { get; }

    /// <summary>JSON Pointer to byte span.</summary>
    public PositionMap Positions { get; }

    /// <summary>Property names repeated within one object.</summary>
    public IReadOnlyList<DuplicateKey> DuplicateKeys { get; }

    /// <summary>
    /// The byte offset a message about <paramref name="pointer"/> is placed at: the start of the node, or of its
    /// property name with <paramref name="atKey"/>; the nearest existing ancestor when the node is absent.
    /// </summary>
    public int OffsetOf(string pointer, bool atKey = false)
    {
        var span = Positions.GetNearest(pointer);
        return atKey && span.KeyStart >= 0 ? span.KeyStart : span.Start;
    }

    private Dictionary<string, StringPositions>? _strings;

    /// <summary>
    /// The byte offset of the UTF-16 unit at <paramref name="index"/> of the decoded string at <paramref name="pointer"/>,
    /// through escapes (see <see cref="StringPositions"/>); <see cref="OffsetOf"/> of the pointer when the node is not a
    /// string. The map of each string is built once.
    /// </summary>
    public int OffsetInString(string pointer, int index)
    {
        if (!Positions.TryGet(pointer, out var span) || span.Length < 2 || Memory.Span[span.Start] != (byte)'"') return OffsetOf(pointer);
        StringPositions? map;
        lock (Positions)
        {
            _strings ??= new Dictionary<string, StringPositions>(StringComparer.Ordinal);
            if (!_strings.TryGetValue(pointer, out map)) _strings[pointer] = map = new StringPositions(Memory, span);
        }
        return map.OffsetOf(index);
    }

    /// <summary>Stands for "read, and there is none" in the caches below (null means "not read yet").</summary>
    private static readonly object None = new();

    private object? _contentHtmlText;
    private object? _contentHtml;

    /// <summary>
    /// <c>record.contentHtml</c> decoded, or null when it is missing or not a string (or <c>record</c> is not an object).
    /// Decoded once per document: the HTML parse and the corpus index's incident links share it.
    /// </summary>
    internal string? ContentHtmlText
    {
        get
        {
            var text = Volatile.Read(ref _contentHtmlText);
            if (text is null)
            {
                var root = Root;
                text = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Object
                    && record.TryGetProperty("contentHtml", out var html) && html.ValueKind == JsonValueKind.String
                    ? html.GetString()!
                    : None;
                // Two threads that ask at once decode the same string; the first one's is kept.
                text = Interlocked.CompareExchange(ref _contentHtmlText, text, null) ?? text;
            }
            return text as string;
        }
    }

    /// <summary>
    /// <c>record.contentHtml</c> parsed as HTML (see <see cref="Html.HtmlContent"/>), or null when it is missing or not a
    /// string. Parsed on first use and once per document, whichever rule (or the corpus index) asks first: every caller
    /// gets the same instance.
    /// </summary>
    public Html.HtmlContent? ContentHtml
    {
        get
        {
            var content = Volatile.Read(ref _contentHtml);
            if (content is null)
            {
                content = (object?)Html.HtmlContent.FromDocument(this) ?? None;
                content = Interlocked.CompareExchange(ref _contentHtml, content, null) ?? content;
            }
            return content as Html.HtmlContent;
        }
    }

    /// <summary><c>name:line:column</c> of <see cref="OffsetOf"/>, for messages about files other than incident files.</summary>
    public string Location(string name, string pointer, bool atKey = false)
    {
        var (line, column) = Lines.ToLineColumn(OffsetOf(pointer, atKey));
        return $"{name}:{line}:{column}";
    }

    /// <inheritdoc />
    public void Dispose() => Document.Dispose();
}

/// <summary>Why a file is not well-formed JSON.</summary>
/// <param name="Offset">Byte offset of the problem.</param>
/// <param name="Message">A plain-words reason.</param>
public sealed record ParseError(int Offset, string Message);

/// <summary>
/// Strict JSON (RFC 8259) parsing: UTF-8 only, no comments, no trailing commas, exactly one value,
/// nesting limited to <see cref="MaxDepth"/>. Duplicate keys are collected, not rejected.
/// </summary>
public static class StrictJsonParser
{
    /// <summary>The deepest nesting accepted. Deeper documents are reported as invalid JSON before any recursive code sees them.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = MaxDepth,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = MaxDepth,
    };

    /// <summary>
    /// Parses a file that must be well formed (a configuration, a schema, a baseline): on a syntax error, throws what
    /// <paramref name="fail"/> makes of <c>name:line:column</c> and the reason.
    /// </summary>
    public static ParsedDocument ParseOrThrow(byte[] bytes, string name, Func<string, string, Exception> fail)
    {
        var (document, error, lines) = Parse(bytes);
        if (error is null) return document!;
        var (line, column) = lines.ToLineColumn(error.Offset);
        throw fail($"{name}:{line}:{column}", error.Message);
    }

    /// <summary>Parses <paramref name="bytes"/>; exactly one of the results is non-null.</summary>
    public static (ParsedDocument? Document, ParseError? Error, LineIndex Lines) Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Parse(bytes.AsMemory());
    }

    /// <summary>
    /// Parses <paramref name="memory"/> (a file read into part of a pooled buffer, say); exactly one of the results is
    /// non-null. The document reads the memory while it is in use: the caller keeps it unchanged until the document is
    /// disposed.
    /// </summary>
    public static (ParsedDocument? Document, ParseError? Error, LineIndex Lines) Parse(ReadOnlyMemory<byte> memory)
    {
        var bytes = memory.Span;
        var lines = new LineIndex(memory);
        int bom = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (bom > 0)
            return (null, new ParseError(0, "the file starts with a UTF-8 byte order mark (BOM); JSON text must not (RFC 8259, section 8.1)"), lines);

        if (!Utf8.IsValid(bytes))
        {
            int bad = FirstInvalidUtf8(bytes);
            return (null, new ParseError(bad, $"the file is not valid UTF-8 (byte 0x{bytes[bad]:X2} at offset {bad})"), lines);
        }

        var json = bytes[bom..];
        if (json.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            return (null, new ParseError(bom, bytes.Length == 0 ? "the file is empty; expected a JSON object" : "the file holds only whitespace; expected a JSON object"), lines);

        List<DuplicateKey>? duplicates = null;
        JsonDocument? document = null;
        try
        {
            // One strict parse validates the syntax. A walk of the parsed tree then compares property names as raw
            // UTF-8 and looks at escaped strings, without allocating; only a file that repeats a key or holds an
            // escape pays for the token-by-token pass that names the repeats with their pointers and positions.
            document = JsonDocument.Parse(memory[bom..], DocumentOptions);
            if (NeedsTokenScan(document.RootElement, json)) duplicates = Scan(json, bom);
        }
        catch (UnpairedSurrogateException ex)
        {
            document?.Dispose();
            return (null, new ParseError(ex.Offset, "a string holds an unpaired UTF-16 surrogate escape (such as \\ud800 without its pair), which is not valid Unicode"), lines);
        }
        catch (JsonException ex)
        {
            document?.Dispose();
            int offset = bom + lines.NewlineLineStart((int)(ex.LineNumber ?? 0)) + (int)(ex.BytePositionInLine ?? 0);
            offset = Math.Min(offset, bytes.Length);
            bool comment = offset + 1 < bytes.Length && bytes[offset] == (byte)'/' && (bytes[offset + 1] == (byte)'/' || bytes[offset + 1] == (byte)'*');
            bool atEnd = bytes[offset..].IndexOfAnyExcept(" \t\r\n"u8) < 0;
            string message = comment ? "comments are not allowed in JSON"
                : atEnd ? "unexpected end of file; the JSON is incomplete"
                : Describe(ex.Message);
            return (null, new ParseError(offset, message), lines);
        }

        return (new ParsedDocument(memory, bom, document!, lines, duplicates ?? (IReadOnlyList<DuplicateKey>)Array.Empty<DuplicateKey>()), null, lines);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            int consumed = 0;
            while (consumed < bytes.Length)
            {
                var st = Utf8.ToUtf16(bytes[consumed..], buffer, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                consumed += read;
                if (st == OperationStatus.InvalidData || st == OperationStatus.NeedMoreData) return Math.Min(consumed, bytes.Length - 1);
                if (st == OperationStatus.Done) break;
            }
            return 0;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Above this many properties in one object, name hashes are compared through a hash set instead of one by one.</summary>
    private const int LinearNameLimit = 64;

    /// <summary>The hashes of the names of the objects being walked (a stack: each object's names above its parent's), per thread.</summary>
    [ThreadStatic]
    private static ulong[]? t_nameHashes;

    /// <summary>
    /// Whether the parsed tree needs the token-by-token <see cref="Scan"/>: some object repeats a property name, or a
    /// string or name holds an escape (which might be an unpaired surrogate). Each name's raw UTF-8 is hashed once and
    /// compared with the hashes of the object's earlier names (through a hash set for an object with many properties,
    /// so no input makes this quadratic); only equal hashes compare the names themselves. The tree is at most
    /// <see cref="MaxDepth"/> deep, so the recursion is bounded.
    /// </summary>
    private static bool NeedsTokenScan(JsonElement element, ReadOnlySpan<byte> json)
    {
        var hashes = t_nameHashes ??= new ulong[256];
        // Only a \u escape can encode a lone surrogate: a file without one has no string worth decoding here.
        bool strings = json.IndexOf("\\u"u8) >= 0;
        bool needed = NeedsTokenScan(element, ref hashes, 0, strings);
        t_nameHashes = hashes;
        return needed;
    }

    private static bool NeedsTokenScan(JsonElement element, ref ulong[] hashes, int top, bool strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                int count = 0;
                HashSet<ulong>? set = null;
                foreach (var property in element.EnumerateObject())
                {
                    var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (raw.IndexOf((byte)'\\') >= 0) return true;
                    ulong hash = Hash(raw);
                    bool seen;
                    if (set is not null) seen = !set.Add(hash);
                    else
                    {
                        seen = hashes.AsSpan(top, count).Contains(hash);
                        if (count == LinearNameLimit)
                        {
                            set = new HashSet<ulong>(hashes.AsSpan(top, count).ToArray());
                            set.Add(hash);
                        }
                        else
                        {
                            if (top + count + 1 >= hashes.Length) Array.Resize(ref hashes, hashes.Length * 2);
                            hashes[top + count] = hash;
                        }
                    }
                    if (seen && RepeatsEarlierName(element, raw, count)) return true;
                    count++;
                    // The value's own names go above this object's (which are frozen once a hash set holds them).
                    var value = property.Value;
                    var kind = value.ValueKind;
                    if ((kind is JsonValueKind.Object or JsonValueKind.Array || (strings && kind == JsonValueKind.String))
                        && NeedsTokenScan(value, ref hashes, set is null ? top + count : top + LinearNameLimit, strings)) return true;
                }
                return false;
            }
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    var kind = item.ValueKind;
                    if ((kind is JsonValueKind.Object or JsonValueKind.Array || (strings && kind == JsonValueKind.String))
                        && NeedsTokenScan(item, ref hashes, top, strings)) return true;
                }
                return false;
            case JsonValueKind.String:
                // "\\u" (an escaped backslash) merely costs a needless check.
                return JsonMarshal.GetRawUtf8Value(element).IndexOf("\\u"u8) >= 0 && HasBadEscape(element);
            default:
                return false;
        }
    }

    /// <summary>FNV-1a over a name's raw bytes.</summary>
    private static ulong Hash(ReadOnlySpan<byte> raw)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in raw) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    /// <summary>Whether one of the first <paramref name="count"/> names of <paramref name="element"/> is exactly <paramref name="raw"/> (after equal hashes).</summary>
    private static bool RepeatsEarlierName(JsonElement element, ReadOnlySpan<byte> raw, int count)
    {
        int seen = 0;
        foreach (var earlier in element.EnumerateObject())
        {
            if (seen++ == count) break;
            if (JsonMarshal.GetRawUtf8PropertyName(earlier).SequenceEqual(raw)) return true;
        }
        return false;
    }

    /// <summary>Whether an escaped string cannot be decoded (an unpaired surrogate escape such as <c>\ud800</c>).</summary>
    private static bool HasBadEscape(JsonElement element)
    {
        try
        {
            element.GetString();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>A second pass, for files that repeat a key: every repeat with its pointer and both positions.</summary>
    private static List<DuplicateKey>? Scan(ReadOnlySpan<byte> json, int bom)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        List<DuplicateKey>? duplicates = null;
        // Open containers: the pointer of each, the names seen so far in objects (null for arrays), the next array index.
        var frames = new List<(string Pointer, Dictionary<string, int>? Names, int Index)>();
        string pendingName = "";
        while (reader.Read())
        {
            var type = reader.TokenType;
            if (type == JsonTokenType.String && reader.ValueIsEscaped) CheckEscapes(ref reader, bom);
            if (type == JsonTokenType.PropertyName)
            {
                var names = frames[^1].Names!;
                CheckEscapes(ref reader, bom);
                pendingName = reader.GetString()!;
                int offset = bom + (int)reader.TokenStartIndex;
                if (!names.TryAdd(pendingName, offset))
                {
                    duplicates ??= [];
                    duplicates.Add(new DuplicateKey(JsonPointer.Append(frames[^1].Pointer, pendingName), pendingName, offset, names[pendingName]));
                }
                continue;
            }
            if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.RemoveAt(frames.Count - 1);
                continue;
            }
            if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                string pointer = "";
                if (frames.Count > 0)
                {
                    var parent = frames[^1];
                    if (parent.Names is null)
                    {
                        pointer = JsonPointer.Append(parent.Pointer, parent.Index);
                    }
                    else pointer = JsonPointer.Append(parent.Pointer, pendingName);
                }
                AdvanceArrayIndex(frames);
                frames.Add((pointer, type == JsonTokenType.StartObject ? new Dictionary<string, int>(StringComparer.Ordinal) : null, 0));
                continue;
            }
            AdvanceArrayIndex(frames);
        }
        return duplicates;
    }

    /// <summary>
    /// An escaped string must decode to valid UTF-16: <c>"\ud800"</c> alone is well-formed JSON text, but no
    /// System.Text.Json API can return it as a string, so it would fail every consumer later. Reported here instead.
    /// </summary>
    private static void CheckEscapes(ref Utf8JsonReader reader, int bom)
    {
        if (!reader.ValueIsEscaped) return;
        try
        {
            reader.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new UnpairedSurrogateException(bom + (int)reader.TokenStartIndex);
        }
    }

    private sealed class UnpairedSurrogateException(int offset) : Exception
    {
        public int Offset { get; } = offset;
    }

    private static void AdvanceArrayIndex(List<(string Pointer, Dictionary<string, int>? Names, int Index)> frames)
    {
        if (frames.Count > 0 && frames[^1].Names is null)
        {
            var f = frames[^1];
            frames[^1] = (f.Pointer, null, f.Index + 1);
        }
    }

    /// <summary>Turns System.Text.Json's reader messages into plain words without its internal line numbers.</summary>
    private static string Describe(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message.Substring(0, cut);
        message = message.Trim();
        if (message.EndsWith('.')) message = message[..^1];
        if (message.Contains("comment", StringComparison.OrdinalIgnoreCase)) return "comments are not allowed in JSON";
        if (message.Contains("trailing comma", StringComparison.OrdinalIgnoreCase)) return "trailing commas are not allowed in JSON";
        if (message.Contains("after a single JSON value", StringComparison.Ordinal)) return "unexpected content after the JSON value";
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            return $"the document is nested more than {MaxDepth} levels deep";
        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal) || message.Contains("Expected depth to be zero", StringComparison.Ordinal) || message.Contains("end of data", StringComparison.Ordinal))
            return "unexpected end of file; the JSON is incomplete";
        return "invalid JSON: " + char.ToLowerInvariant(message[0]) + message[1..];
    }
}
