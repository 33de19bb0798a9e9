using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace Lint.Schema;

/// <summary>A <c>date</c> format check that accepts only real calendar days written <c>YYYY-MM-DD</c> (RFC 3339 full-date).</summary>
internal sealed class StrictDateFormatValidator : IFormatValidator
{
    public string Format => "date";
    public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateExpected;

    public bool IsValid(string value, JTokenType tokenType) =>
        tokenType != JTokenType.String || Rules.RecordFields.TryParseDate(value, out _) && value.Length == 10;
}

/// <summary>A <c>date-time</c> format check that follows RFC 3339 strictly (a "T", seconds, and an offset or "Z").</summary>
internal sealed partial class StrictDateTimeFormatValidator : IFormatValidator
{
    public string Format => "date-time";
    public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateTimeExpected;

    public bool IsValid(string value, JTokenType tokenType)
    {
        if (tokenType != JTokenType.String) return true;
        var m = Rfc3339().Match(value);
        if (!m.Success || !Rules.RecordFields.TryParseDate(value[..10], out _)) return false;
        int hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        int minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        int second = int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture);
        return hour < 24 && minute < 60 && second <= 60;
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt](?<h>[0-9]{2}):(?<m>[0-9]{2}):(?<s>[0-9]{2})(\\.[0-9]+)?([Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$")]
    private static partial Regex Rfc3339();
}
