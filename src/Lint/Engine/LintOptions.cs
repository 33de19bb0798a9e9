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
    /// matches the hook's pattern (<c>package.json</c>, <c>lint.config.json</c>, ...). No effect without targets.
    /// </summary>
    public bool CorpusOnly { get; init; }

    /// <summary>
    /// Keep the corpus slug index in <c>.lintcache</c> beside the configuration (<c>--cache</c>), so that linting a few
    /// files of a large corpus reads each other file's size and modification time instead of its slug. Off by default.
    /// </summary>
    public bool Cache { get; init; }

    /// <summary>
    /// Told how many files are done, once when the files are known and after each file, while
    /// <see cref="Linter.LintAsync"/> runs. Called from worker threads, possibly at the same time: it must be
    /// thread-safe and quick. Null (the default) for no reports. The library never writes to a console itself.
    /// </summary>
    public IProgress<LintProgress>? Progress { get; init; }
}
