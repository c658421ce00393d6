"""The output layer: dates in each language, tables that fit any width, escaped store text,
and the TimelineJS export."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from nkru.index import Catalog
from nkru.labels import labels_for
from nkru.models import Event, Text
from nkru.query import Hit
from nkru.render.dates import human_span
from nkru.render.emit import _to_text
from nkru.render.formats import FORMATS, formats_for
from nkru.render.listing import (
    Listing,
    events_listing,
    people_listing,
    sources_listing,
    trend_listing,
)
from nkru.render.safe import escape_controls, one_line, to_ascii
from nkru.trend import periods

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = [60, 80, 120, 200]


def _event(start: str, end: str | None = None, approximate: bool = False, **more: Any) -> Event:
    text = Text(en="x", vi="x")
    fields: dict[str, Any] = {
        "id": f"{start}-x",
        "start": start,
        "end": end,
        "approximate": approximate,
        "title": text,
        "summary": text,
        "tone": "steady",
        "topics": ["war"],
        "sources": [],
    }
    fields.update(more)
    return Event(**fields)


@pytest.mark.parametrize(
    ("start", "end", "approximate", "en", "vi"),
    [
        ("1950-06", None, False, "Jun 1950", "tháng 6/1950"),
        ("2023-09-13", None, False, "13 Sep 2023", "13/9/2023"),
        ("1950", "1953", False, "1950–1953", "1950–1953"),
        ("1955", "1969", True, "c. 1955–1969", "khoảng 1955–1969"),
        ("1950-06", "1953", False, "Jun 1950 – 1953", "tháng 6/1950 – 1953"),
        ("2011-09", "2011-12", True, "c. Sep–Dec 2011", "khoảng tháng 9–12/2011"),
        ("2024-06-18", "2024-06-19", False, "18–19 Jun 2024", "18–19/6/2024"),
        ("1991", "1991", False, "1991", "1991"),
    ],
)
def test_human_dates_always_carry_the_year(
    start: str, end: str | None, approximate: bool, en: str, vi: str
) -> None:
    event = _event(start, end, approximate)
    assert human_span(event, labels_for("en")) == en
    assert human_span(event, labels_for("vi")) == vi


def _drawn(listing: Listing, fmt: str, width: int) -> str:
    rendered = FORMATS[fmt].render(listing, width, False)
    if isinstance(rendered, bytes):
        return rendered.decode("utf-8")
    return _to_text(rendered, width, color=False, ascii_only=False)


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NKRU_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see tests/golden"


def _timeline(catalog: Catalog, lang: str = "en", count: int | None = 12) -> Listing:
    return events_listing([Hit(e) for e in catalog.events(limit=count)], catalog, lang)


@pytest.mark.parametrize("width", WIDTHS)
def test_golden_timeline_table(catalog: Catalog, width: int) -> None:
    _check_golden(f"timeline-table-{width}.txt", _drawn(_timeline(catalog), "table", width))


@pytest.mark.parametrize("width", [60, 80, 120])
def test_golden_trend_chart(catalog: Catalog, width: int) -> None:
    chart = trend_listing(periods(catalog.events()), "en")
    _check_golden(f"trend-{width}.txt", _drawn(chart, "table", width))


def _listings(catalog: Catalog, lang: str) -> list[Listing]:
    return [
        _timeline(catalog, lang, None),
        people_listing(list(catalog.people.values()), catalog, lang),
        sources_listing(catalog, lang),
        trend_listing(periods(catalog.events()), lang),
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_line_is_wider_than_the_terminal(catalog: Catalog, width: int, lang: str) -> None:
    for listing in _listings(catalog, lang):
        text = _drawn(listing, "table", width)
        widest = max(cell_len(line) for line in text.splitlines())
        limit = max(width, 56)  # an id is never broken, and may be up to 56 long
        assert widest <= limit, (listing.kind, width, widest)


@pytest.mark.parametrize("width", WIDTHS)
def test_ids_are_never_broken(catalog: Catalog, width: int) -> None:
    for listing in _listings(catalog, "en")[:3]:
        text = _drawn(listing, "table", width)
        ids = [r["id"] for r in listing.records]
        for event_id in ids:
            assert event_id in text, (width, event_id)


def test_narrow_terminals_get_one_block_per_event(catalog: Catalog) -> None:
    text = _drawn(_timeline(catalog, count=3), "table", 40)
    first = next(catalog.events())
    assert first.id in text.splitlines()
    assert "┃" not in text


def test_the_least_useful_columns_give_way_first(catalog: Catalog) -> None:
    wide = _drawn(_timeline(catalog), "table", 200)
    narrow = _drawn(_timeline(catalog), "table", 80)
    assert "People" in wide and "Tone" in wide
    assert "People" not in narrow
    assert "Event" in narrow and "When" in narrow
    stacked = _drawn(_timeline(catalog), "table", 60)
    assert "When:" in stacked and "┃" not in stacked


def test_every_format_is_one_registry_entry() -> None:
    assert formats_for("events") == [
        "table", "plain", "json", "jsonl", "csv", "markdown", "timelinejs",
    ]  # fmt: skip
    assert "timelinejs" not in formats_for("people")
    assert "csl-json" in formats_for("sources")
    # One event (``show``) takes every format a listing of events does.
    assert formats_for("event") == formats_for("events")


HOSTILE = "Bad\x1b[31mred\x1b[0m\tname\nnext <script>alert(1)</script> | pipe"


def _hostile(catalog: Catalog) -> Listing:
    event = _event("2000", title=Text(en=HOSTILE, vi=HOSTILE), summary=Text(en=HOSTILE, vi="x"))
    return events_listing([Hit(event)], catalog, "en")


@pytest.mark.parametrize("fmt", ["table", "plain", "csv", "markdown"])
def test_store_text_never_reaches_the_terminal_unescaped(catalog: Catalog, fmt: str) -> None:
    text = _drawn(_hostile(catalog), fmt, 120)
    assert "\x1b" not in text
    assert "\\x1b[31m" in text
    lines = [line for line in text.splitlines() if line.strip()]
    if fmt == "plain":
        assert len(lines) == 1 and lines[0].count("\t") == 6
    if fmt == "csv":
        assert len(lines) == 2
    if fmt == "markdown":
        assert "<script>" not in text and "\\|" in text


def test_timelinejs_escapes_html_and_credits_sources(catalog: Catalog) -> None:
    raw = _drawn(_hostile(catalog), "timelinejs", 100)
    data = json.loads(raw)
    assert "<script>" not in raw
    assert "&lt;script&gt;" in data["events"][0]["text"]["headline"]


def test_timelinejs_is_a_publishable_timeline(catalog: Catalog) -> None:
    listing = events_listing([Hit(e) for e in catalog.events()], catalog, "vi", "Putin")
    data = json.loads(_drawn(listing, "timelinejs", 100))
    assert data["title"]["unique_id"] == "title"
    assert "Putin" in data["title"]["text"]["headline"]
    assert data["eras"] and all("headline" in e["text"] for e in data["eras"])
    ids = [e["unique_id"] for e in data["events"]]
    assert len(ids) == len(set(ids)) == catalog.count()
    for item in data["events"]:
        assert item["display_date"][-4:].isdigit() or item["display_date"][-5:-1].isdigit()
        assert "Nguồn:" in item["text"]["text"]
        assert "year" in item["start_date"]


def test_escapes_and_ascii_fallback() -> None:
    assert escape_controls("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert one_line("a\tb\nc") == "a b c"
    assert to_ascii("Bình Nhưỡng – “Đà Nẵng”") == 'Binh Nhuong - "Da Nang"'


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Vladimir Putin / Владимир Путин / 블라디미르 푸틴",
            "Vladimir Putin / [Russian] / [Korean]",
        ),
        ("KBS, “소련·북한 외무장관 회담”, 1990-09-03", 'KBS, "[Korean]", 1990-09-03'),
        ("“ロシア連邦武力軍事政治総局代表団が各所を参観”", '"[Japanese]"'),
        ("张廷延 (Zhang Tingyan)", "[Chinese] (Zhang Tingyan)"),
    ],
)
def test_ascii_names_a_passage_it_cannot_spell(text: str, shown: str) -> None:
    """Dropped, a Korean headline left empty quotes and a name a row of spaces."""
    assert to_ascii(text) == shown


@pytest.mark.parametrize("room", [2, 3, 5, 10, 40])
def test_trend_bars_tell_small_swings_apart_beside_a_large_one(room: int) -> None:
    from nkru.render.chart import bar_lengths

    lengths = bar_lengths([1, 3, 5, 58], room)
    assert all(1 <= lengths[c] <= room for c in (1, 3, 5, 58))
    if room >= 4:
        assert lengths[1] < lengths[3] < lengths[5] < lengths[58] == room


def test_trend_chart_says_what_its_counts_are(nkru: Any) -> None:
    for lang, words in (("en", "not a measure of warmth"), ("vi", "không phải thước đo")):
        result = nkru("trend", "--format", "table", "--lang", lang)
        assert result.code == 0
        assert words in " ".join(result.out.split())


def test_every_control_character_is_shown_as_python_escapes_it() -> None:
    from nkru.render.safe import escape_controls

    controls = [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    for code in controls:
        shown = escape_controls(f"a{chr(code)}b")
        assert shown == "a" + chr(code).encode("unicode_escape").decode("ascii") + "b", code
