"""An on-disk cache of the search index, for stores large enough to be worth it.

The cache file is named by a digest of the store's content, so a changed, replaced or
truncated store never meets a stale index. A cache that cannot be read, decoded or written is
ignored: the index is rebuilt, and the search answers all the same.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import msgspec

from nkru import __version__
from nkru.search import SearchIndex, build_index
from nkru.store import Catalog

#: Bump when the index's shape or folding changes; the version of nkru is part of the key too.
INDEX_FORMAT = 1
#: Cache files kept; older ones are removed when a new one is written.
KEEP = 4


class _CacheFile(msgspec.Struct):
    format: int
    version: str
    digest: str
    events: int
    index: SearchIndex


def cache_dir() -> Path:
    """The user's cache directory for nkru (``$XDG_CACHE_HOME/nkru`` on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("nkru", appauthor=False))


def _path_for(digest: str) -> Path:
    return cache_dir() / f"index-{INDEX_FORMAT}-{__version__}-{digest}.msgpack"


def index_for(catalog: Catalog) -> SearchIndex:
    """The catalog's search index: from the cache when there is a good one, else built."""
    if catalog.digest is None:
        return build_index(catalog)
    path = _path_for(catalog.digest)
    cached = _read(path, catalog)
    if cached is not None:
        return cached
    index = build_index(catalog)
    _write(path, _CacheFile(INDEX_FORMAT, __version__, catalog.digest, len(catalog.events), index))
    return index


def _read(path: Path, catalog: Catalog) -> SearchIndex | None:
    try:
        raw = path.read_bytes()
        entry = msgspec.msgpack.decode(raw, type=_CacheFile)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    index = entry.index
    if (
        entry.format != INDEX_FORMAT
        or entry.digest != catalog.digest
        or entry.events != len(catalog.events)
        or len(index.starts) != len(catalog.events)
    ):
        return None
    return index


def _write(path: Path, entry: _CacheFile) -> None:
    """Write atomically (a temporary file renamed into place); give up quietly on any error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(msgspec.msgpack.encode(entry))
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return
        _prune(path.parent, keep=path)


def _prune(folder: Path, keep: Path) -> None:
    files = sorted(folder.glob("index-*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        if old != keep:
            with contextlib.suppress(OSError):
                old.unlink()
