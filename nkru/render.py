"""Every output format: the only module that turns records into text.

Text formats (plain, csv, markdown, JSON) are built as strings or bytes by pure functions;
Rich is imported only to build tables and charts, and those take the Console to draw on, so
a JSON listing never pays for Rich and tests can render at a fixed width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from nkru.index import Catalog
from nkru.models import Claim, Event, Person, Text
from nkru.query import Hit

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

TONE_LABELS = {
    "warming": Text(en="warming", vi="ấm lên"),
    "cooling": Text(en="cooling", vi="nguội đi"),
    "steady": Text(en="steady", vi="ổn định"),
}
TONE_MARKS = {"warming": "▲", "cooling": "▼", "steady": "■"}
TONE_STYLES = {"warming": "green", "cooling": "red", "steady": "yellow"}

_HEADINGS = {
    "when": Text(en="When", vi="Thời gian"),
    "event": Text(en="Event", vi="Sự kiện"),
    "people": Text(en="People", vi="Nhân vật"),
    "tone": Text(en="Tone", vi="Chiều hướng"),
    "id": Text(en="ID", vi="Mã"),
    "score": Text(en="Score", vi="Điểm"),
}
DISPUTED = Text(en="disputed", vi="có tranh cãi")
DISPUTED_MARK = "⚑"


# --- dates ----------------------------------------------------------------------------------


def human_date(partial: str, lang: str = "en") -> str:
    """``1950-06`` -> ``Jun 1950`` (``tháng 6/1950`` in Vietnamese); a year stays a year."""
    year, _, rest = partial.partition("-")
    if not rest:
        return year
    month, _, day = rest.partition("-")
    if lang == "vi":
        return f"{int(day)}/{int(month)}/{year}" if day else f"tháng {int(month)}/{year}"
    name = _MONTHS[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def human_span(event: Event, lang: str = "en") -> str:
    """The event's dates for people: ``1950–1953``, ``c. 1955–1969``, ``13 Sep 2023``."""
    start = human_date(event.start, lang)
    if event.end is None or event.end == event.start:
        text = start
    elif len(event.start) == len(event.end) == 7 and event.start[:4] == event.end[:4]:
        end = human_date(event.end, lang)
        # One year, two months: "Sep–Dec 2011", "tháng 9–12/2011".
        text = f"{start[:3]}–{end}" if lang == "en" else f"{start.split('/')[0]}–{end[6:]}"
    else:
        end = human_date(event.end, lang)
        joiner = "–" if " " not in start + end and "/" not in start + end else " – "
        text = f"{start}{joiner}{end}"
    if event.approximate:
        text = f"khoảng {text}" if lang == "vi" else f"c. {text}"
    return text


# --- records for JSON -------------------------------------------------------------------------


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"en": text.en, "vi": text.vi}


def source_info(catalog: Catalog, source_id: str) -> dict[str, Any]:
    """An article or reference as a reader cites it: kind, title, publisher, date and link."""
    article = catalog.sources.get(source_id)
    if article is not None:
        return {
            "id": article.id,
            "kind": "article",
            "title": article.title,
            "title_translated": _text(article.title_translated),
            "publisher": ", ".join(x for x in (article.author, article.agency) if x) or None,
            "date": article.date,
            "url": None,
        }
    reference = catalog.references.get(source_id)
    if reference is None:
        return {"id": source_id, "kind": "unknown"}
    return {
        "id": reference.id,
        "kind": "reference",
        "title": reference.title,
        "publisher": reference.publisher,
        "container_title": reference.container_title,
        "date": reference.issued.iso,
        "url": reference.URL,
    }


def claim_record(claim: Claim, catalog: Catalog) -> dict[str, Any]:
    """A claim as a JSON object, its source and references resolved."""
    return {
        "source": source_info(catalog, claim.source),
        "where": claim.where,
        "says": _text(claim.says),
        "record": _text(claim.record),
        "verdict": claim.verdict,
        "references": [source_info(catalog, r) for r in claim.references],
    }


