"""An opened store: the read API, and the one place that reads the index.

``Catalog`` holds the store's people, articles and references (few, loaded whole) and reads
events from the index as they are needed. Every SELECT of the read path is a method here,
the ranking's included: ``nkru.search`` asks for rows and never writes SQL.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from typing import Any, overload

import msgspec

from nkru.errors import NotFoundError, StoreError
from nkru.fulltext import WEIGHTS
from nkru.models import Coverage, Event, EventSketch, Person, Reference, Source, StoreHead
from nkru.query import Filters
from nkru.store import StoreFile

#: The longest id (or former id) an event can have, as the store's schema allows.
MAX_ID_CHARS = 56
#: ``rows_matching`` reads every match when the index holds at most this many events per
#: row id asked about.
WHOLE_MATCH_FACTOR = 50


_EVENT = msgspec.json.Decoder(Event)
_SKETCH = msgspec.json.Decoder(EventSketch)
_PACKED_SKETCH = msgspec.msgpack.Decoder(EventSketch)


_HEAD = msgspec.json.Decoder(StoreHead)
#: An event's folded words, column by column (``fulltext.folded_columns``).
_WORDS = msgspec.msgpack.Decoder(list[list[str]])


class _DamagedIndex(Exception):
    """The index could not be read back as it was written: rebuild it from the store."""


class _MemorySource:
    """Events' JSON from the store's bytes, already in memory (standard input, a new index)."""

    def __init__(self, store_file: StoreFile) -> None:
        self.raw = store_file.raw
        self.skip = store_file.skip

    def read(self, offset: int, length: int) -> bytes:
        start = offset - self.skip
        return self.raw[start : start + length]


class _FileSource:
    """Events' JSON read from the descriptor whose stat data the index was checked against."""

    def __init__(self, store_file: StoreFile) -> None:
        self.fd = store_file.take_fd()

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
        try:
            (head_bytes,) = conn.execute("SELECT value FROM meta WHERE key = 'head'").fetchone()
            head = _HEAD.decode(head_bytes)
        except (sqlite3.Error, msgspec.DecodeError, msgspec.ValidationError, TypeError) as exc:
            raise _DamagedIndex from exc
        self.schema_version: int = head.schema_version
        self.coverage: Coverage = head.coverage
        self.people: dict[str, Person] = {p.id: p for p in head.people}
        self.sources: dict[str, Source] = {s.id: s for s in head.sources}
        self.references: dict[str, Reference] = {r.id: r for r in head.references}
        self._size: int | None = None

    # --- events -----------------------------------------------------------------------------

    def events(
        self, filters: Filters | None = None, limit: int | None = None, reverse: bool = False
    ) -> Iterator[Event]:
        """Events that pass ``filters``, in date order (newest first when ``reverse``)."""
        where, params = (filters or Filters()).sql()
        order = "DESC" if reverse else "ASC"
        sql = f"SELECT offset, length, crc FROM events e WHERE {where} ORDER BY e.rowid {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        for offset, length, crc in self.conn.execute(sql, params):
            yield self._decode(offset, length, crc)

    @overload
    def _decode(self, offset: int, length: int, crc: int) -> Event: ...
    @overload
    def _decode(
        self, offset: int, length: int, crc: int, decoder: msgspec.json.Decoder[EventSketch]
    ) -> EventSketch: ...
    def _decode(
        self,
        offset: int,
        length: int,
        crc: int,
        decoder: msgspec.json.Decoder[Any] | None = None,
    ) -> Any:
        """The event whose JSON lies at ``offset`` in the store, if its bytes are still the
        ones indexed (whole, or the fields ``decoder`` reads)."""
        raw = self._source.read(offset, length)
        if zlib.crc32(raw) != crc:
            raise StoreError(self.name, "changed while being read; run the command again").saying(
                "changed"
            )
        try:
            return (decoder or _EVENT).decode(raw)
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
            raise StoreError(self.name, "changed while being read; run the command again").saying(
                "changed"
            ) from None

    def count(self, filters: Filters | None = None) -> int:
        """How many events pass ``filters``."""
        where, params = (filters or Filters()).sql()
        (found,) = self.conn.execute(
            f"SELECT count(*) FROM events e WHERE {where}", params
        ).fetchone()
        return int(found)

    def size(self) -> int:
        """How many events the store holds (counted once)."""
        if self._size is None:
            self._size = self.count()
        return self._size

    def by_rowids(self, rowids: Sequence[int]) -> dict[int, Event]:
        """Events by their place in date order (the index's row ids)."""
        out: dict[int, Event] = {}
        for rowid, offset, length, crc in self._locations(rowids):
            out[rowid] = self._decode(offset, length, crc)
        return out

    def sketches(self, rowids: Sequence[int]) -> dict[int, EventSketch]:
        """The dates, people and places of events by row id: what a search needs to choose
        the candidates it ranks, at a tenth of the cost of decoding them whole."""
        out: dict[int, EventSketch] = {}
        # The index keeps them for a store of up to ``index.FOLDED_AT_BUILD`` events; a larger
        # store's are decoded from the store.
        for start in range(0, len(rowids), 500):
            chunk = list(rowids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rowid, sketch FROM words WHERE rowid IN ({marks})"
            for rowid, blob in self.conn.execute(sql, chunk):
                out[rowid] = _PACKED_SKETCH.decode(blob)
        missing = [rowid for rowid in rowids if rowid not in out]
        for rowid, offset, length, crc in self._locations(missing):
            out[rowid] = self._decode(offset, length, crc, _SKETCH)
        return out

    def _locations(self, rowids: Sequence[int]) -> Iterator[tuple[int, int, int, int]]:
        for start in range(0, len(rowids), 500):
            chunk = list(rowids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rowid, offset, length, crc FROM events WHERE rowid IN ({marks})"
            yield from self.conn.execute(sql, chunk)

    def folded_columns(self, rowids: Sequence[int]) -> dict[int, list[list[str]]]:
        """Each event's folded words per full-text column, where the index keeps them (it
        does for stores of up to ``index.FOLDED_AT_BUILD`` events)."""
        out: dict[int, list[list[str]]] = {}
        for start in range(0, len(rowids), 500):
            chunk = list(rowids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rowid, words FROM words WHERE rowid IN ({marks})"
            for rowid, blob in self.conn.execute(sql, chunk):
                out[rowid] = _WORDS.decode(blob)
        return out

    def event(self, event_id: str) -> tuple[Event, str | None]:
        """The event with this id, a former id, or a unique prefix of one.

        Returns the event and, when it was found under another name, the id the user gave.
        Several matches or none raise NotFoundError with the candidates or the closest ids.
        """
        wanted = event_id.strip().lower()
        if len(wanted) > MAX_ID_CHARS:
            raise NotFoundError(
                f"no event has an id that long ({len(wanted):,} characters; ids have at most "
                f"{MAX_ID_CHARS})"
            )
        try:
            wanted.encode("utf-8")
        except UnicodeEncodeError:
            raise NotFoundError(
                f"no event with id {event_id!r}: ids are lower-case letters, digits and hyphens"
            ) from None
        row = self.conn.execute(
            "SELECT offset, length, crc FROM events WHERE id = ?", (wanted,)
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
                former = dict(
                    self.conn.execute(
                        "SELECT alias, id FROM aliases WHERE alias LIKE ? ESCAPE '\\' LIMIT 21",
                        (pattern,),
                    ).fetchall()
                )
                found = list(dict.fromkeys(former.values()))
                if len(found) == 1:
                    # Named by the whole former id it begins, not by the start typed.
                    alias = min(a for a, ident in former.items() if ident == found[0])
                    return self.event(found[0])[0], alias
            if len(found) == 1:
                return self.event(found[0])[0], None
            if found:
                count = str(len(found)) if len(found) <= 20 else "20+"
                raise NotFoundError(
                    f"{len(found) if len(found) <= 20 else 'more than 20'} events begin with "
                    f"{event_id!r}",
                    candidates=found[:20],
                    prefix=True,
                ).saying("events_begin", count=count, id=repr(event_id))
        ids = self.ids()
        raise NotFoundError(
            f"no event with id {event_id!r}", candidates=_closest(wanted, ids)
        ).saying("no_event", id=repr(event_id))

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
        return [e.id for e in self.events(Filters(person_ids=frozenset({person_id})))]

    def citing(self) -> dict[str, list[str]]:
        """For every article and reference, the ids of the events that cite it."""
        out: dict[str, list[str]] = {key: [] for key in [*self.sources, *self.references]}
        for event in self.events():
            for key in dict.fromkeys(c.source for c in event.sources):
                out.setdefault(key, []).append(event.id)
        return out

    # --- the ranking's reads --------------------------------------------------------------
    # ``nkru.search`` decides what to look for (FTS5 match expressions, date spans, filters);
    # these methods are the only SQL it runs.

    def documents_of(self, words: set[str]) -> dict[str, int]:
        """How many events hold each of ``words`` in any column (a person's name counts as
        1), in one query per table; words in no event are left out."""
        if not words:
            return {}
        marks = ",".join("?" * len(words))
        sql = f"SELECT term, doc FROM fts_terms WHERE term IN ({marks})"
        counts = {term: int(doc) for term, doc in self.conn.execute(sql, [*words])}
        rest = words - counts.keys()
        if rest:
            marks = ",".join("?" * len(rest))
            sql = f"SELECT term FROM people_terms WHERE term IN ({marks})"
            counts.update((row[0], 1) for row in self.conn.execute(sql, [*rest]))
        return counts

    def known_terms(self, words: set[str]) -> set[str]:
        """The words of ``words`` that occur in the index (one query per table for them all)."""
        if not words:
            return set()
        marks = ",".join("?" * len(words))
        found: set[str] = set()
        for table in ("fts_terms", "people_terms"):
            sql = f"SELECT term FROM {table} WHERE term IN ({marks})"
            found.update(r[0] for r in self.conn.execute(sql, [*words]))
        return found

    def people_matching(self, expression: str) -> list[str]:
        """Ids of the people whose names match an FTS5 expression."""
        rows = self.conn.execute(
            "SELECT person FROM people_fts WHERE people_fts MATCH ?", (expression,)
        )
        return [r[0] for r in rows]

    def names_someone(self, expression: str) -> bool:
        """True when some person's names match an FTS5 expression."""
        row = self.conn.execute(
            "SELECT 1 FROM people_fts WHERE people_fts MATCH ? LIMIT 1", (expression,)
        ).fetchone()
        return row is not None

    def matches_any(self, expression: str) -> bool:
        """True when some event matches an FTS5 expression."""
        row = self.conn.execute(
            "SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1", (expression,)
        ).fetchone()
        return row is not None

    def vocabulary_near(self, word: str, spread: int, whole: bool) -> list[str]:
        """Index words within ``spread`` letters of ``word``'s length: all of them (``whole``,
        for a small index) or only those with its first letter (a range the table can seek)."""
        found: list[str] = []
        for table in ("fts_terms", "people_terms"):
            sql = f"SELECT term FROM {table} WHERE length(term) BETWEEN ? AND ? AND "
            args: list[object] = [len(word) - spread, len(word) + spread]
            if whole:
                sql += "(substr(term, 1, 1) = ? OR length(term) BETWEEN ? AND ?)"
                args += [word[0], len(word) - 1, len(word) + 1]
            else:
                sql += "term >= ? AND term < ?"
                args += [word[0], chr(ord(word[0]) + 1)]
            found += [r[0] for r in self.conn.execute(sql, args)]
        return list(dict.fromkeys(found))  # a name is often in both tables

    def ranked(
        self,
        match: str | None,
        filters: Filters,
        dates: Sequence[DateSpan] = (),
        any_date: bool = False,
        limit: int | None = None,
    ) -> list[tuple[int, float]]:
        """Row ids and BM25 scores (lower is better, by the columns' weights) of the events
        that match the FTS5 expression ``match`` (every event when None), pass ``filters``,
        and overlap every date span (any of them, with ``any_date``), best first."""
        where, params = self._where(filters, dates, any_date)
        if match is None:
            sql = f"SELECT e.rowid, 0.0 FROM events e WHERE {where} ORDER BY e.rowid"
            args: list[object] = list(params)
        else:
            weights = ", ".join(str(w) for w in WEIGHTS)
            sql = (
                f"SELECT e.rowid, bm25(fts, {weights}) AS score FROM fts JOIN events e "
                f"ON e.rowid = fts.rowid WHERE fts MATCH ? AND {where} ORDER BY score"
            )
            args = [match, *params]
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [(r[0], r[1]) for r in self.conn.execute(sql, args)]

    def count_matching(
        self, match: str | None, filters: Filters, dates: Sequence[DateSpan] = ()
    ) -> int:
        """How many events ``ranked`` would find, without a limit."""
        where, params = self._where(filters, dates, False)
        if match is None:
            sql = f"SELECT count(*) FROM events e WHERE {where}"
            return int(self.conn.execute(sql, params).fetchone()[0])
        sql = (
            "SELECT count(*) FROM fts JOIN events e ON e.rowid = fts.rowid "
            f"WHERE fts MATCH ? AND {where}"
        )
        return int(self.conn.execute(sql, [match, *params]).fetchone()[0])

    @staticmethod
    def _where(
        filters: Filters, dates: Sequence[DateSpan], any_date: bool
    ) -> tuple[str, list[object]]:
        where, params = filters.sql()
        clauses, extra = [], []
        for span in dates:
            if span.cited is not None:
                clauses.append(
                    "(e.lo <= ? AND e.hi >= ? OR e.rowid IN "
                    "(SELECT rowid FROM fts WHERE fts MATCH ?))"
                )
                extra += [span.last, span.first, span.cited]
            else:
                clauses.append("(e.lo <= ? AND e.hi >= ?)")
                extra += [span.last, span.first]
        if clauses:
            joiner = " OR " if any_date else " AND "
            where = f"{where} AND ({joiner.join(clauses)})"
        return where, [*params, *extra]

    def rows_matching(self, expression: str, rowids: Sequence[int]) -> set[int]:
        """Which of ``rowids`` match an FTS5 expression.

        FTS5 evaluates ``rowid IN (...)`` one row id at a time, so where the whole index is
        not much larger than the list, reading every match and keeping the wanted ones is
        ten to thirty times faster."""
        if self.size() <= WHOLE_MATCH_FACTOR * len(rowids):
            wanted = set(rowids)
            sql = "SELECT rowid FROM fts WHERE fts MATCH ?"
            return {r[0] for r in self.conn.execute(sql, (expression,)) if r[0] in wanted}
        marks = ",".join("?" * len(rowids))
        sql = f"SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN ({marks})"
        return {r[0] for r in self.conn.execute(sql, [expression, *rowids])}

    def person_names(self) -> dict[str, str]:
        """Each person's names as the index holds them (``person_text``, stored at build)."""
        return dict(self.conn.execute("SELECT person, names FROM people_fts"))


class DateSpan(msgspec.Struct, frozen=True):
    """Days an event must overlap for a date in a query: ``first`` to ``last`` (ISO days);
    ``cited``, an FTS5 phrase whose match also counts (``1961`` in "the 1961 treaty")."""

    first: str
    last: str
    cited: str | None = None


def _closest(wanted: str, ids: list[str]) -> list[str]:
    """The ids nearest to an unknown one; loaded only for that error (rapidfuzz, folding)."""
    from nkru.suggest import closest

    return closest(wanted, ids, limit=3)
