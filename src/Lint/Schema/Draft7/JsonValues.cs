using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Lint.Parsing;

namespace Lint.Schema.Draft7;

/// <summary>JSON value helpers: equality as JSON Schema defines it, string access without allocation, number comparison.</summary>
internal static class JsonValues
{
    /// <summary>
    /// The UTF-8 bytes of a string value, without copying when the value has no escapes. An escaped value is
    /// unescaped into a new array (rare in practice).
    /// </summary>
    public static ReadOnlySpan<byte> Utf8String(JsonElement e)
    {
        var raw = JsonMarshal.GetRawUtf8Value(e);
        if (raw.Length >= 2 && raw[0] == '"') raw = raw[1..^1];
        if (raw.IndexOf((byte)'\\') < 0) return raw;
        return Encoding.UTF8.GetBytes(SafeGetString(e));
    }

    /// <summary>The UTF-8 bytes of a property name, unescaped.</summary>
    public static ReadOnlySpan<byte> Utf8Name(JsonProperty p)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(p);
        if (raw.IndexOf((byte)'\\') < 0) return raw;
        return Encoding.UTF8.GetBytes(SafeName(p));
    }

    /// <summary>A property's name; a name with a lone surrogate escape comes back as written (escaped) instead of throwing.</summary>
    public static string SafeName(JsonProperty p)
    {
        try
        {
            return p.Name;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(p));
        }
    }

    /// <summary>GetString that does not throw on a lone surrogate escape (it yields the raw text instead).</summary>
    public static string SafeGetString(JsonElement e)
    {
        try
        {
            return e.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            var raw = e.GetRawText();
            return raw.Length >= 2 ? raw[1..^1] : raw;
        }
    }

    /// <summary>Number of Unicode code points in UTF-8 text.</summary>
    public static int CodePoints(ReadOnlySpan<byte> utf8)
    {
        int n = 0;
        foreach (var b in utf8)
            if ((b & 0xC0) != 0x80) n++;
        return n;
    }

    /// <summary>JSON equality: numbers by value (1 == 1.0), objects regardless of key order, no type coercion.</summary>
    public static bool DeepEquals(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind) return false;
        switch (kind)
        {
            case JsonValueKind.Number:
                return CompareNumbers(a, b) == 0;
            case JsonValueKind.String:
                return Utf8String(a).SequenceEqual(Utf8String(b));
            case JsonValueKind.Array:
            {
                if (a.GetArrayLength() != b.GetArrayLength()) return false;
                var eb = b.EnumerateArray();
                foreach (var item in a.EnumerateArray())
                {
                    eb.MoveNext();
                    if (!DeepEquals(item, eb.Current)) return false;
                }
                return true;
            }
            case JsonValueKind.Object:
            {
                if (a.GetPropertyCount() != b.GetPropertyCount()) return false;
                foreach (var p in a.EnumerateObject())
                {
                    if (!b.TryGetProperty(Utf8Name(p), out var other) || !DeepEquals(p.Value, other)) return false;
                }
                return true;
            }
            default:
                return true; // true, false, null: same kind is same value
        }
    }

    /// <summary>A hash consistent with <see cref="DeepEquals"/>.</summary>
    public static int DeepHash(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return e.TryGetDouble(out var d) ? d.GetHashCode() : 17;
            case JsonValueKind.String:
            {
                var h = new HashCode();
                h.AddBytes(Utf8String(e));
                return h.ToHashCode();
            }
            case JsonValueKind.Array:
            {
                var h = new HashCode();
                foreach (var item in e.EnumerateArray()) h.Add(DeepHash(item));
                return h.ToHashCode();
            }
            case JsonValueKind.Object:
            {
                int sum = 0x5bd1e995;
                foreach (var p in e.EnumerateObject())
                {
                    var h = new HashCode();
                    h.AddBytes(Utf8Name(p));
                    h.Add(DeepHash(p.Value));
                    sum += h.ToHashCode();
                }
                return sum;
            }
            default:
                return (int)e.ValueKind;
        }
    }

    /// <summary>Compares two JSON numbers by value: exactly as decimals when both fit, else as doubles.</summary>
    public static int CompareNumbers(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db)) return da.CompareTo(db);
        return Double(a).CompareTo(Double(b));
    }

    /// <summary>A number as a double; out-of-range values become infinities.</summary>
    public static double Double(JsonElement e)
    {
        if (e.TryGetDouble(out var d)) return d;
        return double.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a number has no fractional part (1.0 is an integer in draft-07).</summary>
    public static bool IsInteger(JsonElement e)
    {
        if (e.TryGetInt64(out _)) return true;
        if (e.TryGetDecimal(out var m)) return m == decimal.Truncate(m);
        var d = Double(e);
        return double.IsInfinity(d) || Math.Floor(d) == d;
    }

    /// <summary>Describes a value for "found ..." in a message: <c>string "15"</c>, <c>integer 3</c>, <c>object</c>.</summary>
    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "string " + Text.Quote(SafeGetString(e)),
        JsonValueKind.Number => (LooksInteger(e) ? "integer " : "number ") + Text.Sanitize(e.GetRawText(), 40),
        JsonValueKind.True => "boolean true",
        JsonValueKind.False => "boolean false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "nothing",
    };

    private static bool LooksInteger(JsonElement e) => JsonMarshal.GetRawUtf8Value(e).IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    /// <summary>A value written for a message: strings in single quotes, other values as compact JSON.</summary>
    public static string Display(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "'" + Text.Sanitize(SafeGetString(e)) + "'",
        JsonValueKind.Object or JsonValueKind.Array => Text.Sanitize(JsonText.Compact(e), 80),
        _ => Text.Sanitize(e.GetRawText(), 40),
    };
}
