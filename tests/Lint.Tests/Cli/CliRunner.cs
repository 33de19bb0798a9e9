using Lint.Cli;

namespace Lint.Tests.Cli;

/// <summary>Runs the command line in-process with captured output.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = CommandLineBuilder.Build(stdout, stderr);
        int code = await CommandLineBuilder.RunAsync(root, args, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
