"""How fast the page of ``nkru page`` is in headless Chromium: its size, when its events are on
screen and its controls answer, when its search is ready, and the time of each keystroke.

    python benchmarks/page.py [--runs 5] [--sizes 10000]

For the bundled store and each synthetic size (``make_store.py``), writes the page, opens it
from ``file://`` with the network blocked ``--runs`` times and prints medians (with the range):
``ready`` (events shown, controls wired, from the start of navigation), ``search`` (the index
built), and the time each keystroke of ``putin treaty`` takes from the key to the results drawn.
Needs Chromium (``apt-get install chromium`` or ``$NKRU_CHROMIUM``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cdp import Browser, find_chromium  # noqa: E402

QUERY = "putin treaty"


def _page(store: Path | None, out: Path) -> None:
    data = ["--data", str(store)] if store else []
    command = [sys.executable, "-m", "nkru", "page", *data, "-o", str(out)]
    subprocess.run(command, check=True, env={"NKRU_DATA": "", **_env()})


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "NKRU_DATA"}


def _measure(browser: Browser, path: Path) -> tuple[float, float, list[float]]:
    page = browser.page(1280, 900)
    page.block_network()
    page.goto(path.as_uri())
    deadline = time.monotonic() + 120
    while page.eval("window.nkruPage.indexed") is None:
        if time.monotonic() > deadline:
            raise SystemExit("the search index was not ready within 120 s")
        time.sleep(0.02)
    ready, indexed = page.eval("[window.nkruPage.ready, window.nkruPage.indexed]")
    page.eval("document.getElementById('q').focus()")
    page.type(QUERY)
    keys: list[float] = page.eval("window.nkruPage.timings")
    requests = [u for u in page.requests() if u != path.as_uri()]
    if requests:
        raise SystemExit(f"the page made requests: {requests}")
    page.send("Page.close")
    return ready, indexed, keys


def _line(label: str, values: list[float]) -> str:
    return f"{label} {statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000])
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("needs Chromium: apt-get install chromium, or set NKRU_CHROMIUM")
    with tempfile.TemporaryDirectory() as folder, Browser(chromium) as browser:
        cases: list[tuple[str, Path | None]] = [("bundled store", None)]
        for size in args.sizes:
            store = Path(folder) / f"store-{size}.json"
            make = [sys.executable, str(ROOT / "benchmarks" / "make_store.py"), str(size)]
            subprocess.run([*make, str(store)], check=True, capture_output=True)
            cases.append((f"{size:,} events", store))
        for label, store in cases:
            out = Path(folder) / "page.html"
            started = time.perf_counter()
            _page(store, out)
            written = time.perf_counter() - started
            size = out.stat().st_size
            ready, indexed, keys = [], [], []
            for _ in range(args.runs):
                r, i, k = _measure(browser, out)
                ready.append(r)
                indexed.append(i)
                keys += k
            print(
                f"{label}: {size / 1e6:.2f} MB, written in {written:.1f} s; "
                f"{_line('ready', ready)}; {_line('search', indexed)}; "
                f"{_line('keystroke', keys)}, slowest {max(keys):.1f} ms "
                f"({len(keys)} keys)"
            )


if __name__ == "__main__":
    main()
