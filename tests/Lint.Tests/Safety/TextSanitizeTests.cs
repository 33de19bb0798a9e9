using System.Text.Json;
using CsCheck;
using Lint.Formatting;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Tests.Safety;

/// <summary><see cref="Text.Sanitize"/>: what is escaped, what is kept, and that it is idempotent and always safe.</summary>
public sealed class TextSanitizeTests
{
    [Theory]
    [InlineData("\u0000", "\\u0000")]
    [InlineData("a\nb\rc\td", "a\\u000Ab\\u000Dc\\u0009d")]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001B[31mred\\u001B[0m")]
    [InlineData("\u007f\u0085\u009b", "\\u007F\\u0085\\u009B")]
    [InlineData("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee", "\\u202Aa\\u202Bb\\u202Cc\\u202Dd\\u202Ee")]
    [InlineData("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069")]
    [InlineData("\u200B\u200C\u200D\u200E\u200F\u061C\u00AD\uFEFF", "\\u200B\\u200C\\u200D\\u200E\\u200F\\u061C\\u00AD\\uFEFF")]
    [InlineData("\u2028\u2029", "\\u2028\\u2029")]
    [InlineData("\U000E0041", "\\uDB40\\uDC41")] // a Unicode tag character (format, outside the BMP)
    [InlineData("##[error]forged", "##\\u005Berror]forged")]
    [InlineData("###[x", "###\\u005Bx")]
    [InlineData("#[x] and # [y]", "#[x] and # [y]")]
    [InlineData("café 東京 😀 Ω", "café 東京 😀 Ω")]
    [InlineData("::error file=x::forged", "::error file=x::forged")]
    public void EscapesWhatCanActOnOutputAndKeepsTheRest(string input, string expected)
    {
        Assert.Equal(expected, Text.Sanitize(input, int.MaxValue));
        Assert.True(Text.IsSafe(expected));
        Assert.Equal(input == expected, Text.IsSafe(input));
    }

    [Fact]
    public void UnpairedSurrogatesAreEscaped()
    {
        // Not as InlineData: attribute metadata cannot hold unpaired surrogates.
        foreach (var (input, expected) in new[] { ("\ud800", "\\uD800"), ("a\udc00b", "a\\uDC00b"), ("\udc00\ud800", "\\uDC00\\uD800"), ("x\ud83d", "x\\uD83D") })
        {
            Assert.Equal(expected, Text.Sanitize(input, int.MaxValue));
            Assert.False(Text.IsSafe(input));
        }
    }

    [Fact]
    public void LongTextIsCut()
    {
        Assert.Equal(new string('x', 10) + "…", Text.Sanitize(new string('x', 50), 10));
        Assert.Equal("\"" + new string('x', 10) + "…\"", Text.Quote(new string('x', 50), 10));
    }

    [Fact]
    public void SanitizedTextIsAlwaysSafeAndSanitizingTwiceChangesNothing() =>
        Gen.String.Sample(s =>
        {
            var once = Text.Sanitize(s, int.MaxValue);
            Assert.True(Text.IsSafe(once));
            Assert.Equal(once, Text.Sanitize(once, int.MaxValue));
        }, iter: 5000);

    private static readonly Gen<string> HostileStrings = Gen.Frequency(
        (3, Gen.String),
        (1, Gen.Char["\u0000\u001b\u0085\u009b\u202e\u2066\ud800\udc00#[:\n\r%,<>&]\"\\"].Array[0, 30].Select(cs => new string(cs))));

    [Fact]
    public void TheJsonReportIsSafeAndLosslessForAnyFileNameAndMessage() =>
        Gen.Select(HostileStrings, HostileStrings).Sample((file, message) =>
        {
            var result = new LintResult([new Finding("schema", Severity.Error, message, file, 1, 1, "")], 1, TimeSpan.Zero);
            var output = new StringWriter();
            new JsonFormatter().Write(new ReportInput(result, RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList()), output);
            foreach (var line in output.ToString().Split('\n')) Assert.True(Text.IsSafe(line), line);
            using var doc = JsonDocument.Parse(output.ToString());
            var finding = doc.RootElement.GetProperty("findings")[0];
            // Unpaired surrogates cannot round-trip through UTF-8 JSON text; everything else comes back exactly.
            if (!HasUnpairedSurrogate(file)) Assert.Equal(file, finding.GetProperty("file").GetString());
            if (!HasUnpairedSurrogate(message)) Assert.Equal(message, finding.GetProperty("message").GetString());
        }, iter: 3000);

    private static bool HasUnpairedSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
