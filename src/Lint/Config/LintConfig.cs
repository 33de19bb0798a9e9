namespace Lint.Config;

/// <summary>Rule severities that apply to the files matching some globs.</summary>
/// <param name="Files">Globs, relative to the configuration's folder.</param>
/// <param name="Rules">Rule id to severity.</param>
public sealed record ConfigOverride(IReadOnlyList<string> Files, IReadOnlyDictionary<string, Severity> Rules)
{
    /// <summary>Rule id to the options written for it in this override (<c>"id": ["warning", { ... }]</c>); they replace earlier ones.</summary>
    public IReadOnlyDictionary<string, Rules.RuleOptions> RuleOptions { get; init; } = new Dictionary<string, Rules.RuleOptions>();
}

/// <summary>A loaded <c>lint.config.json</c> (or the defaults when there is none).</summary>
public sealed record LintConfig
{
    /// <summary>The default size limit: 10 MiB.</summary>
    public const long DefaultMaxFileSize = 10 * 1024 * 1024;

    /// <summary>The configuration file, or null for the defaults.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The folder that globs and the schema path are relative to.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Globs of the incident files that make up the corpus. Default <c>**/*.json</c>.</summary>
    public IReadOnlyList<string> Include { get; init; } = ["**/*.json"];

    /// <summary>
    /// Globs removed from the corpus. Default: <c>node_modules</c>, <c>bin</c>, <c>obj</c> and <c>.git</c> folders,
    /// configuration files (<c>lint.config.json</c>), baselines (<c>lint-baseline.json</c>) and JSON Schemas (<c>*.schema.json</c>).
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } =
        ["**/node_modules/**", "**/bin/**", "**/obj/**", "**/.git/**", "**/lint.config.json", "**/lint-baseline.json", "**/*.schema.json"];

    /// <summary>Where each <see cref="Include"/> pattern is written (<c>file:line:col</c>), for messages; empty for the defaults or a configuration built in code.</summary>
    public IReadOnlyList<string> IncludeLocations { get; init; } = [];

    /// <summary>Where each <see cref="Exclude"/> pattern is written (<c>file:line:col</c>), for messages; empty for the defaults or a configuration built in code.</summary>
    public IReadOnlyList<string> ExcludeLocations { get; init; } = [];

    /// <summary>Path of the incident schema, absolute or relative to <see cref="BaseDirectory"/>; null for the embedded one.</summary>
    public string? Schema { get; init; }

    /// <summary>
    /// URL prefix of schema references to the absolute local folder that holds the same files (<c>schemaMap</c>, folders
    /// written relative to the configuration file). lint never downloads a schema: a remote <c>$ref</c> that no prefix
    /// maps is a configuration error.
    /// </summary>
    public IReadOnlyDictionary<string, string> SchemaMap { get; init; } = new Dictionary<string, string>();

    /// <summary>The expected <c>site</c>, when set.</summary>
    public string? Site { get; init; }

    /// <summary>Files larger than this many bytes are not read.</summary>
    public long MaxFileSize { get; init; } = DefaultMaxFileSize;

    /// <summary>
    /// What a user schema that uses a keyword the validator does not enforce gives: <see cref="Severity.Error"/>
    /// (the default: the configuration is refused, exit 2) or <see cref="Severity.Warning"/> (a warning on standard
    /// error; the keyword is ignored). Configuration: <c>"unsupportedKeywords": "error" | "warning"</c>.
    /// </summary>
    public Severity UnsupportedKeywords { get; init; } = Severity.Error;

    /// <summary>Whether to keep the persistent corpus index in <c>.lintcache/</c> (default true; <c>"cache": false</c> turns it off, like <c>--no-cache</c>).</summary>
    public bool Cache { get; init; } = true;

    /// <summary>Budgets for hostile or runaway input (<c>"limits"</c>; docs/safety.md).</summary>
    public LintLimits Limits { get; init; } = LintLimits.Default;

    /// <summary>Rule id to severity.</summary>
    public IReadOnlyDictionary<string, Severity> Rules { get; init; } = new Dictionary<string, Severity>();

    /// <summary>
    /// Rule id to the options written after its severity (<c>"rules": { "id": ["warning", { ... }] }</c>), validated
    /// against the rule's <see cref="Lint.Rules.RuleMetadata.OptionsSchema"/>. A rule not listed runs with its defaults.
    /// </summary>
    public IReadOnlyDictionary<string, Rules.RuleOptions> RuleOptions { get; init; } = new Dictionary<string, Rules.RuleOptions>();

    /// <summary>Per-glob rule severities, applied in order after <see cref="Rules"/>.</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    /// <summary>The taxonomy (the default one, extended by the configuration).</summary>
    public Taxonomy Taxonomy { get; init; } = Taxonomy.Default;

    /// <summary>The defaults, for a project without a configuration file.</summary>
    public static LintConfig Defaults(string baseDirectory) => new() { BaseDirectory = Path.GetFullPath(baseDirectory) };
}

/// <summary>An unusable configuration or option: the CLI prints <see cref="Exception.Message"/> and exits 2.</summary>
public sealed class LintConfigurationException(string message) : Exception(message);
