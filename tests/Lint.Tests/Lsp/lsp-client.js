// A headless, real LSP client for `lint lsp`: the npm packages vscode-languageserver-protocol and vscode-jsonrpc
// (the protocol layer of VS Code's language client), installed by .ci/setup.d/lsp-client.sh.
// Driven by tests/Lint.Tests/Lsp/LspEndToEndTests.cs, which makes the workspace and checks the transcript this
// script prints (one JSON object per line) against what lint must report.
//
// usage: node lsp-client.js push|pull ROOT COMMAND [ARGS...]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const rpc = require('vscode-jsonrpc/node');
const p = require('vscode-languageserver-protocol/node');

const [mode, root, command, ...args] = process.argv.slice(2);
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const uri = (name) => pathToFileURL(path.join(root, 'incidents', name)).href;
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms));

const child = cp.spawn(command, [...args, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = p.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));

// Every publishDiagnostics, and waiters for a condition on them.
const published = new Map();
const waiters = [];
connection.onNotification(p.PublishDiagnosticsNotification.type, (params) => {
  published.set(params.uri, params);
  out({ event: 'publish', uri: params.uri, version: params.version ?? null, diagnostics: params.diagnostics });
  for (const w of [...waiters]) if (w.test()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
});
const until = (what, test) => test() ? Promise.resolve() : Promise.race([new Promise((resolve) => waiters.push({ test, resolve })), timeout(60000, what)]);
const codes = (name) => (published.get(uri(name))?.diagnostics ?? []).map((d) => d.code);

let refreshes = 0;
connection.onRequest(p.RegistrationRequest.type, (params) => { out({ event: 'register', registrations: params.registrations }); return null; });
connection.onRequest(p.DiagnosticRefreshRequest.type, () => { refreshes++; out({ event: 'refresh' }); return null; });
connection.onNotification(p.LogMessageNotification.type, (params) => out({ event: 'log', message: params.message }));
connection.listen();

// Applies LSP text edits (UTF-16 positions, as JavaScript strings count) to a text.
function apply(text, edits) {
  const lines = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') { lines.push(i + 2); i++; }
    else if (text[i] === '\n' || text[i] === '\r') lines.push(i + 1);
  }
  const offset = (pos) => Math.min(lines[pos.line] + pos.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

const documents = new Map();
function open(name) {
  const text = fs.readFileSync(path.join(root, 'incidents', name), 'utf8');
  documents.set(name, { text, version: 1 });
  connection.sendNotification(p.DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'json', version: 1, text } });
}
function change(name, text) {
  const doc = documents.get(name);
  doc.text = text;
  doc.version++;
  connection.sendNotification(p.DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version: doc.version }, contentChanges: [{ text }] });
}
function changeRange(name, range, text, newFullText) {
  const doc = documents.get(name);
  doc.text = newFullText;
  doc.version++;
  connection.sendNotification(p.DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version: doc.version }, contentChanges: [{ range, text }] });
}

