"""No store, index, setting or stream can crash nkru: each case a user or a fuzzer found,
run through the installed console script in a subprocess, as a user runs it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkru.store import packaged_store_path

from .conftest import console_script

REAL = json.loads(packaged_store_path().read_text("utf-8"))


def run(
    *args: str, env: dict[str, str] | None = None, shell: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """The installed ``nkru`` with ``args``, or a shell line where ``nkru`` is that script."""
    script = console_script()
    assert script is not None
    environment = {**os.environ, **(env or {})}
    if shell is not None:
        environment["NKRU"] = script
        return subprocess.run(
            ["sh", "-c", shell], env=environment, capture_output=True, timeout=timeout
        )
    return subprocess.run([script, *args], env=environment, capture_output=True, timeout=timeout)


def one_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """The single ``Error:`` line of a failed run; no traceback."""
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, err
    return lines[0]


def write_store(tmp_path: Path, change: Any = None, name: str = "store.json") -> Path:
    data = json.loads(json.dumps(REAL))
    if change is not None:
        change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def cache_of(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


def index_file(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "cache" / "nkru").glob("index-*.sqlite")
    return found


# --- 1. a corrupt index is rebuilt, never trusted -----------------------------------------


ANSWERS = [
    ["timeline", "--json"],
    ["search", "putin", "--json"],
    ["sources", "--json"],
    ["show", "1961", "--json"],
]


def _answers(store: Path, env: dict[str, str]) -> list[bytes]:
    out = []
    for args in ANSWERS:
        result = run(*args, "--data", str(store), env=env)
        assert result.returncode == 0, result.stderr
        out.append(result.stdout)
    return out


@pytest.mark.parametrize(
    "damage", ["byte", "tail", "zero-page", "head-row", "header"], ids=lambda d: d
)
def test_a_damaged_index_is_rebuilt_and_the_answer_is_the_pristine_one(
    tmp_path: Path, damage: str
) -> None:
    store, env = write_store(tmp_path), cache_of(tmp_path)
    pristine = _answers(store, env)
    index = index_file(tmp_path)
    data = bytearray(index.read_bytes())
    if damage == "byte":
        for offset in range(4096 + 37, len(data), max(1, len(data) // 7)):
            data[offset] ^= 0x21
    elif damage == "tail":
        data = data[: len(data) - 3000]
    elif damage == "zero-page":
        data[8192:12288] = bytes(4096)
    elif damage == "header":
        data[18] ^= 0xFF
    if damage == "head-row":
        conn = sqlite3.connect(index)
        conn.execute("DELETE FROM meta WHERE key = 'head'")
        conn.commit()
        conn.close()
    else:
        index.write_bytes(bytes(data))
    assert _answers(store, env) == pristine
    assert _answers(store, env) == pristine  # and the rebuilt index is good for the next run


def test_a_remembered_check_does_not_outlive_a_change_to_the_index(tmp_path: Path) -> None:
    """A large index's passed check is remembered by its stat data; damage changes them."""
    store, env = write_store(tmp_path), cache_of(tmp_path)
    pristine = _answers(store, env)
    index = index_file(tmp_path)
    info = index.stat()
    marker = index.with_name(index.name + ".verified")
    marker.write_text(f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}")
    assert _answers(store, env) == pristine
    data = bytearray(index.read_bytes())
    data[len(data) // 2] ^= 0x55
    index.write_bytes(bytes(data))
    assert _answers(store, env) == pristine


def test_an_index_edited_to_look_fresh_is_checked_by_content(tmp_path: Path) -> None:
    """A store changed within the clock tick of the read that indexed it: stat data cannot
    tell the versions apart (simulated by giving the index the new file's signature)."""
    from nkru.index import _seal, _signature

    store, env = write_store(tmp_path), cache_of(tmp_path)
    before = run("timeline", "--tone", "cooling", "--json", "--data", str(store), env=env)
    text = store.read_text("utf-8")
    first = REAL["events"][0]
    assert first["tone"] == "warming"
    edited = text.replace('"tone": "warming"', '"tone": "cooling"', 1)
    assert len(edited) == len(text)
    store.write_text(edited, encoding="utf-8")
    index = index_file(tmp_path)
    conn = sqlite3.connect(index)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'signature'", (_signature(store.stat()),))
    conn.commit()
    conn.close()
    _seal(str(index))
    after = run("timeline", "--tone", "cooling", "--json", "--data", str(store), env=env)
    ids = [e["id"] for e in json.loads(after.stdout)]
    assert first["id"] in ids
    assert first["id"] not in [e["id"] for e in json.loads(before.stdout)]


def test_the_bytes_read_are_the_version_the_signature_describes(tmp_path: Path) -> None:
    """A store replaced between runs (a new inode) is never answered from the old index."""
    store, env = write_store(tmp_path), cache_of(tmp_path)
    run("timeline", "--json", "--data", str(store), env=env)
    replaced = write_store(tmp_path, lambda d: d["events"].pop(0), "new.json")
    os.replace(replaced, store)
    result = run("timeline", "--json", "--data", str(store), env=env)
    assert len(json.loads(result.stdout)) == len(REAL["events"]) - 1


def test_temporaries_of_an_interrupted_build_are_cleared(tmp_path: Path) -> None:
    store, env = write_store(tmp_path), cache_of(tmp_path)
    folder = tmp_path / "cache" / "nkru"
    folder.mkdir(parents=True)
    stale, fresh = folder / ".index-old.tmp", folder / ".index-new.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    run("timeline", "--json", "--data", str(store), env=env)
    assert not stale.exists() and fresh.exists()


def test_version_and_help_build_no_index(tmp_path: Path) -> None:
    env = cache_of(tmp_path)
    assert run("--version", env=env).returncode == 0
    assert run("--help", env=env).returncode == 0
    assert not list((tmp_path / "cache").glob("**/index-*.sqlite"))


# --- 3. duplicate ids, shared aliases, look-alike person ids -------------------------------


def _duplicate_event(data: dict[str, Any]) -> None:
    data["events"].insert(1, json.loads(json.dumps(data["events"][0])))


def _shared_alias(data: dict[str, Any]) -> None:
    data["events"][0]["aliases"] = ["1900-old-name"]
    data["events"][1]["aliases"] = ["1900-old-name"]


@pytest.mark.parametrize("change", [_duplicate_event, _shared_alias])
def test_a_duplicate_id_is_one_error_and_help_still_works(tmp_path: Path, change: Any) -> None:
    store = write_store(tmp_path, change)
    env = {**cache_of(tmp_path), "NKRU_DATA": str(store)}
    for args in (["timeline"], ["search", "putin"], ["show", "1961"]):
        result = run(*args, env=env)
        assert result.returncode == 2
        assert "already taken" in one_error(result) or "duplicate" in one_error(result)
    for args in (["--help"], ["--version"], ["timeline", "--help"]):
        assert run(*args, env=env).returncode == 0
    listed = json.loads(run("validate", "--json", env=env).stdout)
    assert listed and all(p["level"] == "error" for p in listed)


def test_person_ids_that_differ_by_hyphens_keep_their_own_events(tmp_path: Path) -> None:
    def twin(data: dict[str, Any]) -> None:
        person = json.loads(json.dumps(data["people"][0]))
        person["id"] = person["id"].replace("-", "", 1)
        person["name"] = {"en": "Twin Person", "vi": "Người Sinh Đôi"}
        person["aliases"] = []
        data["people"].append(person)

    store = write_store(tmp_path, twin)
    original = REAL["people"][0]["id"]
    env = cache_of(tmp_path)
    result = run("timeline", "--leader", "twin person", "--json", "--data", str(store), env=env)
    assert result.returncode == 1, result.stdout  # the twin acts in no event
    mine = run("timeline", "--leader", original, "--json", "--data", str(store), env=env)
    assert json.loads(mine.stdout)


# --- 4. validate lists every problem, worded for a person ----------------------------------


def test_validate_lists_every_planted_problem_in_one_pass(tmp_path: Path) -> None:
    def plant(data: dict[str, Any]) -> None:
        data["schema_version"] = 3
        data["events"][0]["start"] = "1991-13"
        data["events"][1]["tone"] = "hot"
        data["people"][0]["country"] = "Korea"
        data["references"][0]["issued"] = {"date-parts": [[2024, 13]]}
        data["events"][2]["people"] = ["ghost"]

    store = write_store(tmp_path, plant)
    result = run("validate", str(store), "--json")
    assert result.returncode == 2
    problems = json.loads(result.stdout)
    assert len(problems) == 6
    assert all({"event", "field", "problem"} <= set(p) for p in problems)
    start = next(p for p in problems if p["field"] == "start")
    assert start["event"] == REAL["events"][0]["id"]
    assert "'1991-13' is not a date: month 13" in start["problem"]
    assert any("month 13" in p["problem"] and "references" in p["path"] for p in problems)


def test_keys_written_twice_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    text = json.dumps(REAL, ensure_ascii=False)
    path.write_text(text[:-1] + ', "coverage": {"start": "1945", "end": "2026"}}', "utf-8")
    result = run("validate", str(path))
    assert result.returncode == 2
    assert "$.coverage: is written twice" in result.stderr.decode()


def test_a_reference_dated_month_13_is_invalid_not_a_crash(tmp_path: Path) -> None:
    store = write_store(
        tmp_path, lambda d: d["references"][0].update(issued={"date-parts": [[2024, 13]]})
    )
    assert run("validate", str(store)).returncode == 2
    result = run("sources", "--data", str(store), env=cache_of(tmp_path))
    assert result.returncode == 2 and "month 13" in one_error(result)


# --- 5. numbers and settings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "code"),
    [
        (["timeline", "--limit", "9223372036854775808", "--json"], {}, 0),
        (["search", "putin", "--limit", str(10**30), "--json"], {}, 0),
        (["timeline", "--limit", "0"], {}, 2),
        (["timeline", "-f", "table"], {"COLUMNS": "²"}, 0),
        (["timeline", "-f", "table"], {"COLUMNS": "-5"}, 0),
        (["timeline"], {"NKRU_MAX_STORE_BYTES": "²"}, 2),
        (["timeline"], {"NKRU_MAX_STORE_BYTES": "abc"}, 2),
        (["timeline"], {"NKRU_MAX_STORE_BYTES": "9" * 20}, 2),
    ],
)
def test_numbers_and_settings(args: list[str], env: dict[str, str], code: int) -> None:
    result = run(*args, env=env)
    assert result.returncode == code, result.stderr
    if code == 2:
        line = one_error(result)
        assert "NKRU_MAX_STORE_BYTES" in line or "--limit" in line or "0" in line


