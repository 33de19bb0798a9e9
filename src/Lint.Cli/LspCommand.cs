using System.CommandLine;
using Lint.LanguageServer;

namespace Lint.Cli;

/// <summary><c>lint lsp</c>: the language server for editors, over standard input and output (docs/editors.md).</summary>
public static class LspCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create()
    {
        // Editors' generic clients often pass --stdio; it is the only transport, so the flag is accepted and changes nothing.
        var stdio = new Option<bool>("--stdio") { Description = "Talk over standard input and output (the default and only transport)." };
        var command = new Command("lsp", "Run the language server (Language Server Protocol over standard input and output) for editors.");
        command.Options.Add(stdio);
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var input = Console.OpenStandardInput();
            await using var output = Console.OpenStandardOutput();
            return await new LspServer(input, output).RunAsync(cancellationToken);
        });
        return command;
    }
}
