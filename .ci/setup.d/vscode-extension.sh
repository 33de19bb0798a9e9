#!/usr/bin/env bash
# Installs what packaging the VS Code extension (editors/vscode) needs into .ci/vscode/ (git-ignored): Microsoft's
# packager @vscode/vsce, and the extension's own dependencies (vscode-languageclient), for
# tests/Lint.Tests/Lsp/VsCodeExtensionTests.cs, which packages the extension as a .vsix. Idempotent; fails loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."

vsce=4.1.0
client=9.0.1
prefix=.ci/vscode
stamp="$prefix/.versions"
want="@vscode/vsce@$vsce vscode-languageclient@$client"

if [ -x "$prefix/packager/node_modules/.bin/vsce" ] && [ -f "$prefix/extension/node_modules/vscode-languageclient/package.json" ] \
  && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "vscode-extension: npm is missing; installing Debian's nodejs and npm" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "vscode-extension: npm is required" >&2
    exit 1
  fi
fi

mkdir -p "$prefix/packager" "$prefix/extension"
[ -f "$prefix/packager/package.json" ] || echo '{ "name": "lint-vsce", "private": true }' > "$prefix/packager/package.json"
[ -f "$prefix/extension/package.json" ] || echo '{ "name": "lint-vscode-deps", "private": true }' > "$prefix/extension/package.json"
if ! npm install --prefix "$prefix/packager" --save-exact --no-audit --no-fund --loglevel=error "@vscode/vsce@$vsce" >"$prefix/npm-install.log" 2>&1 \
  || ! npm install --prefix "$prefix/extension" --save-exact --omit=dev --no-audit --no-fund --loglevel=error "vscode-languageclient@$client" >>"$prefix/npm-install.log" 2>&1; then
  cat "$prefix/npm-install.log" >&2
  echo "vscode-extension: npm install $want failed" >&2
  exit 1
fi
if ! "$prefix/packager/node_modules/.bin/vsce" --version >/dev/null 2>&1; then
  echo "vscode-extension: installed, but vsce --version does not run" >&2
  exit 1
fi
echo "$want" > "$stamp"
