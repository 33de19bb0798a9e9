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

/// <summary>A rule that looks at one well-formed file against the slugs of the whole corpus.</summary>
public interface ICorpusRule : ILintRule
{
    /// <summary>Checks one file against the corpus and reports through <see cref="FileContext.Report"/>.</summary>
    void Check(FileContext context, ICorpus corpus);
}

/// <summary>A rule whose findings the engine produces itself, before any file or corpus rule runs (for example <c>invalid-json</c>).</summary>
public interface IEngineRule : ILintRule
{
}

/// <summary>What corpus rules can ask about the whole set of incident files.</summary>
public interface ICorpus
{
    /// <summary>Files that declare <paramref name="slug"/>, as display paths, sorted.</summary>
    IReadOnlyList<string> FilesWithSlug(string slug);

    /// <summary>Whether any file of the corpus declares <paramref name="slug"/>.</summary>
    bool Contains(string slug);
}
