using System.Text.Json.Nodes;
using Lint.Config;
using Lint.Formatting;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Docs;

/// <summary>
/// Runs every fenced block of every page of docs/rules/ against the real linter, as ESLint checks its rules' examples
/// (issue 15). Each block is one theory case named <c>docs/rules/PAGE.md:LINE</c>; a block that no check below claims
/// fails, so a page cannot gain an untested example. What the blocks of a rule page mean:
/// <list type="bullet">
/// <item><b>The project.</b> Every example is linted in a fresh project whose <c>lint.config.json</c> includes
/// <c>content/**/*.json</c>, sets <c>"site": "https://trumpswarcrimes.com"</c> and turns every rule off but the page's
/// (at its default severity; <c>warning</c> for a rule that is off by default). The examples are excerpts of records:
/// the other rules would report what an excerpt leaves out, and for the same reason the project's schema (for the
/// schema page) is lint's incident schema without its <c>required</c> lists.</item>
/// <item><b>## Invalid example.</b> Its <c>```text</c> block is what <c>lint</c> prints (stylish, without the summary
/// line) for the whole project; its first line names the file that the untagged <c>```json</c> block is written to.
/// Other files of the corpus (for cross-file rules) are <c>```json file=content/incidents/other.json</c> blocks. A
/// <c>size=N</c> tag writes the block padded to N bytes (for <c>file-too-large</c>: the excerpt stands for a larger
/// file).</item>
/// <item><b>## Valid example.</b> Its <c>```json</c> blocks replace files of the invalid example's project: untagged,
/// the file of the invalid example; <c>file=PATH</c>, that file, or when the invalid example has no such file, the
/// invalid example's file renamed to PATH. The project then gives no finding. A block tagged <c>fixed</c> must moreover
/// be, byte for byte, what <c>--fix</c> (<see cref="Linter.FixFilesAsync"/>) makes of the invalid example's file.</item>
/// <item><b><c>```json config</c></b>, anywhere on a page: lint's configuration loader accepts it as a
/// <c>lint.config.json</c>. When the next block of the page is a <c>```text</c> block, it is what the invalid example
/// prints with this configuration merged into the project's (its <c>rules</c> entries over the project's); a
/// <c>```diff</c> block there is what <c>--fix-dry-run</c> prints with it.</item>
/// <item><b><c>```diff</c></b>, anywhere on a rule page: what <c>--fix-dry-run</c> prints for the invalid example's
/// project (the unified diff of each file that the fixes change).</item>
/// <item><b><c>```text metadata</c></b>: the text is quoted from the rule's metadata (its description or a message
/// template).</item>
/// <item><b>docs/rules/README.md</b>: its <c>```json config</c> block is loaded as above, and a <c>```shell</c> block
/// holding a <c>lint</c> command is run in a project, where it must not be a usage error.</item>
/// </list>
/// </summary>
public sealed class RulePageExampleTests
{
    /// <summary>The tags a block of docs/rules/ may carry after its language (<c>file</c> and <c>size</c> with a value).</summary>
    private static readonly string[] KnownTags = ["config", "file", "size", "fixed", "metadata"];

    private static string RulesFolder => Path.Combine(Repo.Root, "docs", "rules");

