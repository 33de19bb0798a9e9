using System.Buffers;

namespace Lint.Schema.Draft7;

/// <summary>
/// The <c>format</c> values the validator checks, on the UTF-8 bytes of a string (no allocation).
/// Every other format is an annotation only (see docs/schema-validation.md).
/// </summary>
internal static class Formats
{
    /// <summary>The formats that are checked.</summary>
    public static readonly IReadOnlyList<string> Checked = ["date", "date-time", "time", "uri", "uri-reference", "ipv4", "ipv6"];

    /// <summary>The checker of a format, or null when the format is not checked.</summary>
    public static FormatChecker? Get(string format) => format switch
    {
        "date" => IsDate,
        "date-time" => IsDateTime,
        "time" => IsTime,
        "uri" => IsUri,
        "uri-reference" => IsUriReference,
        "ipv4" => IsIPv4,
        "ipv6" => IsIPv6,
        _ => null,
    };

    internal delegate bool FormatChecker(ReadOnlySpan<byte> value);

    // ---- RFC 3339 ----------------------------------------------------------------------------

    /// <summary>RFC 3339 full-date: <c>YYYY-MM-DD</c>, a real calendar day (proleptic Gregorian).</summary>
    public static bool IsDate(ReadOnlySpan<byte> s) => s.Length == 10 && FullDate(s);

    private static bool FullDate(ReadOnlySpan<byte> s)
    {
        if (s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day)) return false;
        return month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>RFC 3339 date-time: full-date "T" full-time (T and Z in either case).</summary>
    public static bool IsDateTime(ReadOnlySpan<byte> s) =>
        s.Length >= 20 && FullDate(s[..10]) && (s[10] == 'T' || s[10] == 't') && FullTime(s[11..]);

    /// <summary>RFC 3339 full-time: <c>HH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)</c>.</summary>
    public static bool IsTime(ReadOnlySpan<byte> s) => FullTime(s);

