"""The full view of one event for ``nkru show``: plain text, wrapped to the terminal."""

from __future__ import annotations

import textwrap

from nkru.models import Event
from nkru.render import TONE_LABELS, TONE_MARKS, human_span
from nkru.store import Catalog

_LABEL_WIDTH = 11


def _field(label: str, lines: list[str], width: int) -> list[str]:
    """``label`` in a left column, each of ``lines`` wrapped in the right one."""
    out: list[str] = []
    indent = " " * _LABEL_WIDTH
    for number, line in enumerate(lines):
        prefix = label.ljust(_LABEL_WIDTH) if number == 0 else indent
        out += textwrap.wrap(
            line, width=width, initial_indent=prefix, subsequent_indent=indent
        ) or [prefix.rstrip()]
    return out


def event_detail(event: Event, catalog: Catalog, width: int = 100) -> str:
    """Every field of the event, both languages, each source with where in it."""
    when = human_span(event, "en")
    if event.period is not None:
        when += f"  ({event.period.en} / {event.period.vi})"
    iso = event.start if event.end is None else f"{event.start} / {event.end}"
    if iso != when:
        when += f"   [{iso}]"
    lines = [event.id, ""]
    lines += _field("When", [when], width)
    lines += _field("Title", [event.title.en, event.title.vi], width)
    lines += _field("Summary", [event.summary.en, "", event.summary.vi], width)
    tone = f"{TONE_MARKS[event.tone]} {event.tone} / {TONE_LABELS[event.tone].vi}"
    lines += _field("Tone", [tone], width)
    lines += _field("Topics", [", ".join(event.topics)], width)
    people = [
        f"{p.name.en}" + (f" ({p.native})" if p.native else "") + f", {p.country} [{p.id}]"
        for p in catalog.people_of(event)
    ]
    if people:
        lines += _field("People", people, width)
    if event.countries:
        lines += _field("Countries", [", ".join(event.countries)], width)
    if event.places:
        lines += _field("Places", [", ".join(f"{p.en} / {p.vi}" for p in event.places)], width)
    sources = []
    for citation in event.sources:
        source = catalog.sources[citation.source]
        by = ", ".join(x for x in (source.author, source.agency) if x)
        sources.append(f"{source.title} ({by + ', ' if by else ''}{source.date}) [{source.id}]")
        sources.append(f"  at: “{citation.where}”")
    lines += _field("Sources", sources, width)
    if event.note is not None:
        lines += _field("Note", [event.note.en, "", event.note.vi], width)
    return "\n".join(lines) + "\n"
