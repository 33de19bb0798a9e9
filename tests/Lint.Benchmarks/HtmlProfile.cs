using System.Diagnostics;
using Lint.Config;
using Lint.Engine;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Benchmarks;

/// <summary>
/// <c>htmlprofile DIR [ROUNDS]</c>: where the time the contentHtml rules add goes, per file, on one thread: the strict
/// parse alone, plus the decoded contentHtml string, plus the shared HTML parse, then every rule with the HTML rules off
/// and on. Each stage runs over every file of the corpus, ROUNDS times interleaved; the fastest round is shown with the
/// bytes allocated per file.
/// </summary>
public static class HtmlProfile
{
    public static int Run(string directory, int rounds)
    {
        var config = LintConfig.Defaults(directory);
        var files = new FileDiscovery(config).CorpusFiles();
        var contents = files.Select(File.ReadAllBytes).ToArray();
        // Every HTML rule off except those named.
        Linter Make(params string[] on) => new(new LintOptions
        {
            WorkingDirectory = directory,
            Config = config,
            MaxDegreeOfParallelism = 1,
            RuleOverrides = HtmlRulesBenchmark.HtmlRuleIds.Where(id => !on.Contains(id)).ToDictionary(id => id, _ => Severity.Off),
        });
        var without = Make();
        var with = Make([.. HtmlRulesBenchmark.HtmlRuleIds]);
        var corpus = with.BuildCorpus(files, null);
        var decoded = contents.Select(c =>
        {
            var (d, _, _) = StrictJsonParser.Parse(c);
            using (d) return d!.Root.GetProperty("record").GetProperty("contentHtml").GetString()!;
        }).ToArray();
        (string Name, Action<int> Body)[] stages =
        [
            ("HtmlContent.Parse of the decoded string", i => Lint.Html.HtmlContent.Parse(decoded[i])),
            ("strict parse", i => { var (d, _, _) = StrictJsonParser.Parse(contents[i]); d!.Dispose(); }),
            ("strict parse + contentHtml string", i =>
            {
                var (d, _, _) = StrictJsonParser.Parse(contents[i]);
                using (d) _ = d!.Root.GetProperty("record").GetProperty("contentHtml").GetString();
            }),
            ("strict parse + HtmlContent", i => { var (d, _, _) = StrictJsonParser.Parse(contents[i]); using (d) _ = d!.ContentHtml; }),
            ("LintContent, HTML rules off", i => without.LintContent(files[i], files[i], contents[i], corpus)),
            .. HtmlRulesBenchmark.HtmlRuleIds.Select(id =>
            {
                var alone = Make(id);
                return ($"LintContent, only {id} on", (Action<int>)(i => alone.LintContent(files[i], files[i], contents[i], corpus)));
            }),
            ("LintContent, HTML rules on", i => with.LintContent(files[i], files[i], contents[i], corpus)),
        ];
        var best = new double[stages.Length];
        var bytes = new long[stages.Length];
        Array.Fill(best, double.MaxValue);
        for (int round = 0; round <= rounds; round++)
        {
            for (int s = 0; s < stages.Length; s++)
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < files.Count; i++) stages[s].Body(i);
                double us = watch.Elapsed.TotalMilliseconds * 1000 / files.Count;
                if (round == 0) continue; // warm-up
                best[s] = Math.Min(best[s], us);
                bytes[s] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / files.Count;
            }
        }
        for (int s = 0; s < stages.Length; s++)
            Console.WriteLine($"{stages[s].Name,-40} {best[s],8:0.0} us/file {bytes[s],9:N0} B/file");
        Console.WriteLine($"HTML rules add {best[^1] - best[4]:0.0} us/file ({(best[^1] / best[4] - 1) * 100:0.0}% of LintContent), {bytes[^1] - bytes[4]:N0} B/file");
        return 0;
    }
}
