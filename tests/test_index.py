"""The derived index: rebuilt whenever its store changes, never trusted when it is not ours."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nkru.errors import StoreError
from nkru.index import _index_path, cache_dir, open_catalog
from nkru.search import search
from nkru.store import packaged_store_path


@pytest.fixture
def own_store(tmp_path: Path) -> Path:
    path = tmp_path / "events.json"
    path.write_bytes(packaged_store_path().read_bytes())
    return path


def _first_title(path: Path) -> str:
    return next(open_catalog(path).events()).title.en


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(own_store: Path) -> None:
    before = _first_title(own_store)
    info = own_store.stat()
    raw = own_store.read_bytes()
    changed = raw.replace(before.encode(), before.upper().encode(), 1)
    assert len(changed) == len(raw)
    own_store.write_bytes(changed)
    os.utime(own_store, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert own_store.stat().st_size == info.st_size
    assert _first_title(own_store) == before.upper()


def test_the_index_is_private_and_reused(own_store: Path) -> None:
    open_catalog(own_store)
    path = _index_path(own_store.absolute())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700
    mtime = path.stat().st_mtime_ns
    open_catalog(own_store)
    assert path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_corrupt_index_is_rebuilt(own_store: Path, damage: str) -> None:
    open_catalog(own_store)
    path = _index_path(own_store.absolute())
    raw = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 3])
    elif damage == "garbage":
        path.write_bytes(b"not a database" * 100)
    else:
        path.write_bytes(b"")
    assert _first_title(own_store)


def test_a_symlinked_index_is_not_followed(own_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    path = _index_path(own_store.absolute())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    assert _first_title(own_store)
    assert target.read_text() == "keep me"


def test_an_unwritable_cache_falls_back_to_memory(
    own_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _first_title(own_store)


def test_two_processes_building_at_once_both_answer(own_store: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from nkru.index import open_catalog; "
        "print(sum(1 for _ in open_catalog(sys.argv[1]).events()))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "race")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(own_store)], env=env, stdout=subprocess.PIPE
        )
        for _ in range(4)
    ]
    counts = {int(run.communicate(timeout=60)[0]) for run in runs}
    expected = len(json.loads(own_store.read_text("utf-8"))["events"])
    assert counts == {expected}


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="FIFO"):
        open_catalog(fifo)


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="device"):
        open_catalog("/dev/zero")


def test_an_oversized_store_is_refused_naming_the_setting(
    own_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKRU_MAX_STORE_BYTES", "1000")
    with pytest.raises(StoreError, match="NKRU_MAX_STORE_BYTES"):
        open_catalog(own_store)


def test_the_read_api_is_public() -> None:
    import nkru

    catalog: Any = nkru.open_catalog()
    assert next(catalog.events()).id
    assert search(catalog, ["putin"]).hits


def test_the_start_of_a_former_id_finds_the_renamed_event() -> None:
    from nkru.index import open_catalog as opened

    event, renamed = opened().event("2022-04")
    assert event.start == "2022-05-26"
    assert renamed == "2022-04-russia-china-veto-us-sanctions-draft"  # the whole former id


def test_the_index_keeps_each_events_folded_words_and_an_edit_refolds_them(
    own_store: Path,
) -> None:
    """The ranking reads each candidate's folded words from the index; they must be the
    event's own, also after the store changes: a word added to a summary is found, and
    ranks the event first, from the next run on."""
    from nkru.fulltext import folded_columns, person_text
    from nkru.text import words

    catalog = open_catalog(own_store)
    names = {p.id: person_text(p) for p in catalog.people.values()}
    name_words = {p: words(t) for p, t in names.items()}
    rowids = list(range(1, catalog.size() + 1))
    kept = catalog.folded_columns(rowids)
    events = catalog.by_rowids(rowids)
    assert kept == {r: folded_columns(events[r], names, name_words) for r in rowids}

    data = json.loads(own_store.read_text(encoding="utf-8"))
    data["events"][5]["summary"]["en"] += " Zyxwvutsrq appears here."
    own_store.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    found = search(open_catalog(own_store), ["zyxwvutsrq"]).hits
    assert [h.event.id for h in found] == [data["events"][5]["id"]]
    refolded = open_catalog(own_store)
    row = next(r for r, e in refolded.by_rowids(rowids).items() if e.id == data["events"][5]["id"])
    assert "zyxwvutsrq" in refolded.folded_columns([row])[row][3]


def test_a_store_too_large_to_fold_at_build_ranks_the_same(
    own_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``FOLDED_AT_BUILD`` events the index keeps no folded words and a search folds its
    candidates itself: the answers are the same either way."""
    import nkru.index

    queries = ["putin", "when did kim jong un visit russia", "Bình Nhưỡng", "treaty 1961"]
    kept = open_catalog(own_store)
    assert kept.folded_columns([1])
    expected = {q: [(h.event.id, h.score) for h in search(kept, [q]).hits] for q in queries}
    other = tmp_path / "big" / "events.json"
    other.parent.mkdir()
    other.write_bytes(own_store.read_bytes())
    monkeypatch.setattr(nkru.index, "FOLDED_AT_BUILD", 0)
    folded_here = open_catalog(other)
    assert folded_here.folded_columns([1]) == {}
    for query in queries:
        assert [(h.event.id, h.score) for h in search(folded_here, [query]).hits] == expected[query]