    /// <summary>Every fenced block of docs/rules/*.md, as <c>docs/rules/PAGE.md:LINE</c>.</summary>
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var page in Pages())
            foreach (var block in DocSnippets.Extract(page))
                data.Add(block.ToString());
        return data;
    }

    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(RulesFolder, "*.md").Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task EveryBlockOfARulePageIsChecked(string block)
    {
        int colon = block.LastIndexOf(':');
        var page = RulePage.Load(Path.Combine(Repo.Root, block[..colon]));
        var snippet = page.Blocks.Single(b => b.Line == int.Parse(block[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var tag in snippet.Tags)
            Assert.True(KnownTags.Any(t => tag == t || tag.StartsWith(t + "=", StringComparison.Ordinal)),
                $"{block}: unknown tag '{tag}' after ```{snippet.Language}; the tags of docs/rules/ are {string.Join(", ", KnownTags)} (see RulePageExampleTests)");
        var check = page.CheckOf(snippet);
        Assert.True(check is not null,
            $"{block}: no test checks this ```{snippet.Language} block (under '{snippet.Heading}'). Put it under '## Invalid example' or "
            + "'## Valid example', make it a ```diff of --fix-dry-run, or tag it (```json config, ```json file=PATH, ```text metadata): see RulePageExampleTests.");
        await check!(snippet);
    }

    [Fact]
    public void EveryRulePageHasItsExamples()
    {
        var ids = RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToList();
        foreach (var id in ids)
        {
            var page = RulePage.Load(Path.Combine(RulesFolder, id + ".md"));
            Assert.True(page.InvalidOutput is not null, $"docs/rules/{id}.md: '## Invalid example' has no ```text block with lint's output");
            Assert.True(page.Blocks.Any(b => b.Heading == "Valid example" && b.Language == "json"), $"docs/rules/{id}.md: '## Valid example' has no ```json block");
        }
        Assert.True(Pages().Sum(p => DocSnippets.Extract(p).Count) >= 80, "docs/rules/ has fewer fenced blocks than expected: is the extractor reading the pages?");
    }

    /// <summary>One page of docs/rules/, with its blocks and the checks that claim them.</summary>
    private sealed class RulePage
    {
        private RulePage(string file)
        {
            File = file;
            Blocks = DocSnippets.Extract(file);
            var name = Path.GetFileNameWithoutExtension(file);
            Rule = RuleRegistry.BuiltIn.FirstOrDefault(r => r.Metadata.Id == name)?.Metadata;
            var invalidText = Blocks.Where((b, i) => b.Heading == "Invalid example" && b.Language == "text" && ConfigBefore(i) is null).ToList();
            Assert.True(invalidText.Count <= 1, $"{Relative}: '## Invalid example' has {invalidText.Count} ```text blocks; it shows one report");
            InvalidOutput = invalidText.SingleOrDefault();
        }

        public static RulePage Load(string file) => new(file);

        public string File { get; }

        public string Relative => Path.GetRelativePath(Repo.Root, File).Replace('\\', '/');

        public IReadOnlyList<DocSnippet> Blocks { get; }

        /// <summary>The page's rule; null for docs/rules/README.md.</summary>
        public RuleMetadata? Rule { get; }

        public DocSnippet? InvalidOutput { get; }

        /// <summary>The file the invalid example's untagged block stands for: the first line of its report.</summary>
        private string MainFile => InvalidOutput!.Text.Split('\n')[0].Trim();

        /// <summary>The <c>```json config</c> block right before the block at <paramref name="index"/>, if any: a text block there is its output.</summary>
        private DocSnippet? ConfigBefore(int index) =>
            index > 0 && Blocks[index - 1] is { Language: "json" } previous && previous.Has("config") ? previous : null;

        /// <summary>The check that claims <paramref name="block"/>, or null.</summary>
        public Func<DocSnippet, Task>? CheckOf(DocSnippet block)
        {
            if (block.Language == "json" && block.Has("config")) return CheckConfigAsync;
            if (block.Language is "text" or "diff" && ConfigBefore(Blocks.ToList().IndexOf(block)) is { } config)
                return _ => CheckConfigAsync(config);
            if (Rule is null)
                return block.Language is "shell" or "sh" && block.Text.StartsWith("lint ", StringComparison.Ordinal) ? CheckCommandAsync : null;
            if (block.Language == "text" && block.Has("metadata")) return b => { CheckMetadata(b); return Task.CompletedTask; };
            if (block.Language == "diff") return b => CheckDiffAsync(b, pageConfig: null);
            if (block.Heading == "Invalid example" && block.Language is "json" or "text") return _ => CheckInvalidAsync();
            if (block.Heading == "Valid example" && block.Language == "json") return CheckValidAsync;
            return null;
        }

        /// <summary>The invalid example's project: file path to block.</summary>
        private Dictionary<string, DocSnippet> InvalidFiles()
        {
            Assert.True(InvalidOutput is not null, $"{Relative}: '## Invalid example' has no ```text block (lint's output)");
            var files = new Dictionary<string, DocSnippet>(StringComparer.Ordinal);
            foreach (var json in Blocks.Where(b => b.Heading == "Invalid example" && b.Language == "json" && !b.Has("config")))
            {
                var path = json.Value("file") ?? MainFile;
                Assert.True(files.TryAdd(path, json), $"{json}: a second block for {path} (tag the other files of the corpus with file=PATH)");
            }
            Assert.True(files.ContainsKey(MainFile), $"{InvalidOutput}: the report names {MainFile}, but no untagged ```json block of '## Invalid example' holds it");
            return files;
        }

        private async Task CheckInvalidAsync()
        {
            var report = await LintProjectAsync(InvalidFiles(), pageConfig: null);
            AssertOutput(InvalidOutput!, report.Output);
        }

        private async Task CheckValidAsync(DocSnippet block)
        {
            var invalid = InvalidFiles();
            var files = new Dictionary<string, DocSnippet>(invalid, StringComparer.Ordinal);
            var renamed = new List<string>();
            foreach (var json in Blocks.Where(b => b.Heading == "Valid example" && b.Language == "json" && !b.Has("config")))
            {
                var path = json.Value("file") ?? MainFile;
                if (!invalid.ContainsKey(path))
                {
                    // A name the invalid example does not have: its file, renamed.
                    files.Remove(MainFile);
                    renamed.Add(path);
                }
                files[path] = json;
            }
            var report = await LintProjectAsync(files, pageConfig: null);
            Assert.True(report.Result.Findings.Count == 0, $"{block}: the valid example gives findings:\n{report.Output}");
            if (block.Has("fixed"))
            {
                var path = block.Value("file") ?? MainFile;
                Assert.True(invalid.ContainsKey(path), $"{block}: 'fixed' names {path}, which the invalid example does not have");
                var fixedText = await FixProjectAsync(invalid, path);
                if (fixedText != block.Text) Assert.Fail($"{block}: --fix makes of the invalid example\n{fixedText}");
            }
        }

        /// <summary>A <c>```diff</c> block is what <c>--fix-dry-run</c> prints for the invalid example's project.</summary>
        private async Task CheckDiffAsync(DocSnippet block, JsonObject? pageConfig)
        {
            using var temp = new TempDir();
            var linter = Project(temp, InvalidFiles(), pageConfig);
            var run = await linter.FixFilesAsync([], write: false);
            var diff = string.Concat(run.Files.Select(f => f.Diff()));
            if (diff != block.Text) Assert.Fail($"{block}: lint --fix-dry-run prints\n{diff}");
        }

        private async Task CheckConfigAsync(DocSnippet block)
        {
            // Lint's own loader, on the block as written.
            using (var temp = new TempDir())
            {
                var file = temp.Write(ConfigLoader.FileName, block.Text);
                try
                {
                    ConfigLoader.LoadFile(file, RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToList());
                }
                catch (LintConfigurationException ex)
                {
                    Assert.Fail($"{block}: lint refuses this configuration: {ex.Message}");
                }
            }
            int index = Blocks.ToList().IndexOf(block);
            if (index + 1 < Blocks.Count && Rule is not null)
            {
                var config = JsonNode.Parse(block.Text)!.AsObject();
                if (Blocks[index + 1] is { Language: "text" } output)
                    AssertOutput(output, (await LintProjectAsync(InvalidFiles(), config)).Output);
                else if (Blocks[index + 1] is { Language: "diff" } diff)
                    await CheckDiffAsync(diff, config);
            }
        }

        private void CheckMetadata(DocSnippet block)
        {
            var quoted = block.Text.TrimEnd('\n');
            var texts = new[] { Rule!.Description }.Concat(Rule.Messages.Select(m => m.Template));
            Assert.True(texts.Any(t => t.Contains(quoted, StringComparison.Ordinal)), $"{block}: '{quoted}' is not in the metadata of {Rule.Id} (its description or a message)");
        }

        /// <summary>Runs a <c>lint</c> command line in process in a project with one clean incident file.</summary>
        private async Task CheckCommandAsync(DocSnippet block)
        {
            using var temp = new TempDir();
            var config = temp.Write(ConfigLoader.FileName, """{ "include": ["content/**/*.json"] }""");
            temp.Write("content/incidents/a.json", "{}\n");
            foreach (var line in block.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var args = DocSnippetTests.ShellWords(line).Skip(1).Concat(["--config", config, "--no-cache"]).ToList();
                var run = await Safety.Cli.InProcessAsync(args);
                run.AssertNoCrash();
                Assert.True(run.Exit != 2, $"{block}: '{line}' is a usage or configuration error: {run.Stderr}");
            }
        }

        /// <summary>Fails with the whole report (a page is corrected by pasting it) when it is not the block's text.</summary>
        private static void AssertOutput(DocSnippet expected, string actual)
        {
            if (actual != expected.Text)
                Assert.Fail($"{expected}: lint prints\n{(actual.Length == 0 ? "(no finding)\n" : actual)}which is not the block's text:\n{expected.Text}");
        }

        /// <summary>The project's configuration: every rule off but the page's, then the page's configuration block over it.</summary>
        private JsonObject ProjectConfig(JsonObject? pageConfig)
        {
            var rules = new JsonObject();
            foreach (var rule in RuleRegistry.BuiltIn.Select(r => r.Metadata))
                rules[rule.Id] = rule.Id == Rule!.Id ? (rule.EnabledByDefault ? rule.DefaultSeverity.ToName() : "warning") : "off";
            var config = new JsonObject
            {
                ["include"] = new JsonArray("content/**/*.json"),
                ["site"] = "https://trumpswarcrimes.com",
                ["schema"] = ExcerptSchemaFile,
                ["rules"] = rules,
            };
            foreach (var (key, value) in pageConfig ?? [])
            {
                if (key == "rules")
                    foreach (var (id, setting) in value!.AsObject()) rules[id] = setting?.DeepClone();
                else
                    config[key] = value?.DeepClone();
            }
            return config;
        }

        private sealed record Report(LintResult Result, string Output);

        private static void WriteFiles(TempDir temp, Dictionary<string, DocSnippet> files)
        {
            foreach (var (path, block) in files)
            {
                var full = temp.Write(path, block.Text);
                if (block.Value("size") is { } size)
                {
                    long length = long.Parse(size, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(length >= new FileInfo(full).Length, $"{block}: size={size} is smaller than the block");
                    using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
                    stream.SetLength(length); // sparse on most file systems: nothing is read, only the size counts
                }
            }
        }

        private const string ExcerptSchemaFile = "excerpt.schema.json";

        /// <summary>lint's incident schema without its <c>required</c> lists: the examples are excerpts of records.</summary>
        private static readonly Lazy<string> ExcerptSchema = new(() =>
        {
            var schema = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Repo.Root, "schemas", "incident.schema.json")))!;
            void Strip(JsonNode? node)
            {
                if (node is JsonObject o)
                {
                    o.Remove("required");
                    foreach (var (_, child) in o) Strip(child);
                }
                else if (node is JsonArray a)
                    foreach (var child in a) Strip(child);
            }
            Strip(schema);
            return schema.ToJsonString();
        });

        private Linter Project(TempDir temp, Dictionary<string, DocSnippet> files, JsonObject? pageConfig)
        {
            temp.Write(ExcerptSchemaFile, ExcerptSchema.Value);
            temp.Write(ConfigLoader.FileName, ProjectConfig(pageConfig).ToJsonString());
            WriteFiles(temp, files);
            return new Linter(new LintOptions { WorkingDirectory = temp.Path, ConfigPath = temp.Combine(ConfigLoader.FileName), MaxDegreeOfParallelism = 1 });
        }

        /// <summary>Lints the whole project and renders the report as <c>lint</c> prints it, without the summary line.</summary>
        private async Task<Report> LintProjectAsync(Dictionary<string, DocSnippet> files, JsonObject? pageConfig)
        {
            using var temp = new TempDir();
            var linter = Project(temp, files, pageConfig);
            var result = await linter.LintAsync([]);
            var writer = new StringWriter { NewLine = "\n" };
            new StylishFormatter().Write(new ReportInput(result, linter.Rules.Select(r => r.Metadata).ToList()) { WorkingDirectory = temp.Path }, writer);
            var text = writer.ToString();
            // The groups of findings, each followed by a blank line, then the summary.
            var groups = text[..text.LastIndexOf(StylishFormatter.Summary(result), StringComparison.Ordinal)];
            return new Report(result, groups.EndsWith("\n\n", StringComparison.Ordinal) ? groups[..^1] : groups);
        }

        /// <summary>Runs <c>--fix</c> over the project and returns the file <paramref name="path"/> as it is then.</summary>
        private async Task<string> FixProjectAsync(Dictionary<string, DocSnippet> files, string path)
        {
            using var temp = new TempDir();
            var linter = Project(temp, files, pageConfig: null);
            await linter.FixFilesAsync([], write: true);
            return System.IO.File.ReadAllText(temp.Combine(path));
        }
    }
}
