"""The derived index: one SQLite file per store in the user's cache directory.

The JSON store is the source of truth. The index holds where each event's JSON lies in the
store file (so a listing reads and decodes only the events it shows), the columns the filters
need, and an FTS5 full-text table for search, people and topics. Every command reads through
it: ``open_catalog`` returns a ``Catalog`` whose methods are the read API.

An index is used only when it belongs to this store and this version of nkru, and is
intact: its ``meta`` table records the store's stat data (device, inode, size, and
modification and change times in nanoseconds, as git judges its own index), the index format
and nkru's version, and the file carries a CRC-32 of its own bytes in the SQLite header's
``user_version`` field, checked on every open. Any doubt (changed, truncated, corrupt,
foreign, a link or not a regular file, an SQLite or decode error) means the index is rebuilt
from the store, never that an answer comes from it: written to a temporary file beside it and
renamed into place, so two processes building at once both answer correctly. When the cache
directory cannot be written, the same code runs on an index in memory.

Stat data can lie for an edit made within the clock tick of the read that built the index
(coarse timestamps on NFS, FAT, older ext4): git's "racy clean" entries. As git does, a store
whose modification or change time is not safely older than that read is checked by content
(a CRC-32 of its bytes, recorded at build) before its index is trusted. The stat data and the
bytes come from one open descriptor, so a store replaced meanwhile never gives a mixed answer.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
import zlib
from pathlib import Path
from typing import Any

import msgspec

from nkru import __version__
from nkru.catalog import Catalog, _DamagedIndex, _FileSource, _MemorySource
from nkru.dates import day_range
from nkru.errors import StoreError
from nkru.fulltext import (
    COLUMNS,
    TOKENIZE,
    event_columns,
    folded_columns,
    person_text,
    person_token,
)
from nkru.models import EventSketch, RawEvents, Store, StoreHead
from nkru.store import StoreFile, decode, named, read_store_file

__all__ = ["Catalog", "cache_dir", "cached_indexes", "clear_cache", "open_catalog"]


#: Bump when the tables or the text put into them change.
INDEX_FORMAT = 13
#: How much older than the read that built an index a store must be for its stat data to be
#: trusted alone: FAT keeps modification times to 2 seconds, NFS and ext4 to a clock tick.
RACY_SLACK_NS = 3_000_000_000
#: Where the index's checksum of itself lies: the SQLite header's ``user_version`` (bytes
#: 60–63), which SQLite never writes on its own.
_CHECKSUM_AT = 60
#: Temporaries of an interrupted build older than this are removed by the next build.
_STALE_TEMPORARY_S = 600

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
CREATE TABLE events (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, lo TEXT NOT NULL, hi TEXT NOT NULL,
    tone TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL, crc INTEGER NOT NULL);
CREATE TABLE words (rowid INTEGER PRIMARY KEY, words BLOB NOT NULL, sketch BLOB NOT NULL);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, content='', columnsize=0,
    tokenize='{TOKENIZE}');
CREATE VIRTUAL TABLE people_fts USING fts5(person UNINDEXED, names, tokenize='{TOKENIZE}');
"""
_AFTER = """
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE people_terms USING fts5vocab(people_fts, 'row');
"""


def cache_dir() -> Path:
    """The user's cache directory for nkru (``$XDG_CACHE_HOME/nkru`` on Linux).

    On Linux the XDG rule is applied here (it is two lines, and importing platformdirs would
    cost every start a millisecond or two); elsewhere platformdirs knows the convention.
    """
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "")
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
        return root / "nkru"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("nkru", appauthor=False))


#: The most events whose folded words and sketches the index keeps (about 0.3 s of a first
#: run).
FOLDED_AT_BUILD = 5000
#: Events handed to the writer at a time while building.
_CHUNK = 5000