def event_record(
    event: Event, catalog: Catalog, score: float | None = None, matched: Sequence[str] = ()
) -> dict[str, Any]:
    """The event as a JSON object: the store's event with people and sources resolved.

    Keys are documented in the README and only ever added; ``score`` and ``matched`` only in
    search.
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
                **{k: v for k, v in source_info(catalog, c.source).items() if k != "id"},
            }
            for c in event.sources
        ],
        "note": _text(event.note),
        "disputed": event.disputed,
        "claims": [claim_record(c, catalog) for c in event.claims],
        "aliases": list(event.aliases),
    }
    if score is not None:
        record["score"] = score
        record["matched"] = list(matched)
    return record


def person_record(person: Person, catalog: Catalog) -> dict[str, Any]:
    """A person as a JSON object, with the events they appear in."""
    events = catalog.event_ids_of_person(person.id)
    years = [int(e[:4]) for e in events]
    return {
        "id": person.id,
        "name": _text(person.name),
        "cyrillic": person.cyrillic,
        "hangul": person.hangul,
        "aliases": list(person.aliases),
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


def as_json(records: Any) -> bytes:
    """Indented UTF-8 JSON (no ``\\u`` escapes), ending with a newline."""
    return msgspec.json.format(msgspec.json.encode(records), indent=2) + b"\n"


def as_jsonl(records: Sequence[Any]) -> bytes:
    """One compact JSON object a line."""
    return b"".join(msgspec.json.encode(r) + b"\n" for r in records)


# --- flat text formats ----------------------------------------------------------------------


def _names(event: Event, catalog: Catalog, lang: str) -> str:
    return ", ".join(p.name.get(lang) for p in catalog.people_of(event))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def as_plain(hits: Sequence[Hit], catalog: Catalog, lang: str) -> str:
    """Tab-separated, one event a line, no header: start, end, id, tone, title, people,
    disputed[, score]."""
    lines = []
    for hit in hits:
        event = hit.event
        fields = [
            event.start,
            event.last,
            event.id,
            event.tone,
            _one_line(event.title.get(lang)),
            _names(event, catalog, lang),
        ]
        fields.append(DISPUTED.en if event.disputed else "")
        if hit.score is not None:
            fields.append(str(hit.score))
        lines.append("\t".join(fields))
    return "".join(line + "\n" for line in lines)


CSV_COLUMNS = (
    "id",
    "start",
    "end",
    "approximate",
    "tone",
    "topics",
    "people",
    "title",
    "summary",
    "sources",
    "note",
    "disputed",
)


def as_csv(hits: Sequence[Hit], catalog: Catalog, lang: str) -> str:
    """CSV with a header row; lists are joined with ``; ``; text in the chosen language."""
    scored = any(h.score is not None for h in hits)
    rows = []
    for hit in hits:
        event = hit.event
        row = [
            event.id,
            event.start,
            event.end or "",
            "true" if event.approximate else "false",
            event.tone,
            "; ".join(event.topics),
            "; ".join(p.name.get(lang) for p in catalog.people_of(event)),
            event.title.get(lang),
            event.summary.get(lang),
            "; ".join(f"{c.source}: {c.where or c.quote}" for c in event.sources),
            event.note.get(lang) if event.note else "",
            "true" if event.disputed else "false",
        ]
        if scored:
            row.append("" if hit.score is None else str(hit.score))
        rows.append(row)
    return csv_table([*CSV_COLUMNS, "score"] if scored else CSV_COLUMNS, rows)


def csv_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV text with a header row."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def _md_cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [
        "| " + " | ".join(_md_cell(h) for h in headers) + " |",
        "|" + "|".join(" --- " for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _event_rows(hits: Sequence[Hit], catalog: Catalog, lang: str) -> list[list[str]]:
    rows = []
    for hit in hits:
        event = hit.event
        row = [
            human_span(event, lang),
            _titled(event, lang),
            _names(event, catalog, lang),
            f"{TONE_MARKS[event.tone]} {TONE_LABELS[event.tone].get(lang)}",
            event.id,
        ]
        if hit.score is not None:
            row.insert(0, str(hit.score))
        rows.append(row)
    return rows


def _titled(event: Event, lang: str) -> str:
    """The title, marked when some source's account of the event is disputed."""
    title = event.title.get(lang)
    return f"{title} [{DISPUTED_MARK} {DISPUTED.get(lang)}]" if event.disputed else title


