using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Lint.Parsing;

/// <summary>Where a JSON node sits in the file, in byte offsets.</summary>
/// <param name="KeyStart">Offset of the property name's opening quote, or -1 for array items and the root.</param>
/// <param name="Start">Offset of the first byte of the value.</param>
/// <param name="End">Offset just past the last byte of the value.</param>
public readonly record struct NodeSpan(int KeyStart, int Start, int End)
{
    /// <summary>Length of the value in bytes.</summary>
    public int Length => End - Start;
}

/// <summary>
/// Maps JSON Pointers of a well-formed document to the byte spans of their nodes. When the document repeats no
/// property name, a pointer is resolved by walking the parsed tree (System.Text.Json keeps each node's place in the
/// bytes), so a clean file, which asks for a handful of positions, never pays for a map of every node. Otherwise the
/// whole map is built on first use, by one token pass (where a name is repeated, the last occurrence wins).
/// </summary>
public sealed class PositionMap
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly int _offset;
    private readonly JsonDocument? _document;
    private Dictionary<string, NodeSpan>? _map;

    /// <param name="json">The JSON bytes (after any BOM).</param>
    /// <param name="offset">Added to every offset, so that spans are offsets into the whole file.</param>
    /// <param name="document">
    /// The document parsed from exactly <paramref name="json"/>, when no object in it repeats a property name (every
    /// pointer then names at most one node, and the tree can answer); null to always use the map.
    /// </param>
    internal PositionMap(ReadOnlyMemory<byte> json, int offset, JsonDocument? document = null)
    {
        _json = json;
        _offset = offset;
        _document = document;
    }

    /// <summary>The span of the node at <paramref name="pointer"/>, if it exists.</summary>
    public bool TryGet(string pointer, out NodeSpan span)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (_map is null && _document is not null)
        {
            try
            {
                switch (Navigate(_document.RootElement, pointer, out span))
                {
                    case Resolution.Found: return true;
                    case Resolution.Absent: return false;
                }
            }
            catch (ObjectDisposedException)
            {
                // The document was disposed: the bytes still answer through the map.
            }
        }
        _map ??= Build();
        return _map.TryGetValue(pointer, out span);
    }

    private enum Resolution { Found, Absent, Unknown }

    /// <summary>
    /// Resolves <paramref name="pointer"/> in the tree: the same answer as the map gives (tokens are decoded exactly as
    /// <see cref="JsonPointer.Append(string, string)"/> and <see cref="JsonPointer.Append(string, int)"/> encode them, and
    /// a token they could not have produced names nothing). <see cref="Resolution.Unknown"/> if the tree's spans do not
    /// lie in the bytes as expected (never for a document parsed from them), so the caller uses the map.
    /// </summary>
    private Resolution Navigate(JsonElement element, string pointer, out NodeSpan span)
    {
        span = default;
        int keyStart = -1;
        int position = 0;
        if (pointer.Length > 0 && pointer[0] != '/') return Resolution.Absent;
        var json = _json.Span;
        Span<byte> shortName = stackalloc byte[128];
        while (position < pointer.Length)
        {
            int next = pointer.IndexOf('/', position + 1);
            if (next < 0) next = pointer.Length;
            var token = pointer.AsSpan(position + 1, next - position - 1);
            position = next;
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                {
                    ReadOnlySpan<char> name = token;
                    if (token.Contains('~') && !TryDecode(token, out name)) return Resolution.Absent;
                    int byteCount = System.Text.Encoding.UTF8.GetByteCount(name);
                    Span<byte> utf8 = byteCount <= shortName.Length ? shortName[..byteCount] : new byte[byteCount];
                    System.Text.Encoding.UTF8.GetBytes(name, utf8);
                    // No name is repeated, so the first property with this name is the only one.
                    int nameStart = -1;
                    JsonElement value = default;
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!property.NameEquals(utf8)) continue;
                        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                        nameStart = OffsetOf(json, raw);
                        // The name's raw bytes lie between its quotes: the key starts at the quote before them.
                        if (nameStart < 1 || nameStart + raw.Length >= json.Length || json[nameStart - 1] != (byte)'"' || json[nameStart + raw.Length] != (byte)'"')
                            return Resolution.Unknown;
                        value = property.Value;
                        break;
                    }
                    if (nameStart < 0) return Resolution.Absent;
                    keyStart = nameStart - 1 + _offset;
                    element = value;
                    break;
                }
                case JsonValueKind.Array:
                {
                    if (!TryIndex(token, out int index) || index >= element.GetArrayLength()) return Resolution.Absent;
                    element = element[index];
                    keyStart = -1;
                    break;
                }
                default:
                    return Resolution.Absent;
            }
        }
        var node = JsonMarshal.GetRawUtf8Value(element);
        int start = OffsetOf(json, node);
        if (start < 0 || node.Length == 0) return Resolution.Unknown;
        span = new NodeSpan(keyStart, start + _offset, start + node.Length + _offset);
        return Resolution.Found;
    }

    /// <summary>Where <paramref name="part"/> starts in <paramref name="whole"/>, or -1 when it does not lie within it.</summary>
    private static int OffsetOf(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> part)
    {
        long offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(whole), ref MemoryMarshal.GetReference(part));
        return offset >= 0 && offset + part.Length <= whole.Length ? (int)offset : -1;
    }

    /// <summary>An object's token decoded (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>); false for a <c>~</c> that encodes neither.</summary>
    private static bool TryDecode(ReadOnlySpan<char> token, out ReadOnlySpan<char> name)
    {
        var builder = new System.Text.StringBuilder(token.Length);
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i];
            if (c != '~')
            {
                builder.Append(c);
                continue;
            }
            if (i + 1 >= token.Length || (token[i + 1] != '0' && token[i + 1] != '1'))
            {
                name = default;
                return false;
            }
            builder.Append(token[++i] == '0' ? '~' : '/');
        }
        name = builder.ToString().AsSpan();
        return true;
    }

    /// <summary>An array's token as an index: decimal digits without a leading zero (how pointers write indices).</summary>
    private static bool TryIndex(ReadOnlySpan<char> token, out int index)
    {
        index = 0;
        if (token.Length == 0 || token.Length > 10 || (token.Length > 1 && token[0] == '0')) return false;
        long value = 0;
        foreach (char c in token)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        if (value > int.MaxValue) return false;
        index = (int)value;
        return true;
    }

    /// <summary>The span of the nearest existing node: the node itself or its closest ancestor.</summary>
    public NodeSpan GetNearest(string pointer)
    {
        while (true)
        {
            if (TryGet(pointer, out var span)) return span;
            if (pointer.Length == 0) return new NodeSpan(-1, _offset, _offset);
            pointer = pointer.Substring(0, pointer.LastIndexOf('/'));
        }
    }

    /// <summary>Every node of the document by pointer, as the token pass finds them (for tests).</summary>
    internal IReadOnlyDictionary<string, NodeSpan> AllNodes() => _map ??= Build();

    private Dictionary<string, NodeSpan> Build()
    {
        var map = new Dictionary<string, NodeSpan>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(_json.Span, new JsonReaderOptions { MaxDepth = StrictJsonParser.MaxDepth + 1 });
        // Stack of open containers: pointer, whether it is an array, next index, pending key start and name.
        var stack = new Stack<Frame>();
        string pendingName = "";
        int pendingKeyStart = -1;
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString()!;
                    pendingKeyStart = start;
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                {
                    var f = stack.Pop();
                    map[f.Pointer] = new NodeSpan(f.KeyStart, f.Start, (int)reader.BytesConsumed + _offset);
                    continue;
                }
            }
            // A value starts here.
            string pointer;
            int keyStart = -1;
            if (stack.Count == 0) pointer = "";
            else
            {
                var parent = stack.Peek();
                if (parent.IsArray)
                {
                    pointer = JsonPointer.Append(parent.Pointer, parent.NextIndex);
                    parent.NextIndex++;
                }
                else
                {
                    pointer = JsonPointer.Append(parent.Pointer, pendingName);
                    keyStart = pendingKeyStart + _offset;
                }
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push(new Frame(pointer, reader.TokenType == JsonTokenType.StartArray, keyStart, start + _offset));
            }
            else
            {
                map[pointer] = new NodeSpan(keyStart, start + _offset, (int)reader.BytesConsumed + _offset);
            }
        }
        return map;
    }

    private sealed class Frame(string pointer, bool isArray, int keyStart, int start)
    {
        public string Pointer { get; } = pointer;
        public bool IsArray { get; } = isArray;
        public int KeyStart { get; } = keyStart;
        public int Start { get; } = start;
        public int NextIndex { get; set; }
    }
}
