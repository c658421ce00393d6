"""Ranking: what users type finds what they mean, first."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

import nkru.search as search_module
from nkru.errors import UsageError
from nkru.index import Catalog
from nkru.query import Filters
from nkru.search import parse, search

REPO = Path(__file__).resolve().parent.parent


def top(catalog: Catalog, query: str, count: int = 5, **filters: object) -> list[str]:
    found = search(catalog, [query], Filters(**filters), limit=count)  # type: ignore[arg-type]
    return [h.event.id for h in found.hits]


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("strategic partnership", "strategic-partnership-treaty"),
        ("hiệp ước đối tác chiến lược toàn diện", "strategic-partnership-treaty"),
        ("kursk", "kursk"),
        ("quân đội Triều Tiên ở Nga", "troops"),
        ("panel of experts", "panel"),
        ("treaties", "treaty"),
        ("nợ", "debt"),
        ("xóa nợ", "debt"),
        ("Путин", "putin"),
        ("김정은", "kim"),
        ("Ким Ир Сен", "kim-il-sung"),
        ("ulan ude", "medvedev"),
        ("Ulan-Ude", "medvedev"),
        ("lavrov", "lavrov"),
        ("vetoed", "veto"),
    ],
)
def test_what_users_type_comes_first(catalog: Catalog, query: str, wanted: str) -> None:
    found = top(catalog, query, 3)
    assert any(wanted in event_id for event_id in found), f"{query!r}: {found}"


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("김정은", "kim-jong-un"),
        ("라브로프", "sergei-lavrov"),
        ("Путин", "vladimir-putin"),
        ("Ким Ир Сен", "kim-il-sung"),
        ("Шойгу", "sergei-shoigu"),
        ("Kim Chính Nhật", "kim-jong-il"),
    ],
)
def test_names_in_every_script_find_the_person(catalog: Catalog, query: str, person: str) -> None:
    hits = search(catalog, [query], limit=5).hits
    assert hits and all(person in h.event.people for h in hits), query


@pytest.mark.parametrize("query", ["Kim Chính Ân gặp Putin", "kim chinh an gap putin"])
def test_a_name_syllable_that_is_a_function_word_elsewhere_stays_in_the_name(
    catalog: Catalog, query: str
) -> None:
    """The "Ân" of Kim Chính Ân (Kim Jong Un) folds to the English "an": left out, the name
    would be "Kim Chính", which is also the start of Kim Chính Nhật (Kim Jong Il)."""
    hits = search(catalog, [query], limit=5).hits
    assert hits and all("kim-jong-un" in h.event.people for h in hits), [h.event.id for h in hits]


@pytest.mark.parametrize(
    ("query", "person"),
    [("Путинх", "vladimir-putin"), ("Шойгуу", "sergei-shoigu"), ("라브로프프", "sergei-lavrov")],
)
def test_a_name_misspelt_in_its_own_script_finds_the_person(
    catalog: Catalog, query: str, person: str
) -> None:
    """Names in Cyrillic and Hangul are in the people's spellings, not in events' text: a
    typo corrected to one finds that person's events."""
    result = search(catalog, [query], limit=5)
    assert result.corrections and result.hits
    assert all(person in h.event.people for h in result.hits), [h.event.id for h in result.hits]


def test_china_does_not_match_chinh(catalog: Catalog) -> None:
    result = search(catalog, ["china"], limit=None)
    for hit in result.hits:
        text = " ".join(
            [hit.event.title.en, hit.event.summary.en, *(p.en for p in hit.event.places)]
        )
        note = hit.event.note.en if hit.event.note else ""
        claims = " ".join(c.says.en + c.record.en for c in hit.event.claims)
        assert "chin" in (text + note + claims).lower(), hit.event.id


def test_sup_do_is_a_vietnamese_phrase_not_supply(catalog: Catalog) -> None:
    for hit in search(catalog, ['"sụp đổ"'], limit=None).hits:
        text = (
            hit.event.title.vi
            + hit.event.summary.vi
            + (hit.event.note.vi if hit.event.note else "")
            + " ".join(hit.event.terms.vi if hit.event.terms else [])
        ).lower()
        assert "sụp đổ" in text or any(
            "sụp đổ" in c.says.vi.lower() + c.record.vi.lower() for c in hit.event.claims
        ), hit.event.id


