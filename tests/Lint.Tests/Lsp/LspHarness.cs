using System.IO.Pipes;
using System.Text;
using System.Text.Json.Nodes;
using Lint.LanguageServer;
using Xunit.Sdk;

namespace Lint.Tests.Lsp;

/// <summary>An in-process <see cref="LspServer"/> on a pair of anonymous pipes, with a raw client: frames go in exactly as written.</summary>
internal sealed class LspHarness : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream _toServer = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _serverInput;
    private readonly AnonymousPipeServerStream _fromServer = new(PipeDirection.In);
    private readonly AnonymousPipeClientStream _serverOutput;
    private readonly List<JsonObject> _received = [];
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private int _nextId = 1;

    public LspHarness(LspServerOptions? options = null, Action<LspServer>? configure = null)
    {
        _serverInput = new AnonymousPipeClientStream(PipeDirection.In, _toServer.ClientSafePipeHandle);
        _serverOutput = new AnonymousPipeClientStream(PipeDirection.Out, _fromServer.ClientSafePipeHandle);
        Server = new LspServer(_serverInput, _serverOutput, options);
        configure?.Invoke(Server);
        Run = Task.Run(() => Server.RunAsync());
    }

    public LspServer Server { get; }

    /// <summary>The server's run: its exit code.</summary>
    public Task<int> Run { get; }

    public static string Uri(string path) => LspServer.PathToUri(path);

    public void SendRaw(byte[] bytes)
    {
        _toServer.Write(bytes);
        _toServer.Flush();
    }

    public void SendBody(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        SendRaw([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
    }

    public void Notify(string method, JsonNode? parameters = null) =>
        SendBody(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters ?? new JsonObject() }.ToJsonString());

    public int Request(string method, JsonNode? parameters = null)
    {
        int id = _nextId++;
        SendBody(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() }.ToJsonString());
        return id;
    }

    /// <summary>The response to request <paramref name="id"/> (server notifications and requests seen on the way are kept).</summary>
    public Task<JsonObject> ResponseAsync(int id) => WaitAsync(m => m["id"] is JsonValue v && v.TryGetValue<int>(out int got) && got == id && m["method"] is null, $"the response to request {id}");

    public async Task<JsonObject> CallAsync(string method, JsonNode? parameters = null) => await ResponseAsync(Request(method, parameters));

    /// <summary>Waits for the first message (already received or new) matching <paramref name="match"/>.</summary>
    public async Task<JsonObject> WaitAsync(Func<JsonObject, bool> match, string what, int seconds = 60)
    {
        lock (_received)
        {
            var seen = _received.FirstOrDefault(match);
            if (seen is not null)
            {
                _received.Remove(seen);
                return seen;
            }
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            JsonObject message;
            try
            {
                message = await ReadAsync(timeout.Token) ?? throw new XunitException($"the server closed its output while the test waited for {what}");
            }
            catch (OperationCanceledException)
            {
                throw new XunitException($"timed out waiting for {what}; received: {string.Join("\n", _received.Select(m => m.ToJsonString()[..Math.Min(300, m.ToJsonString().Length)]))}");
            }
            if (match(message)) return message;
            lock (_received) _received.Add(message);
        }
    }

    /// <summary>The next publishDiagnostics for <paramref name="uri"/>.</summary>
    public Task<JsonObject> PublishedAsync(string uri) =>
        WaitAsync(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (string?)m["params"]!["uri"] == uri, $"diagnostics of {uri}");

    public async Task InitializeAsync(string root, JsonObject? capabilities = null)
    {
        var response = await CallAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["rootUri"] = Uri(root),
            ["capabilities"] = capabilities ?? new JsonObject(),
        });
        Assert.NotNull(response["result"]);
        Notify("initialized");
    }

    public void Open(string path, string text, int version = 1) => Notify("textDocument/didOpen", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = Uri(path), ["languageId"] = "json", ["version"] = version, ["text"] = text },
    });

    private async Task<JsonObject?> ReadAsync(CancellationToken cancellationToken)
    {
        var header = new StringBuilder();
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int b = await ReadByteAsync(cancellationToken);
            if (b < 0) return null;
            header.Append((char)b);
        }
        var lengthLine = header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        int length = int.Parse(lengthLine["Content-Length:".Length..].Trim());
        var body = new byte[length];
        for (int i = 0; i < length;)
        {
            if (_start == _end && !await FillAsync(cancellationToken)) return null;
            int n = Math.Min(length - i, _end - _start);
            Buffer.BlockCopy(_buffer, _start, body, i, n);
            _start += n;
            i += n;
        }
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<int> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (_start == _end && !await FillAsync(cancellationToken)) return -1;
        return _buffer[_start++];
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _fromServer.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }

    /// <summary>Closes the client's end of the input (the client vanished).</summary>
    public void CloseInput() => _toServer.Dispose();

    /// <summary>Closes the pipe the server writes to (the client stopped reading).</summary>
    public void CloseOutputReader() => _fromServer.Dispose();

    public async ValueTask DisposeAsync()
    {
        _toServer.Dispose();
        await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(10)));
        _fromServer.Dispose();
        _serverInput.Dispose();
        _serverOutput.Dispose();
    }
}