    private static bool FullTime(ReadOnlySpan<byte> s)
    {
        if (s.Length < 9 || s[2] != ':' || s[5] != ':') return false;
        if (!Digits(s, 0, 2, out int hour) || !Digits(s, 3, 2, out int minute) || !Digits(s, 6, 2, out int second)) return false;
        if (hour > 23 || minute > 59 || second > 60) return false;
        int i = 8;
        if (s[i] == '.')
        {
            int start = ++i;
            while (i < s.Length && char.IsAsciiDigit((char)s[i])) i++;
            if (i == start) return false;
        }
        if (i >= s.Length) return false;
        int offsetMinutes;
        if ((s[i] == 'Z' || s[i] == 'z') && i == s.Length - 1) offsetMinutes = 0;
        else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':'
                 && Digits(s, i + 1, 2, out int oh) && Digits(s, i + 4, 2, out int om) && oh <= 23 && om <= 59)
            offsetMinutes = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
        else return false;
        if (second == 60)
        {
            // A leap second is only ever the last second of a UTC day.
            int utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440;
            if (utc != 23 * 60 + 59) return false;
        }
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (int i = start; i < start + count; i++)
        {
            byte b = s[i];
            if (b < '0' || b > '9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    // ---- RFC 3986 ----------------------------------------------------------------------------

    /// <summary>RFC 3986 URI: <c>scheme ":" hier-part [ "?" query ] [ "#" fragment ]</c>.</summary>
    public static bool IsUri(ReadOnlySpan<byte> s)
    {
        int colon = s.IndexOf((byte)':');
        if (colon <= 0 || !IsScheme(s[..colon])) return false;
        return RelativePart(s[(colon + 1)..], requireNonColonFirstSegment: false);
    }

    /// <summary>RFC 3986 URI-reference: a URI or a relative reference.</summary>
    public static bool IsUriReference(ReadOnlySpan<byte> s)
    {
        int colon = s.IndexOfAny(":/?#"u8);
        if (colon > 0 && s[colon] == ':' && IsScheme(s[..colon])) return RelativePart(s[(colon + 1)..], false);
        return RelativePart(s, requireNonColonFirstSegment: true);
    }

    private static bool IsScheme(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0 || !char.IsAsciiLetter((char)s[0])) return false;
        foreach (var b in s)
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'-' or (byte)'.')) return false;
        return true;
    }

    /// <summary>hier-part (or relative-part) followed by optional query and fragment.</summary>
    private static bool RelativePart(ReadOnlySpan<byte> s, bool requireNonColonFirstSegment)
    {
        int hash = s.IndexOf((byte)'#');
        if (hash >= 0)
        {
            if (!Chars(s[(hash + 1)..], QueryOrFragment)) return false;
            s = s[..hash];
        }
        int question = s.IndexOf((byte)'?');
        if (question >= 0)
        {
            if (!Chars(s[(question + 1)..], QueryOrFragment)) return false;
            s = s[..question];
        }
        if (s.StartsWith("//"u8))
        {
            s = s[2..];
            int slash = s.IndexOf((byte)'/');
            var authority = slash < 0 ? s : s[..slash];
            if (!Authority(authority)) return false;
            return slash < 0 || Chars(s[slash..], PathChar);
        }
        if (requireNonColonFirstSegment)
        {
            int slash = s.IndexOf((byte)'/');
            var first = slash < 0 ? s : s[..slash];
            if (first.IndexOf((byte)':') >= 0) return false;
        }
        return Chars(s, PathChar);
    }

    private static bool Authority(ReadOnlySpan<byte> s)
    {
        int at = s.IndexOf((byte)'@');
        if (at >= 0)
        {
            if (!Chars(s[..at], UserInfo)) return false;
            s = s[(at + 1)..];
        }
        ReadOnlySpan<byte> port;
        if (s.Length > 0 && s[0] == '[')
        {
            int close = s.IndexOf((byte)']');
            if (close < 0) return false;
            var literal = s[1..close];
            if (!(IsIPv6(literal) || IsIPvFuture(literal))) return false;
            var rest = s[(close + 1)..];
            if (rest.Length == 0) return true;
            if (rest[0] != ':') return false;
            port = rest[1..];
        }
        else
        {
            int colon = s.IndexOf((byte)':');
            var host = colon < 0 ? s : s[..colon];
            if (!Chars(host, RegName)) return false;
            port = colon < 0 ? default : s[(colon + 1)..];
        }
        foreach (var b in port)
            if (b < '0' || b > '9') return false;
        return true;
    }

    private static bool IsIPvFuture(ReadOnlySpan<byte> s)
    {
        if (s.Length < 4 || (s[0] != 'v' && s[0] != 'V')) return false;
        int i = 1;
        while (i < s.Length && char.IsAsciiHexDigit((char)s[i])) i++;
        if (i == 1 || i >= s.Length - 1 || s[i] != '.') return false;
        foreach (var b in s[(i + 1)..])
            if (!(Unreserved(b) || SubDelim(b) || b == ':')) return false;
        return true;
    }

    private static bool Unreserved(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';

    private static bool SubDelim(byte b) => b is (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\'' or (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)',' or (byte)';' or (byte)'=';

    private const string UnreservedChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private const string SubDelimChars = "!$&'()*+,;=";

    // Each set includes '%', whose escapes are checked separately.
    private static readonly SearchValues<byte> RegName = Set(UnreservedChars + SubDelimChars + "%");
    private static readonly SearchValues<byte> UserInfo = Set(UnreservedChars + SubDelimChars + ":%");
    private static readonly SearchValues<byte> PathChar = Set(UnreservedChars + SubDelimChars + ":@/%");
    private static readonly SearchValues<byte> QueryOrFragment = Set(UnreservedChars + SubDelimChars + ":@/?%");

    private static SearchValues<byte> Set(string chars) => SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(chars));

    /// <summary>Every byte is in <paramref name="allowed"/>, and every '%' starts a well-formed percent-encoding.</summary>
    private static bool Chars(ReadOnlySpan<byte> s, SearchValues<byte> allowed)
    {
        if (s.IndexOfAnyExcept(allowed) >= 0) return false;
        int i = s.IndexOf((byte)'%');
        while (i >= 0)
        {
            if (i + 2 >= s.Length || !char.IsAsciiHexDigit((char)s[i + 1]) || !char.IsAsciiHexDigit((char)s[i + 2])) return false;
            int next = s[(i + 3)..].IndexOf((byte)'%');
            i = next < 0 ? -1 : i + 3 + next;
        }
        return true;
    }

    // ---- IP addresses ------------------------------------------------------------------------

    /// <summary>Dotted-quad IPv4 (RFC 3986 IPv4address): four decimal octets without leading zeros.</summary>
    public static bool IsIPv4(ReadOnlySpan<byte> s)
    {
        for (int part = 0; part < 4; part++)
        {
            int dot = part < 3 ? s.IndexOf((byte)'.') : s.Length;
            if (dot <= 0 || dot > 3) return false;
            var octet = s[..dot];
            if (octet.Length > 1 && octet[0] == '0') return false;
            if (!Digits(octet, 0, octet.Length, out int value) || value > 255) return false;
            s = part < 3 ? s[(dot + 1)..] : default;
        }
        return true;
    }

    /// <summary>RFC 4291 / RFC 3986 IPv6address, optionally ending in an embedded IPv4 address.</summary>
    public static bool IsIPv6(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2) return false;
        int groups = 0;
        bool compressed = false;
        int i = 0;
        if (s.StartsWith("::"u8))
        {
            compressed = true;
            i = 2;
            if (i == s.Length) return true;
        }
        else if (s[0] == ':') return false;
        while (i < s.Length)
        {
            int end = i;
            while (end < s.Length && s[end] != ':') end++;
            var group = s[i..end];
            if (end == s.Length && group.IndexOf((byte)'.') >= 0)
            {
                if (!IsIPv4(group)) return false;
                groups += 2;
                break;
            }
            if (group.Length is 0 or > 4) return false;
            foreach (var b in group)
                if (!char.IsAsciiHexDigit((char)b)) return false;
            groups++;
            if (end == s.Length) break;
            // end is at ':'
            if (end + 1 < s.Length && s[end + 1] == ':')
            {
                if (compressed) return false;
                compressed = true;
                i = end + 2;
                if (i == s.Length) break;
            }
            else
            {
                i = end + 1;
                if (i == s.Length) return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }
}
