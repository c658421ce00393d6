"""The full view of one event (``nkru show``): every field, both languages, wrapped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nkru.labels import labels_for
from nkru.render.dates import human_span
from nkru.render.listing import TONE_MARKS, cite, source_info
from nkru.render.safe import one_line
from nkru.render.wrap import wrap

if TYPE_CHECKING:
    from nkru.index import Catalog
    from nkru.models import Event


def _field(label: str, lines: list[str], width: int, label_width: int) -> list[str]:
    """``label`` in a left column, each of ``lines`` wrapped in the right one (by terminal
    cells, so Korean text fits); a line that starts with spaces keeps them as its indent."""
    out: list[str] = []
    indent = " " * label_width
    for number, line in enumerate(lines):
        prefix = label.ljust(label_width) if number == 0 else indent
        text = one_line(line)
        inset = text[: len(text) - len(text.lstrip(" "))]
        # Under "supports:", "says:" or "record:", wrapped lines hang below the text.
        label_of = re.match(r"\s*[^\s:“]+: ", text)
        hang = indent + " " * (len(label_of.group()) if label_of else len(inset))
        out += wrap(text, width, prefix + inset, hang) or [prefix.rstrip()]
    return out


def event_detail(event: Event, catalog: Catalog, lang: str = "en", width: int = 100) -> str:
    """Every field of the event, both languages, each source with its publisher, date, link."""
    labels = labels_for(lang)
    other = labels_for("vi" if lang == "en" else "en")
    names = labels.fields
    label_width = max(len(v) for v in names.values()) + 2

    def field(key: str, lines: list[str]) -> list[str]:
        return _field(names[key], lines, width, label_width)

    when = human_span(event, labels)
    if event.period is not None:
        when += f"  ({event.period.get(lang)})"
    iso = event.start if event.end is None else f"{event.start} / {event.end}"
    lines = [event.id, ""]
    shown = when if iso in (when, f"{event.start}–{event.end}") else f"{when}   [{iso}]"
    lines += field("when", [shown])
    lines += field("title", [event.title.get(lang), event.title.get(other.code)])
    lines += field("summary", [event.summary.get(lang), "", event.summary.get(other.code)])
    tone = f"{TONE_MARKS[event.tone]} {labels.tones[event.tone]} / {other.tones[event.tone]}"
    lines += field("tone", [tone])
    lines += field("topics", [", ".join(labels.topics.get(t, t) for t in event.topics)])
    people = [
        f"{p.name.get(lang)}"
        + "".join(f" / {x}" for x in (p.cyrillic, p.hangul) if x)
        + f", {p.country} [{p.id}]"
        for p in catalog.people_of(event)
    ]
    if people:
        lines += field("people", people)
    if event.countries:
        lines += field("countries", [", ".join(event.countries)])
    if event.places:
        lines += field("places", [", ".join(p.get(lang) for p in event.places)])
    # Each source once, with every passage cited from it beneath.
    passages: dict[str, list[str]] = {}
    for citation in event.sources:
        cited = passages.setdefault(citation.source, [])
        if citation.where:
            cited.append(f"  {names['at']}: “{citation.where}”")
        if citation.quote:
            cited.append(f"  {names['supports']}: “{citation.quote}”")
    sources = []
    for source_id, cited in passages.items():
        sources.append(f"{cite(source_info(catalog, source_id), lang)} [{source_id}]")
        sources += cited
    lines += field("sources", sources)
    if event.note is not None:
        lines += field("note", [event.note.get(lang)])
    if event.claims:
        claims = []
        for number, claim in enumerate(event.claims, start=1):
            said_by = cite(source_info(catalog, claim.source), lang)
            claims.append(f"{number}. {labels.verdicts[claim.verdict]}: {said_by}")
            claims.append(f"  {names['at']}: “{claim.where}”")
            claims.append(f"  {names['says']}: {claim.says.get(lang)}")
            claims.append(f"  {names['record']}: {claim.record.get(lang)}")
            for ref in claim.references:
                claims.append(f"  {names['reference']}: {cite(source_info(catalog, ref), lang)}")
        lines += field("disputed", claims)
    if event.aliases:
        lines += field("aliases", [", ".join(event.aliases)])
    return "\n".join(lines) + "\n"
