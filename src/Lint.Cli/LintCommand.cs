using System.CommandLine;
using System.CommandLine.Parsing;
using Lint.Baseline;
using Lint.Config;
using Lint.Formatting;
using Lint.IO;

namespace Lint.Cli;

/// <summary>The options of one <c>lint</c> run, as parsed from the command line.</summary>
public sealed record LintCommandOptions(
    IReadOnlyList<string> Paths,
    string Format,
    string? Output,
    string? ConfigPath,
    IReadOnlyDictionary<string, Severity> Rules,
    bool Quiet,
    bool NoColor,
    bool Fix = false,
    bool FixDryRun = false)
{
    /// <summary><c>--max-warnings N</c>: exit 1 when more than N warnings are reported; null for no limit.</summary>
    public int? MaxWarnings { get; init; }

    /// <summary><c>--baseline FILE</c>: suppress the findings recorded in FILE.</summary>
    public string? Baseline { get; init; }

    /// <summary><c>--write-baseline FILE</c>: record today's findings in FILE (pruning those that no longer occur).</summary>
    public string? WriteBaseline { get; init; }

    /// <summary><c>--corpus-only</c>: skip targets outside the configured corpus (for pre-commit hooks).</summary>
    public bool CorpusOnly { get; init; }

    /// <summary><c>--no-cache</c>: neither read nor write the persistent corpus index (it is on by default; <c>--cache</c> is accepted and changes nothing).</summary>
    public bool NoCache { get; init; }

    /// <summary><c>--cache-location DIR</c>: keep the persistent corpus index in DIR instead of <c>.lintcache/</c> beside the configuration.</summary>
    public string? CacheLocation { get; init; }

    /// <summary><c>--stdin</c>: lint standard input instead of files.</summary>
    public bool Stdin { get; init; }

    /// <summary><c>--stdin-filename</c>: the path standard input is linted as (rules, overrides and messages use it).</summary>
    public string? StdinFilename { get; init; }
}

