using System.Diagnostics;

namespace Lint.Tests.TestSupport;

/// <summary>Runs the built <c>lint</c> command as a real process: the managed build, or another <see cref="LintBinary"/>.</summary>
public static class LintProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The CLI assembly, copied next to the tests by the project reference.</summary>
    public static string LintDll => Path.Combine(AppContext.BaseDirectory, "lint.dll");

    public static Result Run(string workingDirectory, IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? stdin = null, LintBinary? binary = null)
    {
        binary ??= LintBinary.Managed;
        var psi = new ProcessStartInfo(binary.FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in binary.LeadingArguments) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = null;
        psi.Environment["CI"] = null;
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lint ({binary.Name}) did not finish within 120 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
