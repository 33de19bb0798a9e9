#!/usr/bin/env bash
# Installs a real, headless LSP client (npm vscode-languageserver-protocol + vscode-jsonrpc, the libraries under
# VS Code's language client) into .ci/lsp-client/ (git-ignored), for tests/Lint.Tests/Lsp/LspEndToEndTests.cs.
# Idempotent and quiet; fails loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."

protocol=3.18.5
jsonrpc=10.0.0
prefix=.ci/lsp-client
stamp="$prefix/.versions"
want="vscode-languageserver-protocol@$protocol vscode-jsonrpc@$jsonrpc"

if [ -f "$prefix/node_modules/vscode-languageserver-protocol/package.json" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "lsp-client: npm is missing; installing Debian's nodejs and npm" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "lsp-client: npm is required to install vscode-languageserver-protocol" >&2
    exit 1
  fi
fi

mkdir -p "$prefix"
# --prefix with a package.json of its own keeps the install out of the repository's root.
[ -f "$prefix/package.json" ] || echo '{ "name": "lint-lsp-test-client", "private": true }' > "$prefix/package.json"
# shellcheck disable=SC2086
if ! npm install --prefix "$prefix" --save-exact --no-audit --no-fund --loglevel=error $want >"$prefix/npm-install.log" 2>&1; then
  cat "$prefix/npm-install.log" >&2
  echo "lsp-client: npm install $want failed" >&2
  exit 1
fi
if ! (cd "$prefix" && node -e "require('vscode-languageserver-protocol/node'); require('vscode-jsonrpc/node')") >/dev/null 2>&1; then
  echo "lsp-client: installed, but node cannot load vscode-languageserver-protocol/node" >&2
  exit 1
fi
echo "$want" > "$stamp"
