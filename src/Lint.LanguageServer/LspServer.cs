using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Lint.Editor;
using Lint.Rules;

namespace Lint.LanguageServer;

/// <summary>How a <see cref="LspServer"/> runs.</summary>
public sealed record LspServerOptions
{
    /// <summary>The largest message accepted; a larger one is skipped (read past, never held) and logged. Default 64 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Options of every workspace's linter (custom rules, say). The working directory is each workspace folder.</summary>
    public LintOptions? Lint { get; init; }

    /// <summary>How often the server checks that the client process (initialize's <c>processId</c>) is still alive.</summary>
    public TimeSpan ParentProcessCheck { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Files linted per background step (workspace-wide diagnostics), between which client messages are handled.</summary>
    public int BatchSize { get; init; } = 100;
}

/// <summary>
/// <c>lint lsp</c>: a Language Server Protocol server over a pair of streams (standard input and output). Diagnostics of
/// the whole workspace, pushed or pulled as the client prefers; quick fixes, fix-all and "disable for this file" code
/// actions; the rule's explanation on hover; configuration reloaded when it changes. Messages are handled one at a
/// time in arrival order (so the state seen by a request is that of the messages before it); <c>$/cancelRequest</c>
/// is handled as soon as it is read.
/// </summary>
public sealed class LspServer
{
    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly LspServerOptions _options;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Folder> _folders = [];
    private readonly Dictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Folder> _published = new(StringComparer.Ordinal);
    private PositionEncoding _encoding = PositionEncoding.Utf16;
    private Work? _parked; // a workspace/diagnostic request with nothing new to say, answered at the next change
    private bool _initialized, _shutdown, _exitRequested, _pull, _refreshSupport, _watchRegistration, _backgroundQueued;
    private int _nextRequestId, _generations;

    private sealed record Work(string Method, JsonElement Params, JsonElement? Id, CancellationTokenSource? Cancellation);

    private sealed class Document(string uri, string? path, byte[] bytes, int version)
    {
        public string Uri { get; } = uri;
        public string? Path { get; } = path;
        public byte[] Bytes { get; set; } = bytes;
        public int Version { get; set; } = version;
    }

    /// <summary>A workspace folder and its lint workspace (replaced when the configuration changes).</summary>
    private sealed class Folder(string root, bool implicitRoot)
    {
        public string Root { get; } = root;
        public bool Implicit { get; } = implicitRoot;
        public LintWorkspace Workspace { get; set; } = null!;
        public int Generation { get; set; }
        public bool BackgroundDone { get; set; }
    }

    /// <summary>Creates a server that reads requests from <paramref name="input"/> and writes to <paramref name="output"/>.</summary>
    public LspServer(Stream input, Stream output, LspServerOptions? options = null)
    {
        _options = options ?? new LspServerOptions();
        _reader = new MessageReader(input, _options.MaxMessageBytes);
        _writer = new MessageWriter(output);
    }

    /// <summary>Tests only: runs before each request is handled, with its method and cancellation token.</summary>
    internal Func<string, CancellationToken, Task>? BeforeRequest { get; set; }