def _event_headers(hits: Sequence[Hit], lang: str) -> list[str]:
    keys = ["when", "event", "people", "tone", "id"]
    if any(h.score is not None for h in hits):
        keys.insert(0, "score")
    return [_HEADINGS[k].get(lang) for k in keys]


def as_markdown(hits: Sequence[Hit], catalog: Catalog, lang: str) -> str:
    """A Markdown table: when, event, people, tone, id (score first for a search)."""
    return markdown_table(_event_headers(hits, lang), _event_rows(hits, catalog, lang))


# --- TimelineJS -------------------------------------------------------------------------------


def _tl_date(partial: str) -> dict[str, int]:
    parts = [int(p) for p in partial.split("-")]
    return dict(zip(("year", "month", "day"), parts, strict=False))


def as_timelinejs(hits: Sequence[Hit], catalog: Catalog, lang: str) -> bytes:
    """The TimelineJS JSON format, to publish the events as a web timeline."""
    events = []
    for hit in hits:
        event = hit.event
        body = event.summary.get(lang)
        if event.note is not None:
            body += f"<p><em>{event.note.get(lang)}</em></p>"
        sources = "; ".join(f"{catalog.sources[c.source].title} ({c.where})" for c in event.sources)
        body += f"<p><small>{sources}</small></p>"
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _tl_date(event.start),
            "text": {"headline": event.title.get(lang), "text": body},
            "group": TONE_LABELS[event.tone].get(lang),
        }
        if event.end is not None and event.end != event.start:
            item["end_date"] = _tl_date(event.end)
        if event.approximate:
            label = event.period.get(lang) if event.period else None
            item["display_date"] = label or human_span(event, lang)
        events.append(item)
    title = {
        "en": "Russia – North Korea relations, 1945 to today",
        "vi": "Quan hệ Nga – Triều Tiên từ 1945 đến nay",
    }[lang]
    sources = ", ".join(s.title for s in catalog.sources.values())
    return as_json({"title": {"text": {"headline": title, "text": sources}}, "events": events})


# --- Rich tables ------------------------------------------------------------------------------


def events_table(hits: Sequence[Hit], catalog: Catalog, lang: str) -> Any:
    """A Rich table of events: dates for people, the title with the id under it (for
    ``nkru show``), people, and the tone at a glance."""
    from rich.table import Table
    from rich.text import Text as RichText

    table = Table(header_style="bold", pad_edge=False)
    scored = any(h.score is not None for h in hits)
    if scored:
        table.add_column(_HEADINGS["score"].get(lang), justify="right", no_wrap=True)
    table.add_column(_HEADINGS["when"].get(lang), max_width=16)
    table.add_column(_HEADINGS["event"].get(lang), ratio=3, overflow="fold")
    table.add_column(_HEADINGS["people"].get(lang), ratio=1)
    table.add_column(_HEADINGS["tone"].get(lang), no_wrap=True)
    for hit, row in zip(hits, _event_rows(hits, catalog, lang), strict=True):
        *lead, when, title, people, tone, event_id = row
        cell = RichText(title)
        cell.append("\n")
        cell.append(event_id, style="dim")
        tone_text = RichText(tone, style=TONE_STYLES[hit.event.tone])
        table.add_row(*map(RichText, lead), RichText(when), cell, RichText(people), tone_text)
    return table


# --- trend chart ------------------------------------------------------------------------------

