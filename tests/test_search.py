"""Search as users type it: misspelt, unaccented, in Vietnamese, in several words."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkru.errors import UsageError
from nkru.search import build_index, search, suggestions
from nkru.store import Catalog, load, packaged_store_path
from nkru.text import fold

_CATALOG = load(packaged_store_path())
_INDEX = build_index(_CATALOG)


def _people(*query: str, exact: bool = False) -> list[list[str]]:
    return [h.event.people for h in search(_CATALOG, query, _INDEX, exact=exact)]


# (query as typed, the person every top result must involve)
PERSON_QUERIES = [
    ("putin", "vladimir-putin"),
    ("Putin", "vladimir-putin"),
    ("puttin", "vladimir-putin"),
    ("Путин", "vladimir-putin"),
    ("yeltsin", "boris-yeltsin"),
    ("yeltsn", "boris-yeltsin"),
    ("gorbachev", "mikhail-gorbachev"),
    ("gorbachov", "mikhail-gorbachev"),
    ("kruschev", "nikita-khrushchev"),
    ("khrushchev", "nikita-khrushchev"),
    ("kimjongun", "kim-jong-un"),
    ("Kim Jong-un", "kim-jong-un"),
    ("kim jong un", "kim-jong-un"),
    ("김정은", "kim-jong-un"),
    ("Kim Jong-il", "kim-jong-il"),
    ("Kim Il Sung", "kim-il-sung"),
    ("Kim Nhật Thành", "kim-il-sung"),
    ("Kim Nhat Thanh", "kim-il-sung"),
    ("kim nhat thanh", "kim-il-sung"),
    ("medvedev", "dmitry-medvedev"),
    ("Dimitry Medvedev", "dmitry-medvedev"),
    ("shoigu", "sergei-shoigu"),
    ("trump", "donald-trump"),
    ("kozlov", "alexander-kozlov"),
]


@pytest.mark.parametrize(("query", "person"), PERSON_QUERIES)
def test_a_person_in_any_spelling_ranks_their_events_first(query: str, person: str) -> None:
    found = _people(*query.split())
    assert found, f"{query!r} found nothing"
    assert person in found[0]
    own = [person in people for people in found]
    assert own == sorted(own, reverse=True), "the person's own events come first"


@pytest.mark.parametrize(
    ("typed", "accented"),
    [
        ("Binh Nhuong", "Bình Nhưỡng"),
        ("lien xo", "Liên Xô"),
        ("trieu tien", "Triều Tiên"),
        ("han quoc", "Hàn Quốc"),
        ("nan doi", "nạn đói"),
    ],
)
def test_accents_do_not_matter(typed: str, accented: str) -> None:
    plain = [h.event.id for h in search(_CATALOG, typed.split(), _INDEX)]
    marked = [h.event.id for h in search(_CATALOG, accented.split(), _INDEX)]
    assert plain
    assert plain == marked


def test_every_word_must_match() -> None:
    both = search(_CATALOG, ["putin", "vladivostok"], _INDEX)
    assert both
    for hit in both:
        assert "vladimir-putin" in hit.event.people
        assert "vladivostok" in fold(
            hit.event.summary.en + hit.event.title.en + str(hit.event.places)
        )
    assert len(both) < len(search(_CATALOG, ["putin"], _INDEX))


def test_a_year_finds_the_events_that_span_it() -> None:
    hits = search(_CATALOG, ["1952"], _INDEX)
    assert hits
    assert all(h.event.start_year <= 1952 <= h.event.end_year for h in hits)


def test_scores_are_shown_and_sorted() -> None:
    hits = search(_CATALOG, ["sanctions"], _INDEX)
    scores = [h.score for h in hits]
    assert all(s is not None and 0 < s <= 100 for s in scores)
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_exact_turns_off_spelling_tolerance() -> None:
    assert search(_CATALOG, ["sanctoins"], _INDEX)
    assert not search(_CATALOG, ["sanctoins"], _INDEX, exact=True)
    assert search(_CATALOG, ["sanctions"], _INDEX, exact=True)


def test_min_score_hides_weaker_matches() -> None:
    loose = search(_CATALOG, ["sanctoins"], _INDEX)
    assert loose and all(h.score is not None and h.score < 100 for h in loose)
    assert not search(_CATALOG, ["sanctoins"], _INDEX, min_score=100)


def test_a_short_query_is_not_fuzzed_into_noise() -> None:
    assert not search(_CATALOG, ["xq"], _INDEX)


@pytest.mark.parametrize("query", [[""], ["   "], ["?!"], ["x" * 300], ["word"] * 30])
def test_empty_or_huge_queries_are_usage_errors(query: list[str]) -> None:
    with pytest.raises(UsageError):
        search(_CATALOG, query, _INDEX)


def test_nothing_found_suggests_people_and_topics() -> None:
    assert "Vladimir Putin" in suggestions(_CATALOG, ["putine xyz"])
    assert "sanctions" in suggestions(_CATALOG, ["sanktions"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_search_never_crashes(query: list[str]) -> None:
    try:
        hits = search(_CATALOG, query, _INDEX)
    except UsageError:
        return
    assert all(h.score is not None and 0 <= h.score <= 100 for h in hits)


def test_the_index_is_the_catalogs(catalog: Catalog) -> None:
    index = build_index(catalog)
    assert len(index.starts) == len(catalog.events)
    assert index.vocabulary == sorted(set(index.vocabulary))
    lines = index.text.split("\n")
    assert len(lines) == len(catalog.events)
    for line, event in zip(lines, catalog.events, strict=True):
        assert " ".join(event.id.split("-")) in line


def test_filters_restrict_the_search(catalog: Any) -> None:
    allowed = [i for i, e in enumerate(catalog.events) if e.start_year >= 2010]
    hits = search(catalog, ["putin"], allowed=allowed)
    assert hits and all(h.event.start_year >= 2010 for h in hits)
