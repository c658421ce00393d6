"""The full view of one event for ``nkru show``: plain text, wrapped to the terminal."""

from __future__ import annotations

import textwrap

from nkru.index import Catalog
from nkru.models import Event
from nkru.render import TONE_LABELS, TONE_MARKS, VERDICTS, human_span, source_info

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
        f"{p.name.en} / {p.name.vi}"
        + "".join(f" / {x}" for x in (p.cyrillic, p.hangul) if x)
        + f", {p.country} [{p.id}]"
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
        info = source_info(catalog, citation.source)
        sources.append(_cite(info))
        if citation.where:
            sources.append(f"  at: “{citation.where}”")
        if citation.quote:
            sources.append(f"  supports: “{citation.quote}”")
    lines += _field("Sources", sources, width)
    if event.note is not None:
        lines += _field("Note", [event.note.en, "", event.note.vi], width)
    if event.claims:
        claims = []
        for number, claim in enumerate(event.claims, start=1):
            verdict = VERDICTS[claim.verdict]
            claims.append(
                f"{number}. {verdict.en} / {verdict.vi}: {_cite(source_info(catalog, claim.source))}"
            )
            claims.append(f"  at: “{claim.where}”")
            claims.append(f"  says: {claim.says.en} / {claim.says.vi}")
            claims.append(f"  record: {claim.record.en} / {claim.record.vi}")
            for ref in claim.references:
                claims.append(f"  reference: {_cite(source_info(catalog, ref))}")
        lines += _field("Disputed", claims, width)
    if event.aliases:
        lines += _field("Former ids", [", ".join(event.aliases)], width)
    return "\n".join(lines) + "\n"


def _cite(info: dict[str, object]) -> str:
    """Publisher, title, date and link of a source, as a reader cites it."""
    if info.get("kind") == "article":
        by = f"{info['publisher']}, " if info.get("publisher") else ""
        return f"{info['title']} ({by}{info['date']}) [{info['id']}]"
    parts = [
        str(info.get("publisher") or ""),
        f"“{info.get('title', '')}”",
        str(info.get("date") or ""),
    ]
    text = ", ".join(p for p in parts if p)
    if info.get("url"):
        text += f" {info['url']}"
    return f"{text} [{info['id']}]"
