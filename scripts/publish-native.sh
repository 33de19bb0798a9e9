#!/usr/bin/env bash
# Publishes the lint command as a NativeAOT binary for this machine (linux-x64 here) into artifacts/native/RID/lint,
# failing on any trim or AOT warning. Needs clang and zlib1g-dev on Linux (.ci/setup.d/native-toolchain.sh installs
# them). CI runs it before the tests, which then run the end-to-end CLI tests on this binary as well as on the
# managed build (tests/Lint.Tests/TestSupport/NativeBinary.cs). Prints the binary's absolute path on its last line.
#
#   scripts/publish-native.sh [OUTPUT_DIR]      default: artifacts/native/RID
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=osx ;;
  MINGW*|MSYS*|CYGWIN*) os=win ;;
  *) echo "publish-native: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) echo "publish-native: unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac
rid="$os-$arch"
out="${1:-artifacts/native/$rid}"
mkdir -p "$out"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# LintNative=true turns on PublishAot (src/Lint.Cli/Lint.Cli.csproj); the AOT compiler's warnings are errors.
if ! dotnet publish src/Lint.Cli -c Release -r "$rid" -p:LintNative=true -p:IlcTreatWarningsAsErrors=true \
    -p:MSBuildTreatWarningsAsErrors=false -o "$out" -nologo -clp:NoSummary >"$log" 2>&1; then
  cat "$log" >&2
  echo "publish-native: dotnet publish -r $rid -p:LintNative=true failed" >&2
  exit 1
fi
# Zero trim/AOT warnings: the analyzers (src/.editorconfig) and the AOT compiler both make them errors; this is the
# last guard, for a warning that a future SDK would print without failing.
if grep -E "(warning|error) IL[0-9]{4}" "$log" >&2; then
  echo "publish-native: the NativeAOT publish printed trim/AOT warnings (above); lint must stay trim- and AOT-clean" >&2
  exit 1
fi
bin="$out/lint"
[ "$os" = win ] && bin="$out/lint.exe"
[ -x "$bin" ] || { cat "$log" >&2; echo "publish-native: $bin is missing after the publish" >&2; exit 1; }
"$bin" --version >/dev/null || { echo "publish-native: $bin --version failed" >&2; exit 1; }
echo "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
