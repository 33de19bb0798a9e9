#!/usr/bin/env bash
# The corpus index, measured side by side: one staged file and the whole corpus, with a warm index, a cold index and
# no index (--no-cache), on a generated corpus; optionally against another build of lint (BASELINE_DLL, e.g. main).
#   scripts/index-perf.sh [COUNT]        default 10000
# Environment: RUNS (default 5), WORK (default /tmp/lint-index-perf), BASELINE_DLL (a lint.dll to compare with).
# Prints a markdown table of median wall seconds. Runs are interleaved so that load on a shared machine hits all alike.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${1:-10000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/lint-index-perf}
mkdir -p "$WORK"
dotnet build src/Lint.Cli -c Release -v quiet -nologo >&2
dotnet build tests/Lint.Benchmarks -c Release -v quiet -nologo >&2
LINT="$ROOT/src/Lint.Cli/bin/Release/net10.0/lint.dll"
dir="$WORK/corpus-$COUNT"
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  dotnet "$ROOT/tests/Lint.Benchmarks/bin/Release/net10.0/Lint.Benchmarks.dll" generate "$dir" "$COUNT" 1 >&2
  touch "$dir/.complete"
fi
one=$(cd "$dir" && find . -name "*.json" -print | sort | sed -n 1p)
sleep 1 # let the generated files settle out of the racy window

declare -A times
run() { # NAME CMD...
  local name=$1; shift
  local start end
  start=$(date +%s%N); (cd "$dir" && "$@" >/dev/null 2>&1 || true); end=$(date +%s%N)
  times[$name]+="$(( (end - start) / 1000000 ))e-3 "
}
for _ in $(seq "$RUNS"); do
  rm -rf "$dir/.lintcache"; run "1 file, cold index" dotnet "$LINT" "$one"
  run "1 file, warm index" dotnet "$LINT" "$one"
  run "1 file, --no-cache" dotnet "$LINT" --no-cache "$one"
  rm -rf "$dir/.lintcache"; run "whole corpus, cold index" dotnet "$LINT"
  run "whole corpus, warm index" dotnet "$LINT"
  run "whole corpus, --no-cache" dotnet "$LINT" --no-cache
  if [ -n "${BASELINE_DLL:-}" ]; then
    run "1 file, baseline build" dotnet "$BASELINE_DLL" "$one"
    run "whole corpus, baseline build" dotnet "$BASELINE_DLL"
  fi
done
rm -rf "$dir/.lintcache"
printf '| %s files | median s (%s runs) |\n|---|---|\n' "$COUNT" "$RUNS"
for name in "1 file, warm index" "1 file, cold index" "1 file, --no-cache" "1 file, baseline build" \
            "whole corpus, warm index" "whole corpus, cold index" "whole corpus, --no-cache" "whole corpus, baseline build"; do
  [ -n "${times[$name]:-}" ] || continue
  median=$(python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" ${times[$name]})
  printf '| %s | %s |\n' "$name" "$median"
done
