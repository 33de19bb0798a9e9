using System.Globalization;
using System.Text.Json;

namespace Lint.Rules;

/// <summary>
/// Typed reads of record fields for rules. Each returns false when the field is missing or has the wrong
/// type or form, so that a rule stays silent and leaves the defect to the <c>schema</c> rule.
/// </summary>
public static class RecordFields
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>A string property.</summary>
    public static bool TryGetString(this JsonElement obj, string name, out string value)
    {
        value = "";
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String) return false;
        value = e.GetString()!;
        return true;
    }

    /// <summary>
    /// A non-negative integer property. JSON Schema counts <c>16.0</c> as an integer, so integral numbers written
    /// with a fraction or exponent are read too; values beyond <see cref="int.MaxValue"/> are clamped (no real array
    /// is that long, so they still differ from any count).
    /// </summary>
    public static bool TryGetCount(this JsonElement obj, string name, out int value)
    {
        value = 0;
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Number) return false;
        if (e.TryGetInt32(out value)) return value >= 0;
        // 1e400 reads as +infinity: for JSON Schema it is a (huge) non-negative integer, so it is this rule's to report.
        if (!e.TryGetDouble(out double d) || double.IsNaN(d) || d < 0 || (!double.IsPositiveInfinity(d) && Math.Floor(d) != d)) return false;
        value = d >= int.MaxValue ? int.MaxValue : (int)d;
        return true;
    }

    /// <summary>An array property.</summary>
    public static bool TryGetArray(this JsonElement obj, string name, out JsonElement array)
    {
        array = default;
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Array) return false;
        array = e;
        return true;
    }

    /// <summary>A full date <c>YYYY-MM-DD</c> that exists in the calendar.</summary>
    public static bool TryGetDate(this JsonElement obj, string name, out DateOnly date)
    {
        date = default;
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String) return false;
        // The common case, a plain YYYY-MM-DD, is read from the bytes without making a string.
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e);
        if (raw.Length == 12 && TryParseIsoDate(raw[1..^1], out date)) return true;
        return TryParseDate(e.GetString()!, out date);
    }

    /// <summary>
    /// A date written exactly <c>YYYY-MM-DD</c> in ASCII digits that exists in the calendar (year 1 or later): what
    /// <see cref="TryParseDate"/> accepts among ten-byte texts of that shape. False means "not decided here", never
    /// "invalid": callers then ask <see cref="TryParseDate"/>.
    /// </summary>
    internal static bool TryParseIsoDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-') return false;
        int year = 0, month = 0, day = 0;
        for (int i = 0; i < 10; i++)
        {
            if (i is 4 or 7) continue;
            uint digit = (uint)(text[i] - '0');
            if (digit > 9) return false;
            if (i < 4) year = year * 10 + (int)digit;
            else if (i < 7) month = month * 10 + (int)digit;
            else day = day * 10 + (int)digit;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>Parses a full date <c>YYYY-MM-DD</c> that exists in the calendar.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The calendar date written in an RFC 3339 date-time (the date as written, in its own offset).</summary>
    public static bool TryGetDateTimeDate(this JsonElement obj, string name, out DateOnly date)
    {
        date = default;
        // The same strict RFC 3339 check as the schema's date-time format, so this rule reads exactly the values the
        // schema accepts and stays silent on the others.
        if (!obj.TryGetString(name, out var text) || text.Length > 64) return false;
        Span<byte> utf8 = stackalloc byte[64 * 3];
        int n = System.Text.Encoding.UTF8.GetBytes(text, utf8);
        return Schema.Draft7.Formats.IsDateTime(utf8[..n]) && TryParseDate(text[..10], out date);
    }

    /// <summary>The English long form of a date, whatever the machine's culture: <c>February 6, 2025</c>.</summary>
    public static string LongForm(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{MonthNames[date.Month - 1]} {date.Day}, {date.Year}");

    /// <summary>Whether <paramref name="text"/> is lowercase kebab-case (<c>^[a-z0-9]+(-[a-z0-9]+)*$</c>).</summary>
    public static bool IsKebabCase(string text)
    {
        // By hand rather than with a regular expression: it runs several times per file, and every regular expression
        // of the process carries the default match timeout, which reads the clock on each match.
        if (text.Length == 0) return false;
        bool afterHyphen = true;
        foreach (char c in text)
        {
            if (c == '-')
            {
                if (afterHyphen) return false;
                afterHyphen = true;
            }
            else if (char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)) afterHyphen = false;
            else return false;
        }
        return !afterHyphen;
    }



    /// <summary>Pointer of a record field.</summary>
    public static string RecordPointer(string name) => "/record/" + Parsing.JsonPointer.Escape(name);
}
