using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>citation-format</c>: <c>citation</c> differs from <c>{title}. {url}. Published {displayDate}. Updated {displayLastUpdated}.</c></summary>
public sealed class CitationFormatRule : IFileRule
{
    /// <summary>The citation is not built from the record's fields.</summary>
    public static RuleMessage CitationMismatch { get; } = new("citation-mismatch", "citation does not match \"{title}. {url}. Published {displayDate}. Updated {displayLastUpdated}.\"; expected {{expected}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("citation-format", "citation differs from \"{title}. {url}. Published {displayDate}. Updated {displayLastUpdated}.\"", Severity.Error, FixAvailability.Always) { Messages = [CitationMismatch], Inputs = ["/record/citation", "/record/title", "/record/url", "/record/displayDate", "/record/displayLastUpdated"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        if (!record.TryGetString("citation", out var citation) || citation.Length == 0) return;
        if (!record.TryGetString("title", out var title) || title.Length == 0 || !record.TryGetString("url", out var url)) return;
        if (!record.TryGetString("displayDate", out var displayDate) || displayDate.Length == 0) return;
        if (!record.TryGetString("displayLastUpdated", out var displayUpdated) || displayUpdated.Length == 0) return;
        // The citation is built from the fields as written; while one of them is itself flagged by its own (enabled)
        // rule, this one waits, so that one defect gives one finding. With that rule off, the value as written counts.
        if (context.Defers(RecordFacts.UrlIsConsistent)
            || context.Defers(RecordFacts.DisplayDateIsLongForm)
            || context.Defers(RecordFacts.DisplayLastUpdatedIsLongForm)) return;
        string expected = Build(title, url, displayDate, displayUpdated);
        if (citation == expected) return;
        context.Report("/record/citation", CitationMismatch.With(("expected", Text.Quote(expected, 1000))),
            context.ReplaceString("/record/citation", expected, "rebuild the citation from title, url and display dates"));
    }

    /// <summary>The citation of a record.</summary>
    public static string Build(string title, string url, string displayDate, string displayLastUpdated) =>
        $"{title}. {url}. Published {displayDate}. Updated {displayLastUpdated}.";
}
