#!/usr/bin/env bash
# Side-by-side timing of lint and two JSON Schema validators on generated corpora (docs/performance.md).
#   scripts/perf.sh [SIZES...]      default: 1000 10000      (the docs' table: 1000 10000 100000)
# Environment: RUNS (default 5; RUNS_LARGE, default 3, at 100,000 files or more), WORK (default /tmp/lint-perf), SEED (default 1),
#   BUILDS (default "managed native hook"): which lint builds to measure, each built here:
#     managed  the framework-dependent build (dotnet publish; what the portable `any` tool package runs)
#     native   the NativeAOT build for this machine (what the RID-specific tool package installs; needs clang, zlib1g-dev)
#     hook     the binary pre-commit installs: `dotnet pack -c Release` at the repository root, then
#              `dotnet tool install --tool-path T --add-source OUT Lint.Tool`, as pre-commit's dotnet language does
# Needs npm (the peers are installed into $WORK/peers) and /usr/bin/time. Prints markdown tables: medians of RUNS
# interleaved rounds, paired ratios to sourcemeta, peak RSS, growth per file.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("${@:-1000 10000}")
SIZES=(${SIZES[*]})
RUNS=${RUNS:-5}
RUNS_LARGE=${RUNS_LARGE:-3}
WORK=${WORK:-/tmp/lint-perf}
SEED=${SEED:-1}
BUILDS=${BUILDS:-managed native hook}
SCHEMA=$ROOT/schemas/incident.schema.json
RID=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
mkdir -p "$WORK"

echo "building the corpus generator..." >&2
dotnet build tests/Lint.Benchmarks -c Release -v quiet -nologo >&2
LINTS=()
for build in $BUILDS; do
  case $build in
    managed)
      echo "building lint (managed, framework-dependent)..." >&2
      rm -rf "$WORK/managed"
      dotnet publish src/Lint.Cli -c Release -o "$WORK/managed" -v quiet -nologo >&2
      LINTS+=(--lint "managed=$WORK/managed/lint")
      ;;
    native)
      echo "building lint (NativeAOT, $RID)..." >&2
      if [ -f scripts/publish-native.sh ]; then
        # The build CI tests (it prints the binary's path on its last line).
        NATIVE=$(bash scripts/publish-native.sh | tail -1)
      else
        rm -rf "$WORK/native"
        dotnet publish src/Lint.Cli -c Release -r "$RID" -p:PublishAot=true -o "$WORK/native" -v quiet -nologo >&2
        NATIVE=$WORK/native/lint
      fi
      LINTS+=(--lint "native=$NATIVE")
      ;;
    hook)
      echo "building lint as pre-commit does (dotnet pack at the root, dotnet tool install)..." >&2
      rm -rf "$WORK/hook-pack" "$WORK/hook-tool" "$WORK/hook-nuget"
      # A package cache of its own, so that an older Lint.Tool of the same version is never installed instead.
      NUGET_PACKAGES="$WORK/hook-nuget" dotnet pack -c Release -o "$WORK/hook-pack" -v quiet -nologo >&2
      NUGET_PACKAGES="$WORK/hook-nuget" dotnet tool install --tool-path "$WORK/hook-tool" --add-source "$WORK/hook-pack" Lint.Tool >&2
      LINTS+=(--lint "hook=$WORK/hook-tool/lint")
      ;;
    *) echo "perf.sh: unknown build '$build' (managed, native, hook)" >&2; exit 2 ;;
  esac
done

if [ ! -x "$WORK/peers/node_modules/.bin/jsonschema" ] || [ ! -x "$WORK/peers/node_modules/.bin/ajv" ]; then
  echo "installing peers from npm into $WORK/peers..." >&2
  mkdir -p "$WORK/peers"
  (cd "$WORK/peers" && npm install --silent --no-audit --no-fund @sourcemeta/jsonschema@16.11 ajv-cli@5 ajv-formats@2 >&2)
fi

exec python3 "$ROOT/scripts/perf.py" --work "$WORK" --sizes "${SIZES[@]}" --runs "$RUNS" --runs-large "$RUNS_LARGE" "${LINTS[@]}" \
  --sourcemeta "$WORK/peers/node_modules/.bin/jsonschema" --ajv "$WORK/peers/node_modules/.bin/ajv" --schema "$SCHEMA" \
  --generate "dotnet $ROOT/tests/Lint.Benchmarks/bin/Release/net10.0/Lint.Benchmarks.dll generate {dir} {count} $SEED"
