using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lint.Parsing;

/// <summary>
/// JSON text written with <see cref="Utf8JsonWriter"/>, never with the reflection-based <see cref="JsonSerializer"/>
/// (which NativeAOT disables: the lint command ships as a native binary, docs/packaging.md).
/// </summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonWriterOptions Default = new() { SkipValidation = true };

    /// <summary>A JSON string literal of <paramref name="value"/>, non-ASCII text kept raw (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>).</summary>
    public static string RelaxedString(string value) => Encoding.UTF8.GetString(Write(Relaxed, w => w.WriteStringValue(value)).WrittenSpan);

    /// <summary>A JSON string literal of <paramref name="value"/> as UTF-8, escaped as System.Text.Json does by default.</summary>
    public static byte[] StringUtf8(string value) => Write(Default, w => w.WriteStringValue(value)).WrittenSpan.ToArray();

    /// <summary>The compact JSON text of <paramref name="element"/>, escaped as System.Text.Json does by default.</summary>
    public static string Compact(JsonElement element) => Encoding.UTF8.GetString(Write(Default, element.WriteTo).WrittenSpan);

    private static ArrayBufferWriter<byte> Write(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options)) write(writer);
        return buffer;
    }
}