def test_events_matching_every_word_come_first(catalog: Catalog) -> None:
    result = search(catalog, ["putin", "vladivostok"], limit=None)
    first = result.hits[0].event
    assert "vladimir-putin" in first.people
    assert "Vladivostok" in " ".join(p.en for p in first.places) + first.title.en


def test_a_typo_is_corrected_and_ranks_after_exact_words(catalog: Catalog) -> None:
    result = search(catalog, ["puttin"])
    assert result.hits and "putin" in result.corrections["puttin"]
    # Each correction is named once, though the name is both a word and a person's name.
    assert len(result.corrections["puttin"]) == len(set(result.corrections["puttin"]))
    assert all("vladimir-putin" in h.event.people for h in result.hits[:5])
    assert result.hits[0].score is not None
    assert result.hits[0].score < search(catalog, ["putin"]).hits[0].score  # type: ignore[operator]


def test_scores_are_ordered_and_tell_events_apart(catalog: Catalog) -> None:
    hits = search(catalog, ["diplomacy"], limit=None).hits
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    assert len(set(scores)) >= 5
    assert scores[0] > scores[1]  # the one event titled for diplomacy stands out
    tagged_only = [h.score for h in hits if h.matched == ("topics",)]
    assert tagged_only and max(tagged_only) < scores[0]  # type: ignore[type-var]
    assert all(0 <= s <= 100 for s in scores)  # type: ignore[operator]


def test_matched_fields_are_reported(catalog: Catalog) -> None:
    hit = search(catalog, ["khrushchev"]).hits[0]
    assert "people" in hit.matched or "title" in hit.matched


def test_the_default_is_the_best_twenty(catalog: Catalog) -> None:
    result = search(catalog, ["korea"])
    assert len(result.hits) == 20
    assert result.total > 20
    assert len(search(catalog, ["korea"], limit=None).hits) == result.total


def test_filters_that_hide_every_match_are_named(catalog: Catalog) -> None:
    result = search(catalog, ["putin"], Filters(until="1960"))
    assert result.hits == []
    assert result.unfiltered > 0
    assert result.widen == [("until", result.unfiltered)]


@pytest.mark.parametrize("query", ["", "   ", '""', "!!!", "x" * 201])
def test_empty_or_huge_queries_are_refused(query: str) -> None:
    with pytest.raises(UsageError):
        parse([query])


def test_quoted_phrases_parse_as_phrases() -> None:
    terms = parse(['"six-party talks"', "collapse"])
    assert terms[0].forms == ("six party talks",)
    assert terms[1].forms[0] == "collapse"


