"""Output formats: human dates, the table and the trend chart at a fixed width, TimelineJS."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from nkru import render
from nkru.models import Event, Text
from nkru.query import Hit
from nkru.trend import periods

GOLDEN = Path(__file__).parent / "golden"


def _event(start: str, end: str | None = None, approximate: bool = False) -> Event:
    text = Text(en="x", vi="x")
    return Event(
        id="x",
        start=start,
        end=end,
        approximate=approximate,
        title=text,
        summary=text,
        tone="steady",
        topics=["war"],
        sources=[],
    )


@pytest.mark.parametrize(
    ("start", "end", "approximate", "en", "vi"),
    [
        ("1950-06", None, False, "Jun 1950", "tháng 6/1950"),
        ("2023-09-13", None, False, "13 Sep 2023", "13/9/2023"),
        ("1950", "1953", False, "1950–1953", "1950–1953"),
        ("1955", "1969", True, "c. 1955–1969", "khoảng 1955–1969"),
        ("1950-06", "1953", False, "Jun 1950 – 1953", "tháng 6/1950 – 1953"),
        ("1991", "1991", False, "1991", "1991"),
    ],
)
def test_human_dates(start: str, end: str | None, approximate: bool, en: str, vi: str) -> None:
    event = _event(start, end, approximate)
    assert render.human_span(event, "en") == en
    assert render.human_span(event, "vi") == vi


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NKRU_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see tests/golden"


def _record(renderable: Any, width: int) -> str:
    console = Console(record=True, width=width, no_color=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_golden_timeline_table(catalog: Any) -> None:
    hits = [Hit(e) for e in catalog.events()]
    _check_golden("timeline-table-100.txt", _record(render.events_table(hits, catalog, "en"), 100))


def test_golden_trend_chart(catalog: Any) -> None:
    chart = render.trend_chart(periods(list(catalog.events())), 80)
    _check_golden("trend-80.txt", _record(chart, 80))


def test_table_fits_narrow_terminals(catalog: Any) -> None:
    hits = [Hit(e) for e in list(catalog.events(limit=5))]
    text = _record(render.events_table(hits, catalog, "vi"), 60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "Sự kiện" in text


def test_trend_reads_without_colour(catalog: Any) -> None:
    text = _record(render.trend_chart(periods(list(catalog.events())), 100), 100)
    for mark in ("▲", "▼", "│"):
        assert mark in text
    assert "1990s" in text


def test_trend_counts_match_the_events(catalog: Any) -> None:
    for period in periods(list(catalog.events())):
        for tone in ("warming", "cooling", "steady"):
            ids = getattr(period, tone)
            for event in catalog.events:
                # overlap
                inside = period.first_year <= event.end_year
                inside = inside and event.start_year <= period.last_year
                assert (event.id in ids) == (inside and event.tone == tone)


def test_timelinejs_has_the_required_fields(catalog: Any) -> None:
    import json

    hits = [Hit(e) for e in catalog.events()]
    doc = json.loads(render.as_timelinejs(hits, catalog, "en"))
    assert doc["title"]["text"]["headline"]
    assert len(doc["events"]) == len(catalog.events)
    for item, event in zip(doc["events"], catalog.events, strict=True):
        assert isinstance(item["start_date"]["year"], int)
        assert item["text"]["headline"] == event.title.en
        assert item["text"]["text"]
        if "month" in item["start_date"]:
            assert 1 <= item["start_date"]["month"] <= 12
        if event.end:
            assert item["end_date"]["year"] == event.end_year
        assert ("display_date" in item) == event.approximate
        assert item["group"] in {"warming", "cooling", "steady"}


def test_csv_quotes_commas_and_newlines(catalog: Any) -> None:
    import csv
    import io

    hits = [Hit(e) for e in catalog.events()]
    rows = list(csv.DictReader(io.StringIO(render.as_csv(hits, catalog, "vi"))))
    assert [r["summary"] for r in rows] == [e.summary.vi for e in catalog.events]


def test_markdown_escapes_pipes() -> None:
    assert render.markdown_table(["a"], [["x | y"]]).splitlines()[2] == "| x \\| y |"
