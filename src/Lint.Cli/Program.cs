using System.CommandLine;
using Lint;
using Lint.Cli;

// Before anything can use a regular expression: a default match timeout, so an evil pattern in a schema cannot hang the run.
RegexSafety.Configure();
// Thin entry point: build the command tree, parse, invoke. Commands map results to exit codes.
var root = CommandLineBuilder.Build(Console.Out, Console.Error);
return await CommandLineBuilder.RunAsync(root, args, Console.Error);
