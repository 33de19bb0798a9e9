using System.Diagnostics;
using System.Text.Json;
using Lint.Cli;

namespace Lint.Tests.Safety;

/// <summary>One finding as the <c>json</c> format prints it.</summary>
public sealed record JsonFinding(string File, int Line, int Column, string RuleId, string Severity, string Message);

/// <summary>Runs the command line: in process through its entry point, or as a child process.</summary>
public static class Cli
{
    /// <summary>The outcome of one run.</summary>
    public sealed record Run(int Exit, string Stdout, string Stderr)
    {
        /// <summary>The findings of a <c>--format json</c> run, with file paths made absolute (the CLI prints them relative to the current folder).</summary>
        public IReadOnlyList<JsonFinding> Findings()
        {
            using var doc = JsonDocument.Parse(Stdout);
            return doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => new JsonFinding(
                Path.GetFullPath(f.GetProperty("file").GetString()!, Environment.CurrentDirectory),
                f.GetProperty("line").GetInt32(),
                f.GetProperty("column").GetInt32(),
                f.GetProperty("ruleId").GetString()!,
                f.GetProperty("severity").GetString()!,
                f.GetProperty("message").GetString()!)).ToList();
        }

        /// <summary>Fails when anything looks like a crash: a stack trace, an internal error, an unhandled exception.</summary>
        public void AssertNoCrash()
        {
            foreach (var text in new[] { Stdout, Stderr })
            {
                Assert.DoesNotContain("   at ", text);
                Assert.DoesNotContain("internal error", text);
                Assert.DoesNotContain("Unhandled exception", text);
            }
        }
    }

    /// <summary>Runs <c>lint ARGS</c> in this process through the same entry point as <c>Program</c>.</summary>
    public static async Task<Run> InProcessAsync(IEnumerable<string> args, Func<Stream>? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = CommandLineBuilder.Build(stdout, stderr, stdin);
        int exit = await CommandLineBuilder.RunAsync(root, args.ToArray(), stderr);
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Runs the built <c>lint</c> program as a child process (for what only a fresh process shows, such as the
    /// process-wide regular expression timeout). Killed and failed after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Run> ChildProcessAsync(IEnumerable<string> args, TimeSpan timeout, byte[]? stdin = null, string? workingDirectory = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lint.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference Lint.Cli");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(psi)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"lint {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        return new Run(process.ExitCode, await stdoutTask, await stderrTask);
    }
}
