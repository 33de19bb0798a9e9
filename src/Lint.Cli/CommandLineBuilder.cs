using System.CommandLine;
using System.CommandLine.Parsing;

namespace Lint.Cli;

/// <summary>Builds the command tree and runs it with lint's exit codes (2 for usage errors).</summary>
public static class CommandLineBuilder
{
    /// <summary>The command tree: <c>lint [paths] [options]</c> and its subcommands.</summary>
    /// <param name="stdout">Where reports go.</param>
    /// <param name="stderr">Where errors and warnings go.</param>
    /// <param name="stdin">Opens standard input for <c>--stdin</c> (default: the process's standard input).</param>
    public static RootCommand Build(TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null)
    {
        var root = new RootCommand("lint: checks incident JSON files against the incident schema and the semantic rules.");
        LintCommand.Configure(root, stdout, stderr, stdin);
        root.Subcommands.Add(RulesCommand.Create(stdout));
        root.Subcommands.Add(ExplainCommand.Create(stdout, stderr));
        root.Subcommands.Add(InitCommand.Create(stdout, stderr));
        root.Subcommands.Add(SchemaCommand.Create(stdout));
        root.Subcommands.Add(RenameCommand.Create(stdout, stderr));
        root.Subcommands.Add(LspCommand.Create());
        return root;
    }

    /// <summary>Parses and invokes; parse errors print to <paramref name="stderr"/> and give exit code 2.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter stderr)
    {
        try
        {
            if (UsageErrors.SwitchWithValue(args, root) is { } switchMessage)
            {
                stderr.WriteLine($"lint: {switchMessage}");
                return ExitCodes.UsageError;
            }
            var parseResult = root.Parse(args);
            if (UsageErrors.HasMistakes(parseResult))
            {
                // Plain words for every mistake (no .NET type names), each on its own line, with "did you mean".
                foreach (var message in UsageErrors.Describe(parseResult)) stderr.WriteLine($"lint: {message}");
                stderr.WriteLine($"Run '{UsageErrors.CommandPath(parseResult.CommandResult)} --help' for usage.");
                return ExitCodes.UsageError;
            }
            return await parseResult.InvokeAsync(new InvocationConfiguration { Output = Console.Out, Error = stderr });
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"lint: internal error: {ex.GetBaseException().Message}");
            return ExitCodes.UsageError;
        }
    }
}

/// <summary>The process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>No error findings, warnings within budget.</summary>
    public const int Success = 0;
    /// <summary>Error findings, or warnings over <c>--max-warnings</c>.</summary>
    public const int Findings = 1;
    /// <summary>Usage or configuration error.</summary>
    public const int UsageError = 2;
}
