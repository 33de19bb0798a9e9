using System.Diagnostics;
using System.Text;

namespace Lint.Tests.TestSupport;

/// <summary>The outcome of a child process, with everything needed to understand a failure.</summary>
public sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Standard output and standard error together.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>A failure description: the command, where it ran, its exit code and both streams (the ends of long ones).</summary>
    public override string ToString() =>
        $"""
        command: {CommandLine}
        in: {WorkingDirectory}
        exit code: {ExitCode} after {Elapsed.TotalSeconds:0.0}s
        --- stdout
        {Tail(StandardOutput)}
        --- stderr
        {Tail(StandardError)}
        """;

    private static string Tail(string text) => text.Length <= 12000 ? text : "[...]\n" + text[^12000..];
}

/// <summary>Runs child processes for the slow end-to-end tests (pack, tool install, git, pre-commit).</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Variables that make 'dotnet' children leave nothing running behind them (no MSBuild nodes, no compiler server)
    /// and print no first-run banners.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DotnetEnvironment { get; } = new Dictionary<string, string>
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
    };

    /// <summary>
    /// Git settings independent of the machine's configuration: no global or system config, a fixed identity,
    /// the default branch named main.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GitEnvironment { get; } = new Dictionary<string, string>
    {
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_AUTHOR_NAME"] = "lint tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@lint.invalid",
        ["GIT_COMMITTER_NAME"] = "lint tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@lint.invalid",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    /// <summary>Runs <paramref name="fileName"/> to completion, or kills it (and its children) after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // The test host runs inside 'dotnet test': drop the MSBuild variables it inherited, so that a child
        // 'dotnet pack' picks its own SDK and settings.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                info.Environment.Remove(key);
        }
        foreach (var (k, v) in DotnetEnvironment) info.Environment[k] = v;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        string commandLine = string.Join(' ', new[] { fileName }.Concat(info.ArgumentList).Select(a => a.Contains(' ') ? $"'{a}'" : a));

        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"cannot start {commandLine} in {workingDirectory}: {ex.Message}");
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool timedOut = false;
        using (var cts = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                await process.WaitForExitAsync();
            }
        }
        // A grandchild that outlives the process could hold the pipes open: wait a little, then take what there is.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(30)));
        string Read(Task<string> t) => t.IsCompletedSuccessfully ? t.Result : "(stream still open: a child process kept it)";
        var result = new ProcessResult(commandLine, workingDirectory, process.ExitCode, Read(stdout), Read(stderr), watch.Elapsed);
        if (timedOut) throw new Xunit.Sdk.XunitException($"timed out after {timeout.TotalMinutes:0} minutes and was killed\n{result}");
        return result;
    }

    /// <summary>Runs a command and fails the test, showing its output, unless it exits 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await RunAsync(fileName, arguments, workingDirectory, timeout, environment);
        if (result.ExitCode != 0) throw new Xunit.Sdk.XunitException($"command failed\n{result}");
        return result;
    }

    /// <summary>Runs git with <see cref="GitEnvironment"/> and fails the test unless it exits 0.</summary>
    public static Task<ProcessResult> GitAsync(string workingDirectory, params string[] arguments) =>
        RunCheckedAsync("git", arguments, workingDirectory, TimeSpan.FromMinutes(2), GitEnvironment);

    /// <summary>Whether <paramref name="fileName"/> is an executable on the PATH.</summary>
    public static string? FindOnPath(string fileName)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, fileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
