"""Shared timing helpers for the benchmark scripts: whole processes, interleaved, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


def console_script(name: str) -> str:
    """The console script installed beside this interpreter (the project's virtualenv)."""
    beside = Path(sys.executable).parent / name
    if not beside.exists():
        sys.exit(f"{name} is not installed beside {sys.executable}: pip install -e '.[dev]'")
    return str(beside)


@dataclass
class Sample:
    """Wall times (seconds) and peak resident memory (bytes) of repeated runs of one command."""

    label: str
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def spread(self) -> str:
        """The interquartile range, in milliseconds."""
        if len(self.times) < 4:
            return f"{min(self.times) * 1e3:.0f}–{max(self.times) * 1e3:.0f}"
        q1, _, q3 = statistics.quantiles(self.times, n=4)
        return f"{q1 * 1e3:.0f}–{q3 * 1e3:.0f}"

    @property
    def peak(self) -> int:
        return int(statistics.median(self.peaks))


def run_once(
    argv: Sequence[str], env: Mapping[str, str] | None = None, check: bool = True
) -> tuple[float, int]:
    """Run a command to completion; its wall time and peak resident memory (bytes)."""
    environment = {**os.environ, **(env or {})}
    # Measure what users get: compiled bytecode, written on the warm-up run if need be.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read() if process.stderr else b""
    if process.stderr:
        process.stderr.close()
    if check and process.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({process.returncode}): {error.decode()[:500]}")
    return elapsed, usage.ru_maxrss * 1024


def ratio_line(name: str, measured: Sample, reference: Sample, target: float) -> str:
    ratio = measured.median / reference.median
    verdict = "ok" if ratio <= target else "OVER"
    return (
        f"| {name} | {measured.median * 1e3:.1f} ({measured.spread}) | "
        f"{reference.label} {reference.median * 1e3:.1f} | {ratio:.2f} | ≤ {target} | {verdict} |"
    )
