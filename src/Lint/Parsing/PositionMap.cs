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

/// <summary>Maps JSON Pointers of a well-formed document to the byte spans of their nodes. Built on first use.</summary>
public sealed class PositionMap
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly int _offset;
    private Dictionary<string, NodeSpan>? _map;

    /// <param name="json">The JSON bytes (after any BOM).</param>
    /// <param name="offset">Added to every offset, so that spans are offsets into the whole file.</param>
    internal PositionMap(ReadOnlyMemory<byte> json, int offset)
    {
        _json = json;
        _offset = offset;
    }

    /// <summary>The span of the node at <paramref name="pointer"/>, if it exists.</summary>
    public bool TryGet(string pointer, out NodeSpan span)
    {
        _map ??= Build();
        return _map.TryGetValue(pointer, out span);
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
