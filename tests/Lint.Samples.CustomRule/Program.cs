// The custom-rule sample of docs/extending.md: lint with the built-in rules plus two of our own.
//   dotnet run --project tests/Lint.Samples.CustomRule -- [PATH|GLOB ...]
// Like 'lint', it reads lint.config.json (found upward from the current directory), so the configuration can set
// the custom rules' severities too: "rules": { "https-sources": "warning" }.
using Lint;
using Lint.Config;
using Lint.Formatting;
using Lint.Samples.CustomRule;

try
{
    var linter = new Linter(new LintOptions
    {
        AdditionalRules = [new HttpsSourcesRule(), new SeriesRule()],
    });
    LintResult result = await linter.LintAsync(args);
    var report = new ReportInput(result, linter.Rules.Select(r => r.Metadata).ToList());
    Formatters.Find("stylish")!.Write(report, Console.Out);
    return result.ErrorCount > 0 ? 1 : 0;
}
catch (LintConfigurationException ex)
{
    Console.Error.WriteLine($"sample: {ex.Message}");
    return 2;
}
