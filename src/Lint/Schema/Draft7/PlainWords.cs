using System.Text;
using System.Text.Json;
using Lint.Parsing;

namespace Lint.Schema.Draft7;

/// <summary>
/// What a schema asks for, in plain words, for violation messages: a pattern by what it means (a table of the patterns
/// lint's own schemas use, simple prefixes, suffixes and character sets, then the schema's own <c>description</c> or
/// <c>title</c>, then the pattern itself, abbreviated), JSON types with articles, and short summaries of the
/// alternatives of <c>anyOf</c>, <c>oneOf</c> and <c>not</c>. Computed once, when the schema is compiled.
/// </summary>
internal static class PlainWords
{
    /// <summary>The longest pattern, description or title quoted in a message; longer ones are cut with "…".</summary>
    internal const int QuotedLength = 60;

    /// <summary>Patterns of lint's schemas (and common ones), with what a value must do to match.</summary>
    private static readonly Dictionary<string, string> KnownPatterns = new(StringComparer.Ordinal)
    {
        [@"^https://[^/\s]+(/[^\s]*[^/\s])?$"] = "be an https:// address without a trailing slash (such as https://example.org)",
        [@"^https?://"] = "start with http:// or https://",
        [@"^https?://\S+$"] = "be an http:// or https:// address without spaces",
        [@"^[a-z0-9]+(-[a-z0-9]+)*$"] = "be lowercase kebab-case: lowercase letters and digits, words joined by single hyphens (such as icc-sanctions)",
        [@"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"] = "be lowercase kebab-case starting with a letter (such as icc-sanctions)",
        [@"^\d{4}-\d{2}-\d{2}$"] = "be a date written YYYY-MM-DD",
        [@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"] = "be a date written YYYY-MM-DD",
        [@"^\S+$"] = "not contain spaces",
        [@"^\S"] = "not start with a space",
        [@"\S"] = "not be blank",
        [@"^[^\s].*[^\s]$"] = "not start or end with a space",
        [@"^[A-Za-z][A-Za-z0-9+.-]*:"] = "start with a URL scheme and a colon (such as https:)",
        [@"^[0-9]+\.[0-9]+\.[0-9]+$"] = "be a version number major.minor.patch (such as 1.2.3)",
        [@"^(/.*)?$"] = "be empty or a JSON Pointer starting with /",
    };

    /// <summary>
    /// The requirement of <paramref name="pattern"/> after "must" ("start with \"https://\""), when it can be said in
    /// plain words; null otherwise.
    /// </summary>
    public static string? PatternRequirement(string pattern) => KnownPatterns.TryGetValue(pattern, out var known) ? known : ExplainPattern(pattern);

    /// <summary>
    /// How a <c>pattern</c> violation is worded, after the instance's path: what a pattern of lint's schemas means, else
    /// the subschema's own <c>description</c> or <c>title</c> (<paramref name="about"/>), else what a simple pattern
    /// means, else the pattern itself, abbreviated.
    /// </summary>
    public static string PatternExpectation(string pattern, string? about)
    {
        if (KnownPatterns.TryGetValue(pattern, out var known)) return "must " + known;
        if (about is not null) return $"must be as its schema describes it ({about})";
        if (ExplainPattern(pattern) is { } explained) return "must " + explained;
        return "must match the regular expression " + Pattern(pattern);
    }

    private static string? ExplainPattern(string pattern)
    {
        bool anchoredStart = pattern.StartsWith('^');
        bool anchoredEnd = pattern.EndsWith('$') && !pattern.EndsWith(@"\$", StringComparison.Ordinal);
        string body = pattern[(anchoredStart ? 1 : 0)..(pattern.Length - (anchoredEnd ? 1 : 0))];
        if (Literal(body) is { } literal && literal.Length > 0)
        {
            string quoted = Text.Quote(literal, QuotedLength);
            return (anchoredStart, anchoredEnd) switch
            {
                (true, true) => "be exactly " + quoted,
                (true, false) => "start with " + quoted,
                (false, true) => "end with " + quoted,
                _ => "contain " + quoted,
            };
        }
        if (anchoredStart && anchoredEnd && CharacterRun(body) is { } run) return run;
        return null;
    }

    /// <summary>The text a pattern body matches literally (escaped metacharacters allowed), or null when it has any other regex syntax.</summary>
    private static string? Literal(string body)
    {
        var sb = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '\\')
            {
                if (i + 1 >= body.Length) return null;
                char next = body[++i];
                if (char.IsLetterOrDigit(next)) return null; // \d, \s, \w, \1...: a class or reference, not a literal
                sb.Append(next);
            }
            else if (".*+?()[]{}|^$".Contains(c)) return null;
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>"contain only lowercase letters, digits and hyphens" for <c>[a-z0-9-]+</c> (with <c>+</c>, <c>*</c> or a count); null for anything else.</summary>
    private static string? CharacterRun(string body)
    {
        if (body.Length < 4 || body[0] != '[' || body[1] == '^') return null;
        int close = body.IndexOf(']', 1);
        if (close < 0) return null;
        string set = body[1..close];
        string quantifier = body[(close + 1)..];
        var parts = new List<string>();
        for (int i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                parts.Add((set[i], set[i + 2]) switch
                {
                    ('a', 'z') => "lowercase letters",
                    ('A', 'Z') => "uppercase letters",
                    ('0', '9') => "digits",
                    var (from, to) when from < 128 && to < 128 && !char.IsControl(from) && !char.IsControl(to) => $"{from}-{to}",
                    _ => "",
                });
                i += 2;
                continue;
            }
            char c = set[i];
            if (c == '\\')
            {
                if (i + 1 >= set.Length) return null;
                c = set[++i];
                if (c == 'd') { parts.Add("digits"); continue; }
                if (c == 'w') { parts.Add("letters, digits and underscores"); continue; }
                if (char.IsLetter(c)) return null;
            }
            parts.Add(c switch
            {
                '-' => "hyphens",
                '_' => "underscores",
                '.' => "dots",
                ' ' => "spaces",
                _ when c < 128 && !char.IsControl(c) => "'" + c + "'",
                _ => "",
            });
        }
        if (parts.Count == 0 || parts.Contains("")) return null;
        string what = Join(parts.Distinct().ToList(), "and");
        return quantifier switch
        {
            "+" => "contain only " + what,
            "*" => "contain only " + what + " (or be empty)",
            _ when Count(quantifier) is { } n => $"be {n} characters long, only {what}",
            _ => null,
        };
    }

