"""Decades, year ranges and filters over the real store."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkru.errors import UsageError
from nkru.query import Filters, Hit, in_decade, limit, overlaps, parse_decade


@pytest.mark.parametrize(
    ("text", "decade"),
    [
        ("1990s", 1990),
        ("1990", 1990),
        ("90s", 1990),
        ("'90s", 1990),
        ("’90s", 1990),
        ("1950S", 1950),
        (" 2020s ", 2020),
        ("00s", 2000),
        ("10s", 2010),
        ("40s", 1940),
    ],
)
def test_decade_forms(text: str, decade: int) -> None:
    assert parse_decade(text) == decade


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("199x", "1990s"),
        ("1995", "1990s"),
        ("1990's", "1990s"),
        ("95", "1990s"),
        ("abc", None),
        ("", None),
        ("19", "2010s"),
        ("7", None),
    ],
)
def test_bad_decades_get_a_hint(text: str, hint: str | None) -> None:
    with pytest.raises(UsageError) as caught:
        parse_decade(text)
    message = str(caught.value)
    assert "not a decade" in message
    if hint:
        assert f"Did you mean {hint}?" in message
    else:
        assert "Did you mean" not in message


def test_an_era_belongs_to_every_decade_it_spans(catalog: Any) -> None:
    long_eras = [e for e in catalog.events if e.end_year // 10 > e.start_year // 10]
    assert long_eras, "the store has eras spanning decades (mid-1950s to the 1960s)"
    for event in long_eras:
        for decade in range(event.start_year // 10 * 10, event.end_year + 1, 10):
            assert event in in_decade(catalog.events, decade)


@given(st.integers(min_value=1900, max_value=2100).map(lambda y: y // 10 * 10))
def test_decade_results_overlap_the_decade(decade: int) -> None:
    from nkru.store import load, packaged_store_path

    events = load(packaged_store_path()).events
    found = in_decade(events, decade)
    for event in found:
        assert event.start_year <= decade + 9 and event.end_year >= decade
    found_ids = {e.id for e in found}
    for event in (e for e in events if e.id not in found_ids):
        assert event.end_year < decade or event.start_year > decade + 9


def test_filters_by_year_range(catalog: Any) -> None:
    found = Filters(first_year=1990, last_year=1999).apply(catalog.events)
    assert found
    assert all(overlaps(e, 1990, 1999) for e in found)


def test_filters_reject_an_upside_down_range() -> None:
    with pytest.raises(UsageError, match="swap"):
        Filters(first_year=2000, last_year=1990)


def test_unknown_topic_is_suggested() -> None:
    with pytest.raises(UsageError, match="sanctions"):
        Filters(topic="sanction")


def test_topic_and_tone_filters(catalog: Any) -> None:
    found = Filters(topic="sanctions", tone="cooling").apply(catalog.events)
    assert found
    assert all("sanctions" in e.topics and e.tone == "cooling" for e in found)


def test_limit_and_reverse(catalog: Any) -> None:
    hits = [Hit(e) for e in catalog.events]
    assert limit(hits, 3) == hits[:3]
    assert limit(hits, 2, reverse=True) == hits[::-1][:2]
    assert limit(hits, None) == hits
