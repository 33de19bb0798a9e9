namespace Lint.Tests.Cli;

/// <summary>Runs the command line in-process with captured output (through <see cref="Safety.Cli.InProcessAsync"/>).</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var run = await Safety.Cli.InProcessAsync(args);
        return (run.Exit, run.Stdout, run.Stderr);
    }
}
