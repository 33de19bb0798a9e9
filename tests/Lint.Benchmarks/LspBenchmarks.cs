using System.Collections.Concurrent;
using System.IO.Pipes;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Lint.LanguageServer;

namespace Lint.Benchmarks;

/// <summary>
/// <c>lint lsp</c> in a 10,000-file workspace: the time from a <c>textDocument/didChange</c> of a 24 KB incident file
/// to its diagnostics (pushed, or pulled with <c>textDocument/diagnostic</c>), through the real server and its JSON-RPC
/// framing, in process over pipes. Every edit changes the findings (sourceCount toggles between right and wrong), and
/// the edit is sent as the whole text, as the slowest clients do. The target is a median under 20 ms.
/// </summary>
[MemoryDiagnoser]
public class LspBenchmarks
{
    public const int Files = 10_000;

    private string _root = "";
    private LspClient _push = null!;
    private LspClient _pull = null!;
    private string _uri = "";
    private string _good = "", _bad = "";
    private int _version = 1;
    private bool _toggle;

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "lint-lsp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var files = CorpusGenerator.Generate(Path.Combine(_root, "incidents"), Files, seed: 1, File.ReadAllText(Fixtures.TemplatePath));
        File.WriteAllText(Path.Combine(_root, "lint.config.json"), """{ "include": ["incidents/**/*.json"] }""");
        var path = files[Files / 2].Path;
        _uri = LspServer.PathToUri(path);
        _good = File.ReadAllText(path);
        int count = JsonNode.Parse(_good)!["record"]!["sourceCount"]!.GetValue<int>();
        _bad = _good.Replace($"\"sourceCount\": {count},", $"\"sourceCount\": {count + 1},");
        if (_bad == _good) throw new InvalidOperationException("the template's sourceCount was not found");
        long before = GC.GetTotalMemory(forceFullCollection: true);
        _push = Start(pull: false);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        _pull = Start(pull: true);
        // Memory follows the number of files (a slug, the slugs asked about and the findings per file), not their bytes.
        Console.WriteLine($"// lsp: managed heap of one server after linting {Files} files ({Directory.EnumerateFiles(_root, "*.json", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1048576} MiB): {(after - before) / 1048576.0:0.0} MiB");
    }

    private LspClient Start(bool pull)
    {
        var client = new LspClient();
        var capabilities = pull ? new JsonObject { ["textDocument"] = new JsonObject { ["diagnostic"] = new JsonObject() } } : new JsonObject();
        client.Call("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = LspServer.PathToUri(_root), ["capabilities"] = capabilities });
        client.Notify("initialized", new JsonObject());
        // Lint the whole workspace once (what an editor session has done long before anyone types).
        client.Call("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() });
        client.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = _uri, ["languageId"] = "json", ["version"] = 1, ["text"] = _good },
        });
        if (!pull) client.WaitPublish(_uri);
        return client;
    }

    private string Next()
    {
        _toggle = !_toggle;
        return _toggle ? _bad : _good;
    }

    private JsonObject Change(string text) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = _uri, ["version"] = ++_version },
        ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
    };

    [Benchmark(Description = "didChange of a 24 KB file -> publishDiagnostics (10,000 files)")]
    public JsonObject PushDiagnosticsAfterEdit()
    {
        _push.Notify("textDocument/didChange", Change(Next()));
        return _push.WaitPublish(_uri);
    }

    [Benchmark(Description = "didChange of a 24 KB file -> textDocument/diagnostic (10,000 files)")]
    public JsonObject PullDiagnosticsAfterEdit()
    {
        _pull.Notify("textDocument/didChange", Change(Next()));
        return _pull.Call("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = _uri } });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _push.Dispose();
        _pull.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Paired medians, for a shared machine: each round times one edit through the server (push and pull) and, beside
    /// it, the floor: linting the same bytes with the same prebuilt corpus and nothing else (no protocol, no framing).
    /// The ratio shows what the server adds; the absolute numbers move with the machine's load.
    /// </summary>
    public static int RunPaired(int rounds)
    {
        var bench = new LspBenchmarks();
        bench.Setup();
        try
        {
            var linter = new Linter(new LintOptions { WorkingDirectory = bench._root, MaxDegreeOfParallelism = 1 });
            var full = LspServer.UriToPath(bench._uri)!;
            var corpus = linter.BuildCorpus(Directory.EnumerateFiles(Path.Combine(bench._root, "incidents"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal), null);
            var bad = Encoding.UTF8.GetBytes(bench._bad);
            var push = new List<double>(rounds);
            var pull = new List<double>(rounds);
            var floor = new List<double>(rounds);
            for (int i = 0; i < rounds + 10; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                bench.PushDiagnosticsAfterEdit();
                double a = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                bench.PullDiagnosticsAfterEdit();
                double b = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                linter.LintContent(linter.DisplayPath(full), full, bad, corpus);
                double c = watch.Elapsed.TotalMilliseconds;
                if (i < 10) continue; // warm-up
                push.Add(a);
                pull.Add(b);
                floor.Add(c);
            }
            static double Median(List<double> values)
            {
                values.Sort();
                return values[values.Count / 2];
            }
            double mp = Median(push), mq = Median(pull), mf = Median(floor);
            Console.WriteLine($"lsp edit of a 24 KB file in a {Files}-file workspace, {rounds} paired rounds (machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}):");
            Console.WriteLine($"  push (didChange -> publishDiagnostics)   median {mp:0.00} ms");
            Console.WriteLine($"  pull (didChange -> textDocument/diagnostic) median {mq:0.00} ms");
            Console.WriteLine($"  floor (LintContent of the same bytes)    median {mf:0.00} ms");
            Console.WriteLine($"  ratio push/floor {mp / mf:0.00}, pull/floor {mq / mf:0.00}");
            return 0;
        }
        finally
        {
            bench.Cleanup();
        }
    }

    /// <summary>A minimal client over anonymous pipes to an in-process server.</summary>
    private sealed class LspClient : IDisposable
    {
        private readonly AnonymousPipeServerStream _toServer = new(PipeDirection.Out);
        private readonly AnonymousPipeServerStream _fromServer = new(PipeDirection.In);
        private readonly AnonymousPipeClientStream _serverIn, _serverOut;
        private readonly BlockingCollection<JsonObject> _messages = new();
        private readonly Task _server, _reader;
        private int _id;

        public LspClient()
        {
            _serverIn = new AnonymousPipeClientStream(PipeDirection.In, _toServer.ClientSafePipeHandle);
            _serverOut = new AnonymousPipeClientStream(PipeDirection.Out, _fromServer.ClientSafePipeHandle);
            _server = Task.Run(() => new LspServer(_serverIn, _serverOut).RunAsync());
            _reader = Task.Run(Read);
        }

        private void Read()
        {
            var input = new BufferedStream(_fromServer, 1 << 16);
            var header = new StringBuilder();
            while (true)
            {
                header.Clear();
                while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    int b = input.ReadByte();
                    if (b < 0) { _messages.CompleteAdding(); return; }
                    header.Append((char)b);
                }
                int length = int.Parse(header.ToString().Split("\r\n")[0]["Content-Length:".Length..].Trim());
                var body = new byte[length];
                input.ReadExactly(body);
                _messages.Add(JsonNode.Parse(body)!.AsObject());
            }
        }

        private void Send(JsonObject message)
        {
            var body = Encoding.UTF8.GetBytes(message.ToJsonString());
            _toServer.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            _toServer.Write(body);
            _toServer.Flush();
        }

        public void Notify(string method, JsonObject parameters) => Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

        public JsonObject Call(string method, JsonObject parameters)
        {
            int id = ++_id;
            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
            return Wait(m => m["method"] is null && m["id"] is JsonValue v && v.TryGetValue<int>(out int got) && got == id);
        }

        public JsonObject WaitPublish(string uri) =>
            Wait(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (string?)m["params"]!["uri"] == uri);

        private JsonObject Wait(Func<JsonObject, bool> match)
        {
            foreach (var message in _messages.GetConsumingEnumerable())
                if (match(message)) return message;
            throw new InvalidOperationException("the server closed its output");
        }

        public void Dispose()
        {
            _toServer.Dispose();
            _server.Wait(TimeSpan.FromSeconds(10));
            _fromServer.Dispose();
        }
    }
}
