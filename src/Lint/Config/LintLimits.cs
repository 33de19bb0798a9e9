namespace Lint.Config;

/// <summary>
/// Budgets for every input lint reads and every piece of work it does on one (configuration <c>"limits"</c>), so that a
/// hostile pull request ends in findings or a clear error, never a hang or exhausted memory. The defaults never bite a
/// real corpus. The configuration file itself is limited to <see cref="ConfigurationSize"/> bytes.
/// </summary>
public sealed record LintLimits
{
    /// <summary>The defaults.</summary>
    public static LintLimits Default { get; } = new();

    /// <summary>The largest configuration file, in bytes (1 MiB; not configurable, since the file would configure itself).</summary>
    public const long ConfigurationSize = 1024 * 1024;

    /// <summary>The largest schema file, and the largest file a <c>$ref</c> loads, in bytes. Default 10 MiB.</summary>
    public long SchemaFileSize { get; init; } = 10 * 1024 * 1024;

    /// <summary>The largest baseline file (<c>--baseline</c>), in bytes. Default 100 MiB.</summary>
    public long BaselineSize { get; init; } = 100L * 1024 * 1024;

    /// <summary>The largest corpus index (<c>.lintcache</c>), in bytes. Default 256 MiB.</summary>
    public long CacheSize { get; init; } = 256L * 1024 * 1024;

    /// <summary>The most schema evaluation steps for one document (one step: one subschema applied to one value). Default 1,000,000.</summary>
    public long SchemaSteps { get; init; } = 1_000_000;

    /// <summary>The most time backtracking schema patterns may take on one file. Default 2 s.</summary>
    public TimeSpan RegexTimePerFile { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most time backtracking schema patterns may take in one run. Default 20 s.</summary>
    public TimeSpan RegexTimePerRun { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest finding message, in characters (longer ones end with an ellipsis). Default 2,000.</summary>
    public int MessageLength { get; init; } = 2000;

    /// <summary>The deepest folder nesting walked below the project. Default 64.</summary>
    public int WalkDepth { get; init; } = 64;
}
