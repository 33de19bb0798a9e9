// The lint extension for VS Code: starts `lint lsp` (see docs/editors.md) for the JSON files of the workspace.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const settings = vscode.workspace.getConfiguration('lint');
  const command = settings.get('path', 'lint');
  const args = [...settings.get('args', []), 'lsp'];
  client = new LanguageClient(
    'lint',
    'lint',
    { command, args, transport: TransportKind.stdio },
    {
      documentSelector: [{ scheme: 'file', language: 'json' }, { scheme: 'file', language: 'jsonc' }],
      // The server asks for file watching itself (**/*.json); this covers clients that ignore that request.
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.json') },
    });
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
