using System.CommandLine;
using Lint.Cli;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>
/// Usage mistakes get plain words (never a .NET type name or a parser's phrase), exit 2, and "did you mean" for
/// options, commands and values; every mistake of a configuration is reported in one run with its file:line:col.
/// </summary>
public sealed class UsageMessageTests : IDisposable
{
    private readonly TempDir _dir = new();

    public UsageMessageTests()
    {
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        _dir.Write("lint.config.json", """{ "include": ["*.json"], "site": "https://trumpswarcrimes.com" }""");
    }

    public void Dispose() => _dir.Dispose();

    private LintProcess.Result Lint(params string[] args) => LintProcess.Run(_dir.Path, args);

    /// <summary>What no usage message may show: .NET machinery and System.CommandLine's own phrases.</summary>
    private static void AssertPlain(string stderr)
    {
        foreach (var machinery in new[] { "System.", "`1", "Nullable", "Int32", "Cannot parse", "Unrecognized command", "Required argument missing", "not recognized", "   at ", "Exception" })
            Assert.DoesNotContain(machinery, stderr);
    }

    [Theory]
    [InlineData(new[] { "--max-warnings", "abc" }, "lint: --max-warnings expects a whole number, 0 or more (such as --max-warnings 0), not 'abc'")]
    [InlineData(new[] { "--max-warnings", "-1" }, "lint: --max-warnings expects a whole number, 0 or more (such as --max-warnings 0), not '-1'")]
    [InlineData(new[] { "--max-warnings", "99999999999" }, "lint: --max-warnings 99999999999 is too large; the most is 2147483647")]
    [InlineData(new[] { "--max-warnings" }, "lint: --max-warnings needs a value: N")]
    [InlineData(new[] { "-o" }, "lint: -o needs a value: FILE")]
    [InlineData(new[] { "--format", "xml" }, "lint: --format must be one of stylish, json, sarif, github, junit, not 'xml'")]
    [InlineData(new[] { "--format", "sarf" }, "did you mean 'sarif'?")]
    [InlineData(new[] { "--quiet=maybe" }, "lint: --quiet is a switch and takes no value (found '--quiet=maybe'); write '--quiet' alone")]
    [InlineData(new[] { "--rule", "source-count=eror" }, "did you mean 'source-count=error'?")]
    [InlineData(new[] { "--formt", "json" }, "lint: unknown option '--formt'; did you mean '--format'?")]
    [InlineData(new[] { "--max-warning", "1" }, "did you mean '--max-warnings'?")]
    [InlineData(new[] { "rulez" }, "lint: 'rulez' is not a command, a file or a folder; did you mean 'lint rules'?")]
    [InlineData(new[] { "expalin", "source-count" }, "did you mean 'lint explain'?")]
    [InlineData(new[] { "rules", "--bogus" }, "lint: unknown option '--bogus' for 'lint rules'")]
    [InlineData(new[] { "rules", "--fromat", "markdown" }, "lint: unknown option '--fromat' for 'lint rules'; did you mean '--format'?")]
    [InlineData(new[] { "rules", "--format", "markdwon" }, "lint: --format must be one of text, markdown, not 'markdwon'; did you mean 'markdown'?")]
    [InlineData(new[] { "rules", "extra" }, "lint: 'lint rules' takes no argument 'extra'")]
    [InlineData(new[] { "explain" }, "lint: 'lint explain' needs RULE")]
    [InlineData(new[] { "rename", "a" }, "lint: 'lint rename' needs NEW")]
    [InlineData(new[] { "rename", "--dry-rn", "a", "b" }, "did you mean '--dry-run'?")]
    public void AUsageMistakeIsExplainedInPlainWords(string[] args, string expected)
    {
        var r = Lint(args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Stderr);
        Assert.Equal("", r.Stdout);
        AssertPlain(r.Stderr);
    }

    /// <summary>Every option of every command that takes a value: a missing value and (for checked types) a wrong one give plain words naming the option.</summary>
    [Fact]
    public async Task EveryOptionThatTakesAValueSaysWhatItNeeds()
    {
        var root = CommandLineBuilder.Build(TextWriter.Null, TextWriter.Null);
        var commands = new List<(string[] Prefix, Command Command)> { ([], root) };
        commands.AddRange(root.Subcommands.Select(c => (new[] { c.Name }, (Command)c)));
        int checkedOptions = 0;
        foreach (var (prefix, command) in commands)
        {
            foreach (var option in command.Options.Where(o => o.Arity.MinimumNumberOfValues > 0 && !o.Hidden))
            {
                Assert.False(option.HelpName is null, $"{string.Join(' ', prefix)} {option.Name} has no HelpName, so a missing value cannot say what is expected");
                var missing = await Safety.Cli.InProcessAsync([.. prefix, option.Name]);
                Assert.True(missing.Exit == 2, $"{option.Name}: {missing}");
                Assert.True(missing.Stderr.Contains($"{option.Name} needs a value: {option.HelpName}", StringComparison.Ordinal), $"{string.Join(' ', prefix)} {option.Name}: {missing.Stderr}");
                AssertPlain(missing.Stderr);
                // A value of the wrong kind: whatever the option, the reason is in plain words.
                var wrong = await Safety.Cli.InProcessAsync([.. prefix, option.Name, "\u00e9t\u00e9"]);
                AssertPlain(wrong.Stderr);
                checkedOptions++;
            }
        }
        Assert.True(checkedOptions >= 10, $"only {checkedOptions} options with values were found");
    }

    [Fact]
    public void EveryMistakeOfTheConfigurationIsReportedInOneRunWithItsPosition()
    {
        var config = _dir.Write("lint.config.json", """
            {
              "include": ["../outside/**"],
              "sit": "https://trumpswarcrimes.com",
              "rules": { "source-cont": "error", "related-self": "fatal" },
              "overrides": [ { "files": ["/abs/**"], "rules": { "nope": "off" } } ]
            }
            """);
        var r = Lint();
        Assert.True(r.ExitCode == 2, r.ToString());
        var lines = r.Stderr.TrimEnd().Split('\n');
        string[] expected =
        [
            $"lint: {config}:2:15: invalid pattern \"../outside/**\"",
            $"lint: {config}:3:3: invalid configuration: unknown property 'sit'",
            $"lint: {config}:4:14: unknown rule 'source-cont'; did you mean 'source-count'?",
            $"lint: {config}:4:54: invalid configuration: rules[\"related-self\"] must be one of",
            $"lint: {config}:5:30: invalid pattern \"/abs/**\"",
            $"lint: {config}:5:53: unknown rule 'nope'",
        ];
        Assert.True(expected.Length == lines.Length, r.Stderr);
        for (int i = 0; i < lines.Length; i++) Assert.True(lines[i].StartsWith(expected[i], StringComparison.Ordinal), $"line {i + 1}: {lines[i]}\nexpected the start: {expected[i]}");
        AssertPlain(r.Stderr);
    }

    [Theory]
    [InlineData("schemas/missing.schema.json", "\"schema\" names no file: \"schemas/missing.schema.json\" does not exist")]
    [InlineData("schemas", "\"schema\" names a folder, \"schemas\"; give the path of a JSON Schema file")]
    public void ASchemaPathThatIsNotAFileIsReportedAtTheConfigurationKey(string schema, string expected)
    {
        Directory.CreateDirectory(_dir.Combine("schemas"));
        var config = _dir.Write("lint.config.json", $$"""
            {
              "include": ["*.json"],
              "schema": "{{schema}}"
            }
            """);
        var r = Lint();
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith($"lint: {config}:3:13: {expected}", r.Stderr);
        AssertPlain(r.Stderr);
    }
}