class _Writer:
    """Runs the inserts on its own thread while the caller prepares the next rows.

    SQLite releases the interpreter lock while it works, so tokenizing text into the
    full-text index (most of a build) overlaps with decoding rows and checking the store.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        import queue
        import threading

        self.conn = conn
        self.jobs: queue.Queue[tuple[str, list[tuple[object, ...]]] | None] = queue.Queue(8)
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="nkru-index", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.failure is None:
                try:
                    self.conn.executemany(*job)
                except BaseException as exc:  # reported by finish()
                    self.failure = exc

    def add(self, table: str, columns: int, rows: list[Any]) -> None:
        """Insert ``rows`` into ``table`` (a name, with its column list if need be)."""
        if rows:
            marks = ", ".join("?" * columns)
            self.jobs.put((f"INSERT INTO {table} VALUES ({marks})", rows))

    def finish(self) -> None:
        self.jobs.put(None)
        self.thread.join()
        if self.failure is not None:
            raise self.failure


def _spans(raw: bytes, skip: int) -> list[tuple[int, int, int]]:
    """Where each event's JSON lies in the store file: offset, length and the CRC-32 of its
    bytes (checked when it is read back), in file order."""
    spans = []
    position = 0
    for event in msgspec.json.decode(raw, type=RawEvents).events:
        text = bytes(event)
        position = raw.index(text, position)
        spans.append((position + skip, len(text), zlib.crc32(text)))
        position += len(text)
    return spans


def _write_index(conn: sqlite3.Connection, store: Store, store_file: StoreFile) -> None:
    """Fill an empty database with the index of ``store``; the store's cross-record checks
    run while the writer works, and a problem stops the build: reported as what it is (two
    events with one id), even when the database met it first, as a constraint."""
    # The store's checks are needed only to build; a run answered from the index skips the
    # module (and the json module it needs: about 4 ms a start).
    from nkru.validate import cross_check

    spans = _spans(store_file.raw, store_file.skip)
    keys = [(e.start, e.last, e.id) for e in store.events]
    order = list(range(len(keys)))
    if any(a > b for a, b in zip(keys, keys[1:], strict=False)):
        order.sort(key=keys.__getitem__)
    tokens = {p.id: person_token(p.id) for p in store.people}
    # Each event's folded words, as the ranking counts them, are kept with it in a store of
    # up to FOLDED_AT_BUILD events: a search then folds no text (half its work). Folding a
    # larger store whole would double its first run; its searches fold their candidates.
    from nkru.text import words as folded_words

    names = {p.id: person_text(p) for p in store.people}
    name_words = {person: folded_words(text) for person, text in names.items()}
    fold_now = len(store.events) <= FOLDED_AT_BUILD
    encode_words = msgspec.msgpack.Encoder().encode
    conn.execute("PRAGMA page_size = 65536")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(_SCHEMA)
    # A larger in-memory hash for FTS5 means fewer segments to merge while building.
    conn.execute("INSERT INTO fts (fts, rank) VALUES ('hashsize', ?)", (64 << 20,))
    writer = _Writer(conn)
    problems: list[str] = []
    try:
        for first in range(0, len(order), _CHUNK):
            rows: list[tuple[object, ...]] = []
            texts: list[tuple[object, ...]] = []
            aliases: list[tuple[str, str]] = []
            folded: list[tuple[int, bytes, bytes]] = []
            for rowid, position in enumerate(order[first : first + _CHUNK], start=first + 1):
                event = store.events[position]
                rows.append(
                    (
                        rowid,
                        event.id,
                        day_range(event.start)[0],
                        day_range(event.last)[1],
                        event.tone,
                        *spans[position],
                    )
                )
                if fold_now:
                    # A table of its own: the events table stays small for counts and filters.
                    # With the words, the sketch a search chooses its candidates by: reading it
                    # here saves a read of the store and a decode per candidate.
                    sketch = EventSketch(
                        event.start, event.end, event.people, event.held_in, event.countries
                    )
                    words = encode_words(folded_columns(event, names, name_words))
                    folded.append((rowid, words, encode_words(sketch)))
                aliases += [(a, event.id) for a in event.aliases]
                texts.append((rowid, *event_columns(event, tokens)))
            writer.add(f"fts (rowid, {', '.join(COLUMNS)})", len(COLUMNS) + 1, texts)
            writer.add("events", 8, rows)
            writer.add("words", 3, folded)
            writer.add("aliases", 2, aliases)
        writer.add("people_fts (person, names)", 2, list(names.items()))
        ids = [e.id for e in store.events]
        problems = [named(p, ids) for p in cross_check(store)]
    finally:
        try:
            writer.finish()
        except sqlite3.IntegrityError:
            if not problems:
                raise
    if problems:
        more = len(problems) - 1
        extra = f" (and {more} more)" if more else ""
        error = StoreError(store_file.name, problems[0] + extra, problems)
        raise error.with_hint("many") if more else error
    conn.executescript(_AFTER)
    head = StoreHead(
        schema_version=store.schema_version,
        coverage=store.coverage,
        sources=store.sources,
        people=store.people,
        references=store.references,
    )
    meta = {
        "format": str(INDEX_FORMAT),
        "version": __version__,
        "signature": store_file.signature,
        "head": msgspec.json.encode(head),
        "count": str(len(order)),
        "read_ns": str(store_file.read_ns),
        "store": store_file.name,
        "store_crc": str(zlib.crc32(store_file.raw)),
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    conn.commit()


def _signature(info: os.stat_result) -> str:
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def _index_path(store_path: Path) -> Path:
    """One index file per store path; what is in it is checked against the store anyway."""
    name = str(store_path).encode("utf-8", "surrogateescape")
    key = f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"
    return cache_dir() / f"index-{key}.sqlite"


def _checksum(data: bytes | Any) -> int:
    """CRC-32 of an index file's bytes, its own checksum field counted as zeros."""
    view = memoryview(data)
    try:
        crc = zlib.crc32(view[:_CHECKSUM_AT])
        crc = zlib.crc32(b"\0\0\0\0", crc)
        return zlib.crc32(view[_CHECKSUM_AT + 4 :], crc)
    finally:
        view.release()


