using System.Buffers;
using System.Text.Json;

namespace Lint.Corpus;

/// <summary>Reads <c>record.slug</c> from the start of a file without parsing the rest of the record.</summary>
public static class SlugScanner
{
    private const int ChunkSize = 8192;
    private static readonly JsonReaderOptions Options = new() { MaxDepth = Parsing.StrictJsonParser.MaxDepth };

    /// <summary>The slug declared by the file at <paramref name="path"/>, or null when it has none, cannot be read, or is malformed before it.</summary>
    public static string? ReadSlug(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            return ReadSlug(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The slug declared by <paramref name="bytes"/>, or null.</summary>
    public static string? ReadSlug(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var state = new ScanState();
            var reader = new Utf8JsonReader(bytes, isFinalBlock: true, new JsonReaderState(Options));
            return state.Advance(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? ReadSlug(Stream stream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int length = 0;
            var readerState = new JsonReaderState(Options);
            var scan = new ScanState();
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read = stream.Read(buffer, length, buffer.Length - length);
                bool final = read == 0;
                length += read;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, readerState);
                var slug = scan.Advance(ref reader);
                if (slug is not null || scan.Done || final) return slug;
                int consumed = (int)reader.BytesConsumed;
                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
                readerState = reader.CurrentState;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The scan's position between chunks: looking for "record" at depth 1, then "slug" inside it.</summary>
    private sealed class ScanState
    {
        private int _stage; // 0: looking for record key; 1: record key seen; 2: inside record; 3: slug key seen
        public bool Done { get; private set; }

        public string? Advance(ref Utf8JsonReader reader)
        {
            while (reader.Read())
            {
                switch (_stage)
                {
                    case 0:
                        if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("record"u8)) _stage = 1;
                        else if (reader.CurrentDepth == 0 && reader.TokenType is not JsonTokenType.StartObject) { Done = true; return null; }
                        break;
                    case 1:
                        if (reader.TokenType != JsonTokenType.StartObject) { Done = true; return null; }
                        _stage = 2;
                        break;
                    case 2:
                        if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("slug"u8)) _stage = 3;
                        else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 1) { Done = true; return null; }
                        break;
                    case 3:
                        Done = true;
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
            return null;
        }
    }
}
