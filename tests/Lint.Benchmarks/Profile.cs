using System.Diagnostics;
using Lint.Config;
using Lint.Corpus;
using Lint.Engine;
using Lint.Parsing;
using Lint.Schema;

namespace Lint.Benchmarks;

/// <summary>
/// <c>profile DIR</c>: where the time of a whole-corpus run goes. First the phases of real runs as the command makes
/// them (every core, the corpus index as configured: the first run as the folder's index is, then a warm one), with
/// the wall time of each phase and the process's CPU time over it (CPU about twice the wall on 2 cores means both
/// cores worked); then the per-file cost of each stage on one thread. Coarse on purpose; use the BenchmarkDotNet
/// benchmarks for the per-file costs.
/// </summary>
public static class Profile
{
    public static int Run(string directory)
    {
        for (int round = 1; round <= 2; round++)
        {
            Console.WriteLine($"-- lint run {round} (every core, corpus index {(round == 1 ? "as found" : "warm")}): wall ms, CPU ms");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            void Mark(string name)
            {
                var now = Process.GetCurrentProcess().TotalProcessorTime;
                Console.WriteLine($"{name,-48} {wall.Elapsed.TotalMilliseconds,9:0} {(now - cpu).TotalMilliseconds,9:0}");
                cpu = now;
                wall.Restart();
            }
            var run = new Linter(new LintOptions { WorkingDirectory = directory });
            Mark("linter construction");
            run.PhaseEnded = Mark;
            var lintResult = run.LintAsync([]).GetAwaiter().GetResult();
            var formatter = Lint.Formatting.Formatters.Find("stylish")!;
            formatter.Write(new Lint.Formatting.ReportInput(lintResult, run.Rules.Select(r => r.Metadata).ToList(), false) { WorkingDirectory = directory }, TextWriter.Null);
            Mark("report: format (stylish)");
        }
        Console.WriteLine("-- per-file cost of each stage, one thread");
        var total = Stopwatch.StartNew();
        var config = LintConfig.Defaults(directory);
        var phase = Stopwatch.StartNew();
        var files = new FileDiscovery(config).CorpusFiles();
        Report("discovery (glob walk)", phase, files.Count);

        var linter = new Linter(new LintOptions { WorkingDirectory = directory, Config = config, MaxDegreeOfParallelism = 1 });
        Report("linter construction", phase, 1);

        var corpus = linter.BuildCorpus(files, null);
        Report("slug index (stream record.slug)", phase, files.Count);

        var contents = new byte[files.Count][];
        for (int i = 0; i < files.Count; i++) contents[i] = File.ReadAllBytes(files[i]);
        Report("read every file", phase, files.Count);

        long tokens = 0;
        for (int i = 0; i < files.Count; i++)
        {
            var (doc, _, _) = StrictJsonParser.Parse(contents[i]);
            using (doc) tokens += doc!.DuplicateKeys.Count;
        }
        Report("strict parse", phase, files.Count);

        var schema = SchemaValidator.Default;
        Report("schema load", phase, 1);
        int violations = 0;
        for (int i = 0; i < files.Count; i++)
        {
            var (doc, _, _) = StrictJsonParser.Parse(contents[i]);
            using (doc) violations += schema.Validate(doc!.Root).Count;
        }
        Report("strict parse + schema", phase, files.Count);

        int findings = 0;
        for (int i = 0; i < files.Count; i++)
            findings += linter.LintContent(linter.DisplayPath(files[i]), files[i], contents[i], corpus).Count;
        Report("parse + every rule (LintContent)", phase, files.Count);

        var result = linter.LintAsync([]).GetAwaiter().GetResult();
        Report("LintAsync, one thread (end to end)", phase, result.FilesChecked);
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:0.00}s ({violations + findings + tokens} findings)");
        return 0;
    }

    private static void Report(string name, Stopwatch phase, int count)
    {
        Console.WriteLine($"{name,-40} {phase.Elapsed.TotalMilliseconds,9:0} ms  {phase.Elapsed.TotalMilliseconds * 1000 / Math.Max(1, count),8:0.0} us/file");
        phase.Restart();
    }
}
