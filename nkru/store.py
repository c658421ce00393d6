"""Find, read, decode and check the event store.

Which store: ``--data PATH``, else ``$NKRU_DATA``, else the copy packaged with nkru. Decoding and
schema validation are one msgspec pass over the bytes; the checks that span records (unique ids,
references, date order, real calendar dates) run on the typed result.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import msgspec

from nkru.errors import StoreError
from nkru.models import Event, EventId, RawEvents, Store

ENV_DATA = "NKRU_DATA"


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


#: Stores larger than this are refused before they are read; the variable raises it.
ENV_MAX_BYTES = "NKRU_MAX_STORE_BYTES"
DEFAULT_MAX_BYTES = 2 << 30
_BOM = b"\xef\xbb\xbf"


def resolve_store_path(data: str | os.PathLike[str] | None = None) -> Path:
    """The store to use: ``data`` if given, else ``$NKRU_DATA`` if set, else the packaged one."""
    if data is not None and str(data) != "":
        return Path(data)
    env = os.environ.get(ENV_DATA, "")
    if env:
        return Path(env)
    return packaged_store_path()


def _max_bytes() -> int:
    value = os.environ.get(ENV_MAX_BYTES, "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


class StoreFile(msgspec.Struct, frozen=True):
    """A store file found and checked to be a readable regular file of a sane size.

    ``path`` is ``None`` for standard input; ``signature`` is its stat data, which tells an
    index built from it from one built from any other version of the file.
    """

    name: str
    path: Path | None
    signature: str
    raw: bytes = b""
    #: Bytes before ``raw`` in the file (a byte-order mark), so offsets into ``raw`` plus
    #: ``skip`` are offsets into the file.
    skip: int = 0

    def with_bytes(self) -> StoreFile:
        """The same file with its bytes read (once)."""
        if self.raw or self.path is None:
            return self
        raw = _read(self.path, self.name)
        return msgspec.structs.replace(self, raw=_checked(raw, self.name), skip=_bom(raw))


def _read(path: Path, name: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_max_bytes() + 1)
    except PermissionError:
        raise StoreError(name, "permission denied") from None
    except OSError as exc:
        raise StoreError(name, f"cannot be read ({exc.strerror or exc})") from None
    return raw


def _bom(raw: bytes) -> int:
    return len(_BOM) if raw.startswith(_BOM) else 0


def _checked(raw: bytes, name: str) -> bytes:
    if len(raw) > _max_bytes():
        raise StoreError(name, _too_large())
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not raw.strip():
        raise StoreError(name, "the file is empty")
    return raw


def _too_large() -> str:
    return (
        f"larger than {_max_bytes():,} bytes; set {ENV_MAX_BYTES} to a larger number of bytes "
        "to read it"
    )


def read_store_file(
    data: str | os.PathLike[str] | None = None, need_bytes: bool = True
) -> StoreFile:
    """Find the store and check it can be read: a regular file (or ``-``, standard input).

    A FIFO, a device or a directory is refused at once, before anything is read from it, as
    is a file larger than the limit.
    """
    import sys

    if data is not None and str(data) == "-":
        raw = sys.stdin.buffer.read(_max_bytes() + 1)
        return StoreFile("<stdin>", None, "", _checked(raw, "<stdin>"), _bom(raw))
    path = resolve_store_path(data)
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise StoreError(name, "no such file") from None
    except PermissionError:
        raise StoreError(name, "permission denied") from None
    except OSError as exc:
        raise StoreError(name, f"cannot be read ({exc.strerror or exc})") from None
    import stat

    if stat.S_ISDIR(info.st_mode):
        raise StoreError(name, "is a directory, not a store file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise StoreError(name, f"is {kind}, not a regular file")
    if info.st_size > _max_bytes():
        raise StoreError(name, _too_large())
    signature = f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
    found = StoreFile(name, path.absolute(), signature)
    return found.with_bytes() if need_bytes else found


_DECODERS: dict[type, msgspec.json.Decoder[Store]] = {}


def _decoder() -> msgspec.json.Decoder[Store]:
    """The whole-store decoder, made on first use: a run answered from the index never needs
    it, and making it costs a start a millisecond."""
    if Store not in _DECODERS:
        _DECODERS[Store] = msgspec.json.Decoder(Store)
    return _DECODERS[Store]


def decode(raw: bytes, path: str = "<store>") -> Store:
    """Decode and validate the store's JSON in one pass; errors name the JSON path."""
    try:
        return _decoder().decode(raw)
    except RecursionError:
        raise StoreError(path, "not valid JSON: nested too deeply") from None
    except UnicodeDecodeError:
        offset = _bad_utf8(raw)
        raise StoreError(
            path, f"not valid UTF-8: the byte at offset {offset} cannot be decoded"
        ) from None
    except msgspec.ValidationError as exc:
        problem = named(f"schema: {_humanize(str(exc))}", _event_ids(raw))
        raise StoreError(path, problem) from None
    except msgspec.DecodeError as exc:
        message = str(exc)
        offset = _bad_utf8(raw)
        if offset is not None:
            problem = f"not valid UTF-8: the byte at offset {offset} cannot be decoded"
        elif "truncated" in message:
            problem = "not valid JSON: the file ends too early (truncated)"
        else:
            problem = f"not valid JSON: {_humanize(message)}"
        raise StoreError(path, problem) from None


