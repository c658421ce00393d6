"""The one registry of output formats. Adding a format is one entry in ``FORMATS``.

Each format renders any listing it supports to text, bytes or a Rich renderable; ``emit``
writes the result. Machine formats (JSON, JSON Lines, CSV, CSL-JSON) never import Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from nkru.render.encode import as_json
from nkru.render.listing import Listing, event_flat
from nkru.render.names import FORMAT_KINDS, formats_for
from nkru.render.safe import escape_json_controls, one_line

Rendered = Any  # str, bytes or a Rich renderable


def _json(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    if listing.kind in ("event", "person"):
        return as_json(listing.records[0] if len(listing.records) == 1 else listing.records)
    return as_json(listing.records)


def _as_list(listing: Listing) -> Listing:
    """A listing of one record (``show``, ``leaders NAME``) as a listing of many, for the
    formats that write rows: the same columns and records as ``timeline`` or ``leaders``."""
    if listing.kind == "event" and listing.catalog is not None:
        from nkru.query import Hit
        from nkru.render.listing import events_listing

        hits = [Hit(event) for event in listing.events]
        return events_listing(hits, listing.catalog, listing.lang)
    if listing.kind == "person" and listing.catalog is not None:
        from nkru.render.listing import people_listing

        people = [listing.catalog.people[r["id"]] for r in listing.records]
        return people_listing(people, listing.catalog, listing.lang)
    return listing


def _jsonl(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    listing = _as_list(listing)
    return b"".join(escape_json_controls(msgspec.json.encode(r)) + b"\n" for r in listing.records)


#: The fields of an event in tab-separated output, in order.
PLAIN_EVENT_FIELDS = ("start", "end", "id", "tone", "title", "people", "disputed")


def _flat_rows(listing: Listing) -> tuple[list[str], list[list[str]]]:
    """Machine columns and rows: every field of an event, or the listing's own columns."""
    if listing.kind == "events":
        flats = [event_flat(r, listing.lang) for r in listing.records]
        keys = list(flats[0]) if flats else list(event_flat_keys(listing))
        return keys, [[f.get(k, "") for k in keys] for f in flats]
    return [c.key for c in listing.columns], listing.rows


def event_flat_keys(listing: Listing) -> list[str]:
    keys = [
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
        "source_details",
        "source_urls",
        "note",
        "disputed",
    ]
    return [*keys, "score"] if any(c.key == "score" for c in listing.columns) else keys


def _plain(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    if listing.kind in ("event", "person"):
        return _detail(listing, width, ascii_only)
    if listing.kind == "events":
        lines = []
        for record in listing.records:
            flat = event_flat(record, listing.lang)
            fields = [flat[k] for k in PLAIN_EVENT_FIELDS]
            fields[-1] = {"error": "disputed", "sources-differ": "sources-differ"}.get(
                record["dispute"] or "", ""
            )
            if "score" in flat:
                fields.append(flat["score"])
            lines.append("\t".join(one_line(f) for f in fields))
        return "".join(line + "\n" for line in lines)
    return "".join("\t".join(one_line(c) for c in row) + "\n" for row in listing.rows)


def _csv(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    listing = _as_list(listing)
    import csv
    import io

    keys, rows = _flat_rows(listing)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    writer.writerows([one_line(c) for c in row] for row in rows)
    return out.getvalue()


def _md_cell(text: str) -> str:
    import html

    return html.escape(one_line(text), quote=False).replace("|", "\\|")


def _markdown(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    listing = _as_list(listing)
    headings = [c.heading for c in listing.columns]
    lines = [
        "| " + " | ".join(_md_cell(h) for h in headings) + " |",
        "|" + "|".join(" --- " for _ in headings) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in listing.rows]
    return "\n".join(lines) + "\n"


def _table(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    if listing.kind in ("event", "person"):
        return _detail(listing, width, ascii_only)
    if listing.kind == "trend":
        from nkru.render.chart import chart

        return chart(listing, width)
    if listing.kind == "events" and listing.catalog is not None:
        from nkru.query import Hit
        from nkru.render.stream import event_table

        scores = [r.get("score") for r in listing.records]
        hits = [Hit(e, score) for e, score in zip(listing.events, scores, strict=True)]
        scored = any(c.key == "score" for c in listing.columns)
        return "".join(
            event_table(hits, listing.catalog, listing.lang, width, ascii_only, False, scored)
        )
    from nkru.render.table import table

    return table(listing, width, ascii_only)


def _detail(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    assert listing.catalog is not None
    if listing.kind == "person":
        from nkru.render.people import person_detail

        return person_detail(listing, width)
    from nkru.render.detail import event_detail

    return event_detail(listing.events[0], listing.catalog, listing.lang, width)


def _timelinejs(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    listing = _as_list(listing)
    from nkru.render.timelinejs import timeline

    return timeline(listing, width)


def _csl_json(listing: Listing, width: int, ascii_only: bool) -> Rendered:
    keep = {"id", "type", "title", "author", "publisher", "container-title", "issued", "URL"}
    keep |= {"language"}
    items: list[dict[str, Any]] = []
    for record in listing.records:
        if record["kind"] == "reference":
            items.append({k: v for k, v in record.items() if k in keep})
        elif record["kind"] == "article":
            article: dict[str, Any] = {
                "id": record["id"],
                "type": "article-newspaper",
                "title": record["title"],
                "issued": {"date-parts": [[int(p) for p in record["date"].split("-")]]},
                "language": record["language"],
            }
            if record.get("author"):
                article["author"] = [{"literal": record["author"]}]
            if record.get("publisher"):
                article["publisher"] = record["publisher"]
            if record.get("url"):
                article["URL"] = record["url"]
            items.append(article)
    return as_json(items)


class Format:
    """An output format: what it renders, which listing kinds it can render (``None``: all),
    and whether it is made for programs (written as is, never paged or folded to ASCII)."""

    __slots__ = ("kinds", "machine", "name", "render")

    def __init__(
        self,
        name: str,
        render: Callable[[Listing, int, bool], Rendered],
        kinds: frozenset[str] | None = None,
        machine: bool = False,
    ) -> None:
        self.name = name
        self.render = render
        self.kinds = kinds
        self.machine = machine


_RENDERERS: dict[str, Callable[[Listing, int, bool], Rendered]] = {
    "table": _table,
    "plain": _plain,
    "json": _json,
    "jsonl": _jsonl,
    "csv": _csv,
    "markdown": _markdown,
    "timelinejs": _timelinejs,
    "csl-json": _csl_json,
}
FORMATS: dict[str, Format] = {
    name: Format(name, _RENDERERS[name], kinds, machine)
    for name, (kinds, machine) in FORMAT_KINDS.items()
}

__all__ = ["FORMATS", "Format", "as_json", "formats_for"]
