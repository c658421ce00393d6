"""Filters: decades, dates to the day, and their SQL agree with their Python."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkru.errors import UsageError
from nkru.index import Catalog
from nkru.query import Filters, day_range, decade_filters, parse_decade, parse_when


@pytest.mark.parametrize(
    ("text", "start"),
    [("1990s", 1990), ("1990", 1990), ("90s", 1990), ("'90s", 1990), ("00s", 2000), ("50s", 1950)],
)
def test_decades_as_people_write_them(text: str, start: int) -> None:
    assert parse_decade(text) == start


@pytest.mark.parametrize(
    ("text", "hint"), [("1995", "1990s"), ("199", "1990s"), ("nineties", None), ("١٩٩٠s", None)]
)
def test_a_malformed_decade_suggests_only_valid_fixes(text: str, hint: str | None) -> None:
    with pytest.raises(UsageError) as error:
        parse_decade(text)
    if hint:
        assert f"Did you mean {hint}?" in str(error.value)
    else:
        assert "Did you mean" not in str(error.value)


@pytest.mark.parametrize(
    ("text", "parsed"), [("2024", "2024"), ("2024-6", "2024-06"), ("2024-06-19", "2024-06-19")]
)
def test_dates_to_the_month_and_day(text: str, parsed: str) -> None:
    assert parse_when(text, "--from") == parsed


@pytest.mark.parametrize("text", ["24", "2024-13", "2024-02-30", "june", "2024/06"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_when(text, "--from")


def test_day_ranges() -> None:
    assert day_range("2024") == ("2024-01-01", "2024-12-31")
    assert day_range("2024-06") == ("2024-06-01", "2024-06-30")
    assert day_range("2024-06-19") == ("2024-06-19", "2024-06-19")


def test_from_after_to_is_refused() -> None:
    with pytest.raises(UsageError, match="swap"):
        Filters(since="2000", until="1990")


def test_a_month_filter_finds_the_events_of_that_month(catalog: Catalog) -> None:
    found = list(catalog.events(Filters(since="2024-06", until="2024-06")))
    assert found
    assert any("treaty" in e.id for e in found)
    for event in found:
        assert event.start <= "2024-06-30" and event.last >= "2024-06"


def test_a_decade_holds_the_eras_that_run_into_it(catalog: Catalog) -> None:
    found = [e.id for e in catalog.events(decade_filters(1990))]
    assert any(e.startswith("1953") for e in found)  # decades of Soviet aid, to 1991


@settings(max_examples=60, deadline=None)
@given(
    since=st.one_of(st.none(), st.integers(1940, 2030).map(str)),
    until=st.one_of(st.none(), st.integers(1940, 2030).map(str)),
    tone=st.one_of(st.none(), st.sampled_from(["warming", "cooling", "steady"])),
    topic=st.one_of(st.none(), st.sampled_from(["treaty", "war", "visit", "sanctions"])),
)
def test_the_index_query_agrees_with_the_filter(
    catalog: Catalog, since: str | None, until: str | None, tone: str | None, topic: str | None
) -> None:
    if since and until and since > until:
        since, until = until, since
    filters = Filters(since=since, until=until, tone=tone, topic=topic)
    by_index = [e.id for e in catalog.events(filters)]
    by_python = [e.id for e in catalog.events() if filters.accepts(e)]
    assert by_index == by_python