def _bad_utf8(raw: bytes) -> int | None:
    """The offset of the first byte that is not UTF-8, or None; read in slices, not copied."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 24
    for start in range(0, len(raw), step):
        try:
            decoder.decode(raw[start : start + step], final=start + step >= len(raw))
        except UnicodeDecodeError as exc:
            return (
                start + exc.start - len(decoder.getstate()[0])
                if exc.start < 0
                else start + exc.start
            )
    return None


def _humanize(message: str) -> str:
    """msgspec's message with its backticks dropped: ``Expected `str`, got `int` - at `$.x```."""
    return message.replace("`", "")


def _real_date(partial: str) -> bool:
    if len(partial) < 10:
        return True  # the pattern already bounds year and month
    import datetime

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

    article_ids = unique("sources", (s.id for s in store.sources))
    reference_ids = unique("references", (r.id for r in store.references))
    for ident in sorted(article_ids & reference_ids):
        problems.append(f"$.references: id {ident!r} is also an article's id")
    person_ids = unique("people", (p.id for p in store.people))
    event_ids = unique("events", (e.id for e in store.events))

    for index, person in enumerate(store.people):
        for r_index, role in enumerate(person.roles):
            where = f"$.people[{index}].roles[{r_index}]"
            _check_span(problems, where, role.start, role.end)

    for index, reference in enumerate(store.references):
        issued = reference.issued.iso
        if not _real_date(issued):
            problems.append(f"$.references[{index}].issued: {issued!r} is not a real date")

    aliases: set[str] = set()
    for index, event in enumerate(store.events):
        where = f"$.events[{index}]"
        _check_span(problems, where, event.start, event.end)
        if not event.id.startswith(event.start + "-"):
            problems.append(f"{where}.id: {event.id!r} does not begin with its date {event.start}")
        for a_index, alias in enumerate(event.aliases):
            if alias in event_ids or alias in aliases:
                problems.append(f"{where}.aliases[{a_index}]: {alias!r} is already taken")
            aliases.add(alias)
        for p_index, person_id in enumerate(event.people):
            if person_id not in person_ids:
                problems.append(f"{where}.people[{p_index}]: unknown person {person_id!r}")
        for c_index, citation in enumerate(event.sources):
            at = f"{where}.sources[{c_index}]"
            if citation.source in article_ids:
                if not citation.where:
                    problems.append(f"{at}.where: an article citation needs the quoted words")
            elif citation.source in reference_ids:
                if not citation.quote:
                    problems.append(f"{at}.quote: a reference citation needs the passage")
            else:
                problems.append(f"{at}.source: unknown source {citation.source!r}")
        for c_index, claim in enumerate(event.claims):
            at = f"{where}.claims[{c_index}]"
            if claim.source not in article_ids and claim.source not in reference_ids:
                problems.append(f"{at}.source: unknown source {claim.source!r}")
            for r_index, ref in enumerate(claim.references):
                if ref not in reference_ids:
                    problems.append(f"{at}.references[{r_index}]: unknown reference {ref!r}")
    _check_span(problems, "$.coverage", store.coverage.start, store.coverage.end)
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