def _relevance() -> object:
    spec = importlib.util.spec_from_file_location("relevance", REPO / "benchmarks" / "relevance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["relevance"] = module
    spec.loader.exec_module(module)
    return module


def test_relevance_floor_on_the_held_out_queries(catalog: Catalog) -> None:
    relevance = _relevance()
    queries = relevance.load_queries()  # type: ignore[attr-defined]
    held_out = [q for q in queries if q.get("heldout")]
    assert len(queries) >= 150 and len(held_out) >= 50
    scores = relevance.evaluate(catalog, held_out)  # type: ignore[attr-defined]
    assert scores.hit1 >= 0.85, scores.misses
    assert scores.hit5 >= 0.97, scores.misses
    assert not math.isnan(scores.mrr)


@pytest.mark.parametrize("query", ["ammunition", "munitions", "đạn dược"])
def test_a_word_and_its_equivalents_find_the_same_event(catalog: Catalog, query: str) -> None:
    """The store says "munitions"; a user may type "ammunition", or the Vietnamese."""
    first = search(catalog, [query]).hits[0].event
    assert first.id == "2023-10-13-us-says-north-korea-sent-munitions-to-russia"


def test_question_words_are_not_required(catalog: Catalog) -> None:
    """ "bao nhiêu" (how much) shapes a question, like "how": an event need not contain it."""
    first = search(catalog, ["Moskva xóa bao nhiêu nợ cho Triều Tiên"]).hits[0].event
    assert first.id == "2012-09-17-russia-writes-off-north-korean-debt"


def test_a_conjunction_is_not_a_word_an_answer_must_hold(catalog: Catalog) -> None:
    """ "despite" joins the question's parts: the workers sent home are found for it."""
    terms = {t.typed: t for t in parse(["north korean workers in russia despite sanctions"])}
    assert terms["despite"].function and not terms["despite"].required
    assert top(catalog, "north korean workers in russia despite sanctions", 1) == [
        "2017-12-22-russia-sends-home-north-korean-workers"
    ]


def test_a_year_acts_on_dates_not_as_a_word(catalog: Catalog) -> None:
    """The 1995 notice names "1961" in its title; the treaty signed in 1961 is the answer."""
    assert top(catalog, "who signed the 1961 treaty", 1) == [
        "1961-07-06-soviet-dprk-mutual-assistance-treaty"
    ]
    assert top(catalog, "hiệp ước năm 1961", 1) == [
        "1961-07-06-soviet-dprk-mutual-assistance-treaty"
    ]


@pytest.mark.parametrize(
    "query", ["what happened in december 2024", "chuyện gì xảy ra tháng 12/2024"]
)
def test_a_month_asked_for_comes_first(catalog: Catalog, query: str) -> None:
    hits = search(catalog, [query], limit=5).hits
    assert len(hits) >= 2
    for hit in hits[:2]:
        assert hit.event.start <= "2024-12-31" and hit.event.last >= "2024-12", hit.event.id
    # Among events of the month, date order.
    starts = [h.event.start for h in hits if h.event.start.startswith("2024-12")]
    assert starts == sorted(starts)


@pytest.mark.parametrize("query", ["what happened in 1991", "events of summer 2024"])
def test_a_date_with_only_function_words_lists_the_dates_events_only(
    catalog: Catalog, query: str
) -> None:
    """ "in" and "of" are in every event: they do not fill the listing with other years,
    and the count says how many events the dates hold."""
    result = search(catalog, [query], limit=20)
    ((_, first, last),) = result.dates
    within = [e.id for e in catalog.events() if e.start <= last and e.last >= first[:4]]
    assert result.hits and all(h.event.id in within for h in result.hits)
    assert result.total == len(result.hits)


def test_a_decade_asked_for_in_vietnamese(catalog: Catalog) -> None:
    for hit in search(catalog, ["những năm 1970"], limit=5).hits:
        assert hit.event.start <= "1979-12-31" and hit.event.last >= "1970", hit.event.id


@pytest.mark.parametrize(
    ("query", "host", "person"),
    [
        ("when did kim jong un visit russia", {"RU", "SU"}, "kim-jong-un"),
        ("khi nào Kim Jong Un thăm Nga", {"RU", "SU"}, "kim-jong-un"),
        ("putin visit north korea", {"KP"}, "vladimir-putin"),
        ("Putin thăm Triều Tiên", {"KP"}, "vladimir-putin"),
    ],
)
def test_who_went_where(catalog: Catalog, query: str, host: set[str], person: str) -> None:
    """Kim's trips to Russia, not Russians in Pyongyang; Putin's to Pyongyang, not Kim's."""
    hits = search(catalog, [query], limit=3).hits
    for hit in hits:
        assert host & set(hit.event.held_in), hit.event.id
        assert person in hit.event.people, hit.event.id


@pytest.mark.parametrize(
    "query", ["kim jong un travels to russia", "kim jong un journeys to russia"]
)
def test_a_visit_to_a_country_is_held_there_not_partly_there(catalog: Catalog, query: str) -> None:
    """A span of summits in China, North Korea and Russia took place in Russia only in part:
    Kim's trips held in Russia alone come first."""
    hits = search(catalog, [query], limit=3).hits
    assert all(set(h.event.held_in) <= {"RU", "SU"} and h.event.held_in for h in hits), [
        (h.event.id, h.event.held_in) for h in hits
    ]


@pytest.mark.parametrize(
    "query",
    [
        "Liên Xô sụp đổ ảnh hưởng gì đến Triều Tiên",
        "lien xo sup do anh huong bac trieu tien",
        "what impact did the soviet collapse have on north korea",
    ],
)
def test_what_affects_a_country_is_no_trip_there(catalog: Catalog, query: str) -> None:
    """ "ảnh hưởng đến Triều Tiên" is what affects North Korea: "đến" is no journey there, and
    "ảnh hưởng" (impact) frames the question without being required of the answer."""
    terms = {t.typed: t for t in parse([query])}
    assert not any(t.held_in for t in terms.values())
    assert not any(t.required for t in terms.values() if t.forms[0] in ("anh huong", "impact"))
    hits = search(catalog, [query], limit=1).hits
    assert hits and hits[0].event.start.startswith("1991-12"), [h.event.id for h in hits]


@pytest.mark.parametrize(
    "query",
    [
        "russian president goes to north korea",
        "tổng thống Nga thăm Triều Tiên",
        "tong thong nga tham trieu tien",
    ],
)
def test_an_office_finds_whoever_held_it(catalog: Catalog, query: str) -> None:
    """The store's summaries of Putin's visits name him, not his office: the office finds
    the people whose roles held it, and their visits to North Korea come first."""
    hits = search(catalog, [query], limit=2).hits
    assert len(hits) == 2
    for hit in hits:
        assert "vladimir-putin" in hit.event.people, hit.event.id
        assert hit.event.held_in == ["KP"] and "visit" in hit.event.topics, hit.event.id


@pytest.mark.parametrize(
    "query",
    [
        "When did a Russian or Soviet head of state visit North Korea for the first time?",
        "first russian or soviet leader to visit north korea",
    ],
)
def test_two_countries_offices_joined_by_or_are_either(catalog: Catalog, query: str) -> None:
    """ "russian or soviet leader" is the Russian leader or the Soviet one: Putin's visit of
    2000, the first by either, is found though no Soviet leader ever made one."""
    (office,) = [t for t in parse([query]) if t.office]
    assert "russian" in office.typed and "soviet" in office.typed
    assert top(catalog, query, 1) == ["2000-07-19-putin-visits-pyongyang"]


@pytest.mark.parametrize(
    "query",
    ["lãnh đạo Liên Xô hoặc Nga đến Triều Tiên", "lanh dao lien xo hoac nga tham trieu tien"],
)
def test_an_office_with_a_second_country_after_it_is_either(catalog: Catalog, query: str) -> None:
    """Vietnamese names the country after the office: "lãnh đạo Liên Xô hoặc Nga" is the
    Soviet leader or the Russian one, and "hoặc" (or) is not a word to find."""
    (office,) = [t for t in parse([query]) if t.office]
    assert "nga" in office.typed and not [t for t in parse([query]) if t.typed == "hoặc"]
    assert top(catalog, query, 1) == ["2000-07-19-putin-visits-pyongyang"]


def test_an_office_matches_its_holders_only_while_they_held_it(catalog: Catalog) -> None:
    """Medvedev was president from 2008 to 2012: his summit of 2011 is the Russian
    president's, his visit of 2025, as a party leader, is not."""
    from nkru.search import _in_office, _with_holders, understand

    (office,) = [t for t in understand(["russian president"])[0] if t.office]
    office = _with_holders(catalog, office)
    assert _in_office(office, ["dmitry-medvedev"], "2011-08-24", "2011-08-24")
    assert not _in_office(office, ["dmitry-medvedev"], "2025-10-08", "2025-10-10")
    assert _in_office(office, ["vladimir-putin"], "2024-06-19", "2024-06-19")
    assert not _in_office(office, ["vladimir-putin"], "2010-01-01", "2010-12-31")
    later = [h.event for h in search(catalog, ["russian president"], limit=None).hits]
    visit = next(e for e in later if e.id == "2025-10-08-medvedev-at-wpk-80th-anniversary")
    first = next(e for e in later if e.id == "2011-08-24-kim-jong-il-medvedev-ulan-ude-summit")
    assert later.index(first) < later.index(visit)
    soviet = [
        h.event.id for h in search(catalog, ["soviet leader meets kim il sung"], limit=2).hits
    ]
    assert "1986-10-kim-il-sung-meets-gorbachev-in-moscow" in soviet


def test_a_word_only_corrected_does_not_decide_a_long_questions_order(catalog: Catalog) -> None:
    """``commit`` is in no event; corrected, it reaches ``committee``. In a question of five
    words that must not lift an event above those that match the other four."""
    with_word = search(catalog, ["1961 treaty ussr north korea commit"], limit=5).hits
    without = search(catalog, ["1961 treaty ussr north korea"], limit=5).hits
    assert [h.event.id for h in with_word[:2]] == [h.event.id for h in without[:2]]


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ("russia north korea 1961", "1961", "1961-12-31"),
        ("quan hệ Nga Triều những năm 1970", "1970", "1979-12-31"),
        ("Nga viện trợ trước năm 1960", "0001", "1959-12-31"),
    ],
)
def test_russia_before_1992_is_the_soviet_union(
    catalog: Catalog, query: str, first: str, last: str
) -> None:
    """Russia's relations with North Korea in the 1970s were Moscow's, the Soviet Union's."""
    hits = search(catalog, [query], limit=3).hits
    assert hits
    for hit in hits[:2]:
        assert hit.event.last >= first and hit.event.start <= last, hit.event.id
        assert "SU" in hit.event.countries or "SU" in hit.event.held_in, hit.event.id


