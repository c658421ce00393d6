"""The derived index: one SQLite file per store in the user's cache directory.

The JSON store is the source of truth. The index holds where each event's JSON lies in the
store file (so a listing reads and decodes only the events it shows), the columns the filters
need, and an FTS5 full-text table for search, people and topics. Every command reads through
it: ``open_catalog`` returns a ``Catalog`` whose methods are the read API.

An index is used only when it belongs to this store and this version of nkru: its ``meta``
table records the store's stat data (device, inode, size, and modification and change times
in nanoseconds, as git judges its own index), the index format and nkru's version. Anything
else (changed, truncated, corrupt, foreign, a link or not a regular file) is ignored and
rebuilt: written to a temporary file beside it and renamed into place, so two processes
building at once both answer correctly. When the cache directory cannot be written, the same
code runs on an index in memory.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from nkru import __version__
from nkru.errors import NotFoundError, StoreError
from nkru.models import Coverage, Event, Person, RawEvents, Reference, Source, Store, StoreHead
from nkru.query import Filters, day_range
from nkru.store import StoreFile, decode, read_store_file

if TYPE_CHECKING:
    from nkru.search import SearchResult

#: Bump when the tables or the text put into them change.
INDEX_FORMAT = 7
#: Full-text columns, best place to match first, and their weights in ``bm25()``.
COLUMNS = ("title", "people", "places", "summary", "topics", "ids")
WEIGHTS = (10.0, 6.0, 4.0, 2.0, 1.0, 0.5)
#: How FTS5 splits and folds words: case and accents dropped. English word forms are folded
#: at query time against the vocabulary (``nkru.search``), which keeps the build fast.
TOKENIZE = "unicode61 remove_diacritics 2"
#: An event's people are indexed as one token each; their names, in every spelling, are
#: indexed once per person in ``people_fts``, and a query naming them adds the token.
PERSON_TOKEN = "nkruperson"

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
CREATE TABLE events (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, lo TEXT NOT NULL, hi TEXT NOT NULL,
    tone TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, content='', columnsize=0,
    tokenize='{TOKENIZE}');
CREATE VIRTUAL TABLE people_fts USING fts5(person UNINDEXED, names, tokenize='{TOKENIZE}');
"""
_AFTER = """
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE people_terms USING fts5vocab(people_fts, 'row');
"""


_EVENT = msgspec.json.Decoder(Event)
_HEAD = msgspec.json.Decoder(StoreHead)


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


def person_token(person_id: str) -> str:
    """The one word that stands for a person in an event's ``people`` column."""
    return PERSON_TOKEN + person_id.replace("-", "")


def person_text(person: Person) -> str:
    """Every spelling of a person's name, each also written as one word (``kimjongun``)."""
    from nkru.text import compact

    forms = person.spellings()
    return " ".join([*forms, *dict.fromkeys(compact(f) for f in forms)])


def event_columns(event: Event, people: dict[str, str]) -> tuple[str, str, str, str, str, str]:
    """The event's text for each full-text column, in ``COLUMNS`` order; ``people`` gives the
    text that stands for each person (their token in the index, their names for display)."""
    title = f"{event.title.en} {event.title.vi}"
    names = " ".join(people.get(p, p) for p in event.people)
    places = " ".join(f"{p.en} {p.vi}" for p in event.places)
    parts = [event.summary.en, event.summary.vi]
    if event.period is not None:
        parts += [event.period.en, event.period.vi]
    if event.note is not None:
        parts += [event.note.en, event.note.vi]
    for claim in event.claims:
        parts += [claim.says.en, claim.says.vi, claim.record.en, claim.record.vi]
    topics = " ".join(event.topics)
    return title, names, places, " ".join(parts), topics, event.id.replace("-", " ")


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


def _spans(raw: bytes, skip: int) -> list[tuple[int, int]]:
    """Where each event's JSON lies in the store file: offset and length, in file order."""
    spans = []
    position = 0
    for event in msgspec.json.decode(raw, type=RawEvents).events:
        text = bytes(event)
        position = raw.index(text, position)
        spans.append((position + skip, len(text)))
        position += len(text)
    return spans


