"""Find, read, decode and check the event store.

Which store: ``--data PATH``, else ``$NKRU_DATA``, else the copy packaged with nkru. Decoding and
schema validation are one msgspec pass over the bytes; the checks that span records (unique ids,
references, date order, real calendar dates) run on the typed result.
"""

from __future__ import annotations

import datetime
import operator
import os
from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path

import msgspec

from nkru.errors import NotFoundError, StoreError
from nkru.models import Event, Person, Source, Store

ENV_DATA = "NKRU_DATA"
#: Stores at least this large get their search index cached on disk; smaller ones index
#: faster than a cache file can be read.
CACHE_MIN_BYTES = 1_000_000


def _package_data(name: str) -> Path:
    """A file of the package's ``data`` folder.

    For a package installed as files (a wheel, or an editable install) this is the path
    ``importlib.resources`` gives; asking it would cost a few milliseconds of imports on every
    start, so it is asked only when the package is not laid out as files (a zip import).
    """
    beside = Path(__file__).parent / "data" / name
    if beside.is_file():
        return beside
    from importlib.resources import as_file, files

    with as_file(files("nkru").joinpath(f"data/{name}")) as path:
        return Path(path)


def packaged_store_path() -> Path:
    """The store that ships inside the package."""
    return _package_data("events.json")


def packaged_schema_path() -> Path:
    """The JSON Schema of the store, shipped beside it."""
    return _package_data("events.schema.json")


def resolve_store_path(data: str | os.PathLike[str] | None = None) -> Path:
    """The store to use: ``data`` if given, else ``$NKRU_DATA`` if set, else the packaged one."""
    if data is not None and str(data) != "":
        return Path(data)
    env = os.environ.get(ENV_DATA, "")
    if env:
        return Path(env)
    return packaged_store_path()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a StoreError saying plainly why they cannot be had."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(
            str(path), "no such file (choose a store with --data or NKRU_DATA)"
        ) from None
    except IsADirectoryError:
        raise StoreError(str(path), "is a directory, not a store file") from None
    except PermissionError:
        raise StoreError(str(path), "permission denied") from None
    except OSError as exc:
        raise StoreError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise StoreError(str(path), "the file is empty")
    return raw


_DECODER = msgspec.json.Decoder(Store)


def decode(raw: bytes, path: str = "<store>") -> Store:
    """Decode and validate the store's JSON in one pass; errors name the JSON path.

    The cyclic garbage collector is paused while the records are built and then told to leave
    them alone (``gc.freeze``): they hold no cycles, and on a store of 100,000 events its
    repeated passes over the new objects would otherwise triple the time taken.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        store = _DECODER.decode(raw)
        gc.freeze()
        return store
    except msgspec.ValidationError as exc:
        raise StoreError(path, f"schema: {_humanize(str(exc))}") from None
    except msgspec.DecodeError as exc:
        message = str(exc)
        if "truncated" in message:
            problem = "not valid JSON: the file ends too early (truncated)"
        else:
            problem = f"not valid JSON: {_humanize(message)}"
        raise StoreError(path, problem) from None
    finally:
        if enabled:
            gc.enable()


def _humanize(message: str) -> str:
    """msgspec's message with its backticks dropped: ``Expected `str`, got `int` - at `$.x```."""
    return message.replace("`", "")


def _real_date(partial: str) -> bool:
    if len(partial) < 10:
        return True  # the pattern already bounds year and month
    try:
        datetime.date.fromisoformat(partial)
    except ValueError:
        return False
    return True


