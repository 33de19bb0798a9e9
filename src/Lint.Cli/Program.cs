using System.CommandLine;
using Lint.Cli;

// Thin entry point: build the command tree, parse, invoke. Commands map results to exit codes.
var root = CommandLineBuilder.Build(Console.Out, Console.Error);
return await CommandLineBuilder.RunAsync(root, args, Console.Error);
