namespace Lint.Rules;

/// <summary>What every rule declares about itself, beside its logic: the one source of the catalog (<c>lint rules</c>, the
/// README and <c>docs/rules/</c> tables, each page's header and the SARIF rule table are generated from it).</summary>
/// <param name="Id">Stable kebab-case id, used in configuration, output and documentation.</param>
/// <param name="Description">One line: what the rule flags.</param>
/// <param name="DefaultSeverity">Severity when the configuration does not say otherwise.</param>
/// <param name="FixAvailability">Whether the rule's findings come with a safe automatic fix: always, sometimes or never.</param>
public sealed record RuleMetadata(string Id, string Description, Severity DefaultSeverity, FixAvailability FixAvailability)
{
    /// <summary>Metadata with a yes/no fixability: <c>true</c> is <see cref="FixAvailability.Sometimes"/>, <c>false</c> <see cref="FixAvailability.Never"/>.</summary>
    public RuleMetadata(string Id, string Description, Severity DefaultSeverity, bool Fixable)
        : this(Id, Description, DefaultSeverity, Fixable ? FixAvailability.Sometimes : FixAvailability.Never)
    {
    }

    /// <summary>Where the rule's documentation lives.</summary>
    public const string DocsBaseUri = "https://github.com/lint-project/lint/blob/main/docs/rules/";

    /// <summary>The rule's documentation page.</summary>
    public string HelpUri => DocsBaseUri + Id + ".md";

    /// <summary>Whether the rule can offer a fix (<see cref="FixAvailability"/> is not <see cref="FixAvailability.Never"/>).</summary>
    public bool Fixable => FixAvailability != FixAvailability.Never;

    /// <summary>
    /// The messages the rule reports, each with a stable id (as ESLint's <c>meta.messages</c>). A rule that declares
    /// messages reports only those; a custom rule may declare none and report plain strings.
    /// </summary>
    public IReadOnlyList<RuleMessage> Messages { get; init; } = [];

    /// <summary>
    /// The JSON Schema of the rule's options (text, any dialect lint validates; draft-07 without <c>$schema</c>), or
    /// null when the rule takes none. It describes the object written after the severity in the configuration,
    /// <c>"rules": { "id": ["warning", { ... }] }</c>: <c>"type": "object"</c>, each option under <c>properties</c> with
    /// a <c>description</c> and a <c>default</c> (what <see cref="RuleOptions"/> gives when the option is not written,
    /// and what <c>lint rules</c> and the rule's page show). The configuration is validated against it with
    /// <c>file:line:col</c> errors, and the rule reads the result through <see cref="FileContext.Options"/>.
    /// </summary>
    public string? OptionsSchema { get; init; }

    /// <summary>Whether <paramref name="messageId"/> is one of <see cref="Messages"/>.</summary>
    public bool DeclaresMessage(string messageId)
    {
        foreach (var m in Messages)
        {
            if (m.Id == messageId) return true;
        }
        return false;
    }
}

/// <summary>A lint rule. Implement <see cref="IFileRule"/> or <see cref="ICorpusRule"/>.</summary>
public interface ILintRule
{
    /// <summary>The rule's id, description, default severity and fixability.</summary>
    RuleMetadata Metadata { get; }
}

/// <summary>A rule that looks at one well-formed file at a time.</summary>
public interface IFileRule : ILintRule
{
    /// <summary>Checks one file and reports through <see cref="FileContext.Report"/>.</summary>
    void Check(FileContext context);
}

/// <summary>
/// A rule that looks at one well-formed file against the slugs of the whole corpus, while that file is linted. It
/// sees the file's parse; it runs only for the files being linted. (A rule that should also report in files that are
/// not being linted, from what the corpus index records, implements <see cref="IIndexRule"/>.)
/// </summary>
public interface ICorpusRule : ILintRule
{
    /// <summary>Checks one file against the corpus and reports through <see cref="FileContext.Report"/>.</summary>
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
    /// <summary>Checks one file's index entry against the corpus and reports through <see cref="IndexContext.Report"/>.</summary>
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

    /// <summary>Reports a finding at a position the index recorded.</summary>
    public void Report(string pointer, int line, int column, string message) => _findings.Add(new IndexFinding(pointer, line, column, message));

    /// <summary>Reports a finding with a message declared in the rule's metadata (its id travels with the finding).</summary>
    public void Report(string pointer, int line, int column, ReportMessage message) =>
        _findings.Add(new IndexFinding(pointer, line, column, message.Text) { MessageId = message.Id });
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
}
