"""Query understanding: dates, question words and places are read, not matched as words."""

from __future__ import annotations

import json

import pytest

from nkru.index import Catalog
from nkru.understand import read, thesaurus_path, vocabulary


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ("who signed the 1961 treaty", "1961-01-01", "1961-12-31"),
        ("hiệp ước năm 1961", "1961-01-01", "1961-12-31"),
        ("what happened in december 2024", "2024-12-01", "2024-12-31"),
        ("chuyện gì xảy ra tháng 12/2024", "2024-12-01", "2024-12-31"),
        ("thang 11 2024", "2024-11-01", "2024-11-30"),
        ("putin 19 june 2024", "2024-06-19", "2024-06-19"),
        ("ngày 19/6/2024", "2024-06-19", "2024-06-19"),
        ("2024-06", "2024-06-01", "2024-06-30"),
        ("soviet aid in the sixties", "1960-01-01", "1969-12-31"),
        ("the late fifties", "1956-01-01", "1959-12-31"),
        ("Nineties famine", "1990-01-01", "1999-12-31"),
        ("russia in the 1990s", "1990-01-01", "1999-12-31"),
        ("những năm 1970", "1970-01-01", "1979-12-31"),
        ("thập niên 80", "1980-01-01", "1989-12-31"),
        ("soviet aid during the cold war", "1947-01-01", "1991-12-31"),
        ("chiến tranh lạnh", "1947-01-01", "1991-12-31"),
    ],
)
def test_dates_in_a_query_are_read_as_dates(query: str, first: str, last: str) -> None:
    reading = read(query)
    assert [(d[0], d[1]) for d in reading.dates] == [(first, last)]
    left = " ".join(w.folded for w in reading.words)
    assert not any(ch.isdigit() for ch in left), left
    assert "thang" not in left.split() and "ngay" not in left.split()


@pytest.mark.parametrize(
    ("query", "first", "last", "left"),
    [
        ("russia north korea after 1991", "1992-01-01", "9999-12-31", "russia north korea"),
        ("aid cuts after the cold war", "1992-01-01", "9999-12-31", "aid cuts"),
        ("troops since 2024", "2024-01-01", "9999-12-31", "troops"),
        ("visits before the 1990s", "0001-01-01", "1989-12-31", "visits"),
        ("treaties until december 2000", "0001-01-01", "2000-12-31", "treaties"),
        ("korean war from 1950 to 1953", "1950-01-01", "1953-12-31", "korean war"),
        ("between 1984 and 1986", "1984-01-01", "1986-12-31", ""),
        ("viện trợ sau năm 1991", "1992-01-01", "9999-12-31", "vien tro"),
        ("trước năm 1950", "0001-01-01", "1949-12-31", ""),
        ("từ 1950 đến 1953", "1950-01-01", "1953-12-31", ""),
        ("leap day after february 2024", "2024-03-01", "9999-12-31", "leap day"),
        ("before march 2023", "0001-01-01", "2023-02-28", ""),
    ],
)
def test_a_date_after_a_bound_is_one_end_of_a_span(
    query: str, first: str, last: str, left: str
) -> None:
    """``after 1991`` is every day from 1992 on; the word that bounds it is no word to find."""
    reading = read(query)
    assert [(d[0], d[1]) for d in reading.dates] == [(first, last)]
    assert " ".join(w.folded for w in reading.words) == left


@pytest.mark.parametrize(
    ("query", "first", "last", "left"),
    [
        ("relations before the korean war", "0001-01-01", "1950-06-24", ""),
        ("aid after the collapse of the soviet union", "1991-12-27", "9999-12-31", "aid"),
        ("viện trợ sau khi Liên Xô sụp đổ", "1991-12-27", "9999-12-31", "vien tro"),
        ("ties after stalin died in 1953", "1953-03-06", "9999-12-31", "ties"),
        ("soviet pilots during the korean war", "1950-06-25", "1953-07-27", "soviet pilots"),
    ],
)
def test_an_event_after_a_bound_dates_a_span(query: str, first: str, last: str, left: str) -> None:
    reading = read(query)
    assert [(d[0], d[1]) for d in reading.dates] == [(first, last)]
    assert " ".join(w.folded for w in reading.words).replace("relations", "").strip() == left


@pytest.mark.parametrize("query", ["korean war armistice", "soviet collapse", "stalin died"])
def test_an_event_without_a_bound_is_words(query: str) -> None:
    """``yeltsin korean war archives`` is about the war's papers, not dated by the war."""
    reading = read(query)
    assert reading.dates == []
    assert " ".join(w.folded for w in reading.words) == query


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ("russia in the early 1990s", "1990-01-01", "1993-12-31"),
        ("mid-1990s famine", "1993-01-01", "1996-12-31"),
        ("the late 1980s", "1986-01-01", "1989-12-31"),
        ("late 2024 troops", "2024-09-01", "2024-12-31"),
        ("đầu năm 2024", "2024-01-01", "2024-04-30"),
        ("cuối những năm 1990", "1996-01-01", "1999-12-31"),
        ("giữa thập niên 1950", "1953-01-01", "1956-12-31"),
        ("summer 2023 arms", "2023-06-01", "2023-08-31"),
        ("mùa hè năm 2023", "2023-06-01", "2023-08-31"),
        ("winter 2024", "2023-12-01", "2024-02-29"),
    ],
)
def test_parts_of_a_period_and_seasons_are_dates(query: str, first: str, last: str) -> None:
    """ "Early 1990s" is no word to find: it is 1990 to 1993."""
    reading = read(query)
    assert [(d[0], d[1]) for d in reading.dates] == [(first, last)]
    left = {w.folded for w in reading.words}
    assert not left & {"early", "mid", "late", "summer", "winter", "dau", "cuoi", "giua", "mua"}