def test_a_huge_terminal_width_is_capped() -> None:
    started = time.monotonic()
    result = run("trend", "-f", "table", env={"COLUMNS": "100000000"})
    assert result.returncode == 0
    assert time.monotonic() - started < 10
    assert max(len(line) for line in result.stdout.decode().splitlines()) <= 1000


# --- 6. streams ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('"$NKRU" timeline --data - <&-', 2),
        ('"$NKRU" timeline >&-', 2),
        ('"$NKRU" timeline >/dev/full', 2),
        ('"$NKRU" >/dev/full', 2),
        ('"$NKRU" show nosuchid 2>/dev/full', 1),
        ('"$NKRU" timeline --data nosuchfile 2>/dev/full', 2),
        ('"$NKRU" timeline --data nosuchfile 2>&-', 2),
        ('"$NKRU" timeline | true', 0),
        ('"$NKRU" timeline --data - < /dev/zero', 2),
        ("\"$NKRU\" timeline --data ''", 2),
    ],
)
def test_streams(line: str, code: int) -> None:
    started = time.monotonic()
    result = run(shell=line, timeout=30)
    assert result.returncode == code, (line, result.stderr)
    assert b"Traceback" not in result.stderr
    assert time.monotonic() - started < 20


# --- 7. text from a store is data ----------------------------------------------------------


