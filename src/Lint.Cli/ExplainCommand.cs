using System.CommandLine;
using Lint.Rules;

namespace Lint.Cli;

/// <summary><c>lint explain RULE</c>: prints the rule's documentation page, embedded in the library.</summary>
public static class ExplainCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var rule = new Argument<string>("rule") { Description = "A rule id, as listed by 'lint rules'." };
        var command = new Command("explain", "Print a rule's documentation: what it flags, why, examples and the fix.");
        command.Arguments.Add(rule);
        command.SetAction(parseResult => Run(parseResult.GetValue(rule) ?? "", stdout, stderr));
        return command;
    }

    /// <summary>Writes the page of <paramref name="ruleId"/>; an unknown id is a usage error (exit 2) with a suggestion.</summary>
    public static int Run(string ruleId, TextWriter stdout, TextWriter stderr)
    {
        var rule = RuleRegistry.BuiltIn.FirstOrDefault(r => r.Metadata.Id == ruleId);
        if (rule is null)
        {
            stderr.WriteLine($"lint: {RuleRegistry.UnknownRuleMessage(ruleId)}");
            return ExitCodes.UsageError;
        }
        if (!RuleDocs.TryGet(ruleId, out var markdown))
        {
            stderr.WriteLine($"lint: this build has no documentation page for rule '{ruleId}'; see {rule.Metadata.HelpUri}");
            return ExitCodes.UsageError;
        }
        stdout.Write(markdown);
        if (!markdown.EndsWith('\n')) stdout.WriteLine();
        return ExitCodes.Success;
    }
}