    private static string? Count(string quantifier)
    {
        if (quantifier.Length < 3 || quantifier[0] != '{' || quantifier[^1] != '}') return null;
        var inner = quantifier[1..^1];
        var bounds = inner.Split(',');
        if (bounds.Length == 1 && int.TryParse(bounds[0], out int exact)) return exact.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (bounds.Length == 2 && int.TryParse(bounds[0], out int min) && bounds[1].Length == 0) return $"at least {min}";
        if (bounds.Length == 2 && int.TryParse(bounds[0], out min) && int.TryParse(bounds[1], out int max)) return $"{min} to {max}";
        return null;
    }

    /// <summary>"a, b and c" (or "a, b or c").</summary>
    public static string Join(IReadOnlyList<string> parts, string conjunction) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " " + conjunction + " " + parts[^1],
    };

    /// <summary>The schema object's <c>description</c>, else its <c>title</c>, on one line and abbreviated; null when it has neither.</summary>
    public static string? About(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in (ReadOnlySpan<string>)["description", "title"])
        {
            if (schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                string text = string.Join(' ', JsonValues.SafeGetString(value).Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
                if (text.Length > 0) return Text.Quote(text, 2 * QuotedLength);
            }
        }
        return null;
    }

    /// <summary>A pattern quoted in a message, cut at <see cref="QuotedLength"/> characters.</summary>
    public static string Pattern(string pattern) => Text.Sanitize(pattern, QuotedLength);

    /// <summary>"a string", "an integer", "null".</summary>
    public static string Article(string type) => type switch
    {
        "null" => "null",
        "integer" or "object" or "array" => "an " + type,
        _ => "a " + type,
    };

    /// <summary>"a string or null".</summary>
    public static string Types(IReadOnlyList<string> names) => Join(names.Select(Article).ToList(), "or");

    /// <summary>
    /// What a small subschema accepts, when it says so in one phrase: only a <c>type</c> ("a string"), a <c>const</c>,
    /// a short <c>enum</c>, or a <c>description</c>/<c>title</c> (quoted); null for anything larger.
    /// </summary>
    public static string? Summary(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.True) return "anything";
        if (schema.ValueKind != JsonValueKind.Object) return null;
        string? type = null, constant = null, values = null;
        int assertions = 0;
        foreach (var p in schema.EnumerateObject())
        {
            switch (p.Name)
            {
                case "description" or "title" or "$comment" or "examples" or "default":
                    continue;
                case "type" when p.Value.ValueKind == JsonValueKind.String:
                    type = Article(p.Value.GetString()!);
                    break;
                case "type" when p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String):
                    type = Types(p.Value.EnumerateArray().Select(t => t.GetString()!).ToList());
                    break;
                case "const":
                    constant = JsonValues.Display(p.Value);
                    break;
                case "enum" when p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() is > 0 and <= 5:
                    values = "one of " + string.Join(", ", p.Value.EnumerateArray().Select(JsonValues.Display));
                    break;
                default:
                    return About(schema);
            }
            assertions++;
        }
        if (assertions == 0) return About(schema) ?? "anything";
        if (assertions == 1) return type ?? constant ?? values;
        return About(schema);
    }
}
