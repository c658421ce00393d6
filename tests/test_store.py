"""Loading and checking stores: the good one, and every way a store file can be broken."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nkru.errors import StoreError
from nkru.store import ENV_DATA, packaged_store_path, resolve_store_path
from nkru.validate import load_store

load = load_store

Mutation = Callable[[dict[str, Any]], None]


def _set(path: list[Any], value: Any) -> Mutation:
    def mutate(store: dict[str, Any]) -> None:
        target: Any = store
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Mutation:
    def mutate(store: dict[str, Any]) -> None:
        target: Any = store
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _duplicate_first_event(store: dict[str, Any]) -> None:
    store["events"].append(copy.deepcopy(store["events"][0]))


# (name, mutation of the real store, words the one-line error must contain)
BROKEN: list[tuple[str, Mutation, list[str]]] = [
    ("wrong type", _set(["events", 0, "start"], 1991), ["$.events[0].start", "str"]),
    ("bad date form", _set(["events", 0, "start"], "1991/12"), ["$.events[0].start"]),
    ("month 13", _set(["events", 0, "start"], "1991-13"), ["$.events[0].start"]),
    ("not a real day", _set(["events", 0, "end"], "1991-02-30"), ["events[0].end", "calendar"]),
    ("missing title", _delete(["events", 0, "title"]), ["title", "$.events[0]"]),
    ("empty sources", _set(["events", 0, "sources"], []), ["$.events[0].sources"]),
    ("unknown tone", _set(["events", 0, "tone"], "hot"), ["$.events[0].tone"]),
    ("unknown topic", _set(["events", 0, "topics"], ["gossip"]), ["$.events[0].topics[0]"]),
    ("unknown field", _set(["events", 0, "colour"], "red"), ["colour"]),
    ("missing vi", _delete(["events", 0, "summary", "vi"]), ["vi", "$.events[0].summary"]),
    ("bad id", _set(["events", 0, "id"], "Soviet Collapse!"), ["$.events[0].id"]),
    ("schema version", _set(["schema_version"], 99), ["$.schema_version"]),
    ("unknown person", _set(["events", 0, "people"], ["nobody-at-all"]), ["nobody-at-all"]),
    ("unknown source", _set(["events", 0, "sources", 0, "source"], "blog"), ["'blog'"]),
    ("id off its date", _set(["events", 0, "id"], "1999-wrong-year"), ["begin with its date"]),
    ("id too long", _set(["events", 0, "id"], "1945-" + "x" * 60), ["$.events[0].id"]),
    (
        "unknown claim reference",
        _set(
            ["events", 0, "claims"],
            [
                {
                    "source": "thang-tram-2023",
                    "where": "x",
                    "says": {"en": "a", "vi": "a"},
                    "record": {"en": "b", "vi": "b"},
                    "verdict": "wrong-date",
                    "references": ["no-such-reference"],
                }
            ],
        ),
        ["no-such-reference"],
    ),
    ("bad verdict", _set(["events", 0, "claims"], [{"verdict": "fake"}]), ["$.events[0].claims"]),
    ("missing coverage", _delete(["coverage"]), ["coverage"]),
    ("duplicate id", _duplicate_first_event, ["duplicate id"]),
    ("end before start", _set(["events", 0, "end"], "1900"), ["before start"]),
    ("events not a list", _set(["events"], {}), ["$.events", "array"]),
]


def _write(tmp_path: Path, store: dict[str, Any]) -> Path:
    path = tmp_path / "store.json"
    path.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")
    return path


def test_packaged_store_loads(store: Any) -> None:
    assert store.events


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + packaged_store_path().read_bytes())
    assert load(path).events


@pytest.mark.parametrize(("name", "mutate", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_store_is_reported_with_its_path(
    tmp_path: Path, store_json: dict[str, Any], name: str, mutate: Mutation, expected: list[str]
) -> None:
    store = copy.deepcopy(store_json)
    mutate(store)
    path = _write(tmp_path, store)
    with pytest.raises(StoreError) as caught:
        load(path)
    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message
    # A problem in an event names it: "event ID ($.events[0]) field start".
    plain = re.sub(r"event .+? \((\$\.events\[\d+\])\) field ", r"\1.", message)
    if "$.events[0]" in message and "field" in message:
        assert f"event {store['events'][0]['id']} ($.events[0])" in message, message
    for word in expected:
        assert word in plain, f"{name}: {word!r} not in {message!r}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"not json", "not valid JSON"),
        (b'{"schema_version": 2, "events": [', "truncated"),
        (b"[]", "Expected object"),
        (b'{"schema_version": 2, \xff}', "not valid UTF-8: the byte at offset 22"),
    ],
)
def test_unreadable_content(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=expected):
        load(path)


def test_truncated_real_store(tmp_path: Path) -> None:
    raw = packaged_store_path().read_bytes()
    path = tmp_path / "store.json"
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(StoreError, match="truncated"):
        load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such file"):
        load(tmp_path / "nope.json")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        load(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(packaged_store_path().read_bytes())
    path.chmod(0)
    with pytest.raises(StoreError, match="permission denied"):
        load(path)


def test_all_cross_record_problems_are_collected(
    tmp_path: Path, store_json: dict[str, Any]
) -> None:
    store = copy.deepcopy(store_json)
    store["events"][0]["people"] = ["ghost-one"]
    store["events"][1]["people"] = ["ghost-two"]
    with pytest.raises(StoreError) as caught:
        load(_write(tmp_path, store))
    assert len(caught.value.problems) == 2
    assert "1 more" in str(caught.value)


def test_where_the_store_comes_from(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_DATA)
    assert resolve_store_path() == packaged_store_path()
    monkeypatch.setenv(ENV_DATA, str(tmp_path / "env.json"))
    assert resolve_store_path() == tmp_path / "env.json"
    assert resolve_store_path(tmp_path / "flag.json") == tmp_path / "flag.json"


def test_events_are_listed_in_date_order(catalog: Any) -> None:
    keys = [(e.start, e.last) for e in catalog.events()]
    assert keys == sorted(keys)
