using System.Text;

namespace Lint.Schema.Draft7;

/// <summary>
/// RFC 3986 URI references as plain strings: splitting (appendix B) and resolution against a base (section 5.2).
/// System.Uri is not used because it normalises, unescapes and rejects some valid identifiers (URNs with queries).
/// </summary>
internal readonly record struct UriReference(string? Scheme, string? Authority, string Path, string? Query, string? Fragment)
{
    /// <summary>Splits a URI reference into its five components. Never fails: any string splits.</summary>
    public static UriReference Parse(string s)
    {
        string? scheme = null, authority = null, query = null, fragment = null;
        int i = 0;
        // scheme: up to the first ':' when it comes before any of "/?#" and is a valid scheme name.
        int colon = s.IndexOfAny([':', '/', '?', '#']);
        if (colon > 0 && s[colon] == ':' && IsScheme(s.AsSpan(0, colon)))
        {
            scheme = s[..colon];
            i = colon + 1;
        }
        if (string.CompareOrdinal(s, i, "//", 0, 2) == 0)
        {
            int end = s.IndexOfAny(['/', '?', '#'], i + 2);
            if (end < 0) end = s.Length;
            authority = s[(i + 2)..end];
            i = end;
        }
        int pathEnd = s.IndexOfAny(['?', '#'], i);
        if (pathEnd < 0) pathEnd = s.Length;
        string path = s[i..pathEnd];
        i = pathEnd;
        if (i < s.Length && s[i] == '?')
        {
            int end = s.IndexOf('#', i);
            if (end < 0) end = s.Length;
            query = s[(i + 1)..end];
            i = end;
        }
        if (i < s.Length && s[i] == '#') fragment = s[(i + 1)..];
        return new UriReference(scheme, authority, path, query, fragment);
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !char.IsAsciiLetter(s[0])) return false;
        foreach (var c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        return true;
    }

    /// <summary>The reference without its fragment.</summary>
    public UriReference WithoutFragment => this with { Fragment = null };

    /// <summary>Resolves the reference <paramref name="r"/> against this base (RFC 3986, 5.2.2, strict).</summary>
    public UriReference Resolve(UriReference r)
    {
        string? scheme, authority, query;
        string path;
        if (r.Scheme is not null)
        {
            scheme = r.Scheme; authority = r.Authority; path = RemoveDotSegments(r.Path); query = r.Query;
        }
        else
        {
            if (r.Authority is not null)
            {
                authority = r.Authority; path = RemoveDotSegments(r.Path); query = r.Query;
            }
            else
            {
                if (r.Path.Length == 0)
                {
                    path = Path;
                    query = r.Query ?? Query;
                }
                else
                {
                    path = r.Path.StartsWith('/') ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(r.Path));
                    query = r.Query;
                }
                authority = Authority;
            }
            scheme = Scheme;
        }
        return new UriReference(scheme, authority, path, query, r.Fragment);
    }

    private string Merge(string refPath)
    {
        if (Authority is not null && Path.Length == 0) return "/" + refPath;
        int slash = Path.LastIndexOf('/');
        return slash < 0 ? refPath : Path[..(slash + 1)] + refPath;
    }

    private static string RemoveDotSegments(string input)
    {
        if (!input.Contains('.')) return input;
        var output = new List<string>();
        var inBuf = input;
        var sb = new StringBuilder();
        while (inBuf.Length > 0)
        {
            if (inBuf.StartsWith("../", StringComparison.Ordinal)) inBuf = inBuf[3..];
            else if (inBuf.StartsWith("./", StringComparison.Ordinal)) inBuf = inBuf[2..];
            else if (inBuf.StartsWith("/./", StringComparison.Ordinal)) inBuf = inBuf[2..];
            else if (inBuf == "/.") inBuf = "/";
            else if (inBuf.StartsWith("/../", StringComparison.Ordinal) || inBuf == "/..")
            {
                inBuf = inBuf == "/.." ? "/" : inBuf[3..];
                if (output.Count > 0) output.RemoveAt(output.Count - 1);
            }
            else if (inBuf is "." or "..") inBuf = "";
            else
            {
                int start = inBuf.StartsWith('/') ? 1 : 0;
                int next = inBuf.IndexOf('/', start);
                if (next < 0) next = inBuf.Length;
                output.Add(inBuf[..next]);
                inBuf = inBuf[next..];
            }
        }
        foreach (var seg in output) sb.Append(seg);
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Scheme is not null) sb.Append(Scheme).Append(':');
        if (Authority is not null) sb.Append("//").Append(Authority);
        sb.Append(Path);
        if (Query is not null) sb.Append('?').Append(Query);
        if (Fragment is not null) sb.Append('#').Append(Fragment);
        return sb.ToString();
    }

    /// <summary>Percent-decodes a URI component (invalid escapes are kept as written).</summary>
    public static string PercentDecode(string s)
    {
        if (!s.Contains('%')) return s;
        var bytes = new List<byte>(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 3;
                continue;
            }
            int next = s.IndexOf('%', i + 1);
            if (next < 0) next = s.Length;
            bytes.AddRange(Encoding.UTF8.GetBytes(s.Substring(i, next - i)));
            i = next;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