def test_after_a_date_what_followed_soon_comes_first(catalog: Catalog) -> None:
    """Putin met Kim Jong Il in Moscow in 2001 and in Vladivostok in 2002: "after 2000"
    asks first for what came right after."""
    hits = search(catalog, ["putin kim jong il after 2000"], limit=3).hits
    assert hits[0].event.id.startswith("2001-07-26"), [h.event.id for h in hits]


def test_vietnamese_syllables_the_store_never_joins_are_optional(catalog: Catalog) -> None:
    """The store writes ``phái đoàn`` (delegation) but never ``cử phái``: ``cử`` (to send) is
    not required, as its letters alone also spell ``cũ`` (old); ``phái đoàn`` stays."""
    terms = [search_module._with_variants(catalog, t) for t in parse(["cử phái đoàn Nga"])]
    loose = {t.typed: t.required for t in search_module._loose_compounds(catalog, terms)}
    assert loose == {"cử": False, "phái": True, "đoàn": True, "nga": True}


@pytest.mark.parametrize("year", ["1959", "1965", "1968", "1977", "1978", "1990"])
def test_an_event_of_the_year_asked_for_comes_before_decades_that_span_it(
    catalog: Catalog, year: str
) -> None:
    """Decades of Soviet aid overlap every Cold War year, but "1977" asks for 1977."""
    first = search(catalog, [f"soviet north korea {year}"], limit=3).hits[0].event
    assert first.start[:4] == year, first.id


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ("soviet aid after the cold war", "1992", "9999"),
        ("putin visits since 2020", "2020", "9999"),
        ("Liên Xô viện trợ trước năm 1960", "0001", "1959-12-31"),
        ("treaties from 1995 to 2001", "1995", "2001-12-31"),
    ],
)
def test_a_bounded_date_keeps_the_first_hit_within_it(
    catalog: Catalog, query: str, first: str, last: str
) -> None:
    hit = search(catalog, [query], limit=3).hits[0]
    assert hit.event.last >= first and hit.event.start <= last, hit.event.id


