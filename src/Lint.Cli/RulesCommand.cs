using System.CommandLine;
using Lint.Rules;

namespace Lint.Cli;

/// <summary><c>lint rules</c>: lists every rule with its default severity, fix availability and description.</summary>
public static class RulesCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("rules", "List every rule: id, default severity, fix (always, sometimes, never), description.");
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (a table for the terminal) or markdown (the table of the README and docs/rules).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|markdown",
        };
        UsageErrors.OneOf(format, "text", "markdown");
        command.Options.Add(format);
        command.SetAction(parseResult =>
        {
            var rules = RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList();
            if (parseResult.GetValue(format) == "markdown") stdout.Write(RuleCatalog.MarkdownTable(rules, "docs/rules/"));
            else Write(rules, stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes the rules table, then the options of the rules that take some.</summary>
    public static void Write(IReadOnlyList<RuleMetadata> rules, TextWriter stdout)
    {
        int idWidth = Math.Max("id".Length, rules.Max(r => r.Id.Length));
        int severityWidth = Math.Max("severity".Length, rules.Max(r => r.DefaultText.Length));
        stdout.WriteLine($"{"id".PadRight(idWidth)}  {"severity".PadRight(severityWidth)}  {"fix",-9}  description");
        foreach (var r in rules)
            stdout.WriteLine($"{r.Id.PadRight(idWidth)}  {r.DefaultText.PadRight(severityWidth)}  {r.FixAvailability.ToName(),-9}  {r.Description}");
        var withOptions = rules.Select(r => (Rule: r, Schema: RuleOptionsSchema.Of(r))).Where(x => x.Schema is not null).ToList();
        if (withOptions.Count == 0) return;
        stdout.WriteLine();
        stdout.WriteLine("options (in lint.config.json: \"rules\": { \"id\": [\"warning\", { \"option\": value }] }):");
        foreach (var (rule, schema) in withOptions)
        {
            foreach (var o in schema!.Options)
                stdout.WriteLine($"  {rule.Id} {o.Name}: {o.Type}, default {o.DefaultJson ?? "none"}{(o.Description is null ? "" : ". " + o.Description)}");
        }
    }
}
