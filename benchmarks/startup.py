"""Start-up time of nkru against the framework's floor, on the bundled store.

    python benchmarks/startup.py [--runs 30]

Every command runs as a whole process, interleaved with its reference in the same loop (so a
noisy machine slows both alike), after one warm-up round. References: ``hello``, a one-command
Typer app that prints a line, run by the same interpreter and Typer; and ``python -c pass``.
Prints medians (interquartile range) in milliseconds and the ratio of medians to each target.

Two floors show what the design costs before nkru runs a line of its own: importing Typer
with the store's decoder (msgspec) and the index's database (sqlite3), and importing Typer
with the parts of Rich a table needs. No command can start faster than its floor.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _timing import Sample, console_script, ratio_line, run_once

#: A seven-word question, as people ask them.
QUESTION = "when did kim jong un visit russia"

HELLO = '''
import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    """Say hello."""
    print("hello")


app()
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="measured rounds (default 30)")
    options = parser.parse_args()

    nkru = console_script("nkru")
    hello_file = Path(tempfile.mkdtemp()) / "hello.py"
    hello_file.write_text(HELLO)
    hello = [sys.executable, str(hello_file)]
    # The index cache is warm, as it is for every run after a user's first.
    env = {"COLUMNS": "100", "NO_COLOR": "1", "NKRU_DATA": "", "PAGER": ""}

    commands = {
        "hello": (hello, "hello"),
        "hello --help": ([*hello, "--help"], "hello --help"),
        "python -c pass": ([sys.executable, "-c", "pass"], "python -c pass"),
        "decade": ([nkru, "decade", "1990s", "--json"], "nkru decade 1990s --json"),
        "search": ([nkru, "search", "putin", "--json"], "nkru search putin --json"),
        "question": (
            [nkru, "search", *QUESTION.split(), "--json"],
            f"nkru search {QUESTION} --json",
        ),
        "table": ([nkru, "timeline", "--format", "table"], "nkru timeline --format table"),
        "help": ([nkru, "--help"], "nkru --help"),
        "floor core": (
            [sys.executable, "-c", "import typer, msgspec, sqlite3"],
            "import typer, msgspec, sqlite3",
        ),
        "floor rich": (
            [sys.executable, "-c", "import typer, rich.console, rich.table"],
            "import typer, rich.console, rich.table",
        ),
    }
    samples = {key: Sample(label) for key, (_, label) in commands.items()}
    for round_number in range(options.runs + 1):
        for key, (argv, _) in commands.items():
            elapsed, _ = run_once(argv, env)
            if round_number:  # round 0 warms the file cache and .pyc files
                samples[key].times.append(elapsed)

    print(f"startup, {options.runs} interleaved runs; median (IQR) in ms\n")
    print("| command | nkru ms | reference ms | ratio | target | |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(ratio_line("`nkru decade 1990s --json`", samples["decade"], samples["hello"], 1.15))
    print(ratio_line("`nkru search putin --json`", samples["search"], samples["hello"], 1.3))
    print(
        ratio_line(f"`nkru search {QUESTION} --json`", samples["question"], samples["hello"], 1.4)
    )
    print(ratio_line("`nkru timeline --format table`", samples["table"], samples["hello"], 1.6))
    print(ratio_line("`nkru --help`", samples["help"], samples["hello --help"], 1.1))
    print(ratio_line("`nkru decade 1990s --json`", samples["decade"], samples["python -c pass"], 7))
    print("\nfloors: imports alone, before any nkru code\n")
    print("| imports | ms | hello ms | ratio |")
    print("| --- | --- | --- | --- |")
    for key in ("floor core", "floor rich"):
        floor = samples[key]
        print(
            f"| `{floor.label}` | {floor.median * 1e3:.1f} ({floor.spread}) | "
            f"{samples['hello'].median * 1e3:.1f} | {floor.median / samples['hello'].median:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
