using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lint.Cli;
using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Docs;

/// <summary>
/// Every fenced block of README and docs/ (the rule pages have their own test, RulePageExampleTests) is checked by a test,
/// chosen by its language and the tags after it (CONTRIBUTING, "Doc snippets"). A block no check claims fails
/// <see cref="EveryBlockIsChecked"/>, so a new snippet cannot slip in untested.
/// </summary>
public sealed partial class DocSnippetTests
{
    /// <summary>The blocks this class checks: README and docs/, not the rule pages.</summary>
    public static IEnumerable<DocSnippet> Blocks() =>
        DocSnippets.All().Where(s => !s.RelativeFile.StartsWith("docs/rules/", StringComparison.Ordinal));

    public static TheoryData<DocSnippet> Of(Func<DocSnippet, bool> which)
    {
        var data = new TheoryData<DocSnippet>();
        foreach (var block in Blocks().Where(which)) data.Add(block);
        return data;
    }

    private static bool IsShell(DocSnippet s) => s.Language is "sh" or "shell" or "bash";
    private static bool RunByTest(DocSnippet s) => s.Value("test") is not null;

    /// <summary>What checks a block, or null when nothing does.</summary>
    private static string? CheckOf(DocSnippet s) => s switch
    {
        _ when s.Value("not-run") is { Length: > 0 } => "not run: " + s.Value("not-run"),
        { Language: "csharp" } => nameof(CSharpSnippetTests),
        { Language: "json" } when s.Has("config") => nameof(ConfigurationsLoadAndLint),
        { Language: "json" } when s.Has("report") || s.Has("baseline") => nameof(ReportsAndBaselinesFollowTheirSchema),
        { Language: "json" } => nameof(JsonIsStrictJson),
        { Language: "yaml" } => nameof(YamlParsesAndItsLintCommandsParse),
        { Language: "toml" } => nameof(TomlParses),
        { Language: "console" } => nameof(ConsoleSessionsPrintWhatTheyShow),
        _ when IsShell(s) && RunByTest(s) => s.Value("test"),
        _ when IsShell(s) && s.Has("run") => nameof(ShellRunsInASite),
        { Language: "text" } when RunByTest(s) => s.Value("test"),
        { Language: "text" } when s.Has("output") => nameof(OutputExamplesUseRealRulesAndMessages),
        { Language: "text" } when s.Has("usage") => nameof(TheUsageListsEverySubcommand),
        { Language: "text" } when s.Has("layout") => nameof(TheLayoutNamesFilesThatExist),
        { Language: "text" } when s.Has("schema-message") => nameof(SchemaMessagesAreWhatLintSays),
        _ => null,
    };

    [Fact]
    public void EveryBlockIsChecked()
    {
        var unchecked_ = Blocks().Where(b => CheckOf(b) is null).Select(b => $"{b} (```{b.Language} {string.Join(' ', b.Tags)})").ToList();
        Assert.True(unchecked_.Count == 0,
            "blocks no test checks (tag them: CONTRIBUTING.md, \"Doc snippets\"):\n" + string.Join("\n", unchecked_));
        // A test= tag names a test class that exists.
        var tests = typeof(DocSnippetTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var block in Blocks().Where(RunByTest))
            Assert.True(tests.Contains(block.Value("test")!), $"{block}: test={block.Value("test")} names no test class");
    }

    [Fact]
    public void ABlockWithoutACheckIsFound()
    {
        using var temp = new TempDir();
        var page = temp.Write("page.md", "```shell\nrm -rf /\n```\n\n```shell not-run: needs a browser\nopen x\n```\n");
        var blocks = DocSnippets.Extract(page);
        Assert.Null(CheckOf(blocks[0]));
        Assert.Equal("not run: needs a browser", CheckOf(blocks[1]));
    }

    // ---- shell: every lint command line parses, and the script is valid bash ----

    public static TheoryData<DocSnippet> ShellBlocks() => Of(IsShell);

    [Theory]
    [MemberData(nameof(ShellBlocks))]
    public async Task ShellIsValidBashAndItsLintCommandsParse(DocSnippet block)
    {
        var syntax = await ProcessRunner.RunAsync("bash", ["-n", "-c", block.Text], Repo.Root, TimeSpan.FromMinutes(1));
        Assert.True(syntax.ExitCode == 0, $"{block}: not valid bash\n{syntax}");
        AssertLintCommandsParse(block, block.Text.Split('\n').Select(l => l.Trim()));
    }

