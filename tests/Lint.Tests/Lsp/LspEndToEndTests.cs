using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lint.Rules;
using Lint.Tests.TestSupport;
using Xunit.Sdk;

namespace Lint.Tests.Lsp;

/// <summary>
/// Drives the built <c>lint lsp</c> through a real LSP client: npm <c>vscode-languageserver-protocol</c> 3.18 and
/// <c>vscode-jsonrpc</c> (installed by <c>.ci/setup.d/lsp-client.sh</c>), the protocol layer of VS Code's client.
/// The client script (<c>lsp-client.js</c>) plays an editor session and prints a transcript; this test checks it.
/// </summary>
public sealed class LspEndToEndTests : IDisposable, IAsyncLifetime
{
    /// <summary>Installs the client when it is missing (what .ci/setup.d/lsp-client.sh does).</summary>
    public Task InitializeAsync() => CiTools.EnsureAsync("lsp-client.sh");

    public Task DisposeAsync() => Task.CompletedTask;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Title = "Strikes — a 🚀 update"; // an em dash (1 UTF-16 unit, 3 bytes) and an emoji (2 units, 4 bytes)

    /// <summary>
    /// alpha relates to beta; gamma is one line with an em dash and an emoji before a wrong sourceCount; delta has CRLF
    /// line endings and three fixable findings.
    /// </summary>
    private void MakeWorkspace()
    {
        _dir.Write("lint.config.json", """{ "include": ["incidents/*.json"] }""");
        var alpha = Incidents.Valid("alpha");
        alpha["record"]!["relatedIncidents"] = new JsonArray("beta");
        _dir.Write("incidents/alpha.json", Incidents.ToText(alpha));
        var beta = Incidents.Valid("beta");
        beta["record"]!["relatedIncidents"] = new JsonArray();
        _dir.Write("incidents/beta.json", Incidents.ToText(beta));
        var gamma = Incidents.Valid("gamma");
        gamma["record"]!["relatedIncidents"] = new JsonArray();
        gamma["record"]!["title"] = Title;
        Incidents.Recompute(gamma);
        gamma["record"]!["sourceCount"] = 99;
        _dir.WriteBytes("incidents/gamma.json", Encoding.UTF8.GetBytes(gamma.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        var delta = Incidents.Valid("delta");
        delta["record"]!["relatedIncidents"] = new JsonArray();
        delta["record"]!["sourceCount"] = 7;
        delta["record"]!["documentCount"] = 9;
        delta["record"]!["tags"]!.AsArray().Add(delta["record"]!["tags"]![0]!.GetValue<string>());
        _dir.WriteBytes("incidents/delta.json", Encoding.UTF8.GetBytes(Incidents.ToText(delta).Replace("\n", "\r\n")));
    }

    private static string ClientModules()
    {
        var modules = Path.Combine(Repo.Root, ".ci", "lsp-client", "node_modules");
        if (!File.Exists(Path.Combine(modules, "vscode-languageserver-protocol", "package.json")) || ProcessRunner.FindOnPath("node") is null)
        {
            throw new XunitException(
                "The LSP test client is not installed, so lint lsp cannot be driven by a real client. Install it with\n" +
                "    bash .ci/setup.d/lsp-client.sh\n" +
                "(node, and npm install of vscode-languageserver-protocol and vscode-jsonrpc into .ci/lsp-client/).");
        }
        return modules;
    }

    private async Task<List<JsonObject>> RunClientAsync(string mode)
    {
        var modules = ClientModules();
        var script = Path.Combine(Repo.Root, "tests", "Lint.Tests", "Lsp", "lsp-client.js");
        var result = await ProcessRunner.RunAsync("node", [script, mode, _dir.Path, "dotnet", LintProcess.LintDll], _dir.Path, TimeSpan.FromMinutes(4),
            new Dictionary<string, string> { ["NODE_PATH"] = modules });
        var events = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        if (result.ExitCode != 0 || events.Any(e => (string?)e["event"] == "error")) throw new XunitException($"the LSP client failed\n{result}");
        return events;
    }

    private static JsonObject Last(List<JsonObject> events, string name, Func<JsonObject, bool>? where = null) =>
        events.Last(e => (string?)e["event"] == name && (where is null || where(e)));

    private static string UriOf(string path) => new Uri(path).AbsoluteUri;

    /// <summary>Applies LSP text edits in UTF-16 positions (what .NET strings count) to <paramref name="text"/>.</summary>
    private static string ApplyUtf16(string text, JsonArray edits)
    {
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++) if (text[i] == '\n') lineStarts.Add(i + 1);
        int Offset(JsonNode p) => lineStarts[(int)p["line"]!] + (int)p["character"]!;
        foreach (var edit in edits.OrderByDescending(e => Offset(e!["range"]!["start"]!)))
            text = text[..Offset(edit!["range"]!["start"]!)] + (string)edit["newText"]! + text[Offset(edit["range"]!["end"]!)..];
        return text;
    }

    private static IEnumerable<JsonObject> Diagnostics(JsonObject publish) => publish["diagnostics"]!.AsArray().Select(d => d!.AsObject());

    [Fact]
    public async Task A_push_client_gets_workspace_diagnostics_follows_unsaved_renames_and_applies_fixes()
    {
        MakeWorkspace();
        var events = await RunClientAsync("push");

        var capabilities = Last(events, "initialized")["result"]!["capabilities"]!;
        Assert.Equal("utf-16", (string?)capabilities["positionEncoding"]);
        Assert.Null(capabilities["diagnosticProvider"]); // the client cannot pull: lint pushes
        Assert.Contains("**/*.json", Last(events, "register").ToJsonString());

        // The closed gamma.json got its diagnostic before anything was opened, in UTF-16 past an em dash and an emoji.
        string gammaUri = UriOf(_dir.Combine("incidents", "gamma.json"));
        var gammaText = File.ReadAllText(_dir.Combine("incidents", "gamma.json"));
        var closed = events.First(e => (string?)e["event"] == "publish" && (string?)e["uri"] == gammaUri);
        Assert.Null(closed["version"]);
        var sourceCount = Assert.Single(Diagnostics(closed), d => (string?)d["code"] == "source-count");
        int valueAt = gammaText.IndexOf("\"sourceCount\":99", StringComparison.Ordinal) + "\"sourceCount\":".Length;
        Assert.Equal(0, (int)sourceCount["range"]!["start"]!["line"]!);
        Assert.Equal(valueAt, (int)sourceCount["range"]!["start"]!["character"]!);
        Assert.Equal(valueAt + 2, (int)sourceCount["range"]!["end"]!["character"]!);
        Assert.Equal(1, (int)sourceCount["severity"]!);
        Assert.Equal("lint", (string?)sourceCount["source"]);
        Assert.Equal(RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == "source-count").Metadata.HelpUri, (string?)sourceCount["codeDescription"]!["href"]);

        // The unsaved rename of beta's slug reached the closed alpha.json, at its "beta" entry; renaming back cleared it.
        string alphaUri = UriOf(_dir.Combine("incidents", "alpha.json"));
        int renamed = events.FindIndex(e => (string?)e["event"] == "renamed");
        var dangling = events.Take(renamed).Last(e => (string?)e["event"] == "publish" && (string?)e["uri"] == alphaUri);
        var related = Assert.Single(Diagnostics(dangling));
        Assert.Equal("related-exists", (string?)related["code"]);
        var alphaLines = File.ReadAllText(_dir.Combine("incidents", "alpha.json")).Split('\n');
        int betaLine = Array.FindIndex(alphaLines, l => l.Trim() == "\"beta\"");
        Assert.Equal(betaLine, (int)related["range"]!["start"]!["line"]!);
        Assert.Equal(alphaLines[betaLine].IndexOf('"'), (int)related["range"]!["start"]!["character"]!);
        int restored = events.FindIndex(e => (string?)e["event"] == "restored");
        Assert.Empty(Diagnostics(events.Take(restored).Last(e => (string?)e["event"] == "publish" && (string?)e["uri"] == alphaUri)));

        // The quick fix carries the same edit as --fix and clears the finding; nothing else in the file changes.
        var actions = Last(events, "codeActions")["actions"]!.AsArray();
        var quickfix = actions.Single(a => (string?)a!["kind"] == "quickfix" && ((string)a["title"]!).StartsWith("Fix") && (string?)a["diagnostics"]![0]!["code"] == "source-count");
        Assert.Contains("sourceCount", (string?)quickfix!["title"]);
        Assert.True((bool)quickfix["isPreferred"]!);

        // "Disable source-count for this file" adds an overrides entry to lint.config.json, which then turns it off there.
        var disable = actions.Single(a => ((string)a!["title"]!).StartsWith("Disable source-count"))!;
        var configPath = _dir.Combine("lint.config.json");
        var configEdits = disable["edit"]!["changes"]![UriOf(configPath)]!.AsArray();
        var newConfig = ApplyUtf16(File.ReadAllText(configPath), configEdits);
        var config = Lint.Config.ConfigLoader.Parse(Encoding.UTF8.GetBytes(newConfig), configPath, RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToList());
        var overrideEntry = Assert.Single(config.Overrides);
        Assert.Equal(["incidents/gamma.json"], overrideEntry.Files);
        Assert.Equal(Severity.Off, overrideEntry.Rules["source-count"]);
        var fixedGamma = (string)Last(events, "quickfixed")["text"]!;
        Assert.Equal(gammaText.Replace("\"sourceCount\":99", "\"sourceCount\":2"), fixedGamma);
        Assert.DoesNotContain("source-count", Last(events, "quickfixed")["codes"]!.AsArray().Select(c => (string?)c));

        // Hover on a finding shows what 'lint explain' prints for its rule.
        var hover = Last(events, "hover");
        string rule = (string)hover["diagnostic"]!["code"]!;
        Assert.True(RuleDocs.TryGet(rule, out var page));
        string shown = (string)hover["hover"]!["contents"]!["value"]!;
        Assert.Contains(page.TrimEnd(), shown);
        Assert.Contains((string)hover["diagnostic"]!["message"]!, shown);

        // Fix-all gives exactly what 'lint --fix' writes, CRLF kept, and leaves no fixable finding.
        var fixAll = Assert.Single(Last(events, "fixAllActions")["actions"]!.AsArray());
        Assert.Equal("source.fixAll.lint", (string?)fixAll!["kind"]);
        var deltaPath = _dir.Combine("incidents", "delta.json");
        var expected = await new Linter(new LintOptions { WorkingDirectory = _dir.Path }).FixAsync(deltaPath, File.ReadAllBytes(deltaPath));
        Assert.True(expected.AppliedFixes >= 3);
        Assert.Equal(expected.FixedText, (string)Last(events, "fixedAll")["text"]!);
        Assert.Empty(Last(events, "fixedAll")["codes"]!.AsArray());

        Assert.Equal(0, (int)Last(events, "exit")["code"]!);
    }

