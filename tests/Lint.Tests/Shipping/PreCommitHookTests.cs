using System.Text.Json.Nodes;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Shipping;

/// <summary>
/// Slow: real pre-commit (the Debian package, installed by .ci/setup.d/pre-commit.sh) installs the hook of
/// .pre-commit-hooks.yaml from a snapshot of this repository and guards commits of a site repository
/// (<c>dotnet</c>: pre-commit packs and installs the tool itself). The same scenarios run with the NativeAOT binary
/// (<c>native</c>: the hook's settings as a local <c>language: system</c> hook whose entry is that binary).
/// </summary>
[Collection(ShippingCollection.Name)]
public sealed class PreCommitHookTests(RepoSnapshot snapshot)
{
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromMinutes(25); // the first commit builds and installs the hook
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The hooks the scenarios run with: <c>dotnet</c>, and <c>native</c> where the native binary is tested.</summary>
    public static TheoryData<string> Hooks
    {
        get
        {
            var data = new TheoryData<string> { "dotnet" };
            if (NativeBinary.Tested) data.Add("native");
            return data;
        }
    }

    /// <summary>
    /// The first scenario also runs with <c>dotnet-native</c> where NativeAOT can link: pre-commit builds the hook with
    /// <c>LINT_HOOK_NATIVE=true</c> in its environment, the opt-in that makes its pack a native executable.
    /// </summary>
    public static TheoryData<string> HooksAndNativeHook
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var hook in Hooks) data.Add(hook);
            if (NativeToolchain.Tested) data.Add("dotnet-native");
            return data;
        }
    }

    /// <summary>
    /// The <c>.pre-commit-config.yaml</c> of the site, as the docs write it (the blocks tagged
    /// <c>test=PreCommitHookTests</c>): README's and docs/pre-commit.md's remote hook with the GitHub URL replaced by the
    /// snapshot of this repository (the one change: no network) and <c>rev: main</c> as written; or docs/pre-commit.md's
    /// local hook with its <c>entry</c> pointing at the native binary.
    /// </summary>
    private string PreCommitConfig(string hook)
    {
        var documented = Docs.DocSnippets.RunBy(nameof(PreCommitHookTests));
        var remote = documented.Where(s => s.Text.Contains("repo: https://github.com/lint-project/lint", StringComparison.Ordinal)).ToList();
        Assert.True(remote.Count == 2, "README and docs/pre-commit.md each show the remote hook: " + string.Join(", ", documented));
        // README's block is docs/pre-commit.md's, less the comment.
        Assert.Equal(WithoutComments(remote[0].Text), WithoutComments(remote[1].Text));
        if (hook is "dotnet" or "dotnet-native")
            return remote[1].Text.Replace("https://github.com/lint-project/lint", snapshot.Root, StringComparison.Ordinal);

        var native = NativeBinary.Require();
        var local = documented.Single(s => s.Text.Contains("repo: local", StringComparison.Ordinal));
        // The documented local hook has every setting of .pre-commit-hooks.yaml but the language (system: an installed tool).
        var settings = Settings(File.ReadAllText(Path.Combine(snapshot.Root, ".pre-commit-hooks.yaml")));
        var documentedSettings = Settings(local.Text);
        foreach (var (key, value) in settings)
        {
            if (key == "language" || key == "description") continue;
            Assert.True(documentedSettings.TryGetValue(key, out var written) && written == value,
                $"{local}: the local hook's '{key}' is '{(documentedSettings.GetValueOrDefault(key) ?? "missing")}', .pre-commit-hooks.yaml says '{value}'");
        }
        Assert.Equal("system", documentedSettings["language"]);
        var text = local.Text.Replace("entry: lint --corpus-only", $"entry: \"'{native}' --corpus-only\"", StringComparison.Ordinal);
        Assert.Contains(native, text, StringComparison.Ordinal);
        return text;
    }

    private static string WithoutComments(string yaml) =>
        string.Join("\n", yaml.Split('\n').Select(l => (l.IndexOf(" #", StringComparison.Ordinal) is var i and >= 0 ? l[..i] : l).TrimEnd()));

    /// <summary>The <c>key: value</c> lines of a hook definition, comments and list dashes taken off.</summary>
    private static Dictionary<string, string> Settings(string yaml)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in WithoutComments(yaml).Split('\n'))
        {
            var line = raw.Trim().TrimStart('-').Trim();
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (line.Length == 0 || line.StartsWith('#') || colon < 0) continue;
            settings.TryAdd(line[..colon], line[(colon + 2)..].Trim());
        }
        return settings;
    }

    /// <summary>A site repository with the examples corpus, a configuration, unrelated JSON and the hook installed.</summary>
    private async Task<(string Site, Dictionary<string, string> Environment)> SiteWithHook(string hook)
    {
        await CiTools.EnsureAsync("pre-commit.sh");
        var preCommit = ProcessRunner.FindOnPath("pre-commit");
        Assert.True(preCommit is not null, "pre-commit is not on the PATH; .ci/setup.d/pre-commit.sh installs it (apt-get install pre-commit)");

        var scratch = snapshot.Scratch("pre-commit-" + Guid.NewGuid().ToString("N")[..8]);
        var site = Path.Combine(scratch, "site");
        var environment = new Dictionary<string, string>(ProcessRunner.GitEnvironment)
        {
            // pre-commit's own cache (its clone of the hook repository and the installed tool), isolated per test.
            ["PRE_COMMIT_HOME"] = Path.Combine(scratch, "pre-commit-home"),
        };
        if (hook == "dotnet-native") environment["LINT_HOOK_NATIVE"] = "true";

        // A site repository: the examples corpus, a configuration, unrelated JSON that the hook must skip, and a
        // pre-commit configuration that points at the snapshot of this repository.
        var incidents = Path.Combine(site, "content", "incidents");
        Directory.CreateDirectory(incidents);
        foreach (var file in Directory.EnumerateFiles(Incidents.ExamplesDirectory, "*.json"))
            File.Copy(file, Path.Combine(incidents, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(site, "lint.config.json"), """
            {
              "include": ["content/incidents/**/*.json"],
              "site": "https://trumpswarcrimes.com"
            }
            """);
        File.WriteAllText(Path.Combine(site, "package.json"), """{ "name": "site", "private": true }""");
        File.WriteAllText(Path.Combine(site, ".pre-commit-config.yaml"), PreCommitConfig(hook));
        await Git(site, environment, "init", "--quiet", "--initial-branch=main");
        var install = await ProcessRunner.RunAsync(preCommit!, ["install"], site, GitTimeout, environment);
        Assert.True(install.ExitCode == 0, install.ToString());
        return (site, environment);
    }

    [Theory]
    [MemberData(nameof(HooksAndNativeHook))]
    public async Task HookPassesTheCleanCorpusAndBlocksACommitWithAWrongCountAndAMissingRelatedSlug(string hook)
    {
        var (site, environment) = await SiteWithHook(hook);

        // The clean corpus passes: the commit is made.
        await Git(site, environment, "add", "--all");
        var first = await ProcessRunner.RunAsync("git", ["commit", "-m", "clean corpus"], site, CommitTimeout, environment);
        Assert.True(first.ExitCode == 0, "the clean corpus was refused\n" + first + PreCommitLog(environment));
        Assert.Matches(@"lint incident files\.+Passed", first.Output);
        string head = (await Git(site, environment, "rev-parse", "HEAD")).StandardOutput.Trim();
        if (hook.StartsWith("dotnet", StringComparison.Ordinal)) AssertInstalledHookBuild(environment, native: hook == "dotnet-native");

        // One staged file with a wrong count and a related slug that no incident has: the commit is blocked.
        var path = Path.Combine(site, "content", "incidents", "icc-sanctions.json");
        var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var record = doc["record"]!.AsObject();
        record["sourceCount"] = record["sources"]!.AsArray().Count + 1;
        record["relatedIncidents"]!.AsArray().Add("no-such-incident");
        File.WriteAllText(path, Incidents.ToText(doc));
        await Git(site, environment, "add", "content/incidents/icc-sanctions.json");
        var second = await ProcessRunner.RunAsync("git", ["commit", "-m", "broken record"], site, CommitTimeout, environment);
        Assert.True(second.ExitCode != 0, "the broken record was committed\n" + second + PreCommitLog(environment));
        Assert.Matches(@"lint incident files\.+Failed", second.Output);
        Assert.Contains("content/incidents/icc-sanctions.json", second.Output);
        Assert.Matches(@"error\s+sourceCount is \d+ but sources has \d+ entries\s+source-count", second.Output);
        Assert.Matches(@"error\s+related incident ""no-such-incident"" does not exist in the corpus\s+related-exists", second.Output);
        // Only those two: the other related slugs resolve against the whole corpus, though one file was staged.
        Assert.Contains("2 problems (2 errors, 0 warnings)", second.Output);
        Assert.Equal(head, (await Git(site, environment, "rev-parse", "HEAD")).StandardOutput.Trim());
    }

    [Theory]
    [MemberData(nameof(Hooks))]
    public async Task HookBlocksARenameAndADeletionThatLeaveDanglingRelatedSlugsAndContentLinks(string hook)
    {
        var (site, environment) = await SiteWithHook(hook);
        // One more reference to icc-sanctions, in a page body: a contentHtml link (with escaped text before it).
        var gaza = Path.Combine(site, "content", "incidents", "gaza-arms-complicity.json");
        var gazaDoc = JsonNode.Parse(File.ReadAllText(gaza))!.AsObject();
        gazaDoc["record"]!["contentHtml"] = gazaDoc["record"]!["contentHtml"]!.GetValue<string>()
            + "\n<p>See \"the sanctions\": <a href=\"/incident/icc-sanctions\">ICC sanctions</a>.</p>";
        File.WriteAllText(gaza, Incidents.ToText(gazaDoc));
        await Git(site, environment, "add", "--all");
        var first = await ProcessRunner.RunAsync("git", ["commit", "-m", "clean corpus"], site, CommitTimeout, environment);
        Assert.True(first.ExitCode == 0, "the clean corpus was refused\n" + first + PreCommitLog(environment));
        string head = (await Git(site, environment, "rev-parse", "HEAD")).StandardOutput.Trim();
        var incidents = Path.Combine(site, "content", "incidents");

        // Rename icc-sanctions as a contributor would: move the file, change slug, url and citation, stage the rename.
        await Git(site, environment, "mv", "content/incidents/icc-sanctions.json", "content/incidents/icc-sanctions-2025.json");
        var renamed = Path.Combine(incidents, "icc-sanctions-2025.json");
        var doc = JsonNode.Parse(File.ReadAllText(renamed))!.AsObject();
        var record = doc["record"]!.AsObject();
        record["slug"] = "icc-sanctions-2025";
        record["url"] = record["url"]!.GetValue<string>() + "-2025";
        record["citation"] = record["citation"]!.GetValue<string>().Replace("/incident/icc-sanctions.", "/incident/icc-sanctions-2025.", StringComparison.Ordinal);
        File.WriteAllText(renamed, Incidents.ToText(doc));
        await Git(site, environment, "add", "content/incidents/icc-sanctions-2025.json");
        var rename = await ProcessRunner.RunAsync("git", ["commit", "-m", "rename icc-sanctions"], site, CommitTimeout, environment);
        Assert.True(rename.ExitCode != 0, "the rename was committed\n" + rename + PreCommitLog(environment));
        Assert.Matches(@"lint incident files\.+Failed", rename.Output);
        // Every file that still lists the old slug is named, with the slug it probably means.
        foreach (var file in new[] { "content/incidents/attacks-on-judiciary.json", "content/incidents/icc-immunity-demands-rome-statute.json" })
            Assert.Contains(file, rename.Output);
        Assert.Matches(@"related incident ""icc-sanctions"" does not exist in the corpus; did you mean ""icc-sanctions-2025""\? \(in a file not named in this run", rename.Output);
        // The link in a page body is caught the same way, in the file that holds it.
        Assert.Contains("content/incidents/gaza-arms-complicity.json", rename.Output);
        Assert.Matches(@"error\s+the link names incident ""icc-sanctions"", which does not exist in the corpus; did you mean ""icc-sanctions-2025""\? \(in a file not named in this run[^\n]*content-link", rename.Output);
        Assert.Contains("3 problems (3 errors, 0 warnings)", rename.Output);
        Assert.Equal(head, (await Git(site, environment, "rev-parse", "HEAD")).StandardOutput.Trim());

        // Back to the clean corpus; then delete the incident and stage only the deletion (no .json file is staged).
        await Git(site, environment, "reset", "--quiet", "--hard", "HEAD");
        Assert.True(File.Exists(Path.Combine(incidents, "icc-sanctions.json")));
        await Git(site, environment, "rm", "--quiet", "content/incidents/icc-sanctions.json");
        var deletion = await ProcessRunner.RunAsync("git", ["commit", "-m", "delete icc-sanctions"], site, CommitTimeout, environment);
        Assert.True(deletion.ExitCode != 0, "the deletion was committed\n" + deletion + PreCommitLog(environment));
        Assert.Matches(@"lint incident files\.+Failed", deletion.Output);
        Assert.Contains("content/incidents/attacks-on-judiciary.json", deletion.Output);
        Assert.Contains("content/incidents/icc-immunity-demands-rome-statute.json", deletion.Output);
        Assert.Matches(@"the link names incident ""icc-sanctions"", which does not exist in the corpus", deletion.Output);
        Assert.Contains("3 problems (3 errors, 0 warnings)", deletion.Output);
        Assert.Equal(head, (await Git(site, environment, "rev-parse", "HEAD")).StandardOutput.Trim());

        // The corpus index never shows up in git.
        await Git(site, environment, "reset", "--quiet", "--hard", "HEAD");
        Assert.True(File.Exists(Path.Combine(site, ".lintcache", "corpus-index")), "the hook keeps the corpus index beside lint.config.json");
        Assert.Equal("", (await Git(site, environment, "status", "--porcelain")).StandardOutput.Trim());

        // A commit that stages only a non-incident file still passes on the clean corpus.
        File.WriteAllText(Path.Combine(site, "README.md"), "site\n");
        await Git(site, environment, "add", "README.md");
        var docs = await ProcessRunner.RunAsync("git", ["commit", "-m", "readme"], site, CommitTimeout, environment);
        Assert.True(docs.ExitCode == 0, "a clean commit was refused\n" + docs + PreCommitLog(environment));

        // lint rename rewrites every reference, the page body's link included: the same rename now commits.
        var renameCommand = LintProcess.Run(site, ["rename", "icc-sanctions", "icc-sanctions-2025"]);
        Assert.True(renameCommand.ExitCode == 0, renameCommand.ToString());
        Assert.Contains("<a href=\\\"/incident/icc-sanctions-2025\\\">ICC sanctions</a>", File.ReadAllText(gaza));
        await Git(site, environment, "add", "--all");
        var renamedCommit = await ProcessRunner.RunAsync("git", ["commit", "-m", "rename icc-sanctions with lint rename"], site, CommitTimeout, environment);
        Assert.True(renamedCommit.ExitCode == 0, "the rename made by lint rename was refused\n" + renamedCommit + PreCommitLog(environment));
    }

    /// <summary>
    /// The lint that pre-commit installed: by default the framework-dependent build, compiled ahead of time (lint.dll
    /// beside it); with LINT_HOOK_NATIVE=true a native executable that loads no .NET host.
    /// </summary>
    private static void AssertInstalledHookBuild(IReadOnlyDictionary<string, string> environment, bool native)
    {
        var store = Directory.GetDirectories(environment["PRE_COMMIT_HOME"], ".store", SearchOption.AllDirectories).Single();
        var executable = Directory.GetFiles(store, "lint", SearchOption.AllDirectories).Single();
        var managed = Directory.GetFiles(store, "lint.dll", SearchOption.AllDirectories);
        var loadsDotnet = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(executable)).Contains("libhostfxr", StringComparison.Ordinal);
        if (native)
        {
            Assert.True(managed.Length == 0 && !loadsDotnet, $"the hook built with LINT_HOOK_NATIVE=true is not native: {executable}");
        }
        else
        {
            Assert.True(managed.Length == 1 && loadsDotnet, $"the hook's default build is not the framework-dependent one: {executable}");
        }
    }

    /// <summary>pre-commit's own log of a failed hook installation (it lives in the temporary folder, gone after the test).</summary>
    private static string PreCommitLog(IReadOnlyDictionary<string, string> environment)
    {
        var log = Path.Combine(environment["PRE_COMMIT_HOME"], "pre-commit.log");
        return File.Exists(log) ? "\n--- pre-commit.log\n" + File.ReadAllText(log) : "";
    }

    private static async Task<ProcessResult> Git(string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        await ProcessRunner.RunCheckedAsync("git", arguments, directory, GitTimeout, environment);
}
