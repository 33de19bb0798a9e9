using System.Text;
using System.Text.Json;
using Lint.Parsing;

namespace Lint.Tests.TestSupport;

/// <summary>
/// A JSON text as a sequence of tokens, each with the exact bytes before it (whitespace), its raw bytes, its JSON
/// Pointer (for values) and its decoded value (for strings). Two texts with the same skeleton differ only in values.
/// </summary>
public static class JsonTokens
{
    public sealed record Token(string Gap, JsonTokenType Kind, string Raw, string Pointer, string? Value);

    /// <summary>The tokens of <paramref name="bytes"/> and the bytes after the last one.</summary>
    public static (List<Token> Tokens, string Tail) Read(byte[] bytes)
    {
        var tokens = new List<Token>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 512 });
        var stack = new Stack<(bool IsArray, string Pointer, int Next)>();
        string pendingName = "";
        int end = 0;
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            string gap = Encoding.UTF8.GetString(bytes, end, start - end);
            end = (int)reader.BytesConsumed;
            string raw = Encoding.UTF8.GetString(bytes, start, end - start);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString()!;
                    tokens.Add(new Token(gap, reader.TokenType, raw, stack.Peek().Pointer, pendingName));
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    var closed = stack.Pop();
                    tokens.Add(new Token(gap, reader.TokenType, raw, closed.Pointer, null));
                    continue;
            }
            string pointer;
            if (stack.Count == 0) pointer = "";
            else
            {
                var parent = stack.Pop();
                pointer = parent.IsArray ? JsonPointer.Append(parent.Pointer, parent.Next) : JsonPointer.Append(parent.Pointer, pendingName);
                stack.Push(parent with { Next = parent.Next + 1 });
            }
            tokens.Add(new Token(gap, reader.TokenType, raw, pointer, reader.TokenType == JsonTokenType.String ? reader.GetString() : null));
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                stack.Push((reader.TokenType == JsonTokenType.StartArray, pointer, 0));
        }
        return (tokens, Encoding.UTF8.GetString(bytes, end, bytes.Length - end));
    }

    /// <summary>
    /// Null when <paramref name="actual"/> equals <paramref name="expected"/> byte for byte except that string values at
    /// <paramref name="reencodable"/> pointers may be written with other escapes (same decoded value); otherwise where
    /// they first differ.
    /// </summary>
    public static string? Compare(byte[] expected, byte[] actual, IReadOnlySet<string> reencodable)
    {
        var (e, eTail) = Read(expected);
        var (a, aTail) = Read(actual);
        for (int i = 0; i < Math.Min(e.Count, a.Count); i++)
        {
            var x = e[i];
            var y = a[i];
            if (x.Gap != y.Gap) return $"whitespace before token {i} ({x.Pointer}) differs: expected {Show(x.Gap)}, got {Show(y.Gap)}";
            if (x.Kind != y.Kind) return $"token {i} ({x.Pointer}) is {y.Kind}, expected {x.Kind}";
            if (x.Raw == y.Raw) continue;
            if (x.Kind == JsonTokenType.String && x.Value == y.Value && reencodable.Contains(x.Pointer)) continue;
            return $"token {i} at {x.Pointer} differs: expected {x.Raw}, got {y.Raw}";
        }
        if (e.Count != a.Count) return $"expected {e.Count} tokens, got {a.Count}";
        if (eTail != aTail) return $"the end of the text differs: expected {Show(eTail)}, got {Show(aTail)}";
        return null;
    }

    private static string Show(string s) => JsonSerializer.Serialize(s);
}
