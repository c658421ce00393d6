"""The TimelineJS format: the selection as a web timeline a publisher can embed.

Every text from the store is HTML-escaped. Sources are credited in the reader's language under
a "Sources" label; dates shown always carry the year; the title slide says what was selected;
eras mark the Soviet and Russian leaders' periods.
"""

from __future__ import annotations

import html
from typing import Any

from nkru.dates import day_range
from nkru.render.dates import human_date, human_span
from nkru.render.encode import as_json
from nkru.render.listing import Listing, cite, source_info

#: Whose roles can make an era: Moscow's.
_MOSCOW = frozenset({"SU", "RU"})
#: Roles that make an era: who led Moscow.
_ERA_ROLES = (
    "First Secretary",
    "General Secretary",
    "President of Russia",
    "President of the Soviet Union",
    "Leader of the Soviet Union",
)


def _date(partial: str) -> dict[str, str]:
    parts = partial.split("-")
    return dict(zip(("year", "month", "day"), [str(int(p)) for p in parts], strict=False))


def timeline(listing: Listing, width: int = 0) -> bytes:
    """TimelineJS JSON for an event listing."""
    catalog = listing.catalog
    assert catalog is not None
    labels = listing.labels
    lang = listing.lang
    events: list[dict[str, Any]] = []
    for event in listing.events:
        body = f"<p>{html.escape(event.summary.get(lang))}</p>"
        if event.note is not None:
            body += f"<p><em>{html.escape(event.note.get(lang))}</em></p>"
        for claim in event.claims:
            verdict = labels.verdicts[claim.verdict]
            body += (
                f"<p><strong>{html.escape(labels.messages.disputed)}</strong> "
                f"({html.escape(verdict)}): {html.escape(claim.record.get(lang))}</p>"
            )
        cited = dict.fromkeys(c.source for c in event.sources)  # each source once, in order
        credits = "".join(
            f"<li>{html.escape(cite(source_info(catalog, source), lang))}</li>" for source in cited
        )
        body += f"<p>{html.escape(labels.messages.sources_label)}:</p><ul>{credits}</ul>"
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _date(event.start),
            "display_date": human_span(event, labels),
            "text": {"headline": html.escape(event.title.get(lang)), "text": body},
            "group": labels.tones[event.tone],
        }
        if event.end is not None and event.end != event.start:
            item["end_date"] = _date(event.end)
        events.append(item)
    first = min((e.start for e in listing.events), default=catalog.coverage.start)
    last = max((e.last for e in listing.events), default=catalog.coverage.end)
    # An event that began before the dates asked for (or ends after them) does not widen
    # the title: ``the 1990s`` reads 1990 to 1998, not 1953 to 1998.
    since, until = listing.window
    if since is not None and day_range(first)[0] < day_range(since)[0]:
        first = since
    if until is not None and day_range(last)[1] > day_range(until)[1]:
        last = until
    start, end = human_date(first, labels), human_date(last, labels)
    if listing.selection:
        headline = labels.messages.title_some.format(what=listing.selection, start=start, end=end)
    else:
        headline = labels.messages.title_all.format(start=start, end=end)
    title = {
        "unique_id": "title",
        "text": {
            "headline": html.escape(headline),
            "text": html.escape(labels.messages.title_text.format(count=len(events))),
        },
    }
    return as_json({"title": title, "events": events, "eras": _eras(listing, first, last)})


def _eras(listing: Listing, first: str, last: str) -> list[dict[str, Any]]:
    """The periods of Moscow's leaders that overlap the selection, one per continuous tenure
    (Putin's acting presidency and presidency are one era), cut to the selection's dates so
    an era never stretches the timeline (Stalin's began in 1922)."""
    catalog = listing.catalog
    assert catalog is not None
    spans: list[tuple[str, str, str]] = []  # start, end, person id
    for person in catalog.people.values():
        if person.country not in _MOSCOW:
            continue  # "General Secretary" is also a title in Pyongyang
        tenures: list[list[str]] = []
        for role in sorted(person.roles, key=lambda r: r.start or ""):
            if role.start is None or not any(r in role.title.en for r in _ERA_ROLES):
                continue
            end = role.end or catalog.coverage.end
            if tenures and role.start <= tenures[-1][1]:
                tenures[-1][1] = max(tenures[-1][1], end)
            else:
                tenures.append([role.start, end])
        for begin, end in tenures:
            if end < first[: len(end)] or begin[:4] > last[:4]:
                continue
            begin = first if _day(begin, 0) < _day(first, 0) else begin
            end = last if _day(end, 1) > _day(last, 1) else end
            spans.append((begin, end, person.id))
    eras = [
        {
            "start_date": _date(begin),
            "end_date": _date(end),
            "text": {"headline": html.escape(catalog.people[pid].name.get(listing.lang))},
        }
        for begin, end, pid in spans
    ]
    return sorted(eras, key=lambda e: [int(v) for v in e["start_date"].values()])


def _day(partial: str, side: int) -> str:
    """The first (``side`` 0) or last (1) day a partial date stands for."""
    return day_range(partial)[side]
