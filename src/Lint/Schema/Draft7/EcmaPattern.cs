using System.Text;

namespace Lint.Schema.Draft7;

/// <summary>
/// Rewrites the parts of ECMA-262 regular expressions (Unicode mode) that .NET spells differently: Unicode property
/// escapes with long General_Category names (<c>\p{Letter}</c>, <c>\p{gc=Lu}</c>, <c>\P{Decimal_Number}</c>) become
/// .NET's short names (<c>\p{L}</c>). Everything else is kept as written.
/// </summary>
internal static class EcmaPattern
{
    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Lowercase_Letter"] = "Ll", ["Uppercase_Letter"] = "Lu", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo",
        ["Mark"] = "M", ["Combining_Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me",
        ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd", ["Open_Punctuation"] = "Ps",
        ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    public static string Translate(string pattern)
    {
        if (!pattern.Contains("\\p{", StringComparison.Ordinal) && !pattern.Contains("\\P{", StringComparison.Ordinal)) return pattern;
        var sb = new StringBuilder(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c != '\\' || i + 1 >= pattern.Length)
            {
                sb.Append(c);
                continue;
            }
            char next = pattern[i + 1];
            int close = (next is 'p' or 'P') && i + 2 < pattern.Length && pattern[i + 2] == '{' ? pattern.IndexOf('}', i + 3) : -1;
            if (close < 0)
            {
                sb.Append(c).Append(next);
                i++;
                continue;
            }
            string name = pattern[(i + 3)..close];
            if (name.StartsWith("General_Category=", StringComparison.Ordinal)) name = name["General_Category=".Length..];
            else if (name.StartsWith("gc=", StringComparison.Ordinal)) name = name["gc=".Length..];
            sb.Append('\\').Append(next).Append('{').Append(Categories.TryGetValue(name, out var shortName) ? shortName : name).Append('}');
            i = close;
        }
        return sb.ToString();
    }
}
