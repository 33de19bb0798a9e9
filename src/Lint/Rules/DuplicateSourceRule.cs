using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>duplicate-source</c>: two <c>sources</c> with the same URL (scheme and host case-insensitive, trailing <c>/</c> ignored).</summary>
public sealed class DuplicateSourceRule : IFileRule
{
    /// <summary>A source repeats an earlier source's URL.</summary>
    public static RuleMessage RepeatedUrl { get; } = new("repeated-url", "sources[{{index}}] has the same URL as sources[{{first}}]: {{url}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-source", "Two sources have the same URL (scheme and host case-insensitive, trailing / ignored).", Severity.Warning, FixAvailability.Never) { Messages = [RepeatedUrl], Inputs = ["/record/sources/*/url"] };

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record || !record.TryGetArray("sources", out var sources)) return;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int i = 0;
        foreach (var source in sources.EnumerateArray())
        {
            int index = i++;
            if (!source.TryGetString("url", out var url) || url.Length == 0) continue;
            var key = Normalize(url);
            if (first.TryAdd(key, index)) continue;
            context.Report($"/record/sources/{index}/url", RepeatedUrl.With(("index", index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("first", first[key].ToString(System.Globalization.CultureInfo.InvariantCulture)), ("url", Text.Quote(url))));
        }
    }

    private static readonly System.Buffers.SearchValues<char> HostEnd = System.Buffers.SearchValues.Create("/?#");

    /// <summary>The comparison key of a URL: scheme and host lower-cased, trailing slashes removed.</summary>
    public static string Normalize(string url)
    {
        // At most one allocation, and none for the common URL that is already lower-case without a trailing slash.
        var trimmed = url.AsSpan().TrimEnd('/');
        int schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        int hostEnd = trimmed.Length;
        if (schemeEnd >= 0)
        {
            int end = trimmed[(schemeEnd + 3)..].IndexOfAny(HostEnd);
            if (end >= 0) hostEnd = end + schemeEnd + 3;
        }
        else hostEnd = 0;
        if (!trimmed[..hostEnd].ContainsAnyInRange('A', 'Z'))
            return trimmed.Length == url.Length ? url : trimmed.ToString();
        return string.Create(trimmed.Length, (url, hostEnd), static (destination, state) =>
        {
            var source = state.url.AsSpan(0, destination.Length);
            source[..state.hostEnd].ToLowerInvariant(destination);
            source[state.hostEnd..].CopyTo(destination[state.hostEnd..]);
        });
    }
}
