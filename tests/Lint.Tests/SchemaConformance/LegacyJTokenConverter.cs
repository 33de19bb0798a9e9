using System.Globalization;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// The adapter lint used before issue 8 to feed NJsonSchema from the strict System.Text.Json parse (kept verbatim),
/// so that the differential test compares with what lint really did, including "1.0 is an integer".
/// </summary>
internal static class LegacyJTokenConverter
{
    public static JToken Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var obj = new JObject();
                foreach (var p in element.EnumerateObject()) obj[p.Name] = Convert(p.Value);
                return obj;
            }
            case JsonValueKind.Array:
            {
                var arr = new JArray();
                foreach (var item in element.EnumerateArray()) arr.Add(Convert(item));
                return arr;
            }
            case JsonValueKind.String: return new JValue(element.GetString());
            case JsonValueKind.True: return new JValue(true);
            case JsonValueKind.False: return new JValue(false);
            case JsonValueKind.Null: return JValue.CreateNull();
            default:
            {
                string raw = element.GetRawText();
                if (raw.AsSpan().IndexOfAny(".eE") < 0)
                {
                    if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return new JValue(l);
                    if (ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u)) return new JValue(u);
                    // Beyond 64 bits: NJsonSchema converts every number to decimal and fails on a BigInteger, so such
                    // an integer is checked as a floating-point number (it can then fail an integer type check).
                    return new JValue(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
                }
                double d = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                // 1.0 is an integer in JSON Schema; keep integral values integral when they fit.
                if (Math.Floor(d) == d && Math.Abs(d) < 9e15) return new JValue((long)d);
                return new JValue(d);
            }
        }
    }
}
