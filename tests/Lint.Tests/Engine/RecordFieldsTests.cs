using System.Text.RegularExpressions;
using CsCheck;
using Lint.Rules;

namespace Lint.Tests.Engine;

public sealed class RecordFieldsTests
{
    private static readonly Regex Kebab = new("^[a-z0-9]+(-[a-z0-9]+)*$");

    [Theory]
    [InlineData("a", true)]
    [InlineData("icc-sanctions-2025", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a--b", false)]
    [InlineData("A-b", false)]
    [InlineData("a_b", false)]
    [InlineData("é", false)]
    public void KebabCaseExamples(string text, bool expected) => Assert.Equal(expected, RecordFields.IsKebabCase(text));

    [Fact]
    public void KebabCaseAgreesWithTheSchemaPattern()
    {
        Gen.String[Gen.Char["az09-A_ é"], 0, 12].Sample(text => RecordFields.IsKebabCase(text) == Kebab.IsMatch(text), iter: 20_000);
    }

    /// <summary>
    /// Dates written YYYY-MM-DD are read from the bytes without a string; whatever that fast path accepts, the strict
    /// parse accepts too, as the same date (and the fast path only ever says "not decided", never "invalid").
    /// </summary>
    [Theory]
    [InlineData("2025-02-06", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2025-02-29", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("0001-01-01", true)]
    [InlineData("9999-12-31", true)]
    [InlineData("2025-13-01", false)]
    [InlineData("2025-00-10", false)]
    [InlineData("2025-04-31", false)]
    [InlineData("2025-1-01", false)]
    [InlineData("2025/01/01", false)]
    [InlineData("２025-01-01", false)]
    public void IsoDatesAreReadFromTheBytesAsTheStrictParseReadsThem(string text, bool fast)
    {
        Assert.Equal(fast, RecordFields.TryParseIsoDate(System.Text.Encoding.UTF8.GetBytes(text), out var date));
        if (fast)
        {
            Assert.True(RecordFields.TryParseDate(text, out var strict));
            Assert.Equal(strict, date);
        }
        Gen.String[Gen.Char["0123456789-/ "], 10, 10].Sample(t =>
            !RecordFields.TryParseIsoDate(System.Text.Encoding.UTF8.GetBytes(t), out var d) || (RecordFields.TryParseDate(t, out var s) && s == d), iter: 20_000);
        Gen.Date.Sample(d =>
        {
            var t = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return RecordFields.TryParseIsoDate(System.Text.Encoding.UTF8.GetBytes(t), out var parsed) && parsed == DateOnly.FromDateTime(d);
        }, iter: 20_000);
    }

    [Fact]
    public void LongFormIsEnglishWhateverTheCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal("February 6, 2025", RecordFields.LongForm(new DateOnly(2025, 2, 6)));
            Assert.Equal("December 31, 1999", RecordFields.LongForm(new DateOnly(1999, 12, 31)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}

public sealed class UrlKeyTests
{
    [Theory]
    [InlineData("https://news.example.com/a", "https://news.example.com/a")]
    [InlineData("HTTPS://News.Example.com/A/", "https://news.example.com/A")]
    [InlineData("https://Example.com", "https://example.com")]
    [InlineData("https://Example.com///", "https://example.com")]
    [InlineData("https://EXAMPLE.com?Q=1", "https://example.com?Q=1")]
    [InlineData("not a url/", "not a url")]
    [InlineData("Mixed Case Text", "Mixed Case Text")]
    [InlineData("////", "")]
    public void SchemeAndHostAreCaseInsensitiveAndTrailingSlashesIgnored(string url, string key) =>
        Assert.Equal(key, DuplicateSourceRule.Normalize(url));
}