    /// <summary>Serves until <c>exit</c>, the end of the input, or the client process's end. Returns the exit code: 0 after <c>shutdown</c> then <c>exit</c>, 1 otherwise.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var processing = Task.Run(() => ProcessAsync(stop.Token), CancellationToken.None);
        var reading = Task.Run(() => ReadAsync(stop.Token), CancellationToken.None);
        await Task.WhenAny(processing, _stopped.Task).ConfigureAwait(false);
        stop.Cancel();
        _queue.Writer.TryComplete();
        return _exitRequested && _shutdown ? 0 : 1;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var frame = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (frame.IsEnd) break;
                if (frame.Problem is not null)
                {
                    await LogAsync(2, $"lint: {frame.Problem}").ConfigureAwait(false);
                    continue;
                }
                if (!Accept(frame.Body!)) break;
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client closed its end: stop.
        }
        _queue.Writer.TryComplete();
    }

    /// <summary>Parses one message and queues it (cancellation is handled at once). Returns false after <c>exit</c>.</summary>
    private bool Accept(byte[] body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 128 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            _ = SendErrorAsync(null, ErrorCodes.ParseError, $"the message is not well-formed JSON: {ex.Message}");
            return true;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            _ = SendErrorAsync(null, ErrorCodes.InvalidRequest, "a message must be a JSON object");
            return true;
        }
        JsonElement? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.Number or JsonValueKind.String ? idElement : null;
        if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            // A response to one of our requests (registerCapability, refresh): nothing to do. Anything else is invalid.
            if (id is null || !(root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)))
                _ = SendErrorAsync(id, ErrorCodes.InvalidRequest, "a request needs a string 'method'");
            return true;
        }
        string method = methodElement.GetString()!;
        var parameters = root.TryGetProperty("params", out var p) ? p : default;
        if (method == "$/cancelRequest")
        {
            if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("id", out var cancelled) && _pending.TryGetValue(cancelled.GetRawText(), out var cts))
            {
                try { cts.Cancel(); } catch (ObjectDisposedException) { }
            }
            return true;
        }
        CancellationTokenSource? cancellation = null;
        if (id is { } requestId)
        {
            cancellation = new CancellationTokenSource();
            _pending[requestId.GetRawText()] = cancellation;
        }
        _queue.Writer.TryWrite(new Work(method, parameters, id, cancellation));
        return method != "exit";
    }

    private async Task ProcessAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (work.Method == "exit")
                {
                    _exitRequested = true;
                    break;
                }
                await HandleAsync(work).ConfigureAwait(false);
                if (_writer.Broken) break;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task HandleAsync(Work work)
    {
        var token = work.Cancellation?.Token ?? CancellationToken.None;
        try
        {
            if (work.Id is { } id)
            {
                if (token.IsCancellationRequested)
                {
                    await SendErrorAsync(id, ErrorCodes.RequestCancelled, "cancelled").ConfigureAwait(false);
                    return;
                }
                if (!_initialized && work.Method != "initialize")
                {
                    await SendErrorAsync(id, ErrorCodes.ServerNotInitialized, "the server is not initialized yet").ConfigureAwait(false);
                    return;
                }
                if (_shutdown)
                {
                    await SendErrorAsync(id, ErrorCodes.InvalidRequest, "the server is shutting down").ConfigureAwait(false);
                    return;
                }
                if (BeforeRequest is { } hook) await hook(work.Method, token).ConfigureAwait(false);
                if (work.Method == "shutdown") await UnparkAsync().ConfigureAwait(false);
                bool park = false;
                Action<Utf8JsonWriter>? result = work.Method switch
                {
                    "initialize" => Initialize(work.Params),
                    "shutdown" => Shutdown(),
                    "textDocument/diagnostic" => DocumentDiagnostic(work.Params),
                    "workspace/diagnostic" => WorkspaceDiagnostic(work.Params, token, allowPark: work != _unparking, out park),
                    "textDocument/codeAction" => CodeActions(work.Params, token),
                    "textDocument/hover" => Hover(work.Params),
                    _ => null,
                };
                if (result is null)
                {
                    await SendErrorAsync(id, ErrorCodes.MethodNotFound, $"unknown method '{Lint.Parsing.Text.Sanitize(work.Method, 100)}'").ConfigureAwait(false);
                    return;
                }
                token.ThrowIfCancellationRequested();
                if (park && _parked is null)
                {
                    // Long poll (as the protocol allows): nothing changed since the client's result ids, so answer later.
                    _parked = work;
                    token.Register(() => _queue.Writer.TryWrite(new Work("$lint/unpark", default, null, null)));
                    return;
                }
                await SendAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("jsonrpc", "2.0");
                    w.WritePropertyName("id");
                    id.WriteTo(w);
                    w.WritePropertyName("result");
                    result(w);
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                if (work.Method == "initialize") _initialized = true;
            }
            else
            {
                if (!_initialized || _shutdown) return; // notifications before initialize (or after shutdown) are dropped
                await NotificationAsync(work.Method, work.Params).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await SendErrorAsync(work.Id, ErrorCodes.RequestCancelled, "cancelled").ConfigureAwait(false);
        }
        catch (InvalidParamsException ex)
        {
            if (work.Id is not null) await SendErrorAsync(work.Id, ErrorCodes.InvalidParams, ex.Message).ConfigureAwait(false);
            else await LogAsync(1, $"lint: {work.Method}: {ex.Message}").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            string message = $"internal error in {Lint.Parsing.Text.Sanitize(work.Method, 100)}: {ex.GetType().Name}: {ex.Message}";
            if (work.Id is not null) await SendErrorAsync(work.Id, ErrorCodes.InternalError, message).ConfigureAwait(false);
            else await LogAsync(1, $"lint: {message}").ConfigureAwait(false);
        }
        finally
        {
            if (work != _parked && work.Id is { } done && _pending.TryRemove(done.GetRawText(), out var cts)) cts.Dispose();
        }
    }

    private Work? _unparking;

    /// <summary>Answers the parked workspace pull (after a change, a cancellation or on shutdown).</summary>
    private async Task UnparkAsync()
    {
        if (_parked is not { } work) return;
        _parked = null;
        _unparking = work;
        try
        {
            await HandleAsync(work).ConfigureAwait(false);
        }
        finally
        {
            _unparking = null;
        }
    }

    private sealed class InvalidParamsException(string message) : Exception(message);

    // ---------------------------------------------------------------- lifecycle

    private Action<Utf8JsonWriter> Initialize(JsonElement p)
    {
        if (_initialized) throw new InvalidParamsException("initialize was already called");
        if (p.ValueKind != JsonValueKind.Object) throw new InvalidParamsException("initialize needs parameters");
        var capabilities = Get(p, "capabilities");
        var offered = Get(Get(capabilities, "general"), "positionEncodings");
        var encodings = offered.ValueKind == JsonValueKind.Array ? offered.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).ToList() : [];
        (_encoding, string encodingName) = encodings.Contains("utf-8") ? (PositionEncoding.Utf8, "utf-8")
            : encodings.Contains("utf-32") ? (PositionEncoding.Utf32, "utf-32")
            : (PositionEncoding.Utf16, "utf-16");
        _pull = Get(Get(capabilities, "textDocument"), "diagnostic").ValueKind == JsonValueKind.Object;
        _refreshSupport = Get(Get(Get(capabilities, "workspace"), "diagnostics"), "refreshSupport").ValueKind == JsonValueKind.True;
        _watchRegistration = Get(Get(Get(capabilities, "workspace"), "didChangeWatchedFiles"), "dynamicRegistration").ValueKind == JsonValueKind.True;

        var folders = Get(p, "workspaceFolders");
        if (folders.ValueKind == JsonValueKind.Array)
        {
            foreach (var folder in folders.EnumerateArray())
                if (UriToPath(GetString(folder, "uri")) is { } root) AddFolder(root, implicitRoot: false);
        }
        else if (UriToPath(GetString(p, "rootUri")) is { } rootUri) AddFolder(rootUri, implicitRoot: false);
        else if (GetString(p, "rootPath") is { Length: > 0 } rootPath && Path.IsPathRooted(rootPath)) AddFolder(Path.GetFullPath(rootPath), implicitRoot: false);

        if (Get(p, "processId") is { ValueKind: JsonValueKind.Number } pid && pid.TryGetInt32(out int processId)) WatchParent(processId);

        var result = new InitializeResult(
            new ServerCapabilities(
                encodingName,
                new TextDocumentSyncOptions(OpenClose: true, Change: 2, new SaveOptions(IncludeText: false)),
                new CodeActionOptions(["quickfix", FixAllKind]),
                HoverProvider: true,
                new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(true, true)))
            {
                DiagnosticProvider = _pull ? new DiagnosticOptions("lint", InterFileDependencies: true, WorkspaceDiagnostics: true) : null,
            },
            new ServerInfo("lint", typeof(LspServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
        return Json(result, LspJson.Default.InitializeResult);
    }

    private const string FixAllKind = "source.fixAll.lint";

    private Action<Utf8JsonWriter> Shutdown()
    {
        _shutdown = true;
        return w => w.WriteNullValue();
    }

    private void WatchParent(int processId)
    {
        if (processId <= 0 || processId == Environment.ProcessId) return;
        _ = Task.Run(async () =>
        {
            while (!_stopped.Task.IsCompleted)
            {
                await Task.Delay(_options.ParentProcessCheck).ConfigureAwait(false);
                if (!IsAlive(processId))
                {
                    _stopped.TrySetResult();
                    return;
                }
            }
        });
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    private async Task NotificationAsync(string method, JsonElement p)
    {
        switch (method)
        {
            case "initialized":
                if (_watchRegistration)
                {
                    var registration = new RegistrationParams([new Registration("lint-watch", "workspace/didChangeWatchedFiles",
                        new DidChangeWatchedFilesRegistrationOptions([new FileSystemWatcher("**/*.json")]))]);
                    await SendRequestAsync("client/registerCapability", Json(registration, LspJson.Default.RegistrationParams)).ConfigureAwait(false);
                }
                foreach (var folder in _folders) await PublishConfigurationAsync(folder, null).ConfigureAwait(false);
                QueueBackground();
                break;
            case "textDocument/didOpen":
                await DidOpenAsync(p).ConfigureAwait(false);
                break;
            case "textDocument/didChange":
                await DidChangeAsync(p).ConfigureAwait(false);
                break;
            case "textDocument/didClose":
                await DidCloseAsync(p).ConfigureAwait(false);
                break;
            case "textDocument/didSave":
                if (UriToPath(GetString(Get(p, "textDocument"), "uri")) is { } saved) await DiskChangedAsync([saved]).ConfigureAwait(false);
                break;
            case "workspace/didChangeWatchedFiles":
                var changes = Get(p, "changes");
                if (changes.ValueKind == JsonValueKind.Array)
                    await DiskChangedAsync(changes.EnumerateArray().Select(c => UriToPath(GetString(c, "uri"))).OfType<string>().ToList()).ConfigureAwait(false);
                break;
            case "workspace/didChangeWorkspaceFolders":
                await FoldersChangedAsync(Get(p, "event")).ConfigureAwait(false);
                break;
            case "$lint/unpark":
                if (_parked?.Cancellation?.IsCancellationRequested == true) await UnparkAsync().ConfigureAwait(false);
                break;
            case "$lint/background":
                await BackgroundStepAsync().ConfigureAwait(false);
                break;
            default:
                break; // unknown notifications (including $/ ones) are ignored, as the protocol says
        }
    }

    // ---------------------------------------------------------------- folders and documents

    private Folder AddFolder(string root, bool implicitRoot)
    {
        var folder = new Folder(root, implicitRoot);
        Open(folder);
        _folders.Add(folder);
        return folder;
    }

    private void Open(Folder folder)
    {
        folder.Workspace = new LintWorkspace(folder.Root, _encoding, _options.Lint);
        folder.Generation = ++_generations;
        folder.BackgroundDone = false;
        foreach (var document in _documents.Values)
        {
            if (document.Path is not null && FolderFor(document.Path, create: false) == folder) folder.Workspace.SetDocument(document.Path, document.Bytes);
        }
    }

    /// <summary>The folder a file belongs to: the innermost workspace folder holding it, or one made for it (the folder of its configuration, or its own folder).</summary>
    private Folder? FolderFor(string path, bool create)
    {
        Folder? best = null;
        foreach (var folder in _folders)
        {
            if (IsUnder(path, folder.Root) && (best is null || folder.Root.Length > best.Root.Length)) best = folder;
        }
        if (best is not null || !create) return best;
        var directory = Path.GetDirectoryName(path)!;
        var config = Lint.Config.ConfigLoader.Discover(directory);
        return AddFolder(config is null ? directory : Path.GetDirectoryName(config)!, implicitRoot: true);
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root, StringComparison.Ordinal) && (path.Length == root.Length || path[root.Length] == '/' || root.EndsWith('/'));

    private async Task DidOpenAsync(JsonElement p)
    {
        var item = Get(p, "textDocument");
        string uri = GetString(item, "uri") ?? throw new InvalidParamsException("textDocument.uri is missing");
        string text = GetString(item, "text") ?? "";
        int version = Get(item, "version") is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int n) ? n : 0;
        var path = UriToPath(uri);
        var document = new Document(uri, path, Encoding.UTF8.GetBytes(text), version);
        _documents[uri] = document;
        if (path is null) return;
        var folder = FolderFor(path, create: true)!;
        if (folder.Implicit && !folder.BackgroundDone) QueueBackground();
        await PublishEditedAsync(folder, path, folder.Workspace.SetDocument(path, document.Bytes)).ConfigureAwait(false);
    }

    /// <summary>After an open or an edit: the reports that changed, and (push) the edited document's own, always, with its new version.</summary>
    private async Task PublishEditedAsync(Folder folder, string path, IReadOnlyList<FileReport> reports)
    {
        if (_pull)
        {
            if (reports.Any(r => r.FullPath != path)) await RefreshAsync().ConfigureAwait(false);
            else if (reports.Count > 0) await UnparkAsync().ConfigureAwait(false);
            return;
        }
        await PublishAsync(folder, reports.Where(r => r.FullPath != path).ToList(), affectsOthers: true).ConfigureAwait(false);
        if (!IsProblemFile(folder, path)) await PublishAsync(UriOf(path), folder.Workspace.Report(path).Diagnostics.Select(d => ToLsp(folder, d)).ToList(), folder).ConfigureAwait(false);
    }

    private async Task DidChangeAsync(JsonElement p)
    {
        var item = Get(p, "textDocument");
        string uri = GetString(item, "uri") ?? throw new InvalidParamsException("textDocument.uri is missing");
        if (!_documents.TryGetValue(uri, out var document)) return; // a change to a document that was never opened
        if (Get(item, "version") is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int version)) document.Version = version;
        var changes = Get(p, "contentChanges");
        if (changes.ValueKind != JsonValueKind.Array) throw new InvalidParamsException("contentChanges must be an array");
        foreach (var change in changes.EnumerateArray())
            document.Bytes = ApplyChange(document.Bytes, change, _encoding);
        if (document.Path is null || FolderFor(document.Path, create: false) is not { } folder) return;
        await PublishEditedAsync(folder, document.Path, folder.Workspace.SetDocument(document.Path, document.Bytes)).ConfigureAwait(false);
    }

    /// <summary>Applies one <c>TextDocumentContentChangeEvent</c> (a whole new text, or a range and its replacement).</summary>
    internal static byte[] ApplyChange(byte[] bytes, JsonElement change, PositionEncoding encoding)
    {
        string text = GetString(change, "text") ?? throw new InvalidParamsException("a content change needs 'text'");
        var range = Get(change, "range");
        if (range.ValueKind != JsonValueKind.Object) return Encoding.UTF8.GetBytes(text);
        var positions = new TextPositions(bytes, encoding);
        int start = positions.ToOffset(ReadPosition(Get(range, "start")));
        int end = Math.Max(start, positions.ToOffset(ReadPosition(Get(range, "end"))));
        var inserted = Encoding.UTF8.GetBytes(text);
        var result = new byte[bytes.Length - (end - start) + inserted.Length];
        bytes.AsSpan(0, start).CopyTo(result);
        inserted.CopyTo(result.AsSpan(start));
        bytes.AsSpan(end).CopyTo(result.AsSpan(start + inserted.Length));
        return result;
    }

    private static EditorPosition ReadPosition(JsonElement position)
    {
        if (Get(position, "line") is { ValueKind: JsonValueKind.Number } line && line.TryGetInt32(out int l)
            && Get(position, "character") is { ValueKind: JsonValueKind.Number } character && character.TryGetInt32(out int c))
            return new EditorPosition(l, c);
        throw new InvalidParamsException("a position needs integer 'line' and 'character'");
    }

    private async Task DidCloseAsync(JsonElement p)
    {
        string? uri = GetString(Get(p, "textDocument"), "uri");
        if (uri is null || !_documents.Remove(uri, out var document) || document.Path is null) return;
        if (FolderFor(document.Path, create: false) is not { } folder) return;
        var reports = folder.Workspace.CloseDocument(document.Path);
        await PublishAsync(folder, reports, affectsOthers: true).ConfigureAwait(false);
        // A closed document that lint does not lint keeps no diagnostics.
        if (!_pull && !folder.Workspace.IsLinted(document.Path) && _published.ContainsKey(uri)) await PublishEmptyAsync(uri).ConfigureAwait(false);
    }

    private async Task DiskChangedAsync(IReadOnlyList<string> paths)
    {
        foreach (var folder in _folders.ToList())
        {
            var mine = paths.Where(path => IsUnder(path, folder.Root) || folder.Workspace.ConfigurationFiles.Contains(path, StringComparer.Ordinal)).ToList();
            if (mine.Count == 0) continue;
            bool reload = mine.Any(path => folder.Workspace.ConfigurationFiles.Contains(path, StringComparer.Ordinal)
                || Path.GetFileName(path) == Lint.Config.ConfigLoader.FileName && folder.Workspace.ConfigPath is null);
            if (reload) await ReloadAsync(folder).ConfigureAwait(false);
            else await PublishAsync(folder, folder.Workspace.FilesChanged(mine.Where(path => IsUnder(path, folder.Root))), affectsOthers: true).ConfigureAwait(false);
        }
    }

    private async Task ReloadAsync(Folder folder)
    {
        var old = folder.Workspace;
        Open(folder);
        await PublishConfigurationAsync(folder, old).ConfigureAwait(false);
        QueueBackground();
        if (_pull) await RefreshAsync().ConfigureAwait(false);
    }

    private async Task FoldersChangedAsync(JsonElement change)
    {
        foreach (var removed in Items(Get(change, "removed")))
        {
            if (UriToPath(GetString(removed, "uri")) is not { } root) continue;
            var folder = _folders.FirstOrDefault(f => f.Root == root);
            if (folder is null) continue;
            _folders.Remove(folder);
            foreach (var uri in _published.Where(e => e.Value == folder).Select(e => e.Key).ToList()) await PublishEmptyAsync(uri).ConfigureAwait(false);
        }
        foreach (var added in Items(Get(change, "added")))
        {
            if (UriToPath(GetString(added, "uri")) is { } root && _folders.All(f => f.Root != root)) AddFolder(root, implicitRoot: false);
        }
        QueueBackground();
        if (_pull) await RefreshAsync().ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- diagnostics

    private void QueueBackground()
    {
        if (_backgroundQueued) return;
        _backgroundQueued = true;
        _queue.Writer.TryWrite(new Work("$lint/background", default, null, null));
    }

    /// <summary>Lints a few not yet linted corpus files, publishes them (push), and queues the next step behind the client's messages.</summary>
    private async Task BackgroundStepAsync()
    {
        _backgroundQueued = false;
        foreach (var folder in _folders)
        {
            if (folder.BackgroundDone) continue;
            var pending = folder.Workspace.Unlinted();
            foreach (var path in pending.Take(_options.BatchSize))
            {
                var report = folder.Workspace.Report(path);
                if (!_pull) await PublishReportAsync(folder, report).ConfigureAwait(false);
            }
            if (pending.Count > _options.BatchSize)
            {
                QueueBackground();
                return;
            }
            folder.BackgroundDone = true;
            // Diagnostics published under an earlier configuration for files no longer reported: clear them.
            foreach (var (uri, owner) in _published.ToList())
            {
                if (owner == folder && UriToPath(uri) is { } path && !folder.Workspace.IsLinted(path) && !IsProblemFile(folder, path))
                    await PublishEmptyAsync(uri).ConfigureAwait(false);
            }
        }
    }

    private static bool IsProblemFile(Folder folder, string path) => folder.Workspace.ConfigurationProblem?.FullPath == path;

    private async Task PublishAsync(Folder folder, IReadOnlyList<FileReport> reports, bool affectsOthers)
    {
        if (_pull)
        {
            // The client pulls the document it edits; files whose diagnostics changed because of it need a refresh.
            if (affectsOthers && reports.Count > 0) await RefreshAsync().ConfigureAwait(false);
            else if (reports.Count > 0) await UnparkAsync().ConfigureAwait(false);
            return;
        }
        foreach (var report in reports) await PublishReportAsync(folder, report).ConfigureAwait(false);
    }

    private async Task PublishReportAsync(Folder folder, FileReport report)
    {
        string uri = UriOf(report.FullPath);
        if (report.Diagnostics.Count == 0 && !_published.ContainsKey(uri)) return;
        var diagnostics = report.Diagnostics.Select(d => ToLsp(folder, d)).ToList();
        await PublishAsync(uri, diagnostics, folder).ConfigureAwait(false);
    }

    private async Task PublishAsync(string uri, IReadOnlyList<LspDiagnostic> diagnostics, Folder folder)
    {
        if (diagnostics.Count > 0) _published[uri] = folder;
        else _published.Remove(uri);
        int? version = _documents.TryGetValue(uri, out var document) ? document.Version : null;
        var message = new PublishDiagnosticsParams(uri, diagnostics) { Version = version };
        await SendNotificationAsync("textDocument/publishDiagnostics", Json(message, LspJson.Default.PublishDiagnosticsParams)).ConfigureAwait(false);
    }

    private Task PublishEmptyAsync(string uri)
    {
        _published.Remove(uri);
        var message = new PublishDiagnosticsParams(uri, []);
        return SendNotificationAsync("textDocument/publishDiagnostics", Json(message, LspJson.Default.PublishDiagnosticsParams));
    }

    /// <summary>Publishes (push) the configuration problem of a folder, and clears the one of its previous workspace.</summary>
    private async Task PublishConfigurationAsync(Folder folder, LintWorkspace? previous)
    {
        if (_pull) return;
        if (previous?.ConfigurationProblem is { } old && old.FullPath != folder.Workspace.ConfigurationProblem?.FullPath)
            await PublishEmptyAsync(UriOf(old.FullPath)).ConfigureAwait(false);
        if (folder.Workspace.ConfigurationProblem is { } problem)
            await PublishAsync(UriOf(problem.FullPath), [ConfigurationDiagnostic(folder.Workspace, problem)], folder).ConfigureAwait(false);
    }

    private static LspDiagnostic ConfigurationDiagnostic(LintWorkspace workspace, ConfigurationProblem problem) =>
        new(ToLsp(workspace.RangeOf(problem)), 1, "configuration", new CodeDescription(RuleMetadata.DocsBaseUri.Replace("docs/rules/", "docs/configuration.md")), "lint",
            $"the configuration cannot be used, so no file is linted: {problem.Message}");

    /// <summary>Pull mode, after a change to other files' diagnostics: answer a parked workspace pull, and ask the client to pull again.</summary>
    private async Task RefreshAsync()
    {
        await UnparkAsync().ConfigureAwait(false);
        if (_refreshSupport) await SendRequestAsync("workspace/diagnostic/refresh", w => w.WriteNullValue()).ConfigureAwait(false);
    }

    private Action<Utf8JsonWriter> DocumentDiagnostic(JsonElement p)
    {
        string uri = GetString(Get(p, "textDocument"), "uri") ?? throw new InvalidParamsException("textDocument.uri is missing");
        string? previous = GetString(p, "previousResultId");
        var (resultId, items) = DiagnosticsOf(uri, UriToPath(uri));
        var report = resultId == previous ? new DocumentDiagnosticReport("unchanged", resultId) : new DocumentDiagnosticReport("full", resultId) { Items = items() };
        return Json(report, LspJson.Default.DocumentDiagnosticReport);
    }

    /// <summary>The result id and (lazily) the diagnostics of one document in pull mode.</summary>
    private (string ResultId, Func<IReadOnlyList<LspDiagnostic>> Items) DiagnosticsOf(string uri, string? path)
    {
        if (path is null || FolderFor(path, create: _documents.ContainsKey(uri)) is not { } folder) return ("none", () => []);
        var workspace = folder.Workspace;
        if (workspace.ConfigurationProblem is { } problem && problem.FullPath == path)
            return ($"{folder.Generation}:config", () => [ConfigurationDiagnostic(workspace, problem)]);
        if (!workspace.IsLinted(path)) return ($"{folder.Generation}:none", () => []);
        var report = workspace.Report(path);
        return ($"{folder.Generation}:{report.Version}", () => report.Diagnostics.Select(d => ToLsp(folder, d)).ToList());
    }

    private Action<Utf8JsonWriter> WorkspaceDiagnostic(JsonElement p, CancellationToken cancellationToken, bool allowPark, out bool park)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Items(Get(p, "previousResultIds")))
        {
            if (GetString(item, "uri") is { } uri && GetString(item, "value") is { } value) previous[uri] = value;
        }
        var items = new List<WorkspaceDocumentDiagnosticReport>();
        foreach (var folder in _folders.ToList())
        {
            var workspace = folder.Workspace;
            var paths = new List<string>();
            if (workspace.ConfigurationProblem is { } problem) paths.Add(problem.FullPath);
            paths.AddRange(workspace.CorpusFiles);
            foreach (var path in paths.Distinct(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string uri = UriOf(path);
                if (FolderFor(path, create: false) != folder) continue; // reported by a nested folder
                var (resultId, diagnostics) = DiagnosticsOf(uri, path);
                int? version = _documents.TryGetValue(uri, out var document) ? document.Version : null;
                items.Add(previous.TryGetValue(uri, out var old) && old == resultId
                    ? new WorkspaceDocumentDiagnosticReport("unchanged", resultId, uri) { Version = version }
                    : new WorkspaceDocumentDiagnosticReport("full", resultId, uri) { Version = version, Items = diagnostics() });
            }
        }
        park = allowPark && previous.Count > 0 && items.All(i => i.Kind == "unchanged");
        return Json(new WorkspaceDiagnosticReport(items), LspJson.Default.WorkspaceDiagnosticReport);
    }

    private static LspDiagnostic ToLsp(Folder folder, EditorDiagnostic diagnostic)
    {
        var finding = diagnostic.Finding;
        var rule = folder.Workspace.Linter?.Rules.FirstOrDefault(r => r.Metadata.Id == finding.RuleId)?.Metadata;
        string href = rule?.HelpUri ?? RuleMetadata.DocsBaseUri + finding.RuleId + ".md";
        return new LspDiagnostic(ToLsp(diagnostic.Range), finding.Severity == Severity.Warning ? 2 : 1, finding.RuleId, new CodeDescription(href), "lint", finding.Message);
    }

    private static LspRange ToLsp(EditorRange range) =>
        new(new LspPosition(range.Start.Line, range.Start.Character), new LspPosition(range.End.Line, range.End.Character));

    // ---------------------------------------------------------------- code actions and hover

    private Action<Utf8JsonWriter> CodeActions(JsonElement p, CancellationToken cancellationToken)
    {
        string uri = GetString(Get(p, "textDocument"), "uri") ?? throw new InvalidParamsException("textDocument.uri is missing");
        var range = Get(p, "range");
        var start = ReadPosition(Get(range, "start"));
        var end = ReadPosition(Get(range, "end"));
        var only = Items(Get(Get(p, "context"), "only")).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
        bool Wants(string kind) => only.Count == 0 || only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));

        var actions = new List<CodeAction>();
        if (UriToPath(uri) is not { } path || !_documents.ContainsKey(uri) || FolderFor(path, create: false) is not { } folder || !folder.Workspace.IsLinted(path))
            return Json<IReadOnlyList<CodeAction>>(actions, LspJson.Default.IReadOnlyListCodeAction);
        var workspace = folder.Workspace;
        var diagnostics = workspace.Report(path).Diagnostics;
        var inRange = diagnostics.Where(d => Overlaps(d.Range, start, end)).ToList();
        if (Wants("quickfix"))
        {
            foreach (var diagnostic in inRange.Where(d => d.Finding.Fix is { Target: null }))
            {
                var edits = workspace.FixEdits(path, diagnostic.Finding).Select(e => new LspTextEdit(ToLsp(e.Range), e.NewText)).ToList();
                actions.Add(new CodeAction($"Fix: {diagnostic.Finding.Fix!.Description} ({diagnostic.Finding.RuleId})", "quickfix", Edit(uri, edits))
                {
                    Diagnostics = [ToLsp(folder, diagnostic)],
                    IsPreferred = true,
                });
            }
            foreach (var diagnostic in inRange.DistinctBy(d => d.Finding.RuleId))
            {
                if (workspace.DisableRuleForFile(path, diagnostic.Finding.RuleId) is not { } disable) continue;
                actions.Add(new CodeAction($"Disable {diagnostic.Finding.RuleId} for this file (in {Path.GetFileName(disable.ConfigPath)})", "quickfix",
                    Edit(UriOf(disable.ConfigPath), [new LspTextEdit(ToLsp(disable.Edit.Range), disable.Edit.NewText)]))
                {
                    Diagnostics = [ToLsp(folder, diagnostic)],
                });
            }
        }
        bool explicitFixAll = only.Any(o => FixAllKind == o || FixAllKind.StartsWith(o + ".", StringComparison.Ordinal));
        if ((explicitFixAll || only.Count == 0 && diagnostics.Any(d => d.Finding.Fix is not null)) && workspace.FixAll(path, cancellationToken) is { } all)
            actions.Add(new CodeAction("Fix all auto-fixable lint problems", FixAllKind, Edit(uri, [new LspTextEdit(ToLsp(all.Range), all.NewText)])));
        return Json<IReadOnlyList<CodeAction>>(actions, LspJson.Default.IReadOnlyListCodeAction);
    }

    private static WorkspaceEdit Edit(string uri, IReadOnlyList<LspTextEdit> edits) =>
        new(new Dictionary<string, IReadOnlyList<LspTextEdit>>(StringComparer.Ordinal) { [uri] = edits });

    private static bool Overlaps(EditorRange range, EditorPosition start, EditorPosition end)
    {
        static int Compare(EditorPosition a, EditorPosition b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);
        return Compare(range.Start, end) <= 0 && Compare(start, range.End) <= 0;
    }

    private Action<Utf8JsonWriter> Hover(JsonElement p)
    {
        string uri = GetString(Get(p, "textDocument"), "uri") ?? throw new InvalidParamsException("textDocument.uri is missing");
        var position = ReadPosition(Get(p, "position"));
        if (UriToPath(uri) is not { } path || FolderFor(path, create: false) is not { } folder || !folder.Workspace.IsLinted(path))
            return w => w.WriteNullValue();
        var here = folder.Workspace.DiagnosticsAt(path, position).ToList();
        if (here.Count == 0) return w => w.WriteNullValue();
        var text = new StringBuilder();
        foreach (var diagnostic in here.DistinctBy(d => d.Finding.RuleId))
        {
            if (text.Length > 0) text.Append("\n\n---\n\n");
            var finding = diagnostic.Finding;
            text.Append("**").Append(finding.RuleId).Append("** (").Append(finding.Severity.ToName()).Append("): ").Append(finding.Message).Append("\n\n");
            text.Append(RuleDocs.TryGet(finding.RuleId, out var markdown) ? markdown.TrimEnd() : $"See {RuleMetadata.DocsBaseUri}{finding.RuleId}.md");
        }
        return Json(new Hover(new MarkupContent("markdown", text.ToString()), ToLsp(here[0].Range)), LspJson.Default.Hover);
    }

    // ---------------------------------------------------------------- output

    private static Action<Utf8JsonWriter> Json<T>(T value, JsonTypeInfo<T> info) => w => JsonSerializer.Serialize(w, value, info);

    private Task SendAsync(Action<Utf8JsonWriter> body) => _writer.WriteAsync(body);

    private Task SendNotificationAsync(string method, Action<Utf8JsonWriter> parameters) => SendAsync(w =>
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        w.WriteString("method", method);
        w.WritePropertyName("params");
        parameters(w);
        w.WriteEndObject();
    });

    private Task SendRequestAsync(string method, Action<Utf8JsonWriter> parameters)
    {
        int id = Interlocked.Increment(ref _nextRequestId);
        return SendAsync(w =>
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteString("id", $"lint-{id}");
            w.WriteString("method", method);
            w.WritePropertyName("params");
            parameters(w);
            w.WriteEndObject();
        });
    }

    private Task SendErrorAsync(JsonElement? id, int code, string message) => SendAsync(w =>
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        w.WritePropertyName("id");
        if (id is { } value) value.WriteTo(w);
        else w.WriteNullValue();
        w.WritePropertyName("error");
        JsonSerializer.Serialize(w, new ResponseError(code, message), LspJson.Default.ResponseError);
        w.WriteEndObject();
    });

    private Task LogAsync(int type, string message) =>
        SendNotificationAsync("window/logMessage", Json(new LogMessageParams(type, message), LspJson.Default.LogMessageParams));

    // ---------------------------------------------------------------- helpers

    private string UriOf(string path)
    {
        foreach (var document in _documents.Values)
        {
            if (document.Path == path) return document.Uri;
        }
        return PathToUri(path);
    }

    /// <summary>The local path of a <c>file:</c> URI, or null for any other URI (untitled buffers, remote files).</summary>
    internal static string? UriToPath(string? uri)
    {
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile) return null;
        try
        {
            return Path.GetFullPath(parsed.LocalPath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>The <c>file:</c> URI of a local path, percent-encoded as editors write them.</summary>
    internal static string PathToUri(string path) =>
        "file://" + string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static JsonElement Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? GetString(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static IEnumerable<JsonElement> Items(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];
}