def cross_check(store: Store) -> list[str]:
    """Problems that span records, each prefixed with its JSON path; empty when there are none."""
    problems: list[str] = []

    def unique(kind: str, ids: Iterator[str]) -> set[str]:
        seen: set[str] = set()
        for index, ident in enumerate(ids):
            if ident in seen:
                problems.append(f"$.{kind}[{index}].id: duplicate id {ident!r}")
            seen.add(ident)
        return seen

    source_ids = unique("sources", (s.id for s in store.sources))
    person_ids = unique("people", (p.id for p in store.people))
    unique("events", (e.id for e in store.events))

    for index, person in enumerate(store.people):
        for r_index, role in enumerate(person.roles):
            where = f"$.people[{index}].roles[{r_index}]"
            _check_span(problems, where, role.start, role.end)

    for index, event in enumerate(store.events):
        where = f"$.events[{index}]"
        _check_span(problems, where, event.start, event.end)
        for p_index, person_id in enumerate(event.people):
            if person_id not in person_ids:
                problems.append(f"{where}.people[{p_index}]: unknown person {person_id!r}")
        for c_index, citation in enumerate(event.sources):
            if citation.source not in source_ids:
                problems.append(
                    f"{where}.sources[{c_index}].source: unknown source {citation.source!r}"
                )
    return problems


def _check_span(problems: list[str], where: str, start: str | None, end: str | None) -> None:
    for key, value in (("start", start), ("end", end)):
        if value is not None and len(value) == 10 and not _real_date(value):
            problems.append(f"{where}.{key}: {value!r} is not a real calendar date")
    if start is not None and end is not None:
        # Partial dates compare on the precision both have: 1991 and 1991-05 overlap.
        common = min(len(start), len(end))
        if end[:common] < start[:common]:
            problems.append(f"{where}.end: {end!r} is before start {start!r}")


class Catalog(msgspec.Struct, frozen=True):
    """A loaded, checked store: events in date order and look-up tables for people and sources."""

    path: Path
    store: Store
    events: tuple[Event, ...]
    people: dict[str, Person]
    sources: dict[str, Source]
    #: Size of the store file in bytes, and a digest of its content for stores large enough
    #: to be worth caching a search index for (see ``nkru.searchcache``).
    size: int = 0
    digest: str | None = None

    @classmethod
    def from_store(
        cls, store: Store, path: Path, size: int = 0, digest: str | None = None
    ) -> Catalog:
        keys = [(e.start, e.end or e.start, e.id) for e in store.events]
        if all(map(operator.le, keys, keys[1:])):
            ordered = tuple(store.events)  # stores are usually written in order already
        else:
            ordered = tuple(
                e for _, e in sorted(zip(keys, store.events, strict=True), key=itemgetter(0))
            )
        return cls(
            path=path,
            store=store,
            events=ordered,
            people={p.id: p for p in store.people},
            sources={s.id: s for s in store.sources},
            size=size,
            digest=digest,
        )

    def event(self, event_id: str) -> Event:
        """The event with this id, or a NotFoundError that suggests the closest ids."""
        wanted = event_id.strip().lower()
        for event in self.events:
            if event.id == wanted:
                return event
        from nkru.suggest import closest

        hints = closest(wanted, [e.id for e in self.events], limit=3)
        hint = f" Did you mean: {', '.join(hints)}?" if hints else ""
        raise NotFoundError(f"no event with id {event_id!r}.{hint} (`nkru timeline` lists ids)")

    def people_of(self, event: Event) -> list[Person]:
        return [self.people[p] for p in event.people]

    def events_of(self, person_id: str) -> Sequence[Event]:
        return [e for e in self.events if person_id in e.people]


def load(data: str | os.PathLike[str] | None = None) -> Catalog:
    """Find, read, decode and check a store: the one entry point every command uses."""
    path = resolve_store_path(data)
    raw = read_bytes(path)
    store = decode(raw, str(path))
    problems = cross_check(store)
    if problems:
        extra = f" (and {len(problems) - 1} more; run `nkru validate`)" if len(problems) > 1 else ""
        raise StoreError(str(path), problems[0] + extra, problems)
    digest = None
    if len(raw) >= CACHE_MIN_BYTES:
        import hashlib

        digest = hashlib.sha1(raw, usedforsecurity=False).hexdigest()
    return Catalog.from_store(store, path, len(raw), digest)