_TREND_HEADINGS = {
    "en": ("Period", "warming", "cooling", "steady", "net: cooling ◀ │ ▶ warming"),
    "vi": ("Giai đoạn", "ấm lên", "nguội đi", "ổn định", "tổng: nguội ◀ │ ▶ ấm"),
}


def _bar(count: int, scale: float, mark: str) -> str:
    if count == 0:
        return ""
    return f"{mark * max(1, round(count * scale))} {count}"


def trend_chart(periods: Sequence[Any], width: int, lang: str = "en") -> Any:
    """The relationship period by period: a bar for each tone, and a net bar either side of
    zero that traces the swings. Marks differ by tone (▲ ▼ ■), so it reads without colour."""
    from rich.table import Table
    from rich.text import Text as RichText

    most = max((max(len(p.warming), len(p.cooling), len(p.steady)) for p in periods), default=1)
    swing = max((abs(p.net) for p in periods), default=1) or 1
    # Room for the period label and padding, then three tone bars and a two-sided net bar.
    bar_room = max(4, (width - 12 - 4 * 3) // 5)
    scale = min(1.0, bar_room / max(most, 1))
    net_scale = min(1.0, bar_room / swing)
    headings = _TREND_HEADINGS["vi" if lang == "vi" else "en"]
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1))
    table.add_column(headings[0], no_wrap=True)
    for heading in headings[1:4]:
        table.add_column(heading, no_wrap=True)
    table.add_column(headings[4], no_wrap=True)
    for period in periods:
        net = period.net
        size = max(1, round(abs(net) * net_scale)) if net else 0
        left = ("█" * size if net < 0 else "").rjust(bar_room)
        right = "█" * size if net > 0 else ""
        net_text = RichText()
        net_text.append(left, style="red")
        net_text.append("│")
        net_text.append(right, style="green")
        net_text.append(f" {net:+d}" if net else " 0")
        table.add_row(
            period.label,
            RichText(_bar(len(period.warming), scale, TONE_MARKS["warming"]), style="green"),
            RichText(_bar(len(period.cooling), scale, TONE_MARKS["cooling"]), style="red"),
            RichText(_bar(len(period.steady), scale, TONE_MARKS["steady"]), style="yellow"),
            net_text,
        )
    return table


# --- sources and generic listings ---------------------------------------------------------------

_SOURCE_HEADERS = {
    "en": ["ID", "Kind", "Title", "Publisher", "Date", "Events"],
    "vi": ["Mã", "Loại", "Tiêu đề", "Nơi xuất bản", "Ngày", "Sự kiện"],
}
_KINDS = {
    "article": Text(en="article", vi="bài báo"),
    "reference": Text(en="reference", vi="tài liệu tham khảo"),
}


def source_record(source: Any, cited: list[str]) -> dict[str, Any]:
    """An article as a JSON object, with the ids of the events that cite it."""
    return {
        "id": source.id,
        "kind": "article",
        "title": source.title,
        "title_translated": _text(source.title_translated),
        "author": source.author,
        "agency": source.agency,
        "language": source.language,
        "date": source.date,
        "file": source.file,
        "description": _text(source.description),
        "covers_start": source.covers_start,
        "covers_end": source.covers_end,
        "event_count": len(cited),
        "events": cited,
    }


def reference_record(reference: Any, cited: list[str]) -> dict[str, Any]:
    """A reference as a JSON object: its CSL-JSON fields, then the events that cite it."""
    csl = msgspec.to_builtins(reference)
    return {
        "kind": "reference",
        **csl,
        "date": reference.issued.iso,
        "event_count": len(cited),
        "events": cited,
    }


def csl_json(catalog: Catalog) -> bytes:
    """Every reference as CSL-JSON, the citation format Zotero and Pandoc read."""
    return as_json([msgspec.to_builtins(r) for r in catalog.references.values()])


