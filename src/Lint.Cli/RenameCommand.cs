using System.CommandLine;
using Lint.Config;
using Lint.Corpus;

namespace Lint.Cli;

/// <summary>The options of one <c>lint rename</c>, as parsed from the command line.</summary>
/// <param name="OldSlug">The slug to rename.</param>
/// <param name="NewSlug">The new slug.</param>
/// <param name="DryRun">Print the unified diff; write nothing.</param>
/// <param name="ConfigPath">An explicit configuration file, or null to discover one.</param>
/// <param name="NoCache">Do not use the corpus index.</param>
public sealed record RenameCommandOptions(string OldSlug, string NewSlug, bool DryRun, string? ConfigPath, bool NoCache);

/// <summary>
/// <c>lint rename OLD NEW</c>: moves the incident <c>OLD.json</c> to <c>NEW.json</c>, updates its slug, url and
/// citation, and rewrites every <c>relatedIncidents</c> entry of the corpus that names OLD. Refusals exit 2 with
/// nothing written.
/// </summary>
public static class RenameCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var oldSlug = new Argument<string>("old") { Description = "The slug of the incident to rename." };
        var newSlug = new Argument<string>("new") { Description = "Its new slug (lowercase kebab-case)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes as a unified diff; write nothing." };
        var config = new Option<string?>("--config", "-c") { Description = "Use this configuration file instead of discovering lint.config.json.", HelpName = "FILE" };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not use the corpus index (.lintcache/)." };
        var command = new Command("rename", "Rename an incident: move OLD.json to NEW.json, update its slug, url and citation, and rewrite every relatedIncidents entry that names OLD.");
        command.Arguments.Add(oldSlug);
        command.Arguments.Add(newSlug);
        command.Options.Add(dryRun);
        command.Options.Add(config);
        command.Options.Add(noCache);
        command.SetAction(parseResult => Run(
            new RenameCommandOptions(parseResult.GetValue(oldSlug) ?? "", parseResult.GetValue(newSlug) ?? "", parseResult.GetValue(dryRun), parseResult.GetValue(config), parseResult.GetValue(noCache)),
            Environment.CurrentDirectory, stdout, stderr));
        return command;
    }

    /// <summary>Runs one rename and returns the exit code: 0 done (or planned, with <c>--dry-run</c>), 1 a write failed, 2 refused.</summary>
    public static int Run(RenameCommandOptions options, string workingDirectory, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var linter = new Linter(new LintOptions { WorkingDirectory = workingDirectory, ConfigPath = options.ConfigPath, Cache = !options.NoCache });
            var plan = linter.PlanRename(options.OldSlug, options.NewSlug);
            var moved = plan.Changes[0];
            int others = plan.Changes.Count - 1;
            int references = plan.Changes.Skip(1).Sum(c => c.References);
            string what = $"{moved.DisplayPath} to {moved.NewDisplayPath} and {references} {(references == 1 ? "reference" : "references")} in {others} {(others == 1 ? "file" : "files")}";
            if (options.DryRun)
            {
                stdout.Write(plan.Diff());
                stdout.WriteLine($"Would rename {Lint.Parsing.Text.Quote(plan.OldSlug)} to {Lint.Parsing.Text.Quote(plan.NewSlug)}: move {what}; nothing was written (--dry-run).");
                return ExitCodes.Success;
            }
            linter.ApplyRename(plan);
            stdout.WriteLine($"Renamed {Lint.Parsing.Text.Quote(plan.OldSlug)} to {Lint.Parsing.Text.Quote(plan.NewSlug)}: moved {what}.");
            return ExitCodes.Success;
        }
        catch (RenameRefusedException ex)
        {
            stderr.WriteLine($"lint: rename refused: {Lint.Parsing.Text.Sanitize(ex.Message, int.MaxValue)}");
            return ExitCodes.UsageError;
        }
        catch (LintConfigurationException ex)
        {
            LintCommand.WriteError(stderr, ex);
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"lint: rename failed: {Lint.Parsing.Text.Sanitize(ex.Message, int.MaxValue)}");
            return ExitCodes.Findings;
        }
    }
}
