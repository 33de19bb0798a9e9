#!/usr/bin/env bash
# pre-commit (Debian package) and git, for tests/Lint.Tests/Shipping/PreCommitHookTests.cs.
set -euo pipefail
if command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq >/tmp/ci-pre-commit-apt.log 2>&1 \
  || ! apt-get install -y -qq --no-install-recommends pre-commit git >>/tmp/ci-pre-commit-apt.log 2>&1; then
  echo "ci: installing pre-commit failed:" >&2
  cat /tmp/ci-pre-commit-apt.log >&2
  exit 1
fi
command -v pre-commit >/dev/null || { echo "ci: pre-commit is still missing after apt-get install" >&2; exit 1; }
echo "ci: $(pre-commit --version)"
