using System.CommandLine;
using System.Text;
using Lint.Config;

namespace Lint.Cli;

/// <summary><c>lint init</c>: writes a starter <c>lint.config.json</c> in the current directory, never over an existing one.</summary>
public static class InitCommand
{
    /// <summary>
    /// The starter configuration: every section once, with the default taxonomy, ready to edit. Its <c>rules</c> only
    /// restate defaults (to show the form): a starter never changes what a rule's documentation says it does.
    /// </summary>
    public const string StarterConfiguration = """
        {
          "include": ["content/incidents/**/*.json"],
          "exclude": ["**/drafts/**"],
          "site": "https://example.org",
          "rules": {
            "related-duplicate": "warning",
            "duplicate-source": "warning"
          },
          "overrides": [
            { "files": ["content/incidents/legacy/**"], "rules": { "citation-format": "off" } }
          ],
          "taxonomy": {
            "category": { "rule-of-law": "Rule of Law" },
            "severity": { "severe": "Serious Rights Violation" },
            "posture": { "reported": "Reported record" }
          }
        }

        """;

    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("init", $"Write a starter {ConfigLoader.FileName} in the current directory (an existing one is never overwritten).");
        command.SetAction(_ => Run(Environment.CurrentDirectory, stdout, stderr));
        return command;
    }

    /// <summary>Writes the starter configuration into <paramref name="directory"/>; exit 2 when one is already there.</summary>
    public static int Run(string directory, TextWriter stdout, TextWriter stderr)
    {
        var path = Path.Combine(directory, ConfigLoader.FileName);
        try
        {
            // CreateNew fails if the file exists, even if it appeared a moment ago: nothing is ever overwritten.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var bytes = new UTF8Encoding(false).GetBytes(StarterConfiguration.ReplaceLineEndings("\n"));
            stream.Write(bytes);
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path))
        {
            stderr.WriteLine($"lint: {path} already exists; not overwriting it (edit it, or delete it and run 'lint init' again)");
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"lint: cannot write {path}: {ex.Message}");
            return ExitCodes.UsageError;
        }
        stdout.WriteLine($"Wrote {path}.");
        stdout.WriteLine("Next: set 'include' to your incident files and 'site' to your site's URL, then run 'lint'.");
        stdout.WriteLine($"lint keeps its corpus index (a cache) in {Lint.Corpus.CorpusIndex.DefaultFolderName}/ beside the configuration; add '{Lint.Corpus.CorpusIndex.DefaultFolderName}/' to your .gitignore (the folder also ignores itself).");
        return ExitCodes.Success;
    }
}
