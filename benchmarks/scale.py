"""How nkru scales with the size of the store, against ``json.load`` of the same file.

    python benchmarks/scale.py [--runs 5] [--sizes 10000 100000] [--dir /tmp]

For each size, writes a synthetic store (``make_store.py``) and times, interleaved in one loop:
``json.load`` of the file (the reference), ``nkru decade 1990s --json``, a first search (empty
cache), and the same search again (cache warm). Also the peak memory of the first search
against ``json.load``'s, and how each time grows from the smallest size to the largest.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import Sample, console_script, ratio_line, run_once


def measure(size: int, folder: Path, runs: int) -> dict[str, Sample]:
    path = folder / f"store-{size}.json"
    # Written by a separate process: a child's peak memory as the kernel reports it can include
    # what its parent held when it forked, so this process stays small.
    made = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "make_store.py"), str(size), str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    word = made.stdout.strip().rsplit(": ", 1)[1]
    size_mb = path.stat().st_size / 1e6
    print(f"N = {size}: {size_mb:.0f} MB, searching for {word!r}", file=sys.stderr)

    nkru = console_script("nkru")
    cold_cache, warm_cache = folder / "cold", folder / "warm"
    load = [sys.executable, "-c", f"import json; json.load(open({str(path)!r}, encoding='utf-8'))"]
    decade = [nkru, "decade", "1990s", "--json", "--data", str(path)]
    search = [nkru, "search", word, "--json", "--data", str(path)]
    samples = {
        "load": Sample("json.load"),
        "decade": Sample("decade"),
        "first": Sample("search, first run"),
        "again": Sample("search again"),
    }
    run_once(search, {"XDG_CACHE_HOME": str(warm_cache)})  # fills the warm cache
    for round_number in range(runs + 1):
        shutil.rmtree(cold_cache, ignore_errors=True)
        plan = [
            ("load", load, {}),
            ("decade", decade, {}),
            ("first", search, {"XDG_CACHE_HOME": str(cold_cache)}),
            ("again", search, {"XDG_CACHE_HOME": str(warm_cache)}),
        ]
        for key, argv, env in plan:
            elapsed, peak = run_once(argv, env)
            if round_number:
                samples[key].times.append(elapsed)
                samples[key].peaks.append(peak)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=None, help="where to write the stores")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(dir=options.dir))
    try:
        results = {size: measure(size, folder, options.runs) for size in options.sizes}
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    for size, samples in results.items():
        print(f"\nN = {size}, {options.runs} interleaved runs; median (IQR) in ms\n")
        print("| command | nkru ms | reference ms | ratio | target | |")
        print("| --- | --- | --- | --- | --- | --- |")
        load = samples["load"]
        print(ratio_line("`nkru decade 1990s --json`", samples["decade"], load, 1.5))
        print(ratio_line("`nkru search WORD --json`, first run", samples["first"], load, 4.0))
        print(ratio_line("the same search again", samples["again"], load, 1.0))
        first, reference = samples["first"].peak, load.peak
        verdict = "ok" if first <= 1.5 * reference else "OVER"
        print(
            f"| peak memory, first search | {first / 1e6:.0f} MB | json.load {reference / 1e6:.0f}"
            f" MB | {first / reference:.2f} | ≤ 1.5 | {verdict} |"
        )
        again = samples["again"].peak
        verdict = "ok" if again <= 1.5 * reference else "OVER"
        print(
            f"| peak memory, search again | {again / 1e6:.0f} MB | json.load {reference / 1e6:.0f}"
            f" MB | {again / reference:.2f} | ≤ 1.5 | {verdict} |"
        )

    if len(results) >= 2:
        small, large = min(results), max(results)
        print(f"\ngrowth from N = {small} to N = {large} (×{large // small} events)\n")
        print("| command | time ratio | target |")
        print("| --- | --- | --- |")
        for key in ("load", "decade", "first", "again"):
            growth = results[large][key].median / results[small][key].median
            print(f"| {results[large][key].label} | {growth:.1f} | ≤ {large // small + 1} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
