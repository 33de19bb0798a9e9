using BenchmarkDotNet.Running;
using Lint.Benchmarks;

// dotnet run -c Release --project tests/Lint.Benchmarks -- generate DIR COUNT [SEED] [DEFECT_RATE]
// dotnet run -c Release --project tests/Lint.Benchmarks -- profile DIR
// dotnet run -c Release --project tests/Lint.Benchmarks -- html DIR [ROUNDS] [THREADS]   (paired medians: the contentHtml rules off / on)
// dotnet run -c Release --project tests/Lint.Benchmarks -- htmlprofile DIR [ROUNDS]   (per-file cost of the contentHtml parse and rules, one thread)
// dotnet run -c Release --project tests/Lint.Benchmarks -- lsp [ROUNDS]   (paired medians of lint lsp edits, docs/editors.md)
// dotnet run -c Release --project tests/Lint.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter '*']
if (args.Length > 0 && args[0] == "generate")
{
    if (args.Length < 3)
    {
        Console.Error.WriteLine("usage: generate DIR COUNT [SEED] [DEFECT_RATE]");
        return 2;
    }
    int seed = args.Length > 3 ? int.Parse(args[3]) : 1;
    double rate = args.Length > 4 ? double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0;
    var files = CorpusGenerator.Generate(args[1], int.Parse(args[2]), seed, File.ReadAllText(Fixtures.TemplatePath), rate);
    Console.WriteLine($"{files.Count} files written to {args[1]}");
    return 0;
}
if (args.Length > 0 && args[0] == "profile")
{
    if (args.Length < 2)
    {
        Console.Error.WriteLine("usage: profile DIR");
        return 2;
    }
    return Profile.Run(Path.GetFullPath(args[1]));
}
if (args.Length > 0 && args[0] == "html")
{
    if (args.Length < 2)
    {
        Console.Error.WriteLine("usage: html DIR [ROUNDS] [THREADS]");
        return 2;
    }
    return HtmlRulesBenchmark.Run(Path.GetFullPath(args[1]), args.Length > 2 ? int.Parse(args[2]) : 10, args.Length > 3 ? int.Parse(args[3]) : 1);
}
if (args.Length > 0 && args[0] == "htmlprofile")
{
    if (args.Length < 2)
    {
        Console.Error.WriteLine("usage: htmlprofile DIR [ROUNDS]");
        return 2;
    }
    return HtmlProfile.Run(Path.GetFullPath(args[1]), args.Length > 2 ? int.Parse(args[2]) : 5);
}
if (args.Length > 0 && args[0] == "lsp")
{
    return LspBenchmarks.RunPaired(args.Length > 1 ? int.Parse(args[1]) : 100);
}
BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
return 0;
