using System.Diagnostics;
using Lint.Config;
using Lint.Corpus;
using Lint.Engine;
using Lint.Parsing;
using Lint.Schema;

namespace Lint.Benchmarks;

/// <summary>
/// <c>profile DIR</c>: where the time of a whole-corpus run goes, phase by phase, on one thread (wall time per phase).
/// Coarse on purpose; use the BenchmarkDotNet benchmarks for the per-file costs.
/// </summary>
public static class Profile
{
    public static int Run(string directory)
    {
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
