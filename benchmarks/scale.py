"""How nkru scales with the size of the store, against ``json.load`` of the same file.

    python benchmarks/scale.py [--runs 5] [--sizes 100000 1000000] [--dir /tmp]

For each size, writes a synthetic store (``make_store.py``) and times, interleaved in one
loop: ``json.load`` of the file (the reference); the first run, which builds the index (a
search with an empty cache); a warm search for a rare word; a warm search for a common word
with ``--limit 10``; and ``timeline --limit 10``. Prints medians, ratios to ``json.load``, the
peak memory of each, and how each time grows from the smallest size to the largest.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import Sample, console_script, ratio_line, run_once

MIB = 1 << 20
#: Warm commands must answer within this share of json.load's time, in under 100 MiB.
WARM_RATIO, WARM_MEMORY = 0.1, 100 * MIB
BUILD_RATIO = 2.0
#: A seven-word question, as people ask them.
QUESTION = "when did kim jong un visit russia"


def measure(size: int, folder: Path, runs: int) -> dict[str, Sample]:
    path = folder / f"store-{size}.json"
    # Written by a separate process, so this process stays small.
    made = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "make_store.py"), str(size), str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    word = made.stdout.strip().rsplit(": ", 1)[1]
    print(f"N = {size}: {path.stat().st_size / 1e6:.0f} MB, rare word {word!r}", file=sys.stderr)

    nkru = console_script("nkru")
    cold, warm = folder / "cold", folder / "warm"
    data = ["--data", str(path)]
    load = [sys.executable, "-c", f"import json; json.load(open({str(path)!r}, encoding='utf-8'))"]
    commands = {
        "load": ("json.load", load, None),
        "build": ("first run (builds the index)", [nkru, "search", word, "--json", *data], cold),
        "rare": ("search, rare word", [nkru, "search", word, "--json", *data], warm),
        "common": (
            "search, common word, --limit 10",
            [nkru, "search", "pyongyang", "--limit", "10", "--json", *data],
            warm,
        ),
        "question": (
            "search, a seven-word question",
            [nkru, "search", *QUESTION.split(), "--json", *data],
            warm,
        ),
        "timeline": (
            "timeline --limit 10",
            [nkru, "timeline", "--limit", "10", "--json", *data],
            warm,
        ),
    }
    samples = {key: Sample(label) for key, (label, _, _) in commands.items()}
    run_once(commands["rare"][1], {"XDG_CACHE_HOME": str(warm)})  # builds the warm index
    for round_number in range(runs + 1):
        shutil.rmtree(cold, ignore_errors=True)
        for key, (_, argv, cache) in commands.items():
            env = {"XDG_CACHE_HOME": str(cache)} if cache else {}
            elapsed, peak = run_once(argv, env)
            if round_number:  # round 0 warms the file cache
                samples[key].times.append(elapsed)
                samples[key].peaks.append(peak)
    path.unlink()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", type=Path, default=None, help="where to write the stores")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(dir=options.dir))
    try:
        results = {size: measure(size, folder, options.runs) for size in options.sizes}
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    for size, samples in results.items():
        print(f"\nN = {size:,}, {options.runs} interleaved runs; median (IQR) in ms\n")
        print("| command | nkru ms | reference ms | ratio | target | |")
        print("| --- | --- | --- | --- | --- | --- |")
        load = samples["load"]
        print(ratio_line(samples["build"].label, samples["build"], load, BUILD_RATIO))
        for key in ("rare", "common", "question", "timeline"):
            print(ratio_line(samples[key].label, samples[key], load, WARM_RATIO))
        print("\n| command | peak memory | target | |")
        print("| --- | --- | --- | --- |")
        print(f"| json.load | {load.peak / MIB:.0f} MiB | | |")
        for key in ("build", "rare", "common", "question", "timeline"):
            peak = samples[key].peak
            limit = "" if key == "build" else "< 100 MiB"
            verdict = "" if key == "build" else ("ok" if peak < WARM_MEMORY else "OVER")
            print(f"| {samples[key].label} | {peak / MIB:.0f} MiB | {limit} | {verdict} |")

    if len(results) >= 2:
        small, large = min(results), max(results)
        print(f"\ngrowth from N = {small:,} to N = {large:,}\n")
        print("| command | time ratio | target | |")
        print("| --- | --- | --- | --- |")
        for key in ("load", "build", "rare", "common", "question", "timeline"):
            growth = results[large][key].median / results[small][key].median
            target = 2.0 if key in ("rare", "timeline") else None
            verdict = "" if target is None else ("ok" if growth <= target else "OVER")
            limit = "" if target is None else f"≤ {target}"
            print(f"| {results[large][key].label} | {growth:.2f} | {limit} | {verdict} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
