"""Hostile files, closed and full outputs, foreign encodings, terminal-safe text: the installed
console script as a careful user would break it. Every case: one clear line, exit 0, 1 or 2,
no traceback, an answer within seconds."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkru.store import packaged_store_path

from .conftest import Run, console_script

SCRIPT = console_script() or "nkru"


def run(*args: str, timeout: float = 20, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **kwargs.pop("env", {})}
    return subprocess.run([SCRIPT, *args], capture_output=True, timeout=timeout, env=env, **kwargs)


def one_error_line(result: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 or (len(lines) == 2 and lines[1].startswith("Try ")), err
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "store.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    line = one_error_line(run("timeline", "--data", str(fifo), timeout=5))
    assert "FIFO" in line and time.monotonic() - started < 5


@pytest.mark.parametrize(("path", "word"), [("/dev/zero", "device"), ("/", "directory")])
def test_devices_and_directories_are_refused(path: str, word: str) -> None:
    assert word in one_error_line(run("search", "putin", "--data", path, timeout=5))


def test_standard_input_is_a_store() -> None:
    with open(packaged_store_path(), "rb") as store:
        result = run("search", "kursk", "--json", "--data", "-", stdin=store)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    raw = packaged_store_path().read_bytes()
    at = raw.index(b"Pyongyang")
    path = tmp_path / "latin.json"
    path.write_bytes(raw[:at] + b"\xe9" + raw[at + 1 :])
    assert f"offset {at}" in one_error_line(run("timeline", "--data", str(path)))


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + packaged_store_path().read_bytes())
    result = run("show", "1961", "--data", str(path))
    assert result.returncode == 0 and b"1961" in result.stdout


def test_a_full_disk_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        for args in (
            ["timeline"],
            ["search", "putin", "--json"],
            ["validate", "--json"],
            ["show", "1991"],
        ):
            result = subprocess.run(
                [SCRIPT, *args], stdout=full, stderr=subprocess.PIPE, timeout=20
            )
            one_error_line(result)


def test_a_closed_pipe_is_quiet() -> None:
    result = subprocess.run(
        f"'{SCRIPT}' timeline --format plain | head -1", shell=True, capture_output=True
    )
    assert result.stdout.count(b"\n") == 1
    assert result.stderr == b""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "-f", "table"],
        ["timeline", "--lang", "vi"],
        ["search", "Bình", "Nhưỡng", "--lang", "vi", "-f", "markdown"],
        ["show", "1961", "--lang", "vi"],
        ["leaders", "-f", "table"],
        ["disputes", "--lang", "vi"],
        ["search", "nothing-like-this-zzz"],
    ],
)
def test_any_output_encoding_works(encoding: str, args: list[str]) -> None:
    result = run(*args, env={"PYTHONIOENCODING": encoding})
    assert result.returncode in (0, 1)
    assert b"Traceback" not in result.stderr
    result.stdout.decode(encoding)  # every byte is in the encoding
    if result.returncode == 0 and encoding == "ascii":
        assert b"closest ASCII" in result.stderr


def test_an_ascii_terminal_is_told_what_it_cannot_see() -> None:
    """Russian and Korean spellings of a name, a Japanese headline: named, not blanked."""
    result = run("show", "2025-11-05", "--no-pager", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("ascii")
    assert "Viktor Goremykin / [Russian] / [Korean]" in out
    assert '"[Japanese]"' in " ".join(out.split())
    assert not re.search(r'"\s*"(?!\w)', out), "an empty quote"


def test_an_ascii_terminal_reads_vietnamese_notes_folded_not_escaped() -> None:
    """A note on standard error in Vietnamese reads as the listing does: folded to ASCII,
    not as \\u escapes."""
    result = run(
        "search",
        "tháng",
        "6",
        "năm",
        "2024",
        "--lang",
        "vi",
        "--limit",
        "1",
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0
    notes = result.stderr.decode("ascii")
    assert "\\u" not in notes and "\\x" not in notes, notes
    assert "Luu y: 'thang 6 nam 2024'" in notes


def test_json_escapes_what_the_encoding_cannot_show() -> None:
    result = run("search", "Bình", "Nhưỡng", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    records = json.loads(result.stdout.decode("ascii"))
    assert any("Bình Nhưỡng" in json.dumps(r, ensure_ascii=False) for r in records)


def _store(tmp_path: Path, change: Any) -> Path:
    data = json.loads(packaged_store_path().read_text("utf-8"))
    change(data)
    path = tmp_path / "store.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_escape_sequences_in_the_store_are_shown_not_obeyed(tmp_path: Path) -> None:
    def poison(data: dict[str, Any]) -> None:
        data["people"][0]["name"]["en"] = "Kim\x1b]0;pwned\x07\tIl\nSung"
        data["events"][0]["title"]["en"] = "\x1b[2J\x1b[31mred alert"

    path = _store(tmp_path, poison)
    for fmt in ("table", "plain", "csv", "markdown"):
        result = run("timeline", "--data", str(path), "-f", fmt)
        assert result.returncode == 0
        assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
        assert b"\\x1b" in result.stdout
    plain = run("timeline", "--data", str(path), "-f", "plain").stdout.decode()
    first = plain.splitlines()[0]
    assert first.count("\t") == 6


def test_validate_lists_every_problem_up_to_a_limit(tmp_path: Path) -> None:
    def break_many(data: dict[str, Any]) -> None:
        for event in data["events"][:60]:
            event["tone"] = "lukewarm"

    path = _store(tmp_path, break_many)
    result = run("validate", str(path))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.count("field tone") == 50
    assert "... and 10 more" in err and "invalid: 60 problems" in err
    listed = run("validate", str(path), "--json")
    problems = json.loads(listed.stdout)
    assert len(problems) == 60 and all("event " in p["problem"] for p in problems)


def test_a_newline_in_a_path_cannot_forge_a_line(tmp_path: Path) -> None:
    line = one_error_line(run("timeline", "--data", "nope\nError: forged"))
    assert "\\n" in line


def test_a_store_reaching_back_to_year_1_is_quick(tmp_path: Path) -> None:
    def ancient(data: dict[str, Any]) -> None:
        event = copy.deepcopy(data["events"][0])
        event.update(id="0001-ancient-times", start="0001", end=None, aliases=[], claims=[])
        data["events"].insert(0, event)

    path = _store(tmp_path, ancient)
    started = time.monotonic()
    result = run("trend", "--by", "year", "--data", str(path), "--json", timeout=10)
    assert result.returncode == 0 and time.monotonic() - started < 5
    assert json.loads(result.stdout)[0]["period"] == "1"


@pytest.mark.parametrize("kind", ["fifo", "symlink", "directory"])
def test_a_hostile_cache_file_is_replaced_not_followed(tmp_path: Path, kind: str) -> None:
    from nkru.index import _index_path

    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    store = tmp_path / "store.json"
    store.write_bytes(packaged_store_path().read_bytes())
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        index = _index_path(store.absolute())
    finally:
        if old is not None:
            os.environ["XDG_CACHE_HOME"] = old
    index.parent.mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    if kind == "fifo":
        os.mkfifo(index)
    elif kind == "symlink":
        index.symlink_to(victim)
    else:
        index.mkdir()
    result = run("search", "putin", "--data", str(store), "--json", env=env, timeout=10)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "untouched"


def test_a_hostile_store_never_crashes_the_commands(tmp_path: Path) -> None:
    path = tmp_path / "garbage.json"
    for content in (b"\x00" * 100, b"{" * 5000, b'{"events": ' + b"[" * 3000, b"\xff\xfe\x00"):
        path.write_bytes(content)
        for args in (["validate", str(path)], ["timeline", "--data", str(path)]):
            result = run(*args, timeout=10)
            assert result.returncode == 2 and b"Traceback" not in result.stderr


# --- properties: random bytes, random JSON, random mutations of the real store -------------

COMMANDS = [["validate"], ["timeline"], ["search", "putin"], ["decade", "1990s"]]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
FIXTURE = HealthCheck.function_scoped_fixture
REAL = json.loads(packaged_store_path().read_text("utf-8"))


def _answer_is_sane(path: Path) -> None:
    for command in COMMANDS:
        args = [*command, str(path)] if command == ["validate"] else [*command, "--data", str(path)]
        started = time.monotonic()
        result = Run(args)
        assert time.monotonic() - started < 5
        assert result.code in (0, 1, 2), (args, result.err)
        assert "Traceback" not in result.err + result.out


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "random.json"
    path.write_bytes(content)
    _answer_is_sane(path)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(JSON)
def test_random_json(tmp_path: Path, value: Any) -> None:
    path = tmp_path / "random.json"
    path.write_text(json.dumps(value), "utf-8")
    _answer_is_sane(path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(["events", "people", "sources", "references", "coverage"]),
    st.integers(0, 200),
    st.sampled_from(["id", "start", "end", "title", "people", "sources", "tone", "claims", "name"]),
    JSON,
)
def test_random_mutations_of_the_real_store(
    tmp_path: Path, part: str, index: int, key: str, value: Any
) -> None:
    data = copy.deepcopy(REAL)
    target = data[part]
    if isinstance(target, list) and target:
        target[index % len(target)][key] = value
    elif isinstance(target, dict):
        target[key] = value
    path = tmp_path / "mutated.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    _answer_is_sane(path)


def test_python_can_run_the_module() -> None:
    result = subprocess.run([sys.executable, "-m", "nkru", "decade", "199x"], capture_output=True)
    one_error_line(result)
