"""Listings: what a command prints, as data, built once and rendered in any format.

A ``Listing`` has columns (a heading for people, a key for machines, how much it matters
when space is short), one row of display text per item, the JSON records, and, for event
listings, the events themselves (TimelineJS needs them whole).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from nkru.labels import Labels, labels_for
from nkru.models import Claim, Event, Person, Text
from nkru.query import Filters, Hit
from nkru.render.dates import human_date, human_span

if TYPE_CHECKING:
    from nkru.index import Catalog
    from nkru.trend import Period

TONE_MARKS = {"warming": "▲", "cooling": "▼", "steady": "■"}
TONE_STYLES = {"warming": "green", "cooling": "red", "steady": "yellow"}
DISPUTED_MARK = "⚑"
#: The mark of an event whose reports only differ on a detail: weaker than a dispute.
DIFFER_MARK = "≈"


class Column:
    """One column: ``key`` for machines (CSV header), ``heading`` for people.

    ``priority``: columns with higher numbers give way first when a table is too wide.
    ``whole``: never wrapped (ids, dates, counts); other columns wrap between words.
    ``units``: may wrap only at this separator (dates: ``1950 – 1953``).

    A plain class: dataclasses generate their methods with ``exec`` at import, which costs
    every start of the command line a millisecond.
    """

    __slots__ = ("heading", "justify", "key", "priority", "units", "whole")

    def __init__(
        self,
        key: str,
        heading: str,
        priority: int = 0,
        whole: bool = False,
        justify: str = "left",
        units: str | None = None,
    ) -> None:
        self.key = key
        self.heading = heading
        self.priority = priority
        self.whole = whole
        self.justify = justify
        self.units = units


class Listing:
    """What one command prints.

    ``styles``: per row, the Rich style of each column that has one (tone colours).
    ``label``: the key of the column that names a row in the stacked layout.
    ``under``: in a table, a column whose text goes on a second line under another's
    (``{"id": "title"}``: the id under the title, whole, ready to copy).
    ``events``: the events themselves, for formats that need them whole (TimelineJS).
    ``selection``: the filters in words, for the title of an exported timeline.
    ``window``: the dates the filters asked for (ISO partial dates, either may be None); an
    exported timeline's title keeps within them even when an event runs beyond.
    """

    def __init__(
        self,
        kind: str,
        lang: str,
        columns: list[Column],
        rows: list[list[str]],
        records: list[dict[str, Any]],
        styles: list[dict[str, str]] | None = None,
        label: str = "id",
        under: dict[str, str] | None = None,
        events: list[Event] | None = None,
        selection: str = "",
        catalog: Catalog | None = None,
        table_width: int = 0,
        window: tuple[str | None, str | None] = (None, None),
    ) -> None:
        self.kind = kind
        self.lang = lang
        self.columns = columns
        self.rows = rows
        self.records = records
        self.styles = styles or []
        self.label = label
        self.under = under or {}
        self.events = events or []
        self.selection = selection
        self.window = window
        self.catalog = catalog
        #: Below this width the stacked layout reads better than a table (long texts).
        self.table_width = table_width
        self.periods: list[Period] = []

    @property
    def labels(self) -> Labels:
        return labels_for(self.lang)


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"en": text.en, "vi": text.vi}


# --- sources as a reader cites them ----------------------------------------------------------


def source_info(catalog: Catalog, source_id: str) -> dict[str, Any]:
    """An article or reference as a reader cites it: kind, title, publisher, date and link."""
    article = catalog.sources.get(source_id)
    if article is not None:
        return {
            "id": article.id,
            "kind": "article",
            "title": article.title,
            "title_translated": _text(article.title_translated),
            "publisher": article.publisher,
            "author": article.author,
            "based_on": article.agency,
            "date": article.date,
            "url": article.url,
        }
    reference = catalog.references.get(source_id)
    if reference is None:
        return {"id": source_id, "kind": "unknown", "title": source_id}
    return {
        "id": reference.id,
        "kind": "reference",
        "title": reference.title,
        "publisher": reference.publisher,
        "container_title": reference.container_title,
        "date": reference.issued.iso,
        "url": reference.URL,
    }


def cite(info: dict[str, Any], lang: str) -> str:
    """A source in one line: publisher, “title”, date (and link)."""
    if info.get("kind") == "article":
        title = info["title"]
        translated = (info.get("title_translated") or {}).get(lang)
        if lang == "en" and translated:
            title = f"{title} ({translated})"
        by = ", ".join(str(info[k]) for k in ("author", "publisher") if info.get(k))
        text = f"“{title}”, {by + ', ' if by else ''}{info['date']}"
        return f"{text} <{info['url']}>" if info.get("url") else text
    parts = [str(info.get("publisher") or ""), f"“{info.get('title', '')}”"]
    if info.get("date"):
        parts.append(str(info["date"]))
    text = ", ".join(p for p in parts if p)
    # In angle brackets, so that a terminal or a reader never takes the ";" after it as part
    # of the link.
    return f"{text} <{info['url']}>" if info.get("url") else text


# --- events -------------------------------------------------------------------------------------


def claim_record(claim: Claim, catalog: Catalog) -> dict[str, Any]:
    """A claim as a JSON object, its source and references resolved."""
    return {
        "source": source_info(catalog, claim.source),
        "where": claim.where,
        "says": _text(claim.says),
        "record": _text(claim.record),
        "verdict": claim.verdict,
        "kind": "sources-differ" if claim.verdict == "sources-differ" else "error",
        "references": [source_info(catalog, r) for r in claim.references],
    }


def event_record(
    event: Event, catalog: Catalog, score: float | None = None, matched: Sequence[str] = ()
) -> dict[str, Any]:
    """The event as a JSON object: the store's event with people and sources resolved.

    Keys are documented in the README and only ever added; ``score`` and ``matched`` only in
    search results.
    """
    record: dict[str, Any] = {
        "id": event.id,
        "start": event.start,
        "end": event.end,
        "approximate": event.approximate,
        "period": _text(event.period),
        "title": _text(event.title),
        "summary": _text(event.summary),
        "tone": event.tone,
        "topics": list(event.topics),
        "people": [{"id": p.id, "name": _text(p.name)} for p in catalog.people_of(event)],
        "countries": list(event.countries),
        "places": [_text(place) for place in event.places],
        "sources": [
            {
                "source": c.source,
                "where": c.where,
                "quote": c.quote,
                **source_info(catalog, c.source),
            }
            for c in event.sources
        ],
        "note": _text(event.note),
        "disputed": event.disputed,
        "dispute": event.dispute,
        "claims": [claim_record(c, catalog) for c in event.claims],
        "aliases": list(event.aliases),
    }
    if score is not None:
        record["score"] = score
        record["matched"] = list(matched)
    return record


def titled(event: Event, labels: Labels) -> str:
    """The title, marked when some source's account of the event is disputed (the record
    shows a source wrong) or when reports only differ on a detail."""
    title = event.title.get(labels.code)
    if event.dispute == "error":
        return f"{title} [{DISPUTED_MARK} {labels.messages.disputed}]"
    if event.dispute == "sources-differ":
        return f"{title} [{DIFFER_MARK} {labels.messages.sources_differ}]"
    return title


def selection_words(
    filters: Filters, catalog: Catalog, lang: str, extra: str = "", decade: int | None = None
) -> str:
    """The filters in words of ``lang``, for the title of an exported timeline or page."""
    labels = labels_for(lang)
    parts = [extra] if extra else []
    if decade is not None:
        parts.append(labels.messages.decade.format(decade=decade))
    if filters.person_ids:
        names = (catalog.people[p].name.get(lang) for p in filters.person_ids)
        parts.append(", ".join(sorted(names)))
    for topic in sorted({filters.topic, *(filters.topics or ())} - {None}):
        parts.append(labels.topics.get(str(topic), str(topic)))
    if filters.tone:
        parts.append(labels.tones[filters.tone])
    return "; ".join(parts)


def events_listing(
    hits: Sequence[Hit],
    catalog: Catalog,
    lang: str,
    selection: str = "",
    window: tuple[str | None, str | None] = (None, None),
) -> Listing:
    """Events in a table: when, title (disputed marked), people, tone, id; score first for a
    search."""
    labels = labels_for(lang)
    head = labels.headings
    scored = any(h.score is not None for h in hits)
    columns = [
        Column("when", head["when"], 0, units=" – "),
        Column("title", head["event"], 0),
        Column("people", head["people"], 3),
        Column("tone", head["tone"], 2, whole=True),
        Column("id", head["id"], 0, whole=True),
    ]
    if scored:
        columns.insert(0, Column("score", head["score"], 1, whole=True, justify="right"))
    rows, styles = [], []
    for hit in hits:
        event = hit.event
        row = [
            human_span(event, labels),
            titled(event, labels),
            ", ".join(p.name.get(lang) for p in catalog.people_of(event)),
            f"{TONE_MARKS[event.tone]} {labels.tones[event.tone]}",
            event.id,
        ]
        if scored:
            row.insert(0, "" if hit.score is None else f"{hit.score:.1f}")
        rows.append(row)
        styles.append({"tone": TONE_STYLES[event.tone]})
    records = [event_record(h.event, catalog, h.score, h.matched) for h in hits]
    return Listing(
        "events",
        lang,
        columns,
        rows,
        records,
        styles,
        under={"id": "title"},
        events=[h.event for h in hits],
        selection=selection,
        catalog=catalog,
        window=window,
    )


def event_flat(record: dict[str, Any], lang: str) -> dict[str, str]:
    """An event record as flat text fields, for CSV and tab-separated output."""
    return {
        "id": record["id"],
        "start": record["start"],
        "end": record["end"] or record["start"],
        "approximate": "true" if record["approximate"] else "false",
        "tone": record["tone"],
        "topics": "; ".join(record["topics"]),
        "people": "; ".join(p["name"][lang] for p in record["people"]),
        "title": record["title"][lang],
        "summary": record["summary"][lang],
        "sources": "; ".join(
            f"{s['source']}: {s['where'] or s['quote'] or ''}" for s in record["sources"]
        ),
        "source_details": " | ".join(
            ", ".join(
                str(part)
                for part in (s["source"], s.get("publisher"), s.get("title"), s.get("date"))
                if part
            )
            + (f" <{s['url']}>" if s.get("url") else "")
            for s in {s["source"]: s for s in record["sources"]}.values()
        ),
        "source_urls": " ".join(dict.fromkeys(s["url"] for s in record["sources"] if s.get("url"))),
        "note": record["note"][lang] if record["note"] else "",
        "disputed": "true" if record["disputed"] else "false",
        **({"score": f"{record['score']:.1f}"} if "score" in record else {}),
    }


# --- people --------------------------------------------------------------------------------------


def person_record(person: Person, catalog: Catalog) -> dict[str, Any]:
    """A person as a JSON object, with the events they take part in."""
    events = catalog.event_ids_of_person(person.id)
    years = [int(e[:4]) for e in events]
    return {
        "id": person.id,
        "name": _text(person.name),
        "cyrillic": person.cyrillic,
        "hangul": person.hangul,
        "aliases": list(person.aliases),
        "spellings": person.spellings(),
        "country": person.country,
        "roles": [
            {"title": _text(role.title), "start": role.start, "end": role.end}
            for role in person.roles
        ],
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
        "event_count": len(events),
        "events": events,
    }


def _roles(person: Person, labels: Labels) -> str:
    parts = []
    for role in person.roles:
        start = (role.start or "?")[:4]
        end = (role.end or "")[:4]
        years = start if start == end else f"{start}–{end}"
        parts.append(f"{role.title.get(labels.code)} ({years})")
    return "; ".join(parts)


def people_listing(people: Sequence[Person], catalog: Catalog, lang: str) -> Listing:
    """People: name, other scripts, country, roles with years, years in the store, events."""
    labels = labels_for(lang)
    head = labels.headings
    columns = [
        Column("name", head["name"], 0, whole=True),
        Column("scripts", head["scripts"], 3),
        Column("country", head["country"], 4, whole=True),
        Column("roles", head["roles"], 2),
        Column("years", head["years"], 5, whole=True),
        Column("events", head["events"], 1, whole=True, justify="right"),
        Column("id", head["id"], 0, whole=True),
    ]
    records = [person_record(p, catalog) for p in people]
    rows = []
    for person, record in zip(people, records, strict=True):
        first, last = record["first_year"], record["last_year"]
        years = "" if first is None else (str(first) if first == last else f"{first}–{last}")
        rows.append(
            [
                person.name.get(lang),
                " / ".join(x for x in (person.cyrillic, person.hangul) if x),
                person.country,
                _roles(person, labels),
                years,
                str(record["event_count"]),
                person.id,
            ]
        )
    return Listing("people", lang, columns, rows, records, catalog=catalog)


# --- sources and references ------------------------------------------------------------------


def sources_listing(catalog: Catalog, lang: str) -> Listing:
    """The two articles, then every reference: kind, title, publisher, date, events citing."""
    labels = labels_for(lang)
    head = labels.headings
    cited = catalog.citing()
    records: list[dict[str, Any]] = []
    for source in catalog.sources.values():
        events = cited.get(source.id, [])
        records.append(
            {
                "id": source.id,
                "kind": "article",
                "title": source.title,
                "title_translated": _text(source.title_translated),
                "author": source.author,
                "agency": source.agency,
                "based_on": source.agency,
                "publisher": source.publisher,
                "url": source.url,
                "language": source.language,
                "date": source.date,
                "description": _text(source.description),
                "covers_start": source.covers_start,
                "covers_end": source.covers_end,
                "event_count": len(events),
                "events": events,
            }
        )
    for reference in sorted(catalog.references.values(), key=lambda r: (r.issued.iso, r.id)):
        events = cited.get(reference.id, [])
        records.append(
            {
                "kind": "reference",
                **msgspec.to_builtins(reference),
                "date": reference.issued.iso,
                "url": reference.URL,
                "event_count": len(events),
                "events": events,
            }
        )
    columns = [
        Column("id", head["id"], 0, whole=True),
        Column("kind", head["kind"], 3, whole=True),
        Column("title", head["title"], 0),
        Column("publisher", head["publisher"], 0),
        Column("date", head["date"], 2, whole=True),
        Column("events", head["events"], 1, whole=True, justify="right"),
        Column("url", head["link"], 4, units="/"),
    ]
    rows = []
    for r in records:
        title = r["title"]
        if r["kind"] == "article":
            title = f"{r['title']} ({r['title_translated'][lang]})"
        rows.append(
            [
                r["id"],
                labels.kinds[r["kind"]],
                title,
                r.get("publisher") or "",
                human_date(r["date"], labels),
                str(r["event_count"]),
                r.get("url") or "",
            ]
        )
    under = {"id": "title", "url": "title"}
    return Listing("sources", lang, columns, rows, records, under=under, catalog=catalog)


# --- disputes ----------------------------------------------------------------------------------


def disputes_listing(catalog: Catalog, events: Sequence[Event], lang: str) -> Listing:
    """One row a claim: the event, who says what, what the record shows, verdict, reference."""
    labels = labels_for(lang)
    head = labels.headings
    columns = [
        Column("id", head["id"], 0, whole=True),
        Column("title", head["event"], 0),
        Column("source", head["source"], 2),
        Column("says", head["says"], 0),
        Column("record", head["record"], 0),
        Column("verdict", head["verdict"], 1),
        Column("reference", head["reference"], 3),
    ]
    records, rows = [], []
    for event in events:
        if not event.disputed:
            continue
        claims = [claim_record(c, catalog) for c in event.claims]
        records.append(
            {
                "id": event.id,
                "start": event.start,
                "end": event.end,
                "title": _text(event.title),
                "disputed": True,
                "dispute": event.dispute,
                "claims": claims,
            }
        )
        for claim in claims:
            rows.append(
                [
                    event.id,
                    titled(event, labels),
                    cite(claim["source"], lang),
                    claim["says"][lang],
                    claim["record"][lang],
                    labels.verdicts[claim["verdict"]],
                    "; ".join(cite(r, lang) for r in claim["references"]),
                ]
            )
    under = {"id": "title"}
    return Listing(
        "disputes", lang, columns, rows, records, catalog=catalog, table_width=160, under=under
    )


# --- trend ---------------------------------------------------------------------------------------


def trend_listing(periods: Sequence[Period], lang: str) -> Listing:
    """Per period: how many events warmed, cooled or held the relationship steady."""
    from nkru.trend import period_record

    labels = labels_for(lang)
    head = labels.headings
    columns = [
        Column("period", head["period"], 0, whole=True),
        Column("warming", head["warming"], 0, whole=True, justify="right"),
        Column("cooling", head["cooling"], 0, whole=True, justify="right"),
        Column("steady", head["steady"], 0, whole=True, justify="right"),
        Column("net", "net", 0, whole=True, justify="right"),
    ]
    records = [period_record(p) for p in periods]
    rows = [
        [p.label, str(len(p.warming)), str(len(p.cooling)), str(len(p.steady)), f"{p.net:+d}"]
        for p in periods
    ]
    listing = Listing("trend", lang, columns, rows, records, label="period")
    listing.periods = list(periods)
    return listing


# --- validation ----------------------------------------------------------------------------------


def problems_listing(
    errors: Sequence[str],
    warnings: Sequence[str],
    lang: str,
    details: Sequence[dict[str, Any]] = (),
) -> Listing:
    """Every problem of a store: errors, then warnings, each naming where it is. ``details``
    gives each error's ``path``, ``event``, ``field`` and ``message`` for machine formats."""
    labels = labels_for(lang)
    head = labels.headings
    columns = [
        Column("level", head["level"], 0, whole=True),
        Column("problem", head["problem"], 0),
    ]
    records: list[dict[str, Any]] = [
        {"level": "error", "problem": e, **(details[i] if i < len(details) else {})}
        for i, e in enumerate(errors)
    ]
    records += [{"level": "warning", "problem": w} for w in warnings]
    rows = [[labels.kinds[r["level"]], r["problem"]] for r in records]
    return Listing("problems", lang, columns, rows, records, label="level")