async function push() {
  const init = await connection.sendRequest(p.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'corpus' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  out({ event: 'initialized', result: init });
  connection.sendNotification(p.InitializedNotification.type, {});

  // Workspace-wide: a closed file's finding arrives without opening it.
  await until('diagnostics of the closed gamma.json', () => codes('gamma.json').includes('source-count'));

  // Rename beta's slug in the open buffer, unsaved: alpha.json (closed) now relates to a missing incident.
  open('beta.json');
  await until('beta.json published', () => published.has(uri('beta.json')));
  const beta = documents.get('beta.json').text;
  const at = beta.indexOf('"slug": "beta"') + '"slug": "'.length;
  const before = beta.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = before.length - before.lastIndexOf('\n') - 1;
  changeRange('beta.json', { start: { line, character: character + 4 }, end: { line, character: character + 4 } }, '-renamed', beta.slice(0, at + 4) + '-renamed' + beta.slice(at + 4));
  await until('related-exists on alpha.json', () => codes('alpha.json').includes('related-exists'));
  await until('slug-filename on beta.json', () => codes('beta.json').includes('slug-filename'));
  out({ event: 'renamed' });
  // Renaming it back clears both.
  change('beta.json', beta);
  await until('alpha.json clean again', () => codes('alpha.json').length === 0);
  await until('beta.json clean again', () => codes('beta.json').length === 0);
  out({ event: 'restored' });

  // Quick fix: the source-count finding of gamma.json (one line, em dash and emoji before it).
  open('gamma.json');
  await until('gamma.json published with its version', () => published.get(uri('gamma.json'))?.version === 1);
  const diagnostic = published.get(uri('gamma.json')).diagnostics.find((d) => d.code === 'source-count');
  const actions = await connection.sendRequest(p.CodeActionRequest.type, {
    textDocument: { uri: uri('gamma.json') }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
  });
  out({ event: 'codeActions', actions });
  const quickfix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'source-count');
  change('gamma.json', apply(documents.get('gamma.json').text, quickfix.edit.changes[uri('gamma.json')]));
  await until('gamma.json without source-count', () => published.get(uri('gamma.json'))?.version === 2);
  out({ event: 'quickfixed', text: documents.get('gamma.json').text, codes: codes('gamma.json') });

  // Hover on delta.json's first finding shows the rule's explanation.
  open('delta.json');
  await until('delta.json published', () => published.get(uri('delta.json'))?.version === 1);
  const first = published.get(uri('delta.json')).diagnostics[0];
  const hover = await connection.sendRequest(p.HoverRequest.type, { textDocument: { uri: uri('delta.json') }, position: first.range.start });
  out({ event: 'hover', diagnostic: first, hover });

  // Fix all (CRLF file with several fixable findings).
  const all = await connection.sendRequest(p.CodeActionRequest.type, {
    textDocument: { uri: uri('delta.json') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  out({ event: 'fixAllActions', actions: all });
  change('delta.json', apply(documents.get('delta.json').text, all[0].edit.changes[uri('delta.json')]));
  await until('delta.json after fix-all', () => published.get(uri('delta.json'))?.version === 2);
  out({ event: 'fixedAll', text: documents.get('delta.json').text, codes: codes('delta.json') });
}

async function pull() {
  const init = await connection.sendRequest(p.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'corpus' }],
    capabilities: {
      general: { positionEncodings: ['utf-8', 'utf-16'] },
      textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
      workspace: { diagnostics: { refreshSupport: true } },
    },
  });
  out({ event: 'initialized', result: init });
  connection.sendNotification(p.InitializedNotification.type, {});

  const first = await connection.sendRequest(p.WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
  out({ event: 'workspace', report: first });

  open('beta.json');
  const beta = documents.get('beta.json').text;
  change('beta.json', beta.replace('"slug": "beta"', '"slug": "beta-renamed"'));
  const document = await connection.sendRequest(p.DocumentDiagnosticRequest.type, { textDocument: { uri: uri('beta.json') } });
  out({ event: 'document', report: document });
  await Promise.race([new Promise((resolve) => { const t = setInterval(() => { if (refreshes > 0) { clearInterval(t); resolve(); } }, 20); }), timeout(60000, 'a diagnostic refresh')]);
  const second = await connection.sendRequest(p.WorkspaceDiagnosticRequest.type, {
    previousResultIds: first.items.map((i) => ({ uri: i.uri, value: i.resultId })),
  });
  out({ event: 'workspace', report: second });

  // Cancellation through the real client: a cancelled workspace pull answers RequestCancelled, or its result if it was already done.
  const source = new rpc.CancellationTokenSource();
  const cancelled = connection.sendRequest(p.WorkspaceDiagnosticRequest.type, { previousResultIds: [] }, source.token);
  source.cancel();
  try { await cancelled; out({ event: 'cancel', outcome: 'completed' }); } catch (e) { out({ event: 'cancel', outcome: 'error', code: e.code }); }
}

(async () => {
  try {
    if (mode === 'push') await push(); else await pull();
    await connection.sendRequest(p.ShutdownRequest.type);
    out({ event: 'shutdown' });
    connection.sendNotification(p.ExitNotification.type);
    const code = await Promise.race([new Promise((resolve) => child.on('exit', (c) => resolve(c))), timeout(30000, 'the server to exit')]);
    out({ event: 'exit', code });
    process.exit(0);
  } catch (e) {
    out({ event: 'error', message: String(e && e.stack || e) });
    child.kill();
    process.exit(1);
  }
})();
