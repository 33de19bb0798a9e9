#!/usr/bin/env bash
# Installs Microsoft's SARIF validator (npm package @microsoft/sarif-multitool) into .ci/tools/ (git-ignored),
# for the test that validates lint's SARIF output. Idempotent and quiet; fails loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=5.7.0
prefix=.ci/tools
bin="$prefix/node_modules/.bin/sarif-multitool"
stamp="$prefix/.sarif-multitool-version"

if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "sarif-multitool: npm is missing; installing Debian's nodejs and npm" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "sarif-multitool: npm is required to install @microsoft/sarif-multitool" >&2
    exit 1
  fi
fi

mkdir -p "$prefix"
if ! npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >"$prefix/npm-install.log" 2>&1; then
  cat "$prefix/npm-install.log" >&2
  echo "sarif-multitool: npm install @microsoft/sarif-multitool@$version failed" >&2
  exit 1
fi
if ! "$bin" --version >/dev/null 2>&1; then
  echo "sarif-multitool: installed, but '$bin --version' does not run" >&2
  "$bin" --version >&2 || true
  exit 1
fi
echo "$version" > "$stamp"