def _write_index(conn: sqlite3.Connection, store: Store, store_file: StoreFile) -> None:
    """Fill an empty database with the index of ``store``; the store's cross-record checks
    run while the writer works, and a problem stops the build."""
    spans = _spans(store_file.raw, store_file.skip)
    keys = [(e.start, e.last, e.id) for e in store.events]
    order = list(range(len(keys)))
    if any(a > b for a, b in zip(keys, keys[1:], strict=False)):
        order.sort(key=keys.__getitem__)
    tokens = {p.id: person_token(p.id) for p in store.people}
    conn.execute("PRAGMA page_size = 65536")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(_SCHEMA)
    # A larger in-memory hash for FTS5 means fewer segments to merge while building.
    conn.execute("INSERT INTO fts (fts, rank) VALUES ('hashsize', ?)", (64 << 20,))
    writer = _Writer(conn)
    try:
        for first in range(0, len(order), _CHUNK):
            rows: list[tuple[object, ...]] = []
            texts: list[tuple[object, ...]] = []
            aliases: list[tuple[str, str]] = []
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
                aliases += [(a, event.id) for a in event.aliases]
                texts.append((rowid, *event_columns(event, tokens)))
            writer.add(f"fts (rowid, {', '.join(COLUMNS)})", len(COLUMNS) + 1, texts)
            writer.add("events", 7, rows)
            writer.add("aliases", 2, aliases)
        writer.add("people_fts (person, names)", 2, [(p.id, person_text(p)) for p in store.people])
        from nkru.store import cross_check, named

        ids = [e.id for e in store.events]
        problems = [named(p, ids) for p in cross_check(store)]
    finally:
        writer.finish()
    if problems:
        more = len(problems) - 1
        extra = f" (and {more} more)" if more else ""
        raise StoreError(store_file.name, problems[0] + extra, problems)
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
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    conn.commit()


def _signature(info: os.stat_result) -> str:
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def _index_path(store_path: Path) -> Path:
    """One index file per store path; what is in it is checked against the store anyway."""
    import zlib

    name = str(store_path).encode("utf-8", "surrogateescape")
    key = f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"
    return cache_dir() / f"index-{key}.sqlite"


