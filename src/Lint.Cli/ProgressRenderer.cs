using System.Globalization;

namespace Lint.Cli;

/// <summary>
/// Draws "linting N/M files" on one terminal line of standard error while a run lasts longer than
/// <see cref="Delay"/>, and erases it when the run ends. Thread-safe: the engine reports from worker threads.
/// </summary>
public sealed class ProgressRenderer : IProgress<LintProgress>, IDisposable
{
    /// <summary>Runs shorter than this show nothing.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>The shortest time between two redraws.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly object _gate = new();
    private long _lastDraw;
    private bool _drawn;
    private bool _disposed;

    /// <summary>Creates a renderer that writes to <paramref name="writer"/> (a terminal) and reads the time from <paramref name="time"/>.</summary>
    public ProgressRenderer(TextWriter writer, TimeProvider? time = null)
    {
        _writer = writer;
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
    }

    /// <summary>
    /// Whether to show progress: only when standard error is a terminal and the <c>CI</c> environment variable is unset
    /// (any value, even <c>false</c>, counts as a build server, as most CI-aware tools do).
    /// </summary>
    public static bool ShouldShow(bool stderrRedirected, string? ciVariable) => !stderrRedirected && string.IsNullOrEmpty(ciVariable);

    /// <summary>A renderer on the process's standard error when <see cref="ShouldShow"/> says so, otherwise null.</summary>
    public static ProgressRenderer? ForConsole(TextWriter stderr) =>
        ShouldShow(Console.IsErrorRedirected, Environment.GetEnvironmentVariable("CI")) ? new ProgressRenderer(stderr) : null;

    /// <summary>The text of one progress line.</summary>
    public static string Format(LintProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"linting {progress.FilesDone}/{progress.FilesTotal} files");

    /// <inheritdoc />
    public void Report(LintProgress value)
    {
        lock (_gate)
        {
            if (_disposed) return;
            long now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_start, now) < Delay) return;
            if (_drawn && value.FilesDone < value.FilesTotal && _time.GetElapsedTime(_lastDraw, now) < Interval) return;
            _writer.Write("\r" + Format(value) + "\u001b[K");
            _writer.Flush();
            _lastDraw = now;
            _drawn = true;
        }
    }

    /// <summary>Erases the progress line, if one was drawn, so the report starts on a clean line. Later reports are ignored.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_drawn)
            {
                _writer.Write("\r\u001b[K");
                _writer.Flush();
            }
        }
    }
}