    /// <summary>Each <c>lint ...</c> command of the lines, parsed by lint's own command line: no unknown option, no bad value.</summary>
    private static void AssertLintCommandsParse(DocSnippet block, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var command = LintCommand().Match(line);
            if (!command.Success) continue;
            var args = ShellWords(command.Groups["args"].Value);
            var root = CommandLineBuilder.Build(TextWriter.Null, TextWriter.Null);
            Assert.True(UsageErrors.SwitchWithValue(args, root) is null, $"{block}: `{line}`: {UsageErrors.SwitchWithValue(args, root)}");
            var parsed = root.Parse(args);
            Assert.False(UsageErrors.HasMistakes(parsed), $"{block}: `{line}` is a usage error: {string.Join("; ", UsageErrors.Describe(parsed))}");
        }
    }

    /// <summary>A command line that runs lint: <c>lint ...</c>, after <c>$ </c>, <c>run: </c>, <c>entry: </c> or a YAML <c>- </c>.</summary>
    [GeneratedRegex(@"^(?:\$ |run: |entry: |- )?lint(?: (?<args>.*))?$")]
    private static partial Regex LintCommand();

    /// <summary>The words of a shell command, up to a comment, a redirection or a second command.</summary>
    internal static string[] ShellWords(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        bool any = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0'; else word.Append(c);
                continue;
            }
            if (c is '\'' or '"') { quote = c; any = true; continue; }
            if (c is ' ' or '\t')
            {
                if (any) { words.Add(word.ToString()); word.Clear(); any = false; }
                continue;
            }
            if (c is '#' or '|' or '&' or ';' or '>' or '<' && !any) break;
            if (c is '>' or '|') break;
            word.Append(c);
            any = true;
        }
        if (any) words.Add(word.ToString());
        return words.ToArray();
    }

    [Fact]
    public void ShellWordsStopAtCommentsRedirectionsAndSecondCommands() =>
        Assert.Equal(["--format", "sarif", "-o", "lint x.sarif"], ShellWords("--format sarif -o 'lint x.sarif' || [ $? -eq 1 ]  # comment"));

    [Fact]
    public void AnUnknownOptionInADocumentedCommandFails()
    {
        var block = new DocSnippet("x.md", 1, "shell", [], "lint --colour\n", null);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertLintCommandsParse(block, ["lint --colour"]));
    }

    // ---- shell blocks tagged run: each command runs in a site, with lint on the PATH ----

    public static TheoryData<DocSnippet> RunnableShell() => Of(s => IsShell(s) && s.Has("run"));

    /// <summary>
    /// A <c>run</c> block runs, line by line, in a git repository holding the examples corpus under content/incidents
    /// (plus <c>content/incidents/x.json</c>, the file the docs' examples name) and a configuration, with the built
    /// <c>lint</c> first on the PATH: every line exits 0, or 1 for a lint command that reports findings (never 2).
    /// </summary>
    [Theory]
    [MemberData(nameof(RunnableShell))]
    public async Task ShellRunsInASite(DocSnippet block)
    {
        using var site = Site();
        site.Write(Path.Combine("content", "incidents", "x.json"), File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-sanctions.json")));
        var environment = new Dictionary<string, string>(ProcessRunner.GitEnvironment) { ["NO_COLOR"] = "1" };
        var bin = site.Combine(".bin");
        Directory.CreateDirectory(bin);
        var wrapper = site.Write(".bin/lint", $"#!/bin/sh\nexec dotnet '{LintProcess.LintDll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        await ProcessRunner.RunCheckedAsync("git", ["init", "--quiet", "--initial-branch=main"], site.Path, TimeSpan.FromMinutes(1), environment);
        await ProcessRunner.RunCheckedAsync("git", ["add", "--all"], site.Path, TimeSpan.FromMinutes(1), environment);
        foreach (var line in block.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var run = await ProcessRunner.RunAsync("bash", ["-c", line], site.Path, TimeSpan.FromMinutes(2), environment);
            bool lint = line.StartsWith("lint ", StringComparison.Ordinal);
            Assert.True(run.ExitCode == 0 || (lint && run.ExitCode == 1), $"{block}: `{line}` failed\n{run}");
        }
    }

    /// <summary>A site: the examples corpus under content/incidents and a configuration for it.</summary>
    private static TempDir Site()
    {
        var site = new TempDir();
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            site.Write(Path.Combine("content", "incidents", Path.GetFileName(file)), File.ReadAllText(file));
        site.Write("lint.config.json", """{ "include": ["content/incidents/**/*.json"], "site": "https://trumpswarcrimes.com" }""");
        return site;
    }

    // ---- schema messages of docs/schema-validation.md ----

    public static TheoryData<DocSnippet> SchemaMessages() => Of(s => s.Has("schema-message"));

    /// <summary>
    /// A schema error the page quotes is what lint says for such a schema: the schema is made so that the construct sits
    /// where the message says (line and column), in a project at /repo's place.
    /// </summary>
    [Theory]
    [MemberData(nameof(SchemaMessages))]
    public async Task SchemaMessagesAreWhatLintSays(DocSnippet block)
    {
        var expected = block.Text.TrimEnd('\n');
        var position = Regex.Match(expected, @"^/repo/(?<file>[^:]+):(?<line>\d+):(?<col>\d+): ");
        Assert.True(position.Success, $"{block}: a schema message starts with /repo/FILE:LINE:COL");
        int line = int.Parse(position.Groups["line"].Value), column = int.Parse(position.Groups["col"].Value);
        // The construct the message is about, placed at LINE:COL.
        string construct = expected.Contains("'$defs'", StringComparison.Ordinal)
            ? "\"$defs\": { \"x\": { \"type\": \"string\" } },"
            : Regex.Match(expected, "remote references are not allowed: \"(?<url>[^\"]+)\"") is { Success: true } remote
                ? $"\"$ref\": \"{remote.Groups["url"].Value}\","
                : throw new Xunit.Sdk.XunitException($"{block}: no scenario for this message");
        var lines = new List<string> { "{", "  \"$schema\": \"http://json-schema.org/draft-07/schema#\"," };
        while (lines.Count < line - 1) lines.Add("  \"title\": \"padding\",".Replace("title", "t" + lines.Count));
        var key = construct.StartsWith("\"$ref\"", StringComparison.Ordinal) ? "\"$ref\": " : "";
        lines.Add(new string(' ', column - 1 - key.Length) + construct);
        lines.Add("  \"type\": \"object\"");
        lines.Add("}");
        using var project = new TempDir();
        project.Write(position.Groups["file"].Value, string.Join("\n", lines) + "\n");
        project.Write("lint.config.json", $$"""{ "schema": "{{position.Groups["file"].Value}}" }""");
        project.Write("incident.json", "{}");
        var error = await Assert.ThrowsAsync<LintConfigurationException>(() =>
            new Linter(new LintOptions { WorkingDirectory = project.Path, ConfigPath = project.Combine("lint.config.json") }).LintAsync([]));
        Assert.Equal(expected, error.Message.Replace(project.Path, "/repo", StringComparison.Ordinal));
        Assert.StartsWith(position.Value, expected); // the construct was placed where the message says
    }

    // ---- json ----

    public static TheoryData<DocSnippet> PlainJson() => Of(s => CheckOf(s) == nameof(JsonIsStrictJson));

    [Theory]
    [MemberData(nameof(PlainJson))]
    public void JsonIsStrictJson(DocSnippet block)
    {
        try
        {
            using var _ = JsonDocument.Parse(block.Text);
        }
        catch (JsonException ex)
        {
            Assert.Fail($"{block}: not valid JSON: {ex.Message}");
        }
    }

    public static TheoryData<DocSnippet> Configurations() => Of(s => CheckOf(s) == nameof(ConfigurationsLoadAndLint));

    /// <summary>
    /// A configuration block is a <c>lint.config.json</c> that lint loads and lints with, in a project holding what it
    /// names (the incident schema at its <c>schema</c> path, its <c>schemaMap</c> folders) and the example record in
    /// every included folder. Custom rule ids are the guide's (run by <see cref="Shipping.ExtendingGuideTests"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task ConfigurationsLoadAndLint(DocSnippet block)
    {
        using var project = new TempDir();
        using var config = JsonDocument.Parse(block.Text);
        var root = config.RootElement;
        if (root.TryGetProperty("schema", out var schema))
            project.Write(schema.GetString()!, File.ReadAllText(Path.Combine(Repo.Root, "schemas", "incident.schema.json")));
        if (root.TryGetProperty("schemaMap", out var map))
            foreach (var folder in map.EnumerateObject()) Directory.CreateDirectory(project.Combine(folder.Value.GetString()!));
        var include = root.TryGetProperty("include", out var patterns) ? patterns[0].GetString()! : "**/*.json";
        var folderOfIncludes = include[..include.IndexOf('*')].TrimEnd('/');
        project.Write(Path.Combine(folderOfIncludes, Path.GetFileName(Repo.ExampleRecordPath)), File.ReadAllText(Repo.ExampleRecordPath));
        var path = project.Write("lint.config.json", block.Text);

        var options = new LintOptions { WorkingDirectory = project.Path, ConfigPath = path };
        if (block.Value("test") == nameof(Shipping.ExtendingGuideTests))
            options = options with { AdditionalRules = [new Samples.CustomRule.HttpsSourcesRule(), new Samples.CustomRule.SeriesRule(), new GuideMinimumTags()] };
        try
        {
            var result = await new Linter(options).LintAsync([]);
            Assert.Equal(1, result.FilesChecked);
        }
        catch (LintConfigurationException ex)
        {
            Assert.Fail($"{block}: lint refuses this configuration: {ex.Message}");
        }
    }

    /// <summary>The guide's <c>acme-minimum-tags</c> id and option schema (the guide's class is compiled by <see cref="CSharpSnippetTests"/>).</summary>
    private sealed class GuideMinimumTags : global::Lint.Rules.IFileRule
    {
        public global::Lint.Rules.RuleMetadata Metadata { get; } = new("acme-minimum-tags", "Fewer tags than configured.", Severity.Warning, global::Lint.Rules.FixAvailability.Never)
        {
            Messages = [new global::Lint.Rules.RuleMessage("too-few-tags", "{{count}} tags")],
            OptionsSchema = """{ "type": "object", "properties": { "minimum": { "type": "integer", "minimum": 0, "default": 1 } } }""",
        };

        public void Check(global::Lint.Rules.FileContext context) { }
    }

    public static TheoryData<DocSnippet> ReportsAndBaselines() => Of(s => CheckOf(s) == nameof(ReportsAndBaselinesFollowTheirSchema));

    /// <summary>A report example (<c>json report</c>) follows schemas/lint-report.schema.json, a baseline (<c>json baseline</c>) schemas/lint-baseline.schema.json.</summary>
    [Theory]
    [MemberData(nameof(ReportsAndBaselines))]
    public async Task ReportsAndBaselinesFollowTheirSchema(DocSnippet block)
    {
        var schemaFile = block.Has("report") ? "lint-report.schema.json" : "lint-baseline.schema.json";
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(Repo.Root, "schemas", schemaFile));
        var errors = schema.Validate(block.Text);
        Assert.True(errors.Count == 0, $"{block}: does not follow {schemaFile}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    // ---- yaml and toml: parsed by Python's yaml (pre-commit's) and tomllib ----

    public static TheoryData<DocSnippet> YamlBlocks() => Of(s => s.Language == "yaml");

    [Theory]
    [MemberData(nameof(YamlBlocks))]
    public async Task YamlParsesAndItsLintCommandsParse(DocSnippet block)
    {
        await AssertPythonParses(block, "import sys, yaml; yaml.safe_load(sys.stdin)");
        AssertLintCommandsParse(block, block.Text.Split('\n').Select(l => l.Trim()));
    }

    public static TheoryData<DocSnippet> TomlBlocks() => Of(s => s.Language == "toml");

    [Theory]
    [MemberData(nameof(TomlBlocks))]
    public async Task TomlParses(DocSnippet block) =>
        await AssertPythonParses(block, "import sys, tomllib; tomllib.loads(sys.stdin.read())");

    private static async Task AssertPythonParses(DocSnippet block, string program)
    {
        await CiTools.EnsureAsync("pre-commit.sh"); // pre-commit's Python has the yaml module (and tomllib, 3.11+)
        var python = PreCommitsPython();
        Assert.True(python is not null, "neither pre-commit's Python nor python3 is on the PATH");
        var info = new ProcessStartInfo(python!) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(program);
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(block.Text);
        process.StandardInput.Close();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{block}: does not parse as {block.Language}: {error}");
    }

    /// <summary>The interpreter of pre-commit's script (its <c>#!</c> line), which has the yaml module; else python3.</summary>
    private static string? PreCommitsPython()
    {
        if (ProcessRunner.FindOnPath("pre-commit") is { } preCommit && File.ReadLines(preCommit).FirstOrDefault() is { } shebang
            && shebang.StartsWith("#!", StringComparison.Ordinal) && shebang[2..].Trim().Split(' ')[0] is { } interpreter
            && interpreter.StartsWith('/') && File.Exists(interpreter) && !interpreter.EndsWith("/env", StringComparison.Ordinal))
            return interpreter;
        return ProcessRunner.FindOnPath("python3");
    }

    // ---- console sessions: each `$ lint ...` runs in a site with the examples corpus ----

    public static TheoryData<DocSnippet> ConsoleBlocks() => Of(s => s.Language == "console");

    [Theory]
    [MemberData(nameof(ConsoleBlocks))]
    public async Task ConsoleSessionsPrintWhatTheyShow(DocSnippet block)
    {
        using var site = Site();
        var lines = block.Text.TrimEnd('\n').Split('\n');
        Assert.StartsWith("$ lint", lines[0]);
        for (int i = 0; i < lines.Length;)
        {
            var command = lines[i++];
            Assert.True(command.StartsWith("$ lint", StringComparison.Ordinal), $"{block}: a session line that is neither a lint command nor its output: {command}");
            var expected = new List<string>();
            while (i < lines.Length && !lines[i].StartsWith("$ ", StringComparison.Ordinal)) expected.Add(lines[i++]);
            var run = await Safety.Cli.ChildProcessAsync(ShellWords(command["$ lint".Length..]), TimeSpan.FromMinutes(2), workingDirectory: site.Path);
            var printed = (run.Stdout + run.Stderr).ReplaceLineEndings("\n").TrimEnd('\n');
            Assert.Equal(string.Join("\n", expected), printed);
        }
    }

    // ---- output examples: real rule ids, real messages ----

    public static TheoryData<DocSnippet> OutputBlocks() => Of(s => CheckOf(s) == nameof(OutputExamplesUseRealRulesAndMessages));

    /// <summary>
    /// An example of stylish output (<c>output</c>) shows findings of registered rules, each message one the rule
    /// declares (its template with the placeholders filled), and at least one finding.
    /// </summary>
    [Theory]
    [MemberData(nameof(OutputBlocks))]
    public void OutputExamplesUseRealRulesAndMessages(DocSnippet block)
    {
        var rules = global::Lint.Rules.RuleRegistry.BuiltIn.ToDictionary(r => r.Metadata.Id, r => r.Metadata, StringComparer.Ordinal);
        int findings = 0;
        foreach (var line in block.Text.Split('\n'))
        {
            var finding = FindingLine().Match(line);
            if (!finding.Success) continue;
            findings++;
            var id = finding.Groups["rule"].Value;
            Assert.True(rules.TryGetValue(id, out var rule), $"{block}: '{id}' is not a rule of lint");
            var message = finding.Groups["message"].Value;
            if (message.EndsWith(Finding.OutsideTargetsNote, StringComparison.Ordinal)) message = message[..^Finding.OutsideTargetsNote.Length];
            Assert.True(rule!.Messages.Any(m => Template(m.Template).IsMatch(message)),
                $"{block}: {id} never prints \"{message}\"; its messages are:\n" + string.Join("\n", rule.Messages.Select(m => m.Template)));
        }
        Assert.True(findings > 0, $"{block}: an output example with no finding line");
    }

    [GeneratedRegex(@"^\s+\d+:\d+\s+(?:error|warning)\s+(?<message>.+?)\s+(?<rule>[a-z0-9]+(?:-[a-z0-9]+)*)$")]
    private static partial Regex FindingLine();

    /// <summary>A message template as a pattern: each <c>{{name}}</c> stands for any text.</summary>
    private static Regex Template(string template) =>
        new("^" + string.Join(".+", Regex.Split(template, @"\{\{\w+\}\}").Select(Regex.Escape)) + "$", RegexOptions.Singleline);

    // ---- README's usage and layout ----

    public static TheoryData<DocSnippet> UsageBlocks() => Of(s => s.Has("usage"));

    /// <summary>The usage block lists every subcommand of lint, and only those.</summary>
    [Theory]
    [MemberData(nameof(UsageBlocks))]
    public void TheUsageListsEverySubcommand(DocSnippet block)
    {
        var listed = block.Text.Split('\n').Select(l => Regex.Match(l, @"^lint ([a-z]+)\b")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        var root = CommandLineBuilder.Build(TextWriter.Null, TextWriter.Null);
        var actual = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToHashSet();
        Assert.Equal(actual.Order(), listed.Order());
    }

    public static TheoryData<DocSnippet> LayoutBlocks() => Of(s => s.Has("layout"));

    /// <summary>Each path the layout block names (its first column) exists in the repository.</summary>
    [Theory]
    [MemberData(nameof(LayoutBlocks))]
    public void TheLayoutNamesFilesThatExist(DocSnippet block)
    {
        int named = 0;
        foreach (var line in block.Text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == ' ') continue;
            var path = line.Split(' ', 2)[0];
            named++;
            Assert.True(File.Exists(Path.Combine(Repo.Root, path)) || Directory.Exists(Path.Combine(Repo.Root, path)), $"{block}: {path} does not exist");
        }
        Assert.True(named > 5, $"{block}: names almost nothing");
    }
}
