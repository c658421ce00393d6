"""The on-disk search index cache: used when good, never stale, never an error."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest

from nkru.search import build_index, search
from nkru.searchcache import cache_dir, index_for
from nkru.store import CACHE_MIN_BYTES, load

REPO = Path(__file__).resolve().parent.parent


def _make_store_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_store", REPO / "benchmarks" / "make_store.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_store_json() -> dict[str, Any]:
    store: dict[str, Any] = _make_store_module().make_store(1500)
    return store


@pytest.fixture
def big_store(tmp_path: Path, big_store_json: dict[str, Any]) -> Path:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big_store_json, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size >= CACHE_MIN_BYTES, "large enough to be cached"
    return path


def _ids(path: Path, *query: str) -> list[str]:
    catalog = load(path)
    return [hit.event.id for hit in search(catalog, query, index_for(catalog))]


def _cache_files() -> list[Path]:
    return sorted(cache_dir().glob("index-*.msgpack"))


def test_first_search_writes_the_cache_and_the_second_reads_it(big_store: Path) -> None:
    first = _ids(big_store, "putin")
    assert first
    files = _cache_files()
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    assert _ids(big_store, "putin") == first
    assert _cache_files()[0].stat().st_mtime_ns == written, "read, not rewritten"


def test_cached_index_equals_a_fresh_one(big_store: Path) -> None:
    catalog = load(big_store)
    index_for(catalog)
    assert index_for(catalog) == build_index(catalog)


def test_a_changed_store_is_never_answered_from_the_cache(
    big_store: Path, big_store_json: dict[str, Any]
) -> None:
    assert "zzzqqq" not in big_store.read_text(encoding="utf-8")
    assert _ids(big_store, "zzzqqq") == []
    changed = json.loads(json.dumps(big_store_json))
    title = changed["events"][7]["title"]["en"]
    # Same length, so the file's size does not change either.
    changed["events"][7]["title"]["en"] = "zzzqqq" + title[6:]
    big_store.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    os.utime(big_store, ns=(0, 0))  # even with an old modification time
    assert _ids(big_store, "zzzqqq") == [changed["events"][7]["id"]]


def test_a_corrupt_cache_is_ignored_and_replaced(big_store: Path) -> None:
    expected = _ids(big_store, "vladivostok")
    for path in _cache_files():
        path.write_bytes(b"\x00garbage" * 100)
    assert _ids(big_store, "vladivostok") == expected
    for path in _cache_files():
        path.write_bytes(path.read_bytes()[:100])  # truncated
    assert _ids(big_store, "vladivostok") == expected


def test_an_unwritable_cache_directory_is_no_error(
    big_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _ids(big_store, "putin")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_directory_is_no_error(
    big_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "ro"
    (home / "nkru").mkdir(parents=True)
    (home / "nkru").chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    assert _ids(big_store, "putin")


def test_small_stores_are_not_cached(catalog: Any) -> None:
    assert catalog.digest is None
    index_for(catalog)
    assert _cache_files() == []
