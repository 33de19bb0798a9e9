using System.Text.Json;
using CsCheck;
using Lint.Rules;

namespace Lint.Tests.Fixing;

/// <summary>How fixes write new string values: <see cref="FileContext.EncodeString"/>.</summary>
public sealed class EncodeStringTests
{
    [Fact]
    public void NonAsciiStaysRawButInvisibleAndBidiCharactersAreEscaped()
    {
        Assert.Equal("\"Court \u2014 é \\\"quoted\\\" \\\\ <b>&'+\"", FileContext.EncodeString("Court \u2014 é \"quoted\" \\ <b>&'+"));
        Assert.Equal("\"a\\u202Eb\\u200Bc\\uFEFF\\n\"", FileContext.EncodeString("a\u202Eb\u200Bc\uFEFF\n"));
    }

    [Fact]
    public void EveryStringRoundTripsAndNoInvisibleCharacterIsWrittenRaw()
    {
        var text = Gen.Frequency((3, Gen.Char.Where(c => !char.IsSurrogate(c))), (1, Gen.OneOf('\u2014', '\u202E', '\u2028', '\u200F', '\uFEFF', '"', '\\', '\u0000', '\t'))).Array[0, 40]
            .Select(chars => new string(chars));
        text.Sample(s =>
        {
            var json = FileContext.EncodeString(s);
            Assert.Equal(s, JsonSerializer.Deserialize<string>(json));
            Assert.DoesNotContain(json, c => Lint.Parsing.Text.NeedsEscape(c));
        }, iter: 2000);
    }
}