@pytest.mark.parametrize(
    ("query", "city"),
    [("when did kim jong il visit moscow", "Moscow"), ("kim il sung went to moscow", "Moscow")],
)
def test_a_city_asked_for_is_where_the_first_hit_took_place(
    catalog: Catalog, query: str, city: str
) -> None:
    """Ulan-Ude is in Russia, but a visit to Moscow is a visit to Moscow."""
    first = search(catalog, [query], limit=3).hits[0].event
    assert city in {p.en for p in first.places}, first.id


def test_trips_to_a_city_come_before_trips_elsewhere_in_its_country(catalog: Catalog) -> None:
    """The North Korean leaders' trips to Moscow come before the summit at Ulan-Ude."""
    hits = search(catalog, ["north korean leader visits moscow"], limit=5).hits
    assert all("Moscow" in {p.en for p in h.event.places} for h in hits), [h.event.id for h in hits]


@pytest.mark.parametrize(
    ("query", "month"),
    [
        ("june 2024 russia north korea", "2024-06"),
        ("tháng 6 năm 2024 Nga Triều Tiên", "2024-06"),
        ("september 2023 moscow pyongyang", "2023-09"),
    ],
)
def test_a_month_with_the_two_countries_lists_that_month_first(
    catalog: Catalog, query: str, month: str
) -> None:
    """Every event in the store is about Russia and North Korea, so the two names match
    few texts; the month is what the user asked for, named in the text or not."""
    hits = search(catalog, [query], limit=5).hits
    assert hits and all(h.event.start.startswith(month) for h in hits[:2]), [
        h.event.id for h in hits
    ]