/// <summary>The main command: turns options into a <see cref="LintCommandOptions"/>, calls the library, maps the result to an exit code.</summary>
public static class LintCommand
{
    /// <summary>Adds the arguments, options and action of the main command to <paramref name="root"/>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="stdout">Where reports go.</param>
    /// <param name="stderr">Where errors and warnings go.</param>
    /// <param name="stdin">Opens standard input for <c>--stdin</c> (default: the process's standard input).</param>
    public static void Configure(RootCommand root, TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files, directories (every *.json below) or globs. Default: the configuration's include set.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        // A token that looks like an option but is none ('--bogus') is an unknown option, not a path: UsageErrors says so.
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "stylish",
        };
        format.HelpName = string.Join("|", Formatters.All.Select(f => f.Name));
        UsageErrors.OneOf(format, Formatters.All.Select(f => f.Name).ToArray());
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE (atomically) and the summary to standard output.", HelpName = "FILE" };
        var config = new Option<string?>("--config", "-c") { Description = "Use this configuration file instead of discovering lint.config.json.", HelpName = "FILE" };
        var rule = new Option<string[]>("--rule")
        {
            Description = "Override one rule's severity: ID=off|warning|error (repeatable).",
            AllowMultipleArgumentsPerToken = false,
            HelpName = "ID=off|warning|error",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Report errors only." };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output (NO_COLOR is honoured too)." };
        var corpusOnly = new Option<bool>("--corpus-only")
        {
            Description = "Skip the given files that are not in the configured corpus (include minus exclude), as a pre-commit hook needs.",
        };
        var maxWarnings = new Option<int?>("--max-warnings") { Description = "Exit 1 when more than N warnings are reported (N >= 0).", HelpName = "N" };
        UsageErrors.Count(maxWarnings);
        var baseline = new Option<string?>("--baseline") { Description = "Report only findings that the baseline FILE does not record.", HelpName = "FILE" };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Record today's findings in the baseline FILE, pruning those that no longer occur.", HelpName = "FILE" };
        var fix = new Option<bool>("--fix") { Description = "Apply safe fixes to the files, then report what remains." };
        var fixDryRun = new Option<bool>("--fix-dry-run") { Description = "Print the safe fixes as a unified diff per file; write nothing." };
        var cacheOption = new Option<bool>("--cache") { Description = "Accepted for compatibility: the corpus index (.lintcache/) is on by default." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the corpus index (.lintcache/); every corpus file is read." };
        var cacheLocation = new Option<string?>("--cache-location") { Description = "Keep the corpus index in DIR instead of .lintcache/ beside the configuration.", HelpName = "DIR" };
        var stdinOption = new Option<bool>("--stdin") { Description = "Lint standard input instead of files (requires --stdin-filename)." };
        var stdinFilename = new Option<string?>("--stdin-filename") { Description = "The path standard input is linted as: its name, folder and configuration overrides apply.", HelpName = "NAME" };
        root.Arguments.Add(paths);
        foreach (var o in new Option[] { format, output, config, rule, quiet, noColor, maxWarnings, baseline, writeBaseline, fix, fixDryRun, corpusOnly, cacheOption, noCache, cacheLocation, stdinOption, stdinFilename }) root.Options.Add(o);

        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var rules = new Dictionary<string, Severity>(StringComparer.Ordinal);
            foreach (var text in parseResult.GetValue(rule) ?? [])
            {
                int eq = text.IndexOf('=');
                if (eq <= 0 || !SeverityNames.TryParse(text[(eq + 1)..], out var severity))
                {
                    var near = eq > 0 ? Lint.Parsing.Spelling.DidYouMean(text[(eq + 1)..], ["off", "warning", "error"]) : null;
                    stderr.WriteLine($"lint: --rule expects ID=off|warning|error (such as --rule duplicate-tag=off), not '{Lint.Parsing.Text.Sanitize(text)}'"
                        + (near is null ? "" : $"; did you mean '{text[..eq]}={near}'?"));
                    return ExitCodes.UsageError;
                }
                rules[text[..eq]] = severity;
            }
            // A path that is not there but is close to a command name is a mistyped command ('lint rulez').
            foreach (var path in parseResult.GetValue(paths) ?? [])
            {
                if (path.IndexOfAny(['*', '?', '[', '{', '/', '\\', '.']) >= 0) continue;
                var full = Path.GetFullPath(path);
                if (File.Exists(full) || Directory.Exists(full)) continue;
                if (Lint.Parsing.Spelling.DidYouMean(path, root.Subcommands.Select(c => c.Name)) is { } command)
                {
                    stderr.WriteLine($"lint: '{Lint.Parsing.Text.Sanitize(path)}' is not a command, a file or a folder; did you mean 'lint {command}'?");
                    return ExitCodes.UsageError;
                }
            }
            var max = parseResult.GetValue(maxWarnings);
            if (max < 0)
            {
                stderr.WriteLine($"lint: --max-warnings must be 0 or more, not {max}");
                return ExitCodes.UsageError;
            }
            var options = new LintCommandOptions(
                parseResult.GetValue(paths) ?? [],
                parseResult.GetValue(format) ?? "stylish",
                parseResult.GetValue(output),
                parseResult.GetValue(config),
                rules,
                parseResult.GetValue(quiet),
                parseResult.GetValue(noColor),
                parseResult.GetValue(fix),
                parseResult.GetValue(fixDryRun))
            {
                MaxWarnings = max,
                Baseline = parseResult.GetValue(baseline),
                WriteBaseline = parseResult.GetValue(writeBaseline),
                CorpusOnly = parseResult.GetValue(corpusOnly),
                NoCache = parseResult.GetValue(noCache),
                CacheLocation = parseResult.GetValue(cacheLocation),
                Stdin = parseResult.GetValue(stdinOption),
                StdinFilename = parseResult.GetValue(stdinFilename),
            };
            return await RunAsync(options, stdout, stderr, cancellationToken, stdin);
        });
    }

    /// <summary>
    /// Prints a configuration error, one mistake a line, each prefixed with <c>lint: </c>. The message can quote the
    /// configuration or the schema, which a pull request can change, so each line is sanitized.
    /// </summary>
    internal static void WriteError(TextWriter stderr, LintConfigurationException ex)
    {
        foreach (var line in ex.Message.Split('\n'))
            stderr.WriteLine($"lint: {Lint.Parsing.Text.Sanitize(line, int.MaxValue)}");
    }

    /// <summary>Runs one lint and returns the exit code.</summary>
    public static async Task<int> RunAsync(LintCommandOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, Func<Stream>? stdin = null)
    {
        if (options.Stdin && string.IsNullOrWhiteSpace(options.StdinFilename))
        {
            stderr.WriteLine("lint: --stdin requires --stdin-filename NAME (the path the input is linted as)");
            return ExitCodes.UsageError;
        }
        if (!options.Stdin && options.StdinFilename is not null)
        {
            stderr.WriteLine("lint: --stdin-filename is only used with --stdin");
            return ExitCodes.UsageError;
        }
        if (options.Stdin && options.Paths.Count > 0)
        {
            stderr.WriteLine("lint: --stdin lints standard input only; do not also give paths");
            return ExitCodes.UsageError;
        }
        if (options.Stdin && (options.Fix || options.FixDryRun))
        {
            stderr.WriteLine("lint: --fix and --fix-dry-run work on files, not on --stdin");
            return ExitCodes.UsageError;
        }
        if (options.Baseline is not null && options.WriteBaseline is not null)
        {
            stderr.WriteLine("lint: use either --baseline or --write-baseline, not both (--write-baseline already suppresses what it records)");
            return ExitCodes.UsageError;
        }
        if (options.NoCache && options.CacheLocation is not null)
        {
            stderr.WriteLine("lint: --no-cache and --cache-location cannot be used together (--no-cache turns the corpus index off)");
            return ExitCodes.UsageError;
        }
        if (options.CacheLocation is { } location && File.Exists(Path.GetFullPath(location)))
        {
            stderr.WriteLine($"lint: --cache-location {location}: is a file; give a folder (it is created if it does not exist)");
            return ExitCodes.UsageError;
        }
        if (options.Fix && options.FixDryRun)
        {
            stderr.WriteLine("lint: --fix and --fix-dry-run cannot be used together");
            return ExitCodes.UsageError;
        }
        try
        {
            var workingDirectory = Environment.CurrentDirectory;
            bool baselineActive = options.Baseline is not null || options.WriteBaseline is not null;
            BaselineRun baseline;
            LintResult result;
            Linter linter;
            IReadOnlyList<Fixing.FileFix> fixedFiles = [];
            using (var progress = ProgressRenderer.ForConsole(stderr))
            {
                linter = new Linter(new LintOptions
                {
                    WorkingDirectory = workingDirectory,
                    ConfigPath = options.ConfigPath,
                    RuleOverrides = options.Rules,
                    // With a baseline, warnings must be seen to be matched; --quiet then only filters the report.
                    Quiet = options.Quiet && !baselineActive,
                    CorpusOnly = options.CorpusOnly,
                    Cache = !options.NoCache,
                    CacheLocation = options.CacheLocation,
                    BaselinePaths = new[] { options.Baseline, options.WriteBaseline }.OfType<string>().ToList(),
                    ReportPath = options.Output,
                    Progress = progress,
                });
                // The baseline is read within the project's budget: a size limit, a regular file, no link out of the project.
                baseline = new BaselineRun(options.Baseline, options.WriteBaseline, workingDirectory, linter.Config.Limits.BaselineSize, new ProjectBoundary(linter.Config.BaseDirectory));
                foreach (var warning in linter.Warnings) stderr.WriteLine($"lint: warning: {Lint.Parsing.Text.Sanitize(warning, int.MaxValue)}");
                if (options.Stdin)
                {
                    await using var standardInput = (stdin ?? Console.OpenStandardInput)();
                    result = await linter.LintStreamAsync(options.StdinFilename!, standardInput, cancellationToken);
                }
                else if (options.Fix || options.FixDryRun)
                {
                    var run = await linter.FixFilesAsync(options.Paths, write: options.Fix, cancellationToken);
                    result = run.Result;
                    fixedFiles = run.Files;
                }
                else
                {
                    result = await linter.LintAsync(options.Paths, cancellationToken);
                }
            }
            // Files named on the command line that were not linted (excluded, or lint's own): a note, not a finding.
            foreach (var notice in result.Notices) stderr.WriteLine($"lint: notice: {Lint.Parsing.Text.Sanitize(notice, int.MaxValue)}");
            // A dry run shows the change of each file as a unified diff, before the report.
            if (options.FixDryRun)
            {
                foreach (var file in fixedFiles) stdout.Write(file.Diff());
            }

            var outcome = baseline.Apply(result);
            if (outcome.Written is { } written)
            {
                stderr.WriteLine($"lint: wrote the baseline {options.WriteBaseline}: {written.FindingCount} {(written.FindingCount == 1 ? "finding" : "findings")} recorded"
                    + (outcome.Pruned > 0 ? $", {outcome.Pruned} that no longer {(outcome.Pruned == 1 ? "occurs" : "occur")} pruned" : ""));
            }
            var comparison = outcome.Comparison;
            result = options.Quiet ? outcome.Result.ErrorsOnly() : outcome.Result;

            var formatter = Formatters.Find(options.Format)!;
            bool color = options.Output is null && !options.NoColor && !Console.IsOutputRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            var input = new ReportInput(result, linter.Rules.Select(r => r.Metadata).ToList(), color)
            {
                WorkingDirectory = workingDirectory,
                Baseline = comparison,
            };
            if (options.Output is not null)
            {
                AtomicFile.Write(options.Output, writer => formatter.Write(input, writer));
                stdout.WriteLine(StylishFormatter.Summary(result));
                if (comparison is not null) stdout.WriteLine(comparison.Describe());
            }
            else
            {
                formatter.Write(input, stdout);
                // The stylish report carries the baseline note; machine formats keep standard output clean.
                if (comparison is not null && formatter is not StylishFormatter) stderr.WriteLine($"lint: {comparison.Describe()}");
            }

            bool overBudget = options.MaxWarnings is { } limit && result.WarningCount > limit;
            if (overBudget)
                stderr.WriteLine($"lint: {result.WarningCount} {(result.WarningCount == 1 ? "warning exceeds" : "warnings exceed")} --max-warnings {options.MaxWarnings}");
            return result.ErrorCount > 0 || overBudget ? ExitCodes.Findings : ExitCodes.Success;
        }
        catch (BaselineException ex)
        {
            stderr.WriteLine($"lint: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (LintConfigurationException ex)
        {
            WriteError(stderr, ex);
            return ExitCodes.UsageError;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"lint: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (UnauthorizedAccessException ex)
        {
            stderr.WriteLine($"lint: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }
}
