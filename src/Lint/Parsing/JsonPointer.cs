using System.Text;

namespace Lint.Parsing;

/// <summary>RFC 6901 JSON Pointer helpers.</summary>
public static class JsonPointer
{
    /// <summary>Escapes one reference token (<c>~</c> becomes <c>~0</c>, <c>/</c> becomes <c>~1</c>).</summary>
    public static string Escape(string token) =>
        token.IndexOfAny(['~', '/']) < 0 ? token : token.Replace("~", "~0").Replace("/", "~1");

    /// <summary>Unescapes one reference token.</summary>
    public static string Unescape(string token) =>
        token.Contains('~') ? token.Replace("~1", "/").Replace("~0", "~") : token;

    /// <summary>Appends a property name to a pointer.</summary>
    public static string Append(string pointer, string property) => pointer + "/" + Escape(property);

    /// <summary>Appends an array index to a pointer.</summary>
    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits a pointer into unescaped tokens (the root pointer <c>""</c> has none).</summary>
    public static IReadOnlyList<string> Split(string pointer)
    {
        if (pointer.Length == 0) return [];
        return pointer.Substring(1).Split('/').Select(Unescape).ToArray();
    }

    /// <summary>
    /// Whether the node at <paramref name="pointer"/> is the node <paramref name="pattern"/> names or one of its
    /// ancestors (the document itself, <c>""</c>, is above everything). A <c>*</c> token of the pattern matches any one
    /// token: <c>/record</c> and <c>/record/sources/1/url</c> are at or above <c>/record/sources/*/url</c>;
    /// <c>/record/sources/1/title</c> is not.
    /// </summary>
    public static bool IsAtOrAbove(string pointer, string pattern)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(pattern);
        if (pointer.Length == 0) return true;
        if (pattern.Length == 0) return false;
        var p = pointer.AsSpan(1);
        var q = pattern.AsSpan(1);
        while (true)
        {
            int pi = p.IndexOf('/'), qi = q.IndexOf('/');
            var pt = pi < 0 ? p : p[..pi];
            var qt = qi < 0 ? q : q[..qi];
            if (!(qt is "*" || pt.SequenceEqual(qt))) return false;
            if (pi < 0) return true;
            if (qi < 0) return false;
            p = p[(pi + 1)..];
            q = q[(qi + 1)..];
        }
    }

    /// <summary>
    /// A readable path for messages: <c>/record/sources/0/url</c> becomes <c>record.sources[0].url</c>.
    /// Names that are not simple identifiers are quoted: <c>record["a.b"]</c>. The root is <c>the document</c>.
    /// </summary>
    public static string ToDisplayPath(string pointer)
    {
        var tokens = Split(pointer);
        if (tokens.Count == 0) return "the document";
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            if (t.Length > 0 && t.All(char.IsAsciiDigit) && sb.Length > 0)
                sb.Append('[').Append(t).Append(']');
            else if (t.Length > 0 && (char.IsAsciiLetter(t[0]) || t[0] == '_' || t[0] == '$') && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$'))
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(t);
            }
            else
                sb.Append("[\"").Append(Text.Sanitize(t)).Append("\"]");
        }
        return sb.ToString();
    }
}
