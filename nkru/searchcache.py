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


class _Header(msgspec.Struct):
    """What the cache file says about itself, ahead of the index text."""

    format: int
    version: str
    digest: str
    events: int
    #: Length of the text that follows: a truncated file is caught here.
    length: int
    starts: list[int]
    vocabulary: list[str]


#: A cache file is: the header's length (8 bytes, big-endian), the header (msgpack), then the
#: index text in UTF-8. Writing the text in slices, not as one encoded copy, keeps the first
#: search of a large store from holding the index twice in memory.
_LENGTH = 8
_SLICE = 1 << 22


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
    header = _Header(
        INDEX_FORMAT,
        __version__,
        catalog.digest,
        len(catalog.events),
        len(index.text),
        index.starts,
        index.vocabulary,
    )
    _write(path, header, index.text)
    return index


def _read(path: Path, catalog: Catalog) -> SearchIndex | None:
    try:
        raw = path.read_bytes()
        size = int.from_bytes(raw[:_LENGTH], "big")
        header = msgspec.msgpack.decode(raw[_LENGTH : _LENGTH + size], type=_Header)
        text = str(memoryview(raw)[_LENGTH + size :], "utf-8")
    except (OSError, ValueError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    if (
        header.format != INDEX_FORMAT
        or header.digest != catalog.digest
        or header.events != len(catalog.events)
        or len(header.starts) != len(catalog.events)
        or len(text) != header.length
    ):
        return None
    return SearchIndex(text=text, starts=header.starts, vocabulary=header.vocabulary)


def _write(path: Path, header: _Header, text: str) -> None:
    """Write atomically (a temporary file renamed into place); give up quietly on any error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                encoded = msgspec.msgpack.encode(header)
                out.write(len(encoded).to_bytes(_LENGTH, "big"))
                out.write(encoded)
                for first in range(0, len(text), _SLICE):
                    out.write(text[first : first + _SLICE].encode("utf-8"))
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
