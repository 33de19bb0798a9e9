using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>slug-filename</c>: <c>slug</c> differs from the file name without <c>.json</c>.</summary>
public sealed class SlugFilenameRule : IFileRule
{
    /// <summary>The slug is not the file name.</summary>
    public static RuleMessage SlugMismatch { get; } = new("slug-mismatch", "slug {{slug}} does not match the file name {{file}}; rename the file or fix the slug");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("slug-filename", "slug differs from the file name without .json.", Severity.Error, FixAvailability.Never) { Messages = [SlugMismatch], Inputs = ["/record/slug"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record || !record.TryGetString("slug", out var slug) || !RecordFields.IsKebabCase(slug)) return;
        if (slug == context.FileStem) return;
        context.Report("/record/slug", SlugMismatch.With(("slug", Text.Quote(slug)), ("file", Text.Quote(context.FileStem + ".json"))));
    }

}