    [Fact]
    public async Task A_pull_client_negotiates_utf8_and_pulls_workspace_diagnostics_with_inter_file_dependencies()
    {
        MakeWorkspace();
        var events = await RunClientAsync("pull");

        var capabilities = Last(events, "initialized")["result"]!["capabilities"]!;
        Assert.Equal("utf-8", (string?)capabilities["positionEncoding"]);
        Assert.True((bool)capabilities["diagnosticProvider"]!["interFileDependencies"]!);
        Assert.True((bool)capabilities["diagnosticProvider"]!["workspaceDiagnostics"]!);
        Assert.DoesNotContain(events, e => (string?)e["event"] == "publish"); // pull clients get no pushes

        var first = events.First(e => (string?)e["event"] == "workspace")["report"]!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(4, first.Count);
        Assert.All(first, i => Assert.Equal("full", (string?)i["kind"]));
        var gammaPath = _dir.Combine("incidents", "gamma.json");
        var gamma = first.Single(i => (string?)i["uri"] == UriOf(gammaPath));
        var sourceCount = gamma["items"]!.AsArray().Single(d => (string?)d!["code"] == "source-count")!;
        var gammaText = File.ReadAllText(gammaPath);
        int valueAt = gammaText.IndexOf("\"sourceCount\":99", StringComparison.Ordinal) + "\"sourceCount\":".Length;
        Assert.Equal(Encoding.UTF8.GetByteCount(gammaText[..valueAt]), (int)sourceCount["range"]!["start"]!["character"]!); // UTF-8: bytes
        Assert.All(first.Where(i => i != gamma && !((string)i["uri"]!).EndsWith("delta.json")), i => Assert.Empty(i["items"]!.AsArray()));

        var document = Last(events, "document")["report"]!;
        Assert.Equal("full", (string?)document["kind"]);
        Assert.Contains(document["items"]!.AsArray(), d => (string?)d!["code"] == "slug-filename");
        Assert.Contains(events, e => (string?)e["event"] == "refresh");

        // After the unsaved rename, the second pull has a new report for alpha (it relates to beta) and 'unchanged' for delta.
        var second = events.Where(e => (string?)e["event"] == "workspace").Skip(1).First()["report"]!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var alpha = second.Single(i => (string?)i["uri"] == UriOf(_dir.Combine("incidents", "alpha.json")));
        Assert.Equal("full", (string?)alpha["kind"]);
        Assert.Equal("related-exists", (string?)Assert.Single(alpha["items"]!.AsArray())!["code"]);
        Assert.Equal("unchanged", (string?)second.Single(i => ((string)i["uri"]!).EndsWith("delta.json"))["kind"]);
        var beta = second.Single(i => ((string)i["uri"]!).EndsWith("beta.json"));
        Assert.NotNull(beta["version"]); // open: its version is reported

        var cancel = Last(events, "cancel");
        Assert.True((string?)cancel["outcome"] == "completed" || (int?)cancel["code"] == -32800, cancel.ToJsonString());
        Assert.Equal(0, (int)Last(events, "exit")["code"]!);
    }
}
