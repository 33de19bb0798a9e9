using Lint.Config;
using Lint.Fixing;

namespace Lint.Tests.TestSupport;

/// <summary>
/// A temporary copy of the bundled example corpus with one more file, linted or fixed by the real engine with every
/// rule (the configuration's defaults, plus <c>--rule</c>-style overrides): for tests that assert the whole report of
/// one file, so that "one defect, one finding" is checked across the catalog, not rule by rule.
/// </summary>
public sealed class ExampleCorpus : IDisposable
{
    private readonly TempDir _dir = new();

    public ExampleCorpus() => _dir.CopyFrom(Incidents.ExamplesDirectory);

    public string Path => _dir.Path;

    public void Dispose() => _dir.Dispose();

    private Linter Linter(IReadOnlyDictionary<string, Severity>? overrides) => new(new LintOptions
    {
        WorkingDirectory = _dir.Path,
        Config = LintConfig.Defaults(_dir.Path),
        RuleOverrides = overrides ?? new Dictionary<string, Severity>(),
    });

    /// <summary>Writes <paramref name="text"/> as <paramref name="file"/> and returns every finding in it, in report order.</summary>
    public async Task<IReadOnlyList<Finding>> LintAsync(string file, string text, IReadOnlyDictionary<string, Severity>? overrides = null)
    {
        var full = _dir.Write(file, text);
        var result = await Linter(overrides).LintAsync([full]);
        return result.Findings.Where(f => f.File == file).Order(Finding.ReportOrder).ToList();
    }

    /// <summary>What <c>--fix</c> makes of <paramref name="text"/> as <paramref name="file"/> (in memory; nothing is written).</summary>
    public Task<FixResult> FixAsync(string file, string text, IReadOnlyDictionary<string, Severity>? overrides = null) =>
        Linter(overrides).FixTextAsync(_dir.Combine(file), text);

    /// <summary>
    /// The 1-based line and column of the <paramref name="occurrence"/>-th occurrence of <paramref name="needle"/> in
    /// <paramref name="text"/> (columns in code points), found by plain text search, independently of lint's positions.
    /// </summary>
    public static (int Line, int Column) PositionOf(string text, string needle, int occurrence = 1)
    {
        int at = -1;
        for (int i = 0; i < occurrence; i++)
        {
            at = text.IndexOf(needle, at + 1, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{needle}' occurs fewer than {occurrence} times");
        }
        int lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        int line = text.AsSpan(0, lineStart).Count('\n') + 1;
        int column = 1;
        foreach (var _ in text.AsSpan(lineStart, at - lineStart).EnumerateRunes()) column++;
        return (line, column);
    }
}
