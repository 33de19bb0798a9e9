namespace Lint.Rules;

/// <summary>A lint rule. Implement <see cref="IFileRule"/> or <see cref="ICorpusRule"/>.</summary>
public interface ILintRule
{
    /// <summary>The rule's id, description, default severity and fixability.</summary>
    RuleMetadata Metadata { get; }
}

/// <summary>A rule that looks at one well-formed file at a time.</summary>
public interface IFileRule : ILintRule
{
    /// <summary>Checks one file and reports through <see cref="FileContext.Report(string, ReportMessage, Fix?, bool)"/>.</summary>
    void Check(FileContext context);
}

/// <summary>
/// A rule that looks at one well-formed file against the slugs of the whole corpus, while that file is linted. It
/// sees the file's parse; it runs only for the files being linted. (A rule that should also report in files that are
/// not being linted, from what the corpus index records, implements <see cref="IIndexRule"/>.)
/// </summary>
public interface ICorpusRule : ILintRule
{
    /// <summary>Checks one file against the corpus and reports through <see cref="FileContext.Report(string, ReportMessage, Fix?, bool)"/>.</summary>
    void Check(FileContext context, ICorpus corpus);
}

/// <summary>A rule whose findings the engine produces itself, before any file or corpus rule runs (for example <c>invalid-json</c>).</summary>
public interface IEngineRule : ILintRule
{
}

/// <summary>
/// A cross-file rule decided from the corpus index, for <b>every</b> file of the corpus on every run (not only the
/// files being linted): a reference in a file that was not named, broken by a rename or a deletion elsewhere, is
/// reported in that file. It sees only the file's <see cref="Corpus.CorpusEntry"/> (slug and outgoing references,
/// with their positions), never the file's text, so unchanged files need not be opened.
/// </summary>
public interface IIndexRule : ILintRule
{
    /// <summary>Checks one file's index entry against the corpus and reports through <see cref="IndexContext.Report(string, int, int, ReportMessage)"/>.</summary>
    void Check(IndexContext context);
}

/// <summary>What an <see cref="IIndexRule"/> may read about one file of the corpus, and the place to report.</summary>
public sealed class IndexContext
{
    private readonly IReadOnlyDictionary<string, Severity> _severities;
    private readonly Func<string, IReadOnlyDictionary<string, Severity>> _severitiesOf;
    private readonly ICollection<IndexFinding> _findings;

    internal IndexContext(IndexedFile file, ICorpus corpus, IReadOnlyDictionary<string, Severity> severities,
        Func<string, IReadOnlyDictionary<string, Severity>> severitiesOf, ICollection<IndexFinding> findings)
    {
        File = file;
        Corpus = corpus;
        _severities = severities;
        _severitiesOf = severitiesOf;
        _findings = findings;
    }

    /// <summary>The file, as the index knows it.</summary>
    public IndexedFile File { get; }

    /// <summary>The file's slug and references.</summary>
    public Corpus.CorpusEntry Entry => File.Entry;

    /// <summary>The whole corpus.</summary>
    public ICorpus Corpus { get; }

    /// <summary>The rule's options for this file (see <see cref="FileContext.Options"/>).</summary>
    public RuleOptions Options { get; init; } = RuleOptions.Empty;

    /// <summary>Whether the rule <paramref name="ruleId"/> runs on this file (the shared deferral question; see <see cref="RuleFact"/>).</summary>
    public bool IsRuleEnabled(string ruleId) => _severities.TryGetValue(ruleId, out var s) && s != Severity.Off;

    /// <summary>Whether the rule <paramref name="ruleId"/> runs on another file of the corpus, given by its display path.</summary>
    public bool IsRuleEnabledFor(string ruleId, string displayPath) =>
        displayPath == File.DisplayPath ? IsRuleEnabled(ruleId) : _severitiesOf(displayPath).TryGetValue(ruleId, out var s) && s != Severity.Off;

    /// <summary>
    /// Whether <paramref name="rule"/> stays silent on the file of <paramref name="entry"/>: one of its
    /// <see cref="RuleMetadata.Inputs"/> is a value the index records as a duplicated key
    /// (<see cref="Corpus.CorpusEntry.DuplicatedInputs"/>) and <c>duplicate-key</c> is on for the file.
    /// </summary>
    internal static bool DefersToDuplicateKey(ILintRule rule, Corpus.CorpusEntry entry, IReadOnlyDictionary<string, Severity> severities)
    {
        if (entry.DuplicatedInputs.Count == 0 || !severities.TryGetValue(FileContext.DuplicateKeyRuleId, out var s) || s == Severity.Off) return false;
        foreach (var duplicated in entry.DuplicatedInputs)
            foreach (var input in rule.Metadata.Inputs)
                if (Parsing.JsonPointer.IsAtOrAbove(duplicated, input)) return true;
        return false;
    }

    /// <summary>Reports a finding at a position the index recorded.</summary>
    public void Report(string pointer, int line, int column, string message) => _findings.Add(new IndexFinding(pointer, line, column, message));

    /// <summary>Reports a finding with a message declared in the rule's metadata (its id travels with the finding).</summary>
    public void Report(string pointer, int line, int column, ReportMessage message) =>
        _findings.Add(new IndexFinding(pointer, line, column, message.Text) { MessageId = message.Id });

    /// <summary>
    /// Reports a finding with a declared message and a fix. An index rule never sees the file's text, so its fix is a
    /// cross-file one (<see cref="Fix.CrossFile"/>): the engine plans its edits against the target file's content when
    /// <c>--fix</c> or <c>--fix-dry-run</c> applies it.
    /// </summary>
    public void Report(string pointer, int line, int column, ReportMessage message, Fix? fix) =>
        _findings.Add(new IndexFinding(pointer, line, column, message.Text) { MessageId = message.Id, Fix = fix });
}

/// <summary>One file as the corpus index knows it.</summary>
/// <param name="DisplayPath">The path shown in reports.</param>
/// <param name="FullPath">The full path.</param>
/// <param name="Entry">Its slug and references.</param>
public sealed record IndexedFile(string DisplayPath, string FullPath, Corpus.CorpusEntry Entry)
{
    /// <summary>The file name without <c>.json</c>.</summary>
    public string FileStem => Path.GetFileNameWithoutExtension(FullPath);
}

/// <summary>A finding of an <see cref="IIndexRule"/>, at a position the index recorded.</summary>
/// <param name="Pointer">JSON Pointer of the node.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column (Unicode code points).</param>
/// <param name="Message">Plain-words message.</param>
public readonly record struct IndexFinding(string Pointer, int Line, int Column, string Message)
{
    /// <summary>The id of the message in the rule's metadata, or null.</summary>
    public string? MessageId { get; init; }

    /// <summary>The fix, when the rule offers one (a cross-file fix: see <see cref="Fix.CrossFile"/>).</summary>
    public Fix? Fix { get; init; }
}

/// <summary>What corpus rules can ask about the whole set of incident files.</summary>
public interface ICorpus
{
    /// <summary>Files that declare <paramref name="slug"/>, as display paths, sorted.</summary>
    IReadOnlyList<string> FilesWithSlug(string slug);

    /// <summary>Whether any file of the corpus declares <paramref name="slug"/>.</summary>
    bool Contains(string slug);

    /// <summary>The existing slug closest to <paramref name="slug"/> when one is a plausible correction (a typo, or a renamed incident whose slug gained or lost a part), else null.</summary>
    string? ClosestSlug(string slug) => null;

    /// <summary>What the corpus index knows about the file <paramref name="displayPath"/> (its slug and references), or null.</summary>
    IndexedFile? FileAt(string displayPath) => null;
}