def _seal(path: str) -> None:
    """Write the checksum of a finished index into its header."""
    import mmap

    with open(path, "r+b") as handle:
        size = os.fstat(handle.fileno()).st_size
        with mmap.mmap(handle.fileno(), size, access=mmap.ACCESS_READ) as data:
            crc = _checksum(data)
        handle.seek(_CHECKSUM_AT)
        handle.write(crc.to_bytes(4, "big"))


def _intact(path: Path) -> bool:
    """True when the index file's bytes match the checksum in its header.

    Reading a large index whole costs a start tens of milliseconds (73 MB at 100,000
    events), so a check that passed is remembered in a small file beside it, with the index's
    stat data, as git remembers what it verified: the next run trusts an index whose stat
    data are unchanged and were already old when it was checked. Any write to the index
    changes its change time, so a damaged index is checked again in full.
    """
    import time

    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            stamp = f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
            marker = path.with_name(path.name + ".verified")
            with contextlib.suppress(OSError):
                if marker.read_text(encoding="ascii") == stamp:
                    return True
            if info.st_size < 100:
                return False
            import mmap  # only when the index is checked whole

            with mmap.mmap(handle.fileno(), info.st_size, access=mmap.ACCESS_READ) as data:
                stored = int.from_bytes(data[_CHECKSUM_AT : _CHECKSUM_AT + 4], "big")
                if stored != _checksum(data):
                    return False
    except (OSError, ValueError):
        return False
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_SLACK_NS:
        _write_marker(marker, stamp)
    return True


