using System.Diagnostics;
using Lint.Config;
using Lint.Rules;

namespace Lint.Benchmarks;

/// <summary>
/// <c>html DIR [ROUNDS] [THREADS]</c>: what the contentHtml rules add to a whole-corpus run. Each round lints the corpus
/// twice, end to end (<see cref="Linter.LintAsync"/>): once with every HTML rule off and once with the defaults, in
/// alternating order so that a loaded machine weighs on both alike; it prints the median of each and the median of the
/// paired ratios (the figure to compare with the 20% budget of issue 16), with the range of the rounds; and the same
/// ratio of the process's CPU time, less sensitive to other processes on a shared machine.
/// </summary>
public static class HtmlRulesBenchmark
{
    /// <summary>The rules that read contentHtml as HTML.</summary>
    public static IReadOnlyList<string> HtmlRuleIds { get; } =
        RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).Where(id => id.StartsWith("content-", StringComparison.Ordinal) || id == "heading-id").ToList();

    public static int Run(string directory, int rounds, int threads)
    {
        var config = LintConfig.Defaults(directory);
        Linter Make(bool html) => new(new LintOptions
        {
            WorkingDirectory = directory,
            Config = config,
            MaxDegreeOfParallelism = threads,
            RuleOverrides = html ? new Dictionary<string, Severity>() : HtmlRuleIds.ToDictionary(id => id, _ => Severity.Off),
        });
        var without = Make(false);
        var with = Make(true);
        // Wall time (the figure), and the process's CPU time (every thread, the GC's included) over the same run: on a
        // loaded machine the wall time also counts the time other processes held the cores, the CPU time does not.
        double cpu = 0;
        // GC pauses and collections of each arm over the measured rounds (index 0: off, 1: on).
        var pauses = new double[2];
        var collections = new int[2, 3];
        bool measuring = false;
        double Time(Linter linter, out int findings)
        {
            int arm = linter == without ? 0 : 1;
            var pause = GC.GetTotalPauseDuration();
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = linter.LintAsync([]).GetAwaiter().GetResult();
            findings = result.Findings.Count;
            double wall = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            if (measuring)
            {
                pauses[arm] += (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
                collections[arm, 0] += GC.CollectionCount(0) - g0;
                collections[arm, 1] += GC.CollectionCount(1) - g1;
                collections[arm, 2] += GC.CollectionCount(2) - g2;
            }
            return wall;
        }
        // Warm-up: JIT, the corpus index, the file cache.
        Time(without, out _);
        Time(with, out int warmFindings);
        var offTimes = new List<double>();
        var onTimes = new List<double>();
        measuring = true;
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            double off, on, offCpu, onCpu;
            if (r % 2 == 0)
            {
                off = Time(without, out _);
                offCpu = cpu;
                on = Time(with, out _);
                onCpu = cpu;
            }
            else
            {
                on = Time(with, out _);
                onCpu = cpu;
                off = Time(without, out _);
                offCpu = cpu;
            }
            offTimes.Add(off);
            onTimes.Add(on);
            ratios.Add(on / off);
            cpuRatios.Add(onCpu / offCpu);
            Console.WriteLine($"round {r + 1,3}: without {off,8:0} ms   with {on,8:0} ms   ratio {on / off:0.000}   (CPU {offCpu,8:0} ms / {onCpu,8:0} ms, ratio {onCpu / offCpu:0.000})");
        }
        Console.WriteLine($"HTML rules: {string.Join(", ", HtmlRuleIds)}; {warmFindings} findings with them on; {threads} thread(s)");
        Console.WriteLine($"median without {Median(offTimes):0} ms, with {Median(onTimes):0} ms; median paired ratio {Median(ratios):0.000} (+{(Median(ratios) - 1) * 100:0.0}%), rounds {ratios.Min():0.000} to {ratios.Max():0.000}");
        // The fastest round of each arm is the one other processes disturbed least: their ratio is a second estimate.
        Console.WriteLine($"fastest rounds: without {offTimes.Min():0} ms, with {onTimes.Min():0} ms; ratio {onTimes.Min() / offTimes.Min():0.000} (+{(onTimes.Min() / offTimes.Min() - 1) * 100:0.0}%)");
        Console.WriteLine($"GC over the rounds: without {pauses[0]:0} ms paused, {collections[0, 0]}/{collections[0, 1]}/{collections[0, 2]} collections (gen 0/1/2); with {pauses[1]:0} ms paused, {collections[1, 0]}/{collections[1, 1]}/{collections[1, 2]}");
        Console.WriteLine($"CPU time (all threads): median paired ratio {Median(cpuRatios):0.000} (+{(Median(cpuRatios) - 1) * 100:0.0}%), rounds {cpuRatios.Min():0.000} to {cpuRatios.Max():0.000}");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
