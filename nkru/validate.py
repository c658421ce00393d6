"""Every problem of a store in one pass, worded for the person who will fix it.

Reading a store (``nkru.store``) stops at its first problem, as a reader must. ``validate``
goes on: each record is decoded on its own, so one broken event does not hide the rest; the
checks across records run over the records that could be read; keys written twice in one
object are problems too (JSON parsers keep the last silently). Each problem names the record
(an event by its id), the field and what is wrong, in words rather than a pattern.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import msgspec

from nkru.dates import day_range
from nkru.errors import StoreError
from nkru.models import (
    TONES,
    TOPICS,
    VERDICTS,
    Coverage,
    Event,
    Person,
    Reference,
    Source,
    Store,
)
from nkru.store import decode, named, read_store_file


def _real_date(partial: str) -> bool:
    if len(partial) < 10:
        return True  # the pattern already bounds year and month
    import datetime

    try:
        datetime.date.fromisoformat(partial)
    except ValueError:
        return False
    return True


def date_parts_problem(parts: list[int]) -> str:
    """What is wrong with a CSL date (``[2024, 13]``: "month 13"), or "" when it is a date."""
    import calendar

    year, month, day = [*parts, 0, 0][:3]
    if not 1 <= year <= 9999:
        return f"year {year}"
    if len(parts) > 1 and not 1 <= month <= 12:
        return f"month {month}"
    if len(parts) > 2 and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"day {day} of {calendar.month_name[month]} {year}"
    return ""


def cross_check(store: Store, unreadable: frozenset[str] = frozenset()) -> list[str]:
    """Problems that span records, each prefixed with its JSON path; empty when there are none.

    ``unreadable`` are ids of records that exist but break the schema (``validate`` reports
    them on their own): a reference to one of them is not also an unknown id.
    """
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
    person_ids = unique("people", (p.id for p in store.people)) | unreadable
    article_ids |= unreadable
    reference_ids |= unreadable
    event_ids = unique("events", (e.id for e in store.events))

    for index, person in enumerate(store.people):
        for r_index, role in enumerate(person.roles):
            where = f"$.people[{index}].roles[{r_index}]"
            _check_span(problems, where, role.start, role.end)

    for index, reference in enumerate(store.references):
        for d_index, parts in enumerate(reference.issued.date_parts):
            wrong = date_parts_problem(parts)
            if wrong:
                at = f"$.references[{index}].issued.date-parts[{d_index}]"
                problems.append(f"{at}: {parts} is not a date: {wrong}")

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
        error = StoreError(store_file.name, problems[0] + extra, problems)
        raise error.with_hint("many") if more else error
    return store


def role_warnings(store: Store) -> list[str]:
    """People on an event who held none of their recorded roles while it happened.

    Not errors: a former leader may take part in an event, and a role's dates may be unknown.
    Each warning names the event and the person.
    """
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


#: An event id as texts name one: a date (year, month, day) and a slug of two words or more.
_EVENT_ID = r"\b(?:1[89]|20)\d\d(?:-\d\d){0,2}(?:-[a-z0-9]+){2,}\b"


def named_event_warnings(store: Store) -> list[str]:
    """Event ids that a summary or note names (``see 1965-02-kosygin-visits-pyongyang``) but
    the store does not hold, as an id or an alias: an event renamed and the text left behind.

    A warning, not an error: an id in prose may be a quotation. Read only by ``validate``,
    never on a start, so a large store pays for the scan only when asked."""
    import re

    known = {e.id for e in store.events} | {a for e in store.events for a in e.aliases}
    warnings = []
    for event in store.events:
        for field, text in (("summary", event.summary), ("note", event.note)):
            if text is None:
                continue
            for lang, prose in (("en", text.en), ("vi", text.vi)):
                for missing in sorted(set(re.findall(_EVENT_ID, prose)) - known):
                    warnings.append(f"{event.id}: {field}.{lang}: names no event: {missing}")
    return warnings


#: The sections of a store and the record type of each item.
_SECTIONS: dict[str, type[msgspec.Struct]] = {
    "sources": Source,
    "people": Person,
    "references": Reference,
    "events": Event,
}
_KNOWN_KEYS = frozenset(["schema_version", "coverage", *_SECTIONS])
_REQUIRED_KEYS = ("schema_version", "coverage", "sources", "people", "events")
#: Patterns of the schema, and what a person is told when a value does not match one.
_DATE_PATTERN = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_CHOICES = {"tone": TONES, "topics": TOPICS, "verdict": VERDICTS}


class Problem(msgspec.Struct):
    """One problem: where it is (a JSON path, the event's id, the field) and what is wrong."""

    path: str
    message: str
    event: str | None = None
    field: str | None = None

    @property
    def line(self) -> str:
        """The problem on one line: ``event 1991-x ($.events[3]) field start: …``."""
        if self.event is not None:
            index = re.match(r"\$\.events\[\d+\]", self.path)
            where = index.group(0) if index else self.path
            return f"event {self.event} ({where}) field {self.field or '(the event)'}: " + (
                self.message
            )
        return f"{self.path}: {self.message}"


class Counts(msgspec.Struct):
    """What a valid store holds, for the one-line summary ``validate`` words."""

    events: int
    start: str
    end: str
    people: int
    articles: int
    references: int
    warnings: int
    version: int


class Report(msgspec.Struct):
    """What ``check_store`` found: every error, the warnings, and a one-line summary of a
    valid store."""

    name: str
    problems: list[Problem]
    warnings: list[str]
    counts: Counts | None = None

    @property
    def errors(self) -> list[str]:
        """Each error as one line."""
        return [p.line for p in self.problems]


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys written more than once in it."""

    twice: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object()
    found.twice = []
    for key, value in pairs:
        if key in found:
            found.twice.append(key)
        found[key] = value
    return found


def _value_at(root: Any, path: str) -> Any:
    """The value at a msgspec path such as ``$.sources[0].source``, or None."""
    node = root
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path[1:]):
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
    return node


def _date_words(value: str) -> str:
    """Why ``value`` is not an ISO partial date."""
    if not re.fullmatch(r"\d{4}(-\d{1,2}(-\d{1,2})?)?", value):
        return "write YYYY, YYYY-MM or YYYY-MM-DD"
    parts = value.split("-")
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12:
        return f"month {int(parts[1])}"
    if len(parts) > 1 and len(parts[1]) != 2:
        return "the month needs two digits"
    if len(parts) > 2 and not 1 <= int(parts[2]) <= 31:
        return f"day {int(parts[2])}"
    return "the day needs two digits"


def _worded(message: str, record: Any) -> tuple[str, str]:
    """msgspec's message about ``record`` as (field path, words a person can act on)."""
    message = message.replace("`", "")
    at = re.search(r" - at (\$\S*)$", message)
    path = at.group(1) if at else "$"
    text = message[: at.start()] if at else message
    field = path[2:] if path.startswith("$.") else ""
    name = re.sub(r"\[\d+\]$", "", field.rsplit(".", 1)[-1]) if field else ""
    value = _value_at(record, path)
    shown = repr(value) if isinstance(value, str) and len(value) <= 60 else "the value"
    if found := re.match(r"Object missing required field (\S+)", text):
        missing = found.group(1)
        return (f"{field}.{missing}" if field else missing), "is missing: it is required"
    if found := re.match(r"Object contains unknown field (\S+)", text):
        extra = found.group(1)
        return (f"{field}.{extra}" if field else extra), "is not a field nkru knows"
    if "matching regex" in text and _DATE_PATTERN in text and isinstance(value, str):
        return field, f"{shown} is not a date: {_date_words(value)}"
    if "matching regex" in text and "[a-z0-9]+" in text:
        return field, f"{shown} is not an id: use lower-case letters, digits and hyphens"
    if "matching regex" in text and "[A-Z]{2}" in text:
        return field, f"{shown} is not a two-letter country code (KP, RU, SU, ...)"
    if text.startswith("Invalid enum value"):
        choices = _CHOICES.get(name)
        listed = f": choose one of {', '.join(choices)}" if choices else ""
        return field, f"{shown} is not allowed here{listed}"
    if found := re.match(r"Expected (\w+) of length >= (\d+)", text):
        what = "text" if found.group(1) == "str" else "a list"
        return field, f"must be {what} of at least {found.group(2)} (it is empty)"
    if found := re.match(r"Expected (\w+) of length <= (\d+)", text):
        return field, f"is longer than the {found.group(2)} allowed"
    if found := re.match(r"Expected (\S+), got (\S+)", text):
        kinds = {"str": "text", "int": "a whole number", "array": "a list", "object": "an object"}
        want = " or ".join(kinds.get(k, k) for k in found.group(1).split("|"))
        got = {"str": "text", "int": "a number", "float": "a number", "null": "null"}.get(
            found.group(2), found.group(2)
        )
        return field, f"must be {want}, not {got}"
    return field, text


def _record_id(record: Any) -> str | None:
    ident = record.get("id") if isinstance(record, dict) else None
    return ident if isinstance(ident, str) else None


def _twice(node: Any, path: str, out: list[Problem]) -> None:
    """A problem for every key written twice, anywhere in the document."""
    if isinstance(node, _Object):
        for key in node.twice:
            out.append(Problem(f"{path}.{key}", "is written twice in one object; keep one"))
        for key, value in node.items():
            _twice(value, f"{path}.{key}", out)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _twice(item, f"{path}[{index}]", out)


def _events_named(problem: Problem, ids: list[str | None]) -> Problem:
    found = re.match(r"\$\.events\[(\d+)\]\.?(\S*)", problem.path)
    if found is None or problem.event is not None:
        return problem
    index = int(found.group(1))
    ident = ids[index] if index < len(ids) else None
    if ident is None:
        return problem
    return Problem(problem.path, problem.message, ident, found.group(2) or None)


def _cross_problem(line: str, where: Callable[[str, int], int]) -> Problem:
    """A cross-record problem (``$.events[3].people[0]: unknown person 'x'``) as a Problem,
    its index mapped back from the records that could be read to the file's."""
    path, _, message = line.partition(": ")

    def remap(found: re.Match[str]) -> str:
        return f"$.{found.group(1)}[{where(found.group(1), int(found.group(2)))}]"

    return Problem(re.sub(r"^\$\.(\w+)\[(\d+)\]", remap, path), message)


def check_store(data: str | os.PathLike[str] | None = None) -> Report:
    """Every problem of a store, schema and cross-reference alike, and the role warnings of a
    valid one."""
    try:
        store_file = read_store_file(data)
    except StoreError as exc:
        return Report(exc.path, [Problem("$", exc.problem)], [])
    name, raw = store_file.name, store_file.raw
    import json  # the standard parser, for its hook on every object's keys

    try:
        document = json.loads(raw, object_pairs_hook=_object)
    except (ValueError, RecursionError):
        try:
            decode(raw, name)
        except StoreError as exc:
            return Report(name, [Problem("$", exc.problem)], [])
        return Report(name, [Problem("$", "not valid JSON")], [])
    problems: list[Problem] = []
    _twice(document, "$", problems)
    if not isinstance(document, dict):
        problems.append(Problem("$", "a store is a JSON object with events, people and sources"))
        return Report(name, problems, [])
    for key in document:
        if key not in _KNOWN_KEYS:
            problems.append(Problem(f"$.{key}", "is not a part of a store nkru knows"))
    for key in _REQUIRED_KEYS:
        if key not in document:
            problems.append(Problem(f"$.{key}", "is missing: a store needs it"))
    if "schema_version" in document and document["schema_version"] != 2:
        problems.append(
            Problem("$.schema_version", f"is {document['schema_version']!r}; this nkru reads 2")
        )
    coverage: Coverage | None = None
    if "coverage" in document:
        try:
            coverage = msgspec.json.decode(msgspec.json.encode(document["coverage"]), type=Coverage)
        except msgspec.ValidationError as exc:
            field, words = _worded(str(exc), document["coverage"])
            problems.append(Problem(f"$.coverage.{field}".rstrip("."), words))
    readable: dict[str, list[Any]] = {}
    places: dict[str, list[int]] = {}
    unreadable: set[str] = set()
    event_ids: list[str | None] = []
    for section, kind in _SECTIONS.items():
        items = document.get(section, [])
        readable[section], places[section] = [], []
        if not isinstance(items, list):
            problems.append(Problem(f"$.{section}", "must be a list"))
            continue
        for index, item in enumerate(items):
            if section == "events":
                event_ids.append(_record_id(item))
            try:
                record = msgspec.json.decode(msgspec.json.encode(item), type=kind)
            except msgspec.ValidationError as exc:
                field, words = _worded(str(exc), item)
                at = f"$.{section}[{index}]" + (f".{field}" if field else "")
                problems.append(Problem(at, words))
                if ident := _record_id(item):
                    unreadable.add(ident)
                continue
            readable[section].append(record)
            places[section].append(index)
    if coverage is not None:

        def where(section: str, index: int) -> int:
            found = places.get(section, [])
            return found[index] if index < len(found) else index

        partial = Store(
            schema_version=2,
            coverage=coverage,
            sources=readable["sources"],
            people=readable["people"],
            events=readable["events"],
            references=readable["references"],
        )
        problems += [_cross_problem(p, where) for p in cross_check(partial, frozenset(unreadable))]
    problems = [_events_named(p, event_ids) for p in problems]
    if problems:
        return Report(name, problems, [])
    store = decode(raw, name)
    warnings = role_warnings(store) + named_event_warnings(store)
    counts = Counts(
        events=len(store.events),
        start=store.coverage.start,
        end=store.coverage.end,
        people=len(store.people),
        articles=len(store.sources),
        references=len(store.references),
        warnings=len(warnings),
        version=store.schema_version,
    )
    return Report(name, [], warnings, counts)