def test_a_hint_never_prints_a_control_sequence(tmp_path: Path) -> None:
    def hostile(data: dict[str, Any]) -> None:
        data["people"][0]["name"]["en"] = "Evil\x1b]0;pwned\x07\x1b[2J Person"

    store = write_store(tmp_path, hostile)
    result = run("search", "evil", "person", "zzqx", "--data", str(store), env=cache_of(tmp_path))
    assert b"\x1b" not in result.stdout + result.stderr


def test_c1_controls_del_and_bidi_are_escaped_in_every_output(tmp_path: Path) -> None:
    def hostile(data: dict[str, Any]) -> None:
        data["events"][0]["title"]["en"] = "A\x85B\x7fC\u202eD\u2066E\x9bF"

    store = write_store(tmp_path, hostile)
    env = cache_of(tmp_path)
    for args in (["--json"], ["-f", "jsonl"], ["-f", "table"], ["-f", "plain"]):
        result = run("timeline", "--data", str(store), *args, env=env)
        text = result.stdout.decode("utf-8")
        assert not any(ch in text for ch in "\x85\x7f\u202e\u2066\x9b"), args
    parsed = json.loads(run("timeline", "--data", str(store), "--json", env=env).stdout)
    assert parsed[0]["title"]["en"] == "A\x85B\x7fC\u202eD\u2066E\x9bF"


