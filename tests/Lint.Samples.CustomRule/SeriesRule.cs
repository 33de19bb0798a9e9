using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Samples.CustomRule;

/// <summary>
/// A corpus rule: an incident whose slug ends in <c>-part-N</c> (N &gt; 1) needs part N-1 somewhere in the corpus,
/// even when only this file is being linted (as in a pre-commit hook).
/// </summary>
public sealed partial class SeriesRule : ICorpusRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "series-previous-part",
        Description: "an incident '...-part-N' has its part N-1 in the corpus",
        DefaultSeverity: Severity.Warning,
        FixAvailability: FixAvailability.Never);

    [GeneratedRegex("^(?<stem>.+)-part-(?<n>[0-9]{1,6})$")]
    private static partial Regex PartSlug();

    /// <inheritdoc />
    public void Check(FileContext context, ICorpus corpus)
    {
        if (context.Record is not { } record
            || !record.TryGetProperty("slug", out var slugElement) || slugElement.ValueKind != JsonValueKind.String) return;
        var match = PartSlug().Match(slugElement.GetString()!);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 2) return;
        var previous = $"{match.Groups["stem"].Value}-part-{n - 1}";
        if (!corpus.Contains(previous))
            context.Report("/record/slug", $"this is part {n}, but no incident of the corpus has the slug {Text.Quote(previous)}");
    }
}