@pytest.mark.parametrize("query", ["early visit", "the late kim il sung", "summer camp"])
def test_parts_and_seasons_without_a_date_are_words(query: str) -> None:
    assert read(query).dates == []


def test_an_era_before_a_noun_describes_it() -> None:
    """ "Soviet-era debt" is debt of that era, written off in 2012: the era describes the debt
    and does not bound the answer's date; "cold war years" are dates."""
    assert [d[3] for d in read("soviet-era debt").dates] == ["described"]
    assert [d[3] for d in read("cold war debts").dates] == ["described"]
    assert [d[3] for d in read("the cold war years").dates] == ["named"]
    assert [d[3] for d in read("aid in the soviet era").dates] == ["era"]


def test_debts_of_an_era_settled_after_it_are_found(catalog: Catalog) -> None:
    from nkru.search import search

    hits = search(catalog, ["kremlin forgives pyongyang's cold war debts"], limit=1).hits
    assert hits and hits[0].event.start.startswith("2012"), [h.event.id for h in hits]


def test_to_and_and_only_close_a_span() -> None:
    """Without a ``from`` before it, ``and`` between two years is a conjunction."""
    reading = read("treaty 1961 and 2000")
    assert [(d[0], d[1]) for d in reading.dates] == [
        ("1961-01-01", "1961-12-31"),
        ("2000-01-01", "2000-12-31"),
    ]


@pytest.mark.parametrize(
    ("query", "asks", "words"),
    [
        ("when did kim jong un visit russia", {"when"}, "did kim jong un visit russia"),
        ("who founded north korea", {"who"}, "founded north korea"),
        ("how many troops", {"how many"}, "troops"),
        ("why did moscow recognise seoul", {"why"}, "did moscow recognise seoul"),
        ("Triều Tiên gửi bao nhiêu quân", {"how many"}, "trieu tien gui quan"),
        ("khi nào hiệp ước có hiệu lực", {"when"}, "hiep uoc co hieu luc"),
        ("ai là lãnh đạo", {"who"}, "la lanh dao"),
        ("tại sao Liên Xô cắt viện trợ", {"why"}, "lien xo cat vien tro"),
    ],
)
def test_question_words_are_understood_not_matched(query: str, asks: set[str], words: str) -> None:
    reading = read(query)
    assert reading.asks == asks
    assert " ".join(w.folded for w in reading.words) == words


def test_bat_dau_is_begin_not_a_question() -> None:
    """``đâu`` (where) and ``đầu`` (in ``bắt đầu``, begin) fold alike: only ``ở đâu`` asks."""
    assert [w.folded for w in read("chiến tranh bắt đầu").words][-2:] == ["bat", "dau"]


@pytest.mark.parametrize(
    ("query", "place", "countries"),
    [
        ("when did kim jong un visit russia", "russia", {"RU", "SU"}),
        ("putin visit north korea", "north", {"KP"}),
        ("putin trip to north korea", "north", {"KP"}),
        ("khi nào Kim Jong Un thăm Nga", "nga", {"RU", "SU"}),
        ("Ngoại trưởng Lavrov đến Triều Tiên", "trieu", {"KP"}),
        ("lavrov in pyongyang", "pyongyang", {"KP"}),
    ],
)
def test_a_place_after_a_word_of_motion_says_where(
    query: str, place: str, countries: set[str]
) -> None:
    words = {w.folded: w for w in read(query).words}
    assert words[place].held_in == countries
    assert any(w.pointer for w in words.values())


def test_a_place_alone_says_nothing_about_where() -> None:
    assert all(not w.held_in for w in read("russia north korea").words)


def test_the_thesaurus_is_data_with_both_spellings() -> None:
    vocab = vocabulary()
    assert "defence" in vocab.synonyms["defense"]
    assert "moscow" in vocab.synonyms["mat xco va"]
    assert "cosmodrome" in vocab.synonyms["spaceport"]
    raw = json.loads(thesaurus_path().read_text(encoding="utf-8"))
    # Keys are folded, as queries are: no accents, lower case.
    for group in raw["equivalents"]:
        for word in group:
            assert word.isascii() and word == word.lower(), word


@pytest.mark.parametrize(
    ("query", "word", "function"),
    [
        ("hiệp ước hết hiệu lực", "lực", False),  # strength, not lúc (when)
        ("tầm quan trọng", "trọng", False),  # not trong (in)
        ("Putin lúc đó", "lúc", True),
        ("hiep uoc het hieu luc", "luc", True),  # without tones, it cannot be told apart
        ("trong năm 1961", "trong", True),
    ],
)
def test_a_syllable_is_a_function_word_only_as_it_is_written(
    query: str, word: str, function: bool
) -> None:
    from nkru.search import parse

    term = next(t for t in parse([query]) if t.typed == word)
    assert term.function is function
    assert term.required is not function
