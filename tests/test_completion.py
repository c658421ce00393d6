"""Completion in a real bash, through the script nkru installs: values the shell keeps as one
word, names in any spelling or script, decades from any prefix, ids, and the store --data names."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from nkru.store import packaged_store_path

from .conftest import console_script

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")


def complete(line: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash offers for the last word of ``line``, through nkru's completion script."""
    script = console_script()
    assert script
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    program = (
        f'eval "$(_NKRU_COMPLETE=source_bash {shlex.quote(script)})"\n'
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        f"_nkru_completion {shlex.quote(script)}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", program],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("pu", "vladimir-putin"),
        ("Путин", "vladimir-putin"),
        ("kim j", "kim-jong-un"),
        ("Nhật", "kim-il-sung"),
        ("lavr", "sergei-lavrov"),
    ],
)
def test_leaders_complete_from_any_spelling(typed: str, expected: str) -> None:
    offered = complete(f"nkru timeline --leader {shlex.quote(typed)}")
    assert expected in offered
    assert all(" " not in value for value in offered)


def test_kim_offers_every_kim() -> None:
    offered = complete("nkru timeline --leader Kim")
    assert {"kim-il-sung", "kim-jong-il", "kim-jong-un"} <= set(offered)


def test_a_completed_leader_is_accepted(run_installed: object) -> None:
    value = complete("nkru timeline --leader pu")[0]
    result = subprocess.run(
        [console_script() or "nkru", "timeline", "--leader", value, "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "vladimir-putin" in result.stdout


@pytest.mark.parametrize(("typed", "expected"), [("9", "1990s"), ("19", "1950s"), ("20", "2020s")])
def test_decades_complete_from_any_prefix(typed: str, expected: str) -> None:
    assert expected in complete(f"nkru decade {typed}")


def test_ids_complete_and_read_the_store_named_by_data(tmp_path: Path) -> None:
    assert "1961-07-06-soviet-dprk-mutual-assistance-treaty" in complete("nkru show 1961")
    store = tmp_path / "mine.json"
    raw = packaged_store_path().read_text("utf-8")
    store.write_text(raw.replace("1961-07-06-soviet-dprk", "1961-07-06-my-own"), "utf-8")
    offered = complete(f"nkru show --data {store} 1961")
    assert any(o.startswith("1961-07-06-my-own") for o in offered)
    assert complete("nkru show 1961", env={"NKRU_DATA": str(store)})[0].startswith(
        "1961-07-06-my-own"
    )


@pytest.mark.parametrize("typed", ["kim-j", "kim-jong", "vladimir-"])
def test_completion_never_shortens_what_was_typed(typed: str) -> None:
    offered = complete(f"nkru timeline --leader {typed}")
    assert offered and all(word.startswith(typed) for word in offered)