def test_a_capital_as_the_subject_is_its_country(catalog: Catalog) -> None:
    """``has pyongyang sent`` is North Korea sending: the event on the first troops sent,
    whose text never names Pyongyang, answers it."""
    assert "2024-10-18-seoul-says-north-korean-troops-sent-to-russia" in top(
        catalog, "how many north korean soldiers has pyongyang sent to russia", 3
    )


def test_capitals_stand_for_their_governments(catalog: Catalog) -> None:
    """``moscow pyongyang 1986`` asks about the two governments that year: Kim Il Sung's
    meeting with Gorbachev, though its text names neither capital as a country."""
    assert "1986-10-kim-il-sung-meets-gorbachev-in-moscow" in top(
        catalog, "moscow pyongyang 1986", 3
    )


@pytest.mark.parametrize(
    "query", ["when did kim jong un visit russia", "khi nào Kim Jong Un sang Nga"]
)
def test_when_is_answered_by_a_dated_event_before_a_span(catalog: Catalog, query: str) -> None:
    """A year-long outreach that ends in a summit names the summit, but the summit's own
    event, dated to the day, is the answer to "when"."""
    first = search(catalog, [query], limit=5).hits[0].event
    assert not first.approximate, first.id
    assert first.end is None or first.end <= first.start[:8] + "31", first.id


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("state banquet at the spaceport", "2023-09-13-kim-jong-un-predicts-russian-victory"),
        ("partition of korea", "1945-08-japanese-rule-ends-korea-divided"),
        ("north korean POWs", "2025-01-11-ukraine-captures-two-north-korean-soldiers"),
        ("prisoners of war", "2025-01-11-ukraine-captures-two-north-korean-soldiers"),
        ("rason railway", "2013-09-22-rebuilt-khasan-rajin-railway-opens"),
        ("Mát-xcơ-va xóa nợ", "2012-09-17-russia-writes-off-north-korean-debt"),
        ("what did putin give kim jong un", "2024-02-18-putin-gives-kim-aurus-car"),
        ("who put kim il sung in charge", "1945-soviet-army-brings-kim-il-sung-to-power"),
        ("russia cancelled the soviet loans", "2012-09-17-russia-writes-off-north-korean-debt"),
        (
            "weapons north korea sent to russia",
            "2023-10-13-us-says-north-korea-sent-munitions-to-russia",
        ),
        ("soviet-era debt write off", "2012-09-17-russia-writes-off-north-korean-debt"),
        ("lumberjacks in russia", "2017-12-22-russia-sends-home-north-korean-workers"),
        (
            "Liên Xô giúp Triều Tiên xây dựng lại đất nước sau chiến tranh",
            "1953-decades-of-soviet-aid",
        ),
        ("russia forgives pyongyang", "2012-09-17-russia-writes-off-north-korean-debt"),
        ("putin and kim face to face", "2002-08-23-putin-kim-jong-il-vladivostok"),
        (
            "why did north korea side with russia over ukraine",
            "2022-02-24-north-korea-backs-russia-ukraine-war",
        ),
        (
            "what role did the soviet union play in the korean war",
            "1950-10-china-enters-korean-war-with-soviet-air-cover",
        ),
    ],
)
def test_the_users_words_find_the_stores(catalog: Catalog, query: str, wanted: str) -> None:
    assert wanted in top(catalog, query, 3), top(catalog, query, 3)


def test_a_vietnamese_compound_typed_without_tones_is_one_word(catalog: Catalog) -> None:
    """Typed without tones, the "tử" of "tử trận" (killed in action) is "tu", the function word
    "từ" (from): the compound is one word, with the store's others for it (thiệt mạng)."""
    terms = parse(["bao nhieu linh trieu tien tu tran"])
    (killed,) = [t for t in terms if "tu tran" in t.forms]
    assert killed.required and "thiet mang" in killed.forms
    wanted = "2025-09-02-seoul-estimates-2000-nk-soldiers-killed"
    assert wanted in top(catalog, "bao nhieu linh trieu tien tu tran", 3)


def test_take_effect_is_one_phrase_not_a_light_word() -> None:
    """ "effect" alone frames a question ("what effect did it have"); "take effect" is when a
    treaty entered into force, and is looked for as that."""
    terms = parse(["when did the treaty take effect"])
    (phrase,) = [t for t in terms if "take effect" in t.forms]
    assert phrase.required and "entered into force" in phrase.forms
    assert not [t for t in parse(["what effect did the collapse have"]) if t.typed == "effect"][
        0
    ].required


