#!/usr/bin/env bash
# The C toolchain that NativeAOT links with (clang, and zlib1g-dev for -lz), from Debian, for the native build of lint
# that CI publishes and tests (scripts/publish-native.sh, tests/Lint.Tests/Native/). Idempotent: quick when present.
set -euo pipefail
if command -v clang >/dev/null 2>&1 && [ -e /usr/include/zlib.h ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci: clang and zlib1g-dev are required for the NativeAOT build, and apt-get is missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq -o DPkg::Lock::Timeout=600 >/tmp/ci-native-toolchain-apt.log 2>&1 \
  || ! apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends clang zlib1g-dev >>/tmp/ci-native-toolchain-apt.log 2>&1; then
  echo "ci: installing clang and zlib1g-dev failed:" >&2
  cat /tmp/ci-native-toolchain-apt.log >&2
  exit 1
fi
command -v clang >/dev/null || { echo "ci: clang is still missing after apt-get install" >&2; exit 1; }
[ -e /usr/include/zlib.h ] || { echo "ci: zlib.h is still missing after apt-get install zlib1g-dev" >&2; exit 1; }
echo "ci: $(clang --version | head -1)"
