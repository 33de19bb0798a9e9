#!/usr/bin/env bash
# Packs what a release publishes on NuGet (docs/packaging.md), as far as this machine can build it:
#   Lint.<v>.nupkg + .snupkg    the library (framework-independent, AOT-compatible)
#   Lint.Tool.<v>.nupkg         the tool's pointer package: lists the per-platform packages below
#   Lint.Tool.any.<v>.nupkg     the framework-dependent fallback, for every platform without a native package
#   Lint.Tool.<rid>.<v>.nupkg   the NativeAOT tool for this machine's platform (linux-x64 here); the release workflow
#                               (.github/workflows/release.yml) packs linux-x64, linux-arm64, osx-arm64 and win-x64,
#                               each on its own platform
#
#   scripts/pack-release.sh [--no-native] [OUTPUT_DIR]       default: artifacts/packages
#
# --no-native skips the native package (a machine without clang and zlib1g-dev). Builds are deterministic and carry
# Source Link to the commit (ContinuousIntegrationBuild): the clone needs a GitHub remote named origin.
set -euo pipefail
cd "$(dirname "$0")/.."

native=1
if [ "${1:-}" = "--no-native" ]; then native=0; shift; fi
out="${1:-artifacts/packages}"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ci=(-c Release -p:ContinuousIntegrationBuild=true -nologo)

echo "pack-release: the library" >&2
dotnet pack src/Lint "${ci[@]}" -p:PackLibrary=true -o "$out"
echo "pack-release: the tool's pointer package" >&2
dotnet pack src/Lint.Cli "${ci[@]}" -p:LintNative=true -o "$out"
echo "pack-release: the framework-dependent fallback (any)" >&2
dotnet pack src/Lint.Cli "${ci[@]}" -p:LintNative=true -r any -p:PublishAot=false -o "$out"
if [ "$native" = 1 ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;;
    Linux-aarch64) rid=linux-arm64 ;;
    Darwin-arm64) rid=osx-arm64 ;;
    *) echo "pack-release: no native tool package for $(uname -s) $(uname -m); use --no-native" >&2; exit 2 ;;
  esac
  echo "pack-release: the NativeAOT tool for $rid" >&2
  dotnet pack src/Lint.Cli "${ci[@]}" -p:LintNative=true -r "$rid" -p:IlcTreatWarningsAsErrors=true -o "$out"
fi
ls -1 "$out"