def _write_marker(marker: Path, stamp: str) -> None:
    """Record a passed check, written whole or not at all."""
    temporary = marker.with_name(f".{marker.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(stamp, encoding="ascii")
        os.replace(temporary, marker)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class _Index(msgspec.Struct):
    """An index that passed every check, and what it recorded of the store it came from."""

    conn: sqlite3.Connection
    read_ns: int
    store_crc: int


def _usable(path: Path, signature: str) -> _Index | None:
    """The index at ``path`` opened read-only, if it is an intact regular file of ours for
    this store and this nkru."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or not _intact(path):
        return None
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        found = dict(conn.execute("SELECT key, value FROM meta WHERE key != 'head'"))
        if (
            found.get("format") == str(INDEX_FORMAT)
            and found.get("version") == __version__
            and found.get("signature") == signature
        ):
            return _Index(conn, int(found["read_ns"]), int(found["store_crc"]))
    except (sqlite3.Error, KeyError, ValueError, TypeError):
        pass
    if conn is not None:
        conn.close()
    return None


def _racy(store_file: StoreFile, read_ns: int) -> bool:
    """True when the store may have changed within the clock tick of the read that built its
    index, so that its stat data cannot tell the two versions apart."""
    return max(store_file.mtime_ns, store_file.ctime_ns) + RACY_SLACK_NS >= read_ns


def _checked_at(index_path: Path, signature: str) -> int:
    """When the store with ``signature`` was last found, by content, to be the one indexed;
    0 when never. (The index's own record of its read cannot move on without a rewrite.)"""
    try:
        text = index_path.with_name(index_path.name + ".store").read_text(encoding="ascii")
        recorded, _, when = text.rpartition(" ")
        return int(when) if recorded == signature else 0
    except (OSError, ValueError):
        return 0


def _remember_check(index_path: Path, store_file: StoreFile) -> None:
    """Record that the store matched its index by content, once that is safely after its last
    change, so later runs trust its stat data again instead of reading it whole (git
    refreshes its index the same way)."""
    import time

    now = time.time_ns()
    if now - max(store_file.mtime_ns, store_file.ctime_ns) > RACY_SLACK_NS:
        marker = index_path.with_name(index_path.name + ".store")
        _write_marker(marker, f"{store_file.signature} {now}")


def _private_dir(directory: Path) -> bool:
    """Create ``directory`` for this user alone; False if it is not safely ours."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(directory)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o022:
        with contextlib.suppress(OSError):
            os.chmod(directory, 0o700)
        return not os.lstat(directory).st_mode & 0o022
    return True


def _remove_stale_temporaries(directory: Path) -> None:
    """Temporaries left by builds that were interrupted (a kill, a full disk) long ago."""
    import time

    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if entry.name.startswith(".index-") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > _STALE_TEMPORARY_S:
                        os.unlink(entry.path)


def _build(store_file: StoreFile, target: Path | None) -> sqlite3.Connection:
    """Decode and check the store, then index it into ``target`` (or memory when ``None``)."""
    store = decode(store_file.raw, store_file.name)
    if target is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _write_index(conn, store, store_file)
        return conn
    import tempfile

    _remove_stale_temporaries(target.parent)
    handle, temporary = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(handle, 0o600)
        os.close(handle)
        conn = sqlite3.connect(temporary, check_same_thread=False)
        try:
            _write_index(conn, store, store_file)
        finally:
            conn.close()
        _seal(temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    opened = _usable(target, store_file.signature)
    if opened is None:  # pragma: no cover - replaced under us between rename and open
        raise StoreError(store_file.name, "the index could not be reopened after building")
    return opened.conn


def open_catalog(data: str | os.PathLike[str] | None = None) -> Catalog:
    """Open a store for reading: ``data``, else ``$NKRU_DATA``, else the bundled store; ``-``
    reads standard input. Builds its index when there is no good one."""
    store_file = read_store_file(data, need_bytes=False)
    target: Path | None = None
    if store_file.path is not None:
        path = _index_path(store_file.path)
        index = _usable(path, store_file.signature)
        if index is not None:
            try:
                checked = max(index.read_ns, _checked_at(path, store_file.signature))
                if not _racy(store_file, checked):
                    return Catalog(store_file.name, index.conn, _FileSource(store_file))
                store_file = store_file.with_bytes()
                if zlib.crc32(store_file.raw) == index.store_crc:
                    _remember_check(path, store_file)
                    return Catalog(store_file.name, index.conn, _MemorySource(store_file))
            except _DamagedIndex:
                pass
            index.conn.close()
        if _private_dir(path.parent):
            target = path
    store_file = store_file.with_bytes()
    try:
        conn = _build(store_file, target)
        return Catalog(store_file.name, conn, _MemorySource(store_file))
    except (OSError, sqlite3.Error, _DamagedIndex):
        if target is None:
            raise
    return Catalog(store_file.name, _build(store_file, None), _MemorySource(store_file))


class CachedIndex(msgspec.Struct):
    """An index nkru wrote in the cache: its file, size, and the store it was built from."""

    path: str
    size: int
    store: str | None
    store_exists: bool


def cached_indexes() -> list[CachedIndex]:
    """Every index in the cache directory, newest first."""
    folder = cache_dir()
    found: list[tuple[float, CachedIndex]] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith("index-") and entry.name.endswith(".sqlite")):
                continue
            store: str | None = None
            with contextlib.suppress(sqlite3.Error, OSError):
                uri = f"{Path(entry.path).as_uri()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True)
                try:
                    row = conn.execute("SELECT value FROM meta WHERE key = 'store'").fetchone()
                    store = str(row[0]) if row else None
                finally:
                    conn.close()
            info = entry.stat(follow_symlinks=False)
            exists = store is not None and os.path.exists(store)
            found.append((info.st_mtime, CachedIndex(entry.path, info.st_size, store, exists)))
    return [index for _, index in sorted(found, key=lambda pair: -pair[0])]


def clear_cache() -> tuple[int, int]:
    """Remove every index nkru wrote, with its check marker and any build temporaries; the
    number of files removed and the bytes freed."""
    folder = cache_dir()
    removed = freed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if name.startswith(("index-", ".index-")) and name.endswith(
                (".sqlite", ".verified", ".store", ".tmp")
            ):
                with contextlib.suppress(OSError):
                    size = entry.stat(follow_symlinks=False).st_size
                    os.unlink(entry.path)
                    removed += 1
                    freed += size
    return removed, freed