def test_another_form_of_a_word_brings_its_equivalents() -> None:
    """The thesaurus lists ``forgive``; ``forgives`` and ``cancelled`` bring its words too."""
    assert "write off" in parse(["forgives"])[0].forms
    assert "write off" in parse(["cancels"])[0].forms


def test_us_and_uk_spellings_find_the_same_events(catalog: Catalog) -> None:
    found = top(catalog, "mutual defense treaty", 5)
    assert found and found == top(catalog, "mutual defence treaty", 5)
    assert top(catalog, "honor", 3) == top(catalog, "honour", 3)


def test_a_loanword_spelling_finds_the_place(catalog: Catalog) -> None:
    for hit in search(catalog, ["Mát-xcơ-va"], limit=3).hits:
        assert "Moscow" in " ".join(p.en for p in hit.event.places), hit.event.id


def test_bac_trieu_tien_is_north_korea_not_beijing(catalog: Catalog) -> None:
    first = search(catalog, ["Bắc Triều Tiên"]).hits[0].event
    assert "bắc kinh" not in first.title.vi.lower()
    assert "KP" in first.countries


def test_close_scores_are_in_date_order(catalog: Catalog) -> None:
    hits = search(catalog, ["2025"], limit=None).hits
    assert len(hits) > 5
    keys = [(-(h.score or 0), h.event.start) for h in hits]
    assert keys == sorted(keys)


def test_optional_words_that_match_nothing_are_not_corrected(catalog: Catalog) -> None:
    result = search(catalog, ["did the kursk"])
    assert result.corrections == {}


def test_the_benchmark_grades_answers_and_related_events(catalog: Catalog) -> None:
    relevance = _relevance()
    perfect = {
        "query": "kursk",
        "answers": ["2024-11-north-korean-troops-enter-combat-in-kursk"],
        "related": [],
        "split": "tune",
    }
    scores = relevance.evaluate(catalog, [perfect])  # type: ignore[attr-defined]
    assert 0 < scores.ndcg <= 1 and scores.count == 1
    # The first file's old fields read as answers and a split.
    first = relevance.load_queries()[0]  # type: ignore[attr-defined]
    assert first["split"] in ("tune", "heldout") and first["answers"]


@pytest.mark.parametrize(
    "path", sorted((REPO / "benchmarks").glob("relevance_*.jsonl")), ids=lambda p: p.name
)
def test_every_judged_event_is_in_the_store(catalog: Catalog, path: Path) -> None:
    """A judgement naming an event the store no longer has (and no alias leads to) would
    count a right answer as a miss."""
    relevance = _relevance()
    known = set(catalog.ids())
    for item in relevance.load_queries(path):  # type: ignore[attr-defined]
        for key in ("answers", "related"):
            ids = relevance._ids(catalog, item, key)  # type: ignore[attr-defined]
            assert ids <= known, (item["query"], sorted(ids - known))
        assert item["answers"], item["query"]


@pytest.mark.parametrize(
    ("query", "year"),
    [
        ("events in 2019", "2019"),
        ("what's happening in 2026", "2026"),
        ("sự kiện năm 2019", "2019"),
    ],
)
def test_words_that_only_frame_a_date_do_not_outrank_it(
    catalog: Catalog, query: str, year: str
) -> None:
    """ "events", "happening", "sự kiện" say what is asked for, not what to find: the events
    of the year come first, not events that merely cite it."""
    hits = search(catalog, [query], limit=5).hits
    assert len(hits) >= 2
    for hit in hits[:2]:
        assert hit.event.start[:4] <= year <= hit.event.last[:4], hit.event.id


def test_a_function_word_is_never_a_persons_name(catalog: Catalog) -> None:
    """ "in" is a syllable of Moon Jae-in's name and "s" an initial of Sergei Lavrov; as
    function words they bring neither."""
    terms = {t.typed: t for t in parse(["kim's trips to russia in 2019"])}
    assert terms["in"].function and terms["s"].function
    from nkru.search import _with_variants

    for word in ("in", "s"):
        assert not any(
            v.startswith("nkruperson") for v in _with_variants(catalog, terms[word]).variants
        )


