using System.CommandLine;
using Lint.Rules;

namespace Lint.Cli;

/// <summary><c>lint rules</c>: lists every rule with its default severity, fixability and description.</summary>
public static class RulesCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("rules", "List every rule: id, default severity, fixable, description.");
        command.SetAction(_ =>
        {
            Write(RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList(), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes the rules table.</summary>
    public static void Write(IReadOnlyList<RuleMetadata> rules, TextWriter stdout)
    {
        int idWidth = Math.Max("id".Length, rules.Max(r => r.Id.Length));
        stdout.WriteLine($"{"id".PadRight(idWidth)}  {"severity",-8}  {"fixable",-7}  description");
        foreach (var r in rules)
            stdout.WriteLine($"{r.Id.PadRight(idWidth)}  {r.DefaultSeverity.ToName(),-8}  {(r.Fixable ? "yes" : "no"),-7}  {r.Description}");
    }
}
