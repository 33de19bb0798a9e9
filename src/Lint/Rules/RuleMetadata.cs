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

    /// <summary>
    /// Whether the rule runs when the configuration does not name it. A rule that is off by default (an opinion that
    /// not every corpus shares, such as <c>related-reciprocal</c>) still has a <see cref="DefaultSeverity"/>: the one it
    /// reports with once turned on (<c>"rules": { "id": "warning" }</c> names it explicitly).
    /// </summary>
    public bool EnabledByDefault { get; init; } = true;

    /// <summary>The severity of the rule when the configuration does not name it: <see cref="DefaultSeverity"/>, or off.</summary>
    public Severity EffectiveDefault => EnabledByDefault ? DefaultSeverity : Severity.Off;

    /// <summary>The default as the catalog shows it: <c>error</c>, <c>warning</c>, or <c>off (warning when on)</c>.</summary>
    public string DefaultText => EnabledByDefault ? DefaultSeverity.ToName() : $"off ({DefaultSeverity.ToName()} when on)";

    /// <summary>Whether the rule can offer a fix (<see cref="FixAvailability"/> is not <see cref="FixAvailability.Never"/>).</summary>
    public bool Fixable => FixAvailability != FixAvailability.Never;

    /// <summary>
    /// The messages the rule reports, each with a stable id (as ESLint's <c>meta.messages</c>). A rule that declares
    /// messages reports only those; a custom rule may declare none and report plain strings.
    /// </summary>
    public IReadOnlyList<RuleMessage> Messages { get; init; } = [];

    /// <summary>
    /// The values the rule reads, as JSON Pointers (a <c>*</c> token matches any one key or index:
    /// <c>/record/sources/*/url</c>). While one of them, or an object above it, is a key written twice in its object
    /// and <c>duplicate-key</c> is on for the file, the engine does not run the rule on that file: which of the two
    /// values counts is <c>duplicate-key</c>'s finding, and a rule that read the last one would report, and fix, from a
    /// value the author may not mean (one defect, one finding). Empty (the default): the rule always runs.
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

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