def _usable(path: Path, signature: str) -> sqlite3.Connection | None:
    """The index at ``path`` opened read-only, if it is a regular file of ours for this store."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        found = dict(conn.execute("SELECT key, value FROM meta WHERE key != 'head'"))
        if (
            found.get("format") == str(INDEX_FORMAT)
            and found.get("version") == __version__
            and found.get("signature") == signature
        ):
            return conn
        conn.close()
    except sqlite3.Error:
        pass
    return None


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


def _build(store_file: StoreFile, target: Path | None) -> sqlite3.Connection:
    """Decode and check the store, then index it into ``target`` (or memory when ``None``)."""
    store = decode(store_file.raw, store_file.name)
    if target is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _write_index(conn, store, store_file)
        return conn
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(handle, 0o600)
        os.close(handle)
        conn = sqlite3.connect(temporary, check_same_thread=False)
        try:
            _write_index(conn, store, store_file)
        finally:
            conn.close()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    opened = _usable(target, store_file.signature)
    if opened is None:  # pragma: no cover - replaced under us between rename and open
        raise StoreError(store_file.name, "the index could not be reopened after building")
    return opened


def open_catalog(data: str | os.PathLike[str] | None = None) -> Catalog:
    """Open a store for reading: ``data``, else ``$NKRU_DATA``, else the bundled store; ``-``
    reads standard input. Builds its index when there is no good one."""
    store_file = read_store_file(data, need_bytes=False)
    target: Path | None = None
    if store_file.path is not None:
        path = _index_path(store_file.path)
        conn = _usable(path, store_file.signature)
        if conn is not None:
            return Catalog(store_file.name, conn, _FileSource(store_file))
        if _private_dir(path.parent):
            target = path
    store_file = store_file.with_bytes()
    try:
        conn = _build(store_file, target)
    except (OSError, sqlite3.Error):
        if target is None:
            raise
        conn = _build(store_file, None)
    return Catalog(store_file.name, conn, _MemorySource(store_file))


class _MemorySource:
    """Events' JSON from the store's bytes, already in memory (standard input, a new index)."""

    def __init__(self, store_file: StoreFile) -> None:
        self.raw = store_file.raw
        self.skip = store_file.skip

    def read(self, offset: int, length: int) -> bytes:
        start = offset - self.skip
        return self.raw[start : start + length]


class _FileSource:
    """Events' JSON read from the store file, which is checked to be the file indexed."""

    def __init__(self, store_file: StoreFile) -> None:
        assert store_file.path is not None
        self.name = store_file.name
        try:
            self.fd = os.open(store_file.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            info = os.fstat(self.fd)
        except OSError as exc:
            raise StoreError(self.name, f"cannot be read ({exc.strerror or exc})") from None
        if not stat.S_ISREG(info.st_mode) or _signature(info) != store_file.signature:
            os.close(self.fd)
            raise StoreError(self.name, "changed while being read; run the command again")

    def read(self, offset: int, length: int) -> bytes:
        return os.pread(self.fd, length, offset)

    def __del__(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            os.close(self.fd)


class Catalog:
    """An opened store: the read API every command uses.

    People, articles and references are loaded whole (they are few); events are read from
    the index as they are needed, in date order.
    """

    def __init__(self, name: str, conn: sqlite3.Connection, source: Any) -> None:
        self.name = name
        self.conn = conn
        self._source = source
        (head_bytes,) = conn.execute("SELECT value FROM meta WHERE key = 'head'").fetchone()
        head = _HEAD.decode(head_bytes)
        self.schema_version: int = head.schema_version
        self.coverage: Coverage = head.coverage
        self.people: dict[str, Person] = {p.id: p for p in head.people}
        self.sources: dict[str, Source] = {s.id: s for s in head.sources}
        self.references: dict[str, Reference] = {r.id: r for r in head.references}

    # --- events -----------------------------------------------------------------------------

    def events(
        self, filters: Filters | None = None, limit: int | None = None, reverse: bool = False
    ) -> Iterator[Event]:
        """Events that pass ``filters``, in date order (newest first when ``reverse``)."""
        where, params = (filters or Filters()).sql()
        order = "DESC" if reverse else "ASC"
        sql = f"SELECT offset, length FROM events e WHERE {where} ORDER BY e.rowid {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        for offset, length in self.conn.execute(sql, params):
            yield self._decode(offset, length)

    def _decode(self, offset: int, length: int) -> Event:
        """The event whose JSON lies at ``offset`` in the store."""
        try:
            return _EVENT.decode(self._source.read(offset, length))
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
            raise StoreError(self.name, "changed while being read; run the command again") from None

    def count(self, filters: Filters | None = None) -> int:
        """How many events pass ``filters``."""
        where, params = (filters or Filters()).sql()
        (found,) = self.conn.execute(
            f"SELECT count(*) FROM events e WHERE {where}", params
        ).fetchone()
        return int(found)

    def by_rowids(self, rowids: Sequence[int]) -> dict[int, Event]:
        """Events by their place in date order (the index's row ids)."""
        out: dict[int, Event] = {}
        for start in range(0, len(rowids), 500):
            chunk = list(rowids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rowid, offset, length FROM events WHERE rowid IN ({marks})"
            for rowid, offset, length in self.conn.execute(sql, chunk):
                out[rowid] = self._decode(offset, length)
        return out

    def event(self, event_id: str) -> tuple[Event, str | None]:
        """The event with this id, a former id, or a unique prefix of one.

        Returns the event and, when it was found under another name, the id the user gave.
        Several matches or none raise NotFoundError with the candidates or the closest ids.
        """
        wanted = event_id.strip().lower()
        row = self.conn.execute(
            "SELECT offset, length FROM events WHERE id = ?", (wanted,)
        ).fetchone()
        if row is not None:
            return self._decode(*row), None
        alias = self.conn.execute("SELECT id FROM aliases WHERE alias = ?", (wanted,)).fetchone()
        if alias is not None:
            return self.event(alias[0])[0], wanted
        if wanted:
            pattern = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            found = [
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM events WHERE id LIKE ? ESCAPE '\\' ORDER BY rowid LIMIT 21",
                    (pattern,),
                )
            ]
            if not found:
                # The start of a former id: an event whose date was corrected.
                found = [
                    r[0]
                    for r in self.conn.execute(
                        "SELECT DISTINCT id FROM aliases WHERE alias LIKE ? ESCAPE '\\' LIMIT 21",
                        (pattern,),
                    )
                ]
                if len(found) == 1:
                    return self.event(found[0])[0], wanted
            if len(found) == 1:
                return self.event(found[0])[0], None
            if found:
                raise NotFoundError(
                    f"{len(found) if len(found) <= 20 else 'more than 20'} events begin with "
                    f"{event_id!r}",
                    candidates=found[:20],
                )
        from nkru.suggest import closest

        ids = self.ids()
        raise NotFoundError(
            f"no event with id {event_id!r}", candidates=closest(wanted, ids, limit=3)
        )

    def ids(self, prefix: str = "") -> list[str]:
        """Event ids (and former ids) beginning with ``prefix``, in date order."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.conn.execute(
            "SELECT id FROM events WHERE id LIKE ? ESCAPE '\\' ORDER BY rowid", (pattern,)
        )
        return [r[0] for r in rows]

    def span(self) -> tuple[str, str] | None:
        """The first start and the last end among the events, or None for an empty store."""
        row = self.conn.execute("SELECT min(lo), max(hi) FROM events").fetchone()
        return None if row[0] is None else (row[0], row[1])

    # --- people and sources -----------------------------------------------------------------

    def people_of(self, event: Event) -> list[Person]:
        return [self.people[p] for p in event.people if p in self.people]

    def event_ids_of_person(self, person_id: str) -> list[str]:
        from nkru.query import Filters

        return [e.id for e in self.events(Filters(person_ids=frozenset({person_id})))]

    def citing(self) -> dict[str, list[str]]:
        """For every article and reference, the ids of the events that cite it."""
        out: dict[str, list[str]] = {key: [] for key in [*self.sources, *self.references]}
        for event in self.events():
            for key in dict.fromkeys(c.source for c in event.sources):
                out.setdefault(key, []).append(event.id)
        return out

    # --- search -----------------------------------------------------------------------------

    def search(
        self,
        terms: Sequence[str],
        filters: Filters | None = None,
        limit: int | None = 20,
        exact: bool = False,
        min_score: float = 0.0,
        count: bool = True,
    ) -> SearchResult:
        """Events matching ``terms``, best first; see ``nkru.search``."""
        from nkru.search import search

        return search(self, terms, filters or Filters(), limit, exact, min_score, count)
