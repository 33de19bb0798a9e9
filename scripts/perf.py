#!/usr/bin/env python3
"""Side-by-side timing of lint builds and two JSON Schema validators (driven by scripts/perf.sh).

Every measurement is a round of interleaved runs, one per command, repeated RUNS times: load on a shared machine then
hits every command alike. Reported: the median wall time of each command, the median of the per-round ratios to
sourcemeta (paired ratios), and the peak resident memory (largest of the rounds).

    perf.py --work DIR --sizes 1000 10000 --runs 5 --lint NAME=CMD ... --sourcemeta CMD --ajv CMD --schema FILE
            --generate CMD (a command with {dir} and {count} that writes a corpus)
"""
import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(cmd, cwd):
    """Wall seconds and peak RSS (MB) of one run, through /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-o", out.name, "-f", "%e %M"] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - start
        fields = out.read().split()
        rss = int(fields[-1]) / 1024 if fields else 0.0
        return wall, rss


def rounds(commands, cwd, runs, before=None):
    """commands: {name: argv}. Interleaved rounds; returns {name: (walls, peak_rss)}."""
    walls = {name: [] for name in commands}
    peak = {name: 0.0 for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            if before:
                before(name)
            wall, rss = run_once(cmd, cwd)
            walls[name].append(wall)
            peak[name] = max(peak[name], rss)
    return walls, peak


def paired_ratio(walls, name, reference):
    return statistics.median(a / b for a, b in zip(walls[name], walls[reference]))


def fmt_s(values):
    m = statistics.median(values)
    return f"{m * 1000:.0f} ms" if m < 1 else f"{m:.2f} s"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--sizes", nargs="+", type=int, required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--runs-large", type=int, default=3, help="rounds for corpora of 100,000 files or more")
    p.add_argument("--lint", action="append", required=True, help="NAME=COMMAND (a lint build)")
    p.add_argument("--sourcemeta", required=True)
    p.add_argument("--ajv", required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--generate", required=True)
    a = p.parse_args()

    lints = {}
    for spec in a.lint:
        name, _, cmd = spec.partition("=")
        lints[name] = shlex.split(cmd)
    sm = shlex.split(a.sourcemeta)
    ajv = shlex.split(a.ajv)
    names = list(lints)
    load = os.getloadavg()
    print(f"Machine: {os.cpu_count()} cores; load average at start {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; "
          f"medians of {a.runs} interleaved rounds ({a.runs_large} at 100,000 files or more); ratios are medians of the "
          f"per-round ratios.\n")

    def corpus(count):
        d = os.path.join(a.work, f"corpus-{count}")
        if not os.path.exists(os.path.join(d, ".complete")):
            shutil.rmtree(d, ignore_errors=True)
            print(f"generating {count} files...", file=sys.stderr)
            subprocess.run([x.format(dir=d, count=count) for x in shlex.split(a.generate)], check=True, stdout=subprocess.DEVNULL)
            open(os.path.join(d, ".complete"), "w").close()
            time.sleep(0.2)  # out of the corpus index's racy window (files changed in the last 100 ms are re-read)
        return d

    def first_file(d):
        files = []
        for root, _, fs in os.walk(d):
            files += [os.path.relpath(os.path.join(root, f), d) for f in fs if f.endswith(".json")]
        return sorted(files)[0]

    whole, one, per_file = {}, {}, {}
    for n in a.sizes:
        d = corpus(n)
        f = first_file(d)
        # Whole corpus, every rule. lint keeps its corpus index (.lintcache) as users do; a whole-corpus run reads and
        # lints every file whatever the index holds.
        cmds = {name: cmd for name, cmd in lints.items()}
        cmds["sourcemeta"] = sm + ["validate", a.schema, d]
        cmds["ajv"] = ajv + ["validate", "--spec=draft7", "-c", "ajv-formats", "-s", a.schema, "-d", os.path.join(d, "**/*.json")]
        runs = a.runs_large if n >= 100_000 else a.runs
        print(f"{n} files: whole corpus...", file=sys.stderr)
        whole[n] = rounds(cmds, d, runs)
        # One staged file, as the pre-commit hook runs it (lint --corpus-only FILE), corpus index warm (the run before
        # each measured one leaves it warm; it is not rewritten when nothing changed).
        for cmd in lints.values():
            subprocess.run(cmd + ["--corpus-only", f], cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cmds = {name: cmd + ["--corpus-only", f] for name, cmd in lints.items()}
        cmds["sourcemeta"] = sm + ["validate", a.schema, f]
        cmds["ajv"] = ajv + ["validate", "--spec=draft7", "-c", "ajv-formats", "-s", a.schema, "-d", f]
        print(f"{n} files: one staged file...", file=sys.stderr)
        one[n] = rounds(cmds, d, runs)

    # One file in a corpus of one (start-up and the work on one file).
    single = os.path.join(a.work, "corpus-one")
    if not os.path.exists(os.path.join(single, "incident-000000.json")):
        os.makedirs(single, exist_ok=True)
        src = os.path.join(corpus(a.sizes[0]), first_file(corpus(a.sizes[0])))
        shutil.copy(src, os.path.join(single, "incident-000000.json"))
    for cmd in lints.values():
        subprocess.run(cmd + ["incident-000000.json"], cwd=single, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cmds = {name: cmd + ["incident-000000.json"] for name, cmd in lints.items()}
    cmds["sourcemeta"] = sm + ["validate", a.schema, "incident-000000.json"]
    print("one file in a corpus of one...", file=sys.stderr)
    alone = rounds(cmds, single, max(a.runs, 9))

    print("### Whole corpus, every rule (lint) / schema only (peers)\n")
    print("| files | " + " | ".join(f"lint {x}" for x in names) + " | sourcemeta | ajv | "
          + " | ".join(f"{x} / sourcemeta" for x in names) + " | " + " | ".join(f"{x} peak RSS" for x in names) + " |")
    print("|---" * (1 + 3 * len(names) + 2) + "|")
    for n in a.sizes:
        walls, peak = whole[n]
        print(f"| {n:,} | " + " | ".join(fmt_s(walls[x]) for x in names)
              + f" | {fmt_s(walls['sourcemeta'])} | {fmt_s(walls['ajv'])} | "
              + " | ".join(f"{paired_ratio(walls, x, 'sourcemeta'):.2f}x" for x in names) + " | "
              + " | ".join(f"{peak[x]:.0f} MB" for x in names) + " |")

    print("\n### One staged file in the corpus, corpus index warm (lint --corpus-only FILE) / that file (peers)\n")
    print("| files | " + " | ".join(f"lint {x}" for x in names) + " | sourcemeta | ajv | "
          + " | ".join(f"{x} / sourcemeta" for x in names) + " |")
    print("|---" * (1 + 2 * len(names) + 2) + "|")
    for n in a.sizes:
        walls, _ = one[n]
        print(f"| {n:,} | " + " | ".join(fmt_s(walls[x]) for x in names)
              + f" | {fmt_s(walls['sourcemeta'])} | {fmt_s(walls['ajv'])} | "
              + " | ".join(f"{paired_ratio(walls, x, 'sourcemeta'):.2f}x" for x in names) + " |")

    walls, peak = alone
    print("\n### One file in a corpus of one\n")
    print("| " + " | ".join(f"lint {x}" for x in names) + " | sourcemeta |")
    print("|---" * (len(names) + 1) + "|")
    print("| " + " | ".join(fmt_s(walls[x]) for x in names) + f" | {fmt_s(walls['sourcemeta'])} |")

    if len(a.sizes) > 1:
        print("\n### Growth (whole corpus)\n")
        print("| build | " + " | ".join(f"ms per file, {lo:,} to {hi:,}" for lo, hi in zip(a.sizes, a.sizes[1:]))
              + " | " + " | ".join(f"peak RSS {hi:,} / {lo:,}" for lo, hi in zip(a.sizes, a.sizes[1:])) + " |")
        print("|---" * (1 + 2 * (len(a.sizes) - 1)) + "|")
        for x in names:
            cells = []
            for lo, hi in zip(a.sizes, a.sizes[1:]):
                t_lo, t_hi = statistics.median(whole[lo][0][x]), statistics.median(whole[hi][0][x])
                cells.append(f"{(t_hi - t_lo) * 1000 / (hi - lo):.3f}")
            for lo, hi in zip(a.sizes, a.sizes[1:]):
                cells.append(f"{whole[hi][1][x] / max(whole[lo][1][x], 1):.2f}x")
            print(f"| {x} | " + " | ".join(cells) + " |")
    load = os.getloadavg()
    print(f"\nLoad average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}.")


if __name__ == "__main__":
    main()
