using System.Text.Json.Serialization;

namespace Lint.LanguageServer;

// The few Language Server Protocol 3.17 structures lint sends, serialized by System.Text.Json source generation (no
// reflection, so trimming and NativeAOT keep them). Incoming parameters are read from JsonElement directly.

public sealed record LspPosition(int Line, int Character);

public sealed record LspRange(LspPosition Start, LspPosition End);

public sealed record CodeDescription(string Href);

public sealed record LspDiagnostic(LspRange Range, int Severity, string Code, CodeDescription CodeDescription, string Source, string Message);

public sealed record PublishDiagnosticsParams(string Uri, IReadOnlyList<LspDiagnostic> Diagnostics)
{
    public int? Version { get; init; }
}

public sealed record DocumentDiagnosticReport(string Kind, string ResultId)
{
    public IReadOnlyList<LspDiagnostic>? Items { get; init; }
}

public sealed record WorkspaceDocumentDiagnosticReport(string Kind, string ResultId, string Uri)
{
    public IReadOnlyList<LspDiagnostic>? Items { get; init; }

    /// <summary>The open document's version, or null (the protocol wants the property, null included).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Version { get; init; }
}

public sealed record WorkspaceDiagnosticReport(IReadOnlyList<WorkspaceDocumentDiagnosticReport> Items);

public sealed record LspTextEdit(LspRange Range, string NewText);

public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<LspTextEdit>> Changes);

public sealed record CodeAction(string Title, string Kind, WorkspaceEdit Edit)
{
    public IReadOnlyList<LspDiagnostic>? Diagnostics { get; init; }
    public bool? IsPreferred { get; init; }
}

public sealed record MarkupContent(string Kind, string Value);

public sealed record Hover(MarkupContent Contents, LspRange Range);

public sealed record LogMessageParams(int Type, string Message);

public sealed record FileSystemWatcher(string GlobPattern);

public sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileSystemWatcher> Watchers);

public sealed record Registration(string Id, string Method, DidChangeWatchedFilesRegistrationOptions RegisterOptions);

public sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

public sealed record SaveOptions(bool IncludeText);

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

public sealed record DiagnosticOptions(string Identifier, bool InterFileDependencies, bool WorkspaceDiagnostics);

public sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);

public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

public sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities WorkspaceFolders);

public sealed record ServerCapabilities(string PositionEncoding, TextDocumentSyncOptions TextDocumentSync, CodeActionOptions CodeActionProvider, bool HoverProvider, WorkspaceServerCapabilities Workspace)
{
    public DiagnosticOptions? DiagnosticProvider { get; init; }
}

public sealed record ServerInfo(string Name, string Version);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ResponseError(int Code, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(DocumentDiagnosticReport))]
[JsonSerializable(typeof(WorkspaceDiagnosticReport))]
[JsonSerializable(typeof(IReadOnlyList<CodeAction>))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(ResponseError))]
internal sealed partial class LspJson : JsonSerializerContext;

/// <summary>JSON-RPC and LSP error codes.</summary>
internal static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;
}
