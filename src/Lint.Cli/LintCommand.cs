using System.CommandLine;
using System.CommandLine.Parsing;
using Lint.Config;
using Lint.Formatting;

namespace Lint.Cli;

/// <summary>The options of one <c>lint</c> run, as parsed from the command line.</summary>
public sealed record LintCommandOptions(
    IReadOnlyList<string> Paths,
    string Format,
    string? Output,
    string? ConfigPath,
    IReadOnlyDictionary<string, Severity> Rules,
    bool Quiet,
    bool NoColor)
{
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
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                    result.AddError($"unknown option '{token.Value}'");
            }
        });
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "stylish",
        };
        format.AcceptOnlyFromAmong(Formatters.All.Select(f => f.Name).ToArray());
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output." };
        var config = new Option<string?>("--config", "-c") { Description = "Use this configuration file instead of discovering lint.config.json." };
        var rule = new Option<string[]>("--rule")
        {
            Description = "Override one rule's severity: ID=off|warning|error (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var quiet = new Option<bool>("--quiet") { Description = "Report errors only." };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output (NO_COLOR is honoured too)." };
        var stdinOption = new Option<bool>("--stdin") { Description = "Lint standard input instead of files (requires --stdin-filename)." };
        var stdinFilename = new Option<string?>("--stdin-filename") { Description = "The path standard input is linted as: its name, folder and configuration overrides apply." };
        root.Arguments.Add(paths);
        foreach (var o in new Option[] { format, output, config, rule, quiet, noColor, stdinOption, stdinFilename }) root.Options.Add(o);

        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var rules = new Dictionary<string, Severity>(StringComparer.Ordinal);
            foreach (var text in parseResult.GetValue(rule) ?? [])
            {
                int eq = text.IndexOf('=');
                if (eq <= 0 || !SeverityNames.TryParse(text[(eq + 1)..], out var severity))
                {
                    stderr.WriteLine($"lint: invalid --rule '{text}'; expected ID=off|warning|error");
                    return ExitCodes.UsageError;
                }
                rules[text[..eq]] = severity;
            }
            var options = new LintCommandOptions(
                parseResult.GetValue(paths) ?? [],
                parseResult.GetValue(format) ?? "stylish",
                parseResult.GetValue(output),
                parseResult.GetValue(config),
                rules,
                parseResult.GetValue(quiet),
                parseResult.GetValue(noColor))
            {
                Stdin = parseResult.GetValue(stdinOption),
                StdinFilename = parseResult.GetValue(stdinFilename),
            };
            return await RunAsync(options, stdout, stderr, cancellationToken, stdin);
        });
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
        try
        {
            var linter = new Linter(new LintOptions
            {
                ConfigPath = options.ConfigPath,
                RuleOverrides = options.Rules,
                Quiet = options.Quiet,
            });
            foreach (var warning in linter.Warnings) stderr.WriteLine($"lint: warning: {Lint.Parsing.Text.Sanitize(warning, int.MaxValue)}");
            LintResult result;
            if (options.Stdin)
            {
                await using var input = (stdin ?? Console.OpenStandardInput)();
                result = await linter.LintStreamAsync(options.StdinFilename!, input, cancellationToken);
            }
            else
            {
                result = await linter.LintAsync(options.Paths, cancellationToken);
            }
            var formatter = Formatters.Find(options.Format)!;
            bool color = options.Output is null && !options.NoColor && !Console.IsOutputRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            var report = new ReportInput(result, linter.Rules.Select(r => r.Metadata).ToList(), color);
            if (options.Output is not null)
            {
                await using var file = new StreamWriter(options.Output, append: false, new System.Text.UTF8Encoding(false));
                formatter.Write(report, file);
                stdout.WriteLine(StylishFormatter.Summary(result));
            }
            else
            {
                formatter.Write(report, stdout);
            }
            return result.ErrorCount > 0 ? ExitCodes.Findings : ExitCodes.Success;
        }
        catch (LintConfigurationException ex)
        {
            // The message can quote the configuration or the schema, which a pull request can change.
            stderr.WriteLine($"lint: {Lint.Parsing.Text.Sanitize(ex.Message, int.MaxValue)}");
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