def load_store(data: str | os.PathLike[str] | None = None) -> Store:
    """Read, decode and check a whole store; StoreError lists every problem found."""
    store_file = read_store_file(data)
    store = decode(store_file.raw, store_file.name)
    problems = [named(p, [e.id for e in store.events]) for p in cross_check(store)]
    if problems:
        more = len(problems) - 1
        extra = f" (and {more} more)" if more else ""
        raise StoreError(store_file.name, problems[0] + extra, problems)
    return store


def role_warnings(store: Store) -> list[str]:
    """People on an event who held none of their recorded roles while it happened.

    Not errors: a former leader may take part in an event, and a role's dates may be unknown.
    Each warning names the event and the person.
    """
    from nkru.query import day_range

    people = {p.id: p for p in store.people}
    warnings = []
    for event in store.events:
        first, last = day_range(event.start)[0], day_range(event.last)[1]
        for person_id in event.people:
            person = people.get(person_id)
            if person is None or not person.roles:
                continue
            held = any(
                (role.start is None or day_range(role.start)[0] <= last)
                and (role.end is None or day_range(role.end)[1] >= first)
                for role in person.roles
            )
            if not held:
                warnings.append(
                    f"{event.id}: people: {person_id} held none of their roles "
                    f"between {event.start} and {event.last}"
                )
    return warnings


class Report(msgspec.Struct):
    """What ``check_store`` found: every error (each naming the event id and field), the
    warnings, and a one-line summary of a valid store."""

    name: str
    errors: list[str]
    warnings: list[str]
    summary: str = ""


def _event_ids(raw: bytes) -> list[str]:
    """Each event's id as written, for naming the events that problems are in."""
    try:
        events = msgspec.json.decode(raw, type=RawEvents).events
        return [str(msgspec.json.decode(e, type=EventId).id) for e in events]
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError):
        return []


def named(problem: str, ids: list[str]) -> str:
    """``$.events[3].start: …`` -> ``event 1991-soviet-collapse ($.events[3]) start: …``."""
    import re

    match = re.search(r"\$\.events\[(\d+)\]\.?([\w.\[\]]*)", problem)
    if match is None or int(match.group(1)) >= len(ids) or " ($.events[" in problem:
        return problem
    index, field = int(match.group(1)), match.group(2) or "(the event)"
    where = f"event {ids[index]} ($.events[{index}]) field {field}"
    return problem.replace(match.group(0), where, 1)


def _schema_problems(raw: bytes) -> list[str]:
    """Every event that breaks the schema, each decoded alone, when the whole store does not."""
    try:
        events = msgspec.json.decode(raw, type=RawEvents).events
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError):
        return []
    problems = []
    for index, event in enumerate(events):
        try:
            msgspec.json.decode(event, type=Event)
        except RecursionError:
            problems.append(f"schema: nested too deeply - at $.events[{index}]")
            continue
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            message = _humanize(str(exc)).replace("$.", f"$.events[{index}].", 1)
            if "$.events" not in message:
                message += f" - at $.events[{index}]"
            problems.append(f"schema: {message}")
    return problems


def check_store(data: str | os.PathLike[str] | None = None) -> Report:
    """Every problem of a store, not only the first, and the role warnings of a valid one."""
    try:
        store_file = read_store_file(data)
    except StoreError as exc:
        return Report(exc.path, [exc.problem], [])
    name = store_file.name
    raw = store_file.raw
    ids = _event_ids(raw)
    try:
        store = decode(raw, name)
    except StoreError as exc:
        problems = [exc.problem]
        if exc.problem.startswith("schema:"):
            problems = _schema_problems(raw) or problems
        return Report(name, [named(p, ids) for p in problems], [])
    problems = cross_check(store)
    if problems:
        return Report(name, [named(p, ids) for p in problems], [])
    warnings = role_warnings(store)
    summary = (
        f"{len(store.events)} events ({store.coverage.start} to {store.coverage.end}), "
        f"{len(store.people)} people, {len(store.sources)} articles, "
        f"{len(store.references)} references, {len(warnings)} warnings, "
        f"schema_version {store.schema_version}"
    )
    return Report(name, [], warnings, summary)
