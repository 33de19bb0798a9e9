using System.Text;
using System.Text.Json.Nodes;
using Lint.LanguageServer;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Lsp;

/// <summary>The language server against bad input, cancellation, configuration changes and several workspace folders.</summary>
public sealed class LspServerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Incident(string slug, Action<JsonObject>? change = null, string folder = "incidents")
    {
        var doc = Incidents.Valid(slug);
        doc["record"]!["relatedIncidents"] = new JsonArray();
        change?.Invoke(doc);
        return _dir.Write($"{folder}/{slug}.json", Incidents.ToText(doc));
    }

    private void Config(string text = """{ "include": ["incidents/*.json"] }""", string folder = "") =>
        _dir.Write(Path.Combine(folder, "lint.config.json"), text);

    private static IEnumerable<string?> Codes(JsonObject publish) => publish["params"]!["diagnostics"]!.AsArray().Select(d => (string?)d!["code"]);

    private static async Task AssertAliveAsync(LspHarness lsp)
    {
        // A request that must still be answered: hover on nothing answers null.
        var response = await lsp.CallAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///nowhere/x.json" },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 },
        });
        Assert.True(response.ContainsKey("result"), response.ToJsonString());
    }

    [Fact]
    public async Task Malformed_json_gets_a_parse_error_and_the_server_goes_on()
    {
        Config();
        await using var lsp = new LspHarness();
        lsp.SendBody("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
        var error = await lsp.WaitAsync(m => m["error"] is not null, "a parse error");
        Assert.Equal(-32700, (int)error["error"]!["code"]!);
        Assert.Null(error["id"]);
        lsp.SendBody("[1, 2]");
        Assert.Equal(-32600, (int)(await lsp.WaitAsync(m => m["error"] is not null, "an invalid request"))["error"]!["code"]!);
        await lsp.InitializeAsync(_dir.Path);
        await AssertAliveAsync(lsp);
    }

    [Fact]
    public async Task Broken_framing_and_oversized_messages_are_dropped_without_holding_them()
    {
        Config();
        await using var lsp = new LspHarness(new LspServerOptions { MaxMessageBytes = 4096 });
        lsp.SendRaw(Encoding.ASCII.GetBytes("X-Nonsense: yes\r\n\r\n"));
        Assert.Contains("Content-Length", (string)(await lsp.WaitAsync(m => (string?)m["method"] == "window/logMessage", "a log"))["params"]!["message"]!);
        lsp.SendRaw(Encoding.ASCII.GetBytes("Content-Length: abc\r\n\r\n"));
        Assert.Contains("invalid Content-Length", (string)(await lsp.WaitAsync(m => (string?)m["method"] == "window/logMessage", "a log"))["params"]!["message"]!);
        lsp.SendBody("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"initialize\",\"params\":{\"x\":\"" + new string('a', 10_000) + "\"}}");
        Assert.Contains("exceeds the limit", (string)(await lsp.WaitAsync(m => (string?)m["method"] == "window/logMessage", "a log"))["params"]!["message"]!);
        await lsp.InitializeAsync(_dir.Path);
        await AssertAliveAsync(lsp);
    }

    [Fact]
    public async Task Unknown_methods_and_early_requests_get_protocol_errors()
    {
        Config();
        await using var lsp = new LspHarness();
        Assert.Equal(-32002, (int)(await lsp.CallAsync("textDocument/hover"))["error"]!["code"]!); // before initialize
        await lsp.InitializeAsync(_dir.Path);
        Assert.Equal(-32601, (int)(await lsp.CallAsync("textDocument/rename"))["error"]!["code"]!);
        lsp.Notify("$/setTrace", new JsonObject { ["value"] = "off" });
        lsp.Notify("some/unknownNotification");
        Assert.Equal(-32602, (int)(await lsp.CallAsync("textDocument/hover", new JsonObject { ["textDocument"] = 5 }))["error"]!["code"]!);
        await AssertAliveAsync(lsp);
    }

    [Fact]
    public async Task A_document_that_is_not_an_incident_file_gets_no_diagnostics()
    {
        Config();
        Incident("alpha");
        var package = _dir.Write("package.json", "{ \"name\": \"site\" }");
        var notes = _dir.Write("incidents/notes.txt", "not json at all");
        await using var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path);
        lsp.Open(package, File.ReadAllText(package));
        Assert.Empty(Codes(await lsp.PublishedAsync(LspHarness.Uri(package))));
        lsp.Open(notes, "not json at all");
        Assert.Empty(Codes(await lsp.PublishedAsync(LspHarness.Uri(notes))));
        var actions = await lsp.CallAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspHarness.Uri(package) },
            ["range"] = new JsonObject { ["start"] = new JsonObject { ["line"] = 0, ["character"] = 0 }, ["end"] = new JsonObject { ["line"] = 0, ["character"] = 1 } },
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
        });
        Assert.Empty(actions["result"]!.AsArray());
        var draft = _dir.Combine("incidents", "draft.json"); // in the corpus, unsaved, not well-formed
        lsp.Open(draft, "{");
        Assert.Contains("invalid-json", Codes(await lsp.PublishedAsync(LspHarness.Uri(draft))));
        lsp.Notify("textDocument/didOpen", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "untitled:Untitled-1", ["languageId"] = "json", ["version"] = 1, ["text"] = "{" } });
        await AssertAliveAsync(lsp);
    }

    [Fact]
    public async Task A_30_MB_buffer_gets_one_file_too_large_finding_and_the_server_stays_responsive()
    {
        Config();
        var path = Incident("alpha");
        await using var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path);
        var huge = "{\"site\": \"" + new string('x', 30 * 1024 * 1024) + "\"}";
        lsp.Open(path, huge);
        var published = await lsp.PublishedAsync(LspHarness.Uri(path));
        Assert.Equal(["file-too-large"], Codes(published));
        await AssertAliveAsync(lsp);
    }

    [Fact]
    public async Task A_client_that_disappears_ends_the_server()
    {
        Config();
        var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path);
        lsp.CloseInput(); // no shutdown, no exit: the editor crashed
        var finished = await Task.WhenAny(lsp.Run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(lsp.Run, finished);
        Assert.Equal(1, await lsp.Run); // exit without shutdown: 1, as the protocol says
        await lsp.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_stops_reading_ends_the_server_without_an_exception()
    {
        Config();
        Incident("alpha", d => d["record"]!["sourceCount"] = 5);
        var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path);
        lsp.CloseOutputReader();
        for (int i = 0; i < 20; i++) lsp.Request("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() });
        lsp.CloseInput();
        var finished = await Task.WhenAny(lsp.Run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(lsp.Run, finished);
        Assert.Equal(1, await lsp.Run);
        await lsp.DisposeAsync();
    }

    [Fact]
    public async Task Shutdown_then_exit_is_exit_code_0()
    {
        Config();
        var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path);
        Assert.Null((await lsp.CallAsync("shutdown"))["result"]);
        Assert.Equal(-32600, (int)(await lsp.CallAsync("textDocument/hover"))["error"]!["code"]!); // after shutdown
        lsp.Notify("exit");
        Assert.Equal(0, await lsp.Run.WaitAsync(TimeSpan.FromSeconds(30)));
        await lsp.DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_running_request_answers_RequestCancelled()
    {
        Config();
        var running = new TaskCompletionSource();
        await using var lsp = new LspHarness(configure: server => server.BeforeRequest = async (method, token) =>
        {
            if (method != "workspace/diagnostic") return;
            running.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        });
        await lsp.InitializeAsync(_dir.Path);
        int id = lsp.Request("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() });
        await running.Task.WaitAsync(TimeSpan.FromSeconds(30));
        lsp.Notify("$/cancelRequest", new JsonObject { ["id"] = id });
        var response = await lsp.ResponseAsync(id);
        Assert.Equal(-32800, (int)response["error"]!["code"]!);
        await AssertAliveAsync(lsp);
    }

    [Fact]
    public async Task A_cancelled_queued_request_is_answered_without_running()
    {
        Config();
        var release = new TaskCompletionSource();
        var ran = new List<string>();
        await using var lsp = new LspHarness(configure: server => server.BeforeRequest = async (method, token) =>
        {
            lock (ran) ran.Add(method);
            if (method == "textDocument/hover") await release.Task;
        });
        await lsp.InitializeAsync(_dir.Path);
        int blocker = lsp.Request("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///nowhere/x.json" },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 },
        });
        int queued = lsp.Request("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() });
        lsp.Notify("$/cancelRequest", new JsonObject { ["id"] = queued });
        await Task.Delay(200); // let the reader see the cancellation before the blocker ends
        release.SetResult();
        Assert.True((await lsp.ResponseAsync(blocker)).ContainsKey("result"));
        Assert.Equal(-32800, (int)(await lsp.ResponseAsync(queued))["error"]!["code"]!);
        lock (ran) Assert.DoesNotContain("workspace/diagnostic", ran);
    }

    [Fact]
    public async Task A_broken_configuration_is_one_diagnostic_on_it_and_a_fixed_one_is_reloaded()
    {
        var config = _dir.Write("lint.config.json", "{ \"include\": [\"incidents/*.json\"],\n  \"rules\": { \"source-cont\": \"off\" } }");
        var path = Incident("alpha", d => d["record"]!["sourceCount"] = 5);
        await using var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path);
        var broken = await lsp.PublishedAsync(LspHarness.Uri(config));
        var diagnostic = Assert.Single(broken["params"]!["diagnostics"]!.AsArray())!;
        Assert.Contains("source-cont", (string)diagnostic["message"]!);
        Assert.Equal(1, (int)diagnostic["range"]!["start"]!["line"]!); // where the unknown rule id is
        Assert.Equal(13, (int)diagnostic["range"]!["start"]!["character"]!);

        File.WriteAllText(config, "{ \"include\": [\"incidents/*.json\"],\n  \"rules\": { \"document-count\": \"off\" } }");
        lsp.Notify("workspace/didChangeWatchedFiles", new JsonObject { ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspHarness.Uri(config), ["type"] = 2 }) });
        Assert.Empty(Codes(await lsp.PublishedAsync(LspHarness.Uri(config))));
        Assert.Equal(["source-count"], Codes(await lsp.PublishedAsync(LspHarness.Uri(path))));

        // A changed severity is picked up too.
        File.WriteAllText(config, "{ \"include\": [\"incidents/*.json\"],\n  \"rules\": { \"source-count\": \"off\" } }");
        lsp.Notify("workspace/didChangeWatchedFiles", new JsonObject { ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspHarness.Uri(config), ["type"] = 2 }) });
        Assert.Empty(Codes(await lsp.PublishedAsync(LspHarness.Uri(path))));
    }

    [Fact]
    public async Task Each_workspace_folder_uses_its_own_configuration()
    {
        Config("""{ "include": ["incidents/*.json"], "rules": { "source-count": "warning" } }""", "one");
        Config("""{ "include": ["incidents/*.json"], "rules": { "source-count": "error" } }""", "two");
        var first = Incident("alpha", d => d["record"]!["sourceCount"] = 5, "one/incidents");
        var second = Incident("beta", d => d["record"]!["sourceCount"] = 5, "two/incidents");
        await using var lsp = new LspHarness();
        var response = await lsp.CallAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["capabilities"] = new JsonObject(),
            ["workspaceFolders"] = new JsonArray(
                new JsonObject { ["uri"] = LspHarness.Uri(_dir.Combine("one")), ["name"] = "one" },
                new JsonObject { ["uri"] = LspHarness.Uri(_dir.Combine("two")), ["name"] = "two" }),
        });
        Assert.NotNull(response["result"]);
        lsp.Notify("initialized");
        var one = (await lsp.PublishedAsync(LspHarness.Uri(first)))["params"]!["diagnostics"]![0]!;
        var two = (await lsp.PublishedAsync(LspHarness.Uri(second)))["params"]!["diagnostics"]![0]!;
        Assert.Equal(2, (int)one["severity"]!);
        Assert.Equal(1, (int)two["severity"]!);
    }

    [Fact]
    public async Task Incremental_edits_in_utf16_land_right_in_a_crlf_file_with_an_emoji()
    {
        Config();
        var path = Incident("alpha");
        var text = File.ReadAllText(path).Replace("\n", "\r\n").Replace("\"title\": \"", "\"title\": \"😀 — ");
        await using var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path);
        lsp.Open(path, text);
        await lsp.PublishedAsync(LspHarness.Uri(path)); // citation-format: the title changed
        // Replace the sourceCount value 2 by 7 with a range edit, then check where the finding is.
        var lines = text.Split("\r\n");
        int line = Array.FindIndex(lines, l => l.Contains("\"sourceCount\""));
        int character = lines[line].IndexOf('2');
        lsp.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspHarness.Uri(path), ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = new JsonObject { ["line"] = line, ["character"] = character }, ["end"] = new JsonObject { ["line"] = line, ["character"] = character + 1 } },
                ["text"] = "7",
            }),
        });
        var published = await lsp.PublishedAsync(LspHarness.Uri(path));
        Assert.Equal(2, (int)published["params"]!["version"]!);
        var finding = published["params"]!["diagnostics"]!.AsArray().Single(d => (string?)d!["code"] == "source-count")!;
        Assert.Equal(line, (int)finding["range"]!["start"]!["line"]!);
        Assert.Equal(character, (int)finding["range"]!["start"]!["character"]!);
        Assert.Contains("citation-format", published["params"]!["diagnostics"]!.AsArray().Select(d => (string?)d!["code"]));

        // Delete "😀 — " from the title by a UTF-16 range (the emoji counts 2): the title is as before, so the citation fits again.
        int titleLine = Array.FindIndex(lines, l => l.Contains("\"title\""));
        int from = lines[titleLine].IndexOf("😀", StringComparison.Ordinal);
        int to = from + "😀 — ".Length;
        Assert.Equal(from + 5, to); // the emoji is a surrogate pair: 2 + space + em dash + space
        lsp.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = LspHarness.Uri(path), ["version"] = 3 },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = new JsonObject { ["line"] = titleLine, ["character"] = from }, ["end"] = new JsonObject { ["line"] = titleLine, ["character"] = to } },
                ["text"] = "",
            }),
        });
        var after = await lsp.PublishedAsync(LspHarness.Uri(path));
        Assert.Equal(3, (int)after["params"]!["version"]!);
        Assert.Equal(["source-count"], Codes(after));
    }

    [Fact]
    public async Task A_workspace_pull_with_nothing_new_waits_for_the_next_change_and_can_be_cancelled()
    {
        Config();
        var path = Incident("alpha");
        await using var lsp = new LspHarness();
        await lsp.InitializeAsync(_dir.Path, new JsonObject { ["textDocument"] = new JsonObject { ["diagnostic"] = new JsonObject() } });
        var first = (await lsp.CallAsync("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() }))["result"]!["items"]!.AsArray();
        JsonArray Previous() => new(first.Select(i => (JsonNode)new JsonObject { ["uri"] = (string)i!["uri"]!, ["value"] = (string)i["resultId"]! }).ToArray());

        // Nothing changed: the request stays open (a long poll) until an edit changes a result.
        int waiting = lsp.Request("workspace/diagnostic", new JsonObject { ["previousResultIds"] = Previous() });
        await AssertAliveAsync(lsp); // answered while the pull waits: the queue is not blocked
        lsp.Open(path, File.ReadAllText(path).Replace("\"sourceCount\": 2", "\"sourceCount\": 3"));
        var answer = await lsp.ResponseAsync(waiting);
        var item = Assert.Single(answer["result"]!["items"]!.AsArray())!;
        Assert.Equal("full", (string?)item["kind"]);
        Assert.Equal("source-count", (string?)item["items"]![0]!["code"]);

        // A parked pull that the client cancels is answered RequestCancelled.
        first = answer["result"]!["items"]!.AsArray();
        int cancelled = lsp.Request("workspace/diagnostic", new JsonObject { ["previousResultIds"] = Previous() });
        await AssertAliveAsync(lsp);
        lsp.Notify("$/cancelRequest", new JsonObject { ["id"] = cancelled });
        Assert.Equal(-32800, (int)(await lsp.ResponseAsync(cancelled))["error"]!["code"]!);
    }
}