def sources_listing(catalog: Catalog, fmt: str, lang: str) -> Any:
    """The ``sources`` command's output in ``fmt``: the articles first, then the references."""
    cited = catalog.citing()
    records = [source_record(s, cited.get(s.id, [])) for s in catalog.sources.values()]
    references = sorted(catalog.references.values(), key=lambda r: (r.issued.iso, r.id))
    records += [reference_record(r, cited.get(r.id, [])) for r in references]
    rows = []
    for r in records:
        if r["kind"] == "article":
            title = f"{r['title']} ({r['title_translated'][lang]})"
            by = ", ".join(x for x in (r["author"], r["agency"]) if x)
        else:
            title, by = r["title"], r["publisher"]
        rows.append(
            [
                r["id"],
                _KINDS[r["kind"]].get(lang),
                title,
                by,
                human_date(r["date"], lang),
                str(r["event_count"]),
            ]
        )
    return listing(_SOURCE_HEADERS[lang], rows, records, fmt)


_DISPUTE_HEADERS = {
    "en": ["Event", "Source", "Says", "Record", "Verdict", "Reference"],
    "vi": ["Sự kiện", "Nguồn", "Nguồn nói", "Thực tế", "Kết luận", "Tài liệu"],
}
VERDICTS = {
    "wrong-date": Text(en="wrong date", vi="sai ngày tháng"),
    "wrong-fact": Text(en="wrong", vi="sai sự thật"),
    "wrong-number": Text(en="wrong number", vi="sai số liệu"),
    "wrong-person": Text(en="wrong person", vi="sai người"),
    "misleading": Text(en="misleading", vi="gây hiểu lầm"),
    "imprecise": Text(en="imprecise", vi="thiếu chính xác"),
    "contradicted": Text(en="contradicted by the other article", vi="mâu thuẫn với bài kia"),
    "sources-differ": Text(en="sources differ", vi="các nguồn khác nhau"),
}


def _source_label(info: dict[str, Any], lang: str) -> str:
    if info.get("kind") == "article":
        translated = info["title_translated"][lang] if lang == "en" else info["title"]
        return f"“{translated}”"
    publisher = info.get("publisher") or ""
    return f"{publisher}, “{info.get('title', info['id'])}” ({info.get('date', '')})"


def disputes_listing(catalog: Catalog, events: Sequence[Event], fmt: str, lang: str) -> Any:
    """Every claim of every disputed event: the source's version beside the record's."""
    records = []
    rows = []
    for event in events:
        if not event.disputed:
            continue
        record = event_record(event, catalog)
        records.append(
            {
                "id": event.id,
                "start": event.start,
                "end": event.end,
                "title": record["title"],
                "disputed": True,
                "claims": record["claims"],
            }
        )
        for claim in record["claims"]:
            refs = "; ".join(
                f"{_source_label(r, lang)} {r.get('url') or ''}".strip()
                for r in claim["references"]
            )
            rows.append(
                [
                    f"{event.title.get(lang)} ({event.id})",
                    _source_label(claim["source"], lang),
                    claim["says"][lang],
                    claim["record"][lang],
                    VERDICTS[claim["verdict"]].get(lang),
                    refs,
                ]
            )
    return listing(_DISPUTE_HEADERS[lang], rows, records, fmt)


def listing(headers: Sequence[str], rows: Sequence[Sequence[str]], records: Any, fmt: str) -> Any:
    """A non-event listing in ``fmt``: bytes or text to write, or a Rich table to print."""
    if fmt == "json":
        return as_json(records)
    if fmt == "jsonl":
        return as_jsonl(records)
    if fmt == "plain":
        return "".join("\t".join(_one_line(c) for c in row) + "\n" for row in rows)
    if fmt == "csv":
        return csv_table(headers, rows)
    if fmt == "markdown":
        return markdown_table(headers, rows)
    from rich.table import Table

    table = Table(header_style="bold", pad_edge=False)
    for number, header in enumerate(headers):
        longest = max((len(row[number]) for row in rows), default=0)
        # Ids (to copy into other commands) and short columns (codes, years, counts) stay on
        # one line; the rest wrap.
        whole = longest <= 12 or header in ("ID", "Mã")
        table.add_column(header, no_wrap=whole, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table