@pytest.mark.parametrize("ident", ["\udcff", "a" * 50_000, "\x00x", "1961\n2024"])
def test_any_event_id_is_a_clear_answer(ident: str) -> None:
    script = console_script()
    assert script is not None
    arg = os.fsencode(ident) if "\udcff" in ident else ident.replace("\x00", "")
    result = subprocess.run([script, "show", arg], capture_output=True, timeout=30)  # type: ignore[list-item]
    assert result.returncode in (1, 2)
    assert len(one_error(result)) < 300


def test_a_huge_title_is_shown_in_bounded_time(tmp_path: Path) -> None:
    store = write_store(tmp_path, lambda d: d["events"][0]["title"].update(en="word " * 800_000))
    started = time.monotonic()
    result = run("timeline", "-f", "table", "--data", str(store), env=cache_of(tmp_path))
    assert result.returncode == 0
    assert time.monotonic() - started < 20


# --- properties ----------------------------------------------------------------------------

ENV_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
SETTINGS = st.fixed_dictionaries(
    {},
    optional={
        "COLUMNS": st.text(ENV_TEXT, max_size=25),
        "NKRU_MAX_STORE_BYTES": st.text(ENV_TEXT, max_size=25),
        "NKRU_LANG": st.text(ENV_TEXT, max_size=6),
        "NKRU_PAGER": st.text(ENV_TEXT, max_size=12),
    },
)
ARGUMENT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    command=st.sampled_from(["timeline", "search", "decade", "show", "leaders", "trend"]),
    words=st.lists(ARGUMENT, max_size=3),
    options=st.lists(
        st.sampled_from(["--limit", "--from", "--to", "--leader", "--topic", "-f", "--lang"]),
        max_size=2,
    ),
    values=st.lists(ARGUMENT, min_size=2, max_size=2),
    env=SETTINGS,
)
def test_any_option_and_setting_ends_in_a_documented_exit_code(
    command: str, words: list[str], options: list[str], values: list[str], env: dict[str, str]
) -> None:
    args = [command, *words]
    for option, value in zip(options, values, strict=False):
        args += [option, value]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "nkru", *args],
        env={**os.environ, **env},
        capture_output=True,
        timeout=60,
    )
    assert result.returncode in (0, 1, 2), (args, env, result.stderr[-500:])
    assert b"Traceback" not in result.stderr, (args, env)
    assert time.monotonic() - started < 30


def test_a_store_checked_by_content_is_trusted_by_its_stat_data_afterwards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store indexed right after it was written is read whole on the next run (racy); once
    it matched, and safely after its last change, later runs go back to the stat data."""
    import nkru.index as index_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = write_store(tmp_path)
    first = index_module.open_catalog(store)
    assert isinstance(first._source, index_module._MemorySource)  # built now
    second = index_module.open_catalog(store)
    assert isinstance(second._source, index_module._MemorySource)  # racy: read by content
    monkeypatch.setattr(index_module, "RACY_SLACK_NS", 0)
    time.sleep(0.01)
    index_module.open_catalog(store)  # matches by content, and remembers it
    third = index_module.open_catalog(store)
    assert isinstance(third._source, index_module._FileSource)
    assert sorted(e.id for e in third.events()) == sorted(e["id"] for e in REAL["events"])


def test_ctrl_c_ends_the_run_quietly(tmp_path: Path) -> None:
    """Interrupted while it waits for a store on standard input: exit 130, no traceback."""
    import signal

    script = console_script()
    assert script is not None
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [script, "timeline", "--data", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None
    process.stdin.write(b"{")
    process.stdin.flush()
    time.sleep(1.5)  # well past start-up: it is waiting for the rest of the store
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert b"Traceback" not in err
    assert process.returncode == 130
