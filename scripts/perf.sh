#!/usr/bin/env bash
# Side-by-side timing of lint and two JSON Schema CLIs on generated corpora.
#   scripts/perf.sh [SIZES...]      default: 1000 10000
# Environment: RUNS (default 5), WORK (default /tmp/lint-perf), SEED (default 1).
# Prints a markdown table: median wall seconds, ratios to sourcemeta, peak RSS (MB).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("${@:-1000 10000}")
SIZES=(${SIZES[*]})
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/lint-perf}
SEED=${SEED:-1}
SCHEMA=$ROOT/schemas/incident.schema.json
mkdir -p "$WORK"

echo "building lint (Release)..." >&2
dotnet build src/Lint.Cli -c Release -v quiet -nologo >&2
dotnet build tests/Lint.Benchmarks -c Release -v quiet -nologo >&2
# lint as shipped for speed: published ReadyToRun (precompiled, so little JIT at start-up) for this machine.
RID=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
dotnet publish src/Lint.Cli -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$WORK/lint-r2r" -v quiet -nologo >&2
LINT=("$WORK/lint-r2r/lint")

if [ ! -x "$WORK/peers/node_modules/.bin/jsonschema" ] || [ ! -x "$WORK/peers/node_modules/.bin/ajv" ]; then
  echo "installing peers from npm into $WORK/peers..." >&2
  mkdir -p "$WORK/peers"
  (cd "$WORK/peers" && npm install --silent --no-audit --no-fund @sourcemeta/jsonschema@16.11 ajv-cli@5 ajv-formats@2 >&2)
fi
SOURCEMETA="$WORK/peers/node_modules/.bin/jsonschema"
AJV="$WORK/peers/node_modules/.bin/ajv"

# measure CMD... : runs CMD $RUNS times, prints "median_seconds peak_rss_mb"
measure() {
  local times=() rss=0 out tmp
  tmp=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$tmp" -f "%e %M" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$tmp")
    times+=("${out% *}")
    local kb=${out#* }
    if (( kb > rss )); then rss=$kb; fi
  done
  rm -f "$tmp"
  python3 - "$rss" "${times[@]}" <<'PY'
import statistics, sys
rss = int(sys.argv[1]); t = [float(x) for x in sys.argv[2:]]
print(f"{statistics.median(t):.2f} {rss/1024:.0f}")
PY
}

printf '| files | lint all rules | sourcemeta | ajv-cli | lint / sourcemeta | lint 1 file in corpus | sourcemeta 1 file | ajv 1 file | lint 1 / sourcemeta 1 | lint peak RSS MB |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${SIZES[@]}"; do
  dir="$WORK/corpus-$n"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    echo "generating $n files..." >&2
    dotnet "$ROOT/tests/Lint.Benchmarks/bin/Release/net10.0/Lint.Benchmarks.dll" generate "$dir" "$n" "$SEED" >&2
    touch "$dir/.complete"
  fi
  one=$(find "$dir" -name '*.json' | LC_ALL=C sort | sed -n 1p)
  read -r lint_all lint_rss < <(cd "$dir" && measure "${LINT[@]}")
  read -r sm_all _ < <(measure "$SOURCEMETA" validate "$SCHEMA" "$dir")
  read -r ajv_all _ < <(measure "$AJV" validate --spec=draft7 -c ajv-formats -s "$SCHEMA" -d "$dir/**/*.json")
  read -r lint_one _ < <(cd "$dir" && measure "${LINT[@]}" "$one")
  read -r sm_one _ < <(measure "$SOURCEMETA" validate "$SCHEMA" "$one")
  read -r ajv_one _ < <(measure "$AJV" validate --spec=draft7 -c ajv-formats -s "$SCHEMA" -d "$one")
  ratio_all=$(python3 -c "print(f'{$lint_all/$sm_all:.2f}x')")
  ratio_one=$(python3 -c "print(f'{$lint_one/$sm_one:.2f}x')")
  printf '| %s | %ss | %ss | %ss | %s | %ss | %ss | %ss | %s | %s |\n' "$n" "$lint_all" "$sm_all" "$ajv_all" "$ratio_all" "$lint_one" "$sm_one" "$ajv_one" "$ratio_one" "$lint_rss"
done
