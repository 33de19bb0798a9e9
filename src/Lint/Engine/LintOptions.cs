using Lint.Config;
using Lint.Rules;

namespace Lint;

/// <summary>How a <see cref="Linter"/> runs. Immutable.</summary>
public sealed record LintOptions
{
    /// <summary>Where relative paths and configuration discovery start. Default: the current directory.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>An explicit configuration file (<c>--config</c>); null to discover <c>lint.config.json</c> upward.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>A configuration object to use instead of any file (for library users and tests).</summary>
    public LintConfig? Config { get; init; }

    /// <summary>Rule severities that win over the configuration (<c>--rule ID=SEVERITY</c>).</summary>
    public IReadOnlyDictionary<string, Severity> RuleOverrides { get; init; } = new Dictionary<string, Severity>();

    /// <summary>Report errors only (<c>--quiet</c>): warnings are neither reported nor counted.</summary>
    public bool Quiet { get; init; }

    /// <summary>Files linted at once. Default: the number of processors. The report is the same for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Custom rules that run beside the built-in ones.</summary>
    public IReadOnlyList<ILintRule> AdditionalRules { get; init; } = [];

    /// <summary>
    /// Lint only those targets that belong to the corpus (the configuration's <c>include</c> minus <c>exclude</c>);
    /// other targets are skipped without a finding. Meant for pre-commit hooks, which pass every staged file that
    /// matches the hook's pattern (<c>package.json</c>, <c>lint.config.json</c>, ...). Without targets no file is linted,
    /// but the whole-corpus rules (<see cref="Rules.IIndexRule"/>) still check every file of the corpus: what a hook
    /// needs for a commit that stages no incident file, such as a deletion.
    /// </summary>
    public bool CorpusOnly { get; init; }

    /// <summary>
    /// Keep the persistent corpus index (each corpus file's slug and outgoing references, proven fresh by its size,
    /// times and file id) in <c>.lintcache/</c> beside the configuration, so that a run that lints a few files of a large
    /// corpus (a pre-commit hook) <c>stat</c>s the other files instead of opening them. The index is a cache: it
    /// never changes a finding. Off by default in the library (a library user's folders are not written to unasked);
    /// the <c>lint</c> command turns it on unless <c>--no-cache</c> is given. <c>"cache": false</c> in the configuration
    /// turns it off either way.
    /// </summary>
    public bool Cache { get; init; }

    /// <summary>
    /// The folder of the persistent corpus index (<c>--cache-location DIR</c>), absolute or relative to
    /// <see cref="WorkingDirectory"/>; null for <c>.lintcache</c> beside the configuration.
    /// </summary>
    public string? CacheLocation { get; init; }

    /// <summary>
    /// The baseline files of the run (<c>--baseline</c>, <c>--write-baseline</c>), absolute or relative to
    /// <see cref="WorkingDirectory"/>. Like the configuration in use, its schema and the corpus index folder, they are
    /// never linted as incident files, whatever <c>exclude</c> says.
    /// </summary>
    public IReadOnlyList<string> BaselinePaths { get; init; } = [];

    /// <summary>
    /// The file the report will be written to (<c>-o FILE</c>), absolute or relative to <see cref="WorkingDirectory"/>:
    /// a run refuses (with a <see cref="Config.LintConfigurationException"/>, before anything is written) when it is a
    /// file being linted, an incident file of the corpus, the configuration, the schema or a baseline.
    /// </summary>
    public string? ReportPath { get; init; }

    /// <summary>
    /// Told how many files are done, once when the files are known and after each file, while
    /// <see cref="Linter.LintAsync"/> runs. Called from worker threads, possibly at the same time: it must be
    /// thread-safe and quick. Null (the default) for no reports. The library never writes to a console itself.
    /// </summary>
    public IProgress<LintProgress>? Progress { get; init; }
}