def test_a_vietnamese_compound_function_word_is_one_term() -> None:
    """ "quan hệ" (relations) is one word of two syllables; split, "quan" would be "quân"
    (troops) once accents are folded."""
    terms = parse(["quan hệ Nga Triều những năm 1970"])
    assert "quan hệ" in [t.typed for t in terms if t.function and not t.required]
    assert "quan" not in [t.typed for t in terms]


def test_an_adjective_of_a_country_finds_the_country(catalog: Catalog) -> None:
    """ "russian officials" finds events that say Russia."""
    forms = {f for t in parse(["russian officials"]) for f in t.forms}
    assert {"russia", "nga"} <= forms


def test_an_event_of_a_countrys_people_is_about_that_country(catalog: Catalog) -> None:
    """The June 2024 signing never writes "Russia": Putin signed it. Asked who signed the
    2024 treaty between Russia and North Korea, it is among the first answers, above events
    of other years that only cite 2024."""
    ids = top(catalog, "who signed the 2024 treaty between russia and north korea", 2)
    assert "2024-06-19-putin-kim-sign-strategic-partnership-treaty" in ids


@pytest.mark.parametrize(
    ("query", "wanted"),
    [("vệ tinh", "satellite"), ("vũ khí hạt nhân", "nuclear"), ("cố vấn Liên Xô", "advis")],
)
def test_a_vietnamese_compound_is_not_split_into_function_syllables(
    catalog: Catalog, query: str, wanted: str
) -> None:
    """ "vệ tinh" (satellite), "vũ khí" (weapons), "cố vấn" (advisers): their syllables
    fold onto function words (về, khi, có), so each compound is kept whole."""
    terms = parse([query])
    assert all(t.required for t in terms if " " in t.forms[0])
    assert any(" " in t.forms[0] for t in terms)
    hits = search(catalog, [query], limit=3).hits
    assert hits and any(wanted in h.event.id or wanted in h.event.summary.en for h in hits)


@pytest.mark.parametrize(
    ("name", "hit1", "hit5"),
    [
        ("relevance_questions.jsonl", 0.90, 0.95),
        ("relevance_judged.jsonl", 0.82, 0.97),
        ("relevance_third.jsonl", 0.80, 0.96),
        ("relevance_fourth.jsonl", 0.88, 0.96),
        ("relevance_fifth.jsonl", 0.70, 0.88),
        ("relevance_sixth.jsonl", 0.80, 0.93),
        ("relevance_seventh.jsonl", 0.85, 0.93),
        ("relevance_eighth.jsonl", 0.88, 0.96),
        ("relevance_tenth.jsonl", 0.88, 0.97),
    ],
)
def test_relevance_floor_on_the_judges_held_out_questions(
    catalog: Catalog, name: str, hit1: float, hit5: float
) -> None:
    """The questions the judges wrote first and answered from the store, held out from
    tuning: a floor just under today's figures, so a change that loses answers is seen."""
    relevance = _relevance()
    queries = relevance.load_queries(REPO / "benchmarks" / name)  # type: ignore[attr-defined]
    held_out = [q for q in queries if q["split"] == "heldout"]
    assert len(held_out) >= 18
    scores = relevance.evaluate(catalog, held_out)  # type: ignore[attr-defined]
    assert scores.hit1 >= hit1 and scores.hit5 >= hit5 and scores.empty == 0


@pytest.mark.parametrize(
    ("query", "compared"),
    [
        ("when did kim jong un visit russia", 5),
        ("what happened in 1950", 20),
        ("events in 2019", 20),
    ],
)
def test_a_tier_shown_in_part_is_trimmed_by_bm25_only_without_dates(
    catalog: Catalog, query: str, compared: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question whose words all match 18 events need not rank 82 more in full to fill two
    places: its first answers are those of a full ranking. A dated query ranks every tier
    in full (a date's fit is not in BM25), so its whole listing is the full ranking's."""
    import nkru.search

    trimmed = [h.event.id for h in search(catalog, [query], limit=20).hits]
    monkeypatch.setattr(nkru.search, "PARTIAL_TIER_MARGIN", 10**6)
    full = [h.event.id for h in search(catalog, [query], limit=20).hits]
    assert trimmed[:compared] == full[:compared]
