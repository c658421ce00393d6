"""The bundled store: complete, cited, bilingual, and every fact findable the way users ask.

The table of questions is the heart of this file: for each fact in the two source articles,
a query a journalist or student would type, and the event that must come back near the top.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from nkru.search import build_index, search
from nkru.store import Catalog, load, packaged_store_path

from .conftest import SOURCES

_CATALOG = load(packaged_store_path())
_INDEX = build_index(_CATALOG)
_VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")

# (what a user types, the event that must be among the first results)
QUESTIONS = [
    ("japan defeat korea divided", "1945-japanese-rule-ends-korea-divided"),
    ("kim il sung soviet army power", "1945-soviet-army-brings-kim-il-sung-to-power"),
    ("1948 founding north korea", "1948-kim-il-sung-founds-north-korea"),
    ("korean war begins", "1950-06-korean-war-begins"),
    ("surprise attack 1950", "1950-06-korean-war-begins"),
    ("soviet air force china korean war", "1950-korean-war-china-enters-soviet-air-support"),
    ("fighter jets pilots", "1950-korean-war-china-enters-soviet-air-support"),
    ("armistice", "1953-korean-war-armistice"),
    ("ngừng bắn 1953", "1953-korean-war-armistice"),
    ("soviet aid cold war", "1953-decades-of-soviet-aid"),
    ("purges pro-soviet factions", "1955-kim-il-sung-purges-sour-soviet-ties"),
    ("khrushchev treaty", "1961-mutual-defence-treaty"),
    ("1961", "1961-mutual-defence-treaty"),
    ("equidistance", "1970-equidistance-between-moscow-and-beijing"),
    ("sino-soviet rivalry", "1970-equidistance-between-moscow-and-beijing"),
    ("borrowing turmoil 1970s", "1970-heavy-borrowing-economic-turmoil"),
    ("gorbachev aid cut", "1980-gorbachev-cuts-aid-courts-seoul"),
    ("eastern europe seoul", "1980-seoul-expands-ties-with-eastern-europe"),
    ("kim il sung moscow 1984", "1984-kim-il-sung-visits-moscow"),
    ("kim il sung gorbachev 1986", "1986-kim-il-sung-meets-gorbachev-in-moscow"),
    ("betrayal", "1990-moscow-establishes-ties-with-seoul"),
    ("diplomatic ties south korea 1990", "1990-moscow-establishes-ties-with-seoul"),
    ("soviet collapse", "1991-soviet-collapse"),
    ("Liên Xô tan rã", "1991-soviet-collapse"),
    ("yeltsin aid", "1992-yeltsin-cuts-aid"),
    ("yeltsin alliance treaty", "1992-yeltsin-ends-military-alliance"),
    ("on paper", "1992-yeltsin-ends-military-alliance"),
    ("kim il sung death", "1994-kim-il-sung-dies"),
    ("Kim Nhat Thanh qua doi", "1994-kim-il-sung-dies"),
    ("famine", "1997-north-korean-famine"),
    ("nạn đói", "1997-north-korean-famine"),
    ("putin elected 2000", "2000-putin-elected-seeks-to-restore-ties"),
    ("putin pyongyang 2000", "2000-07-putin-visits-pyongyang"),
    ("missile defence", "2000-07-putin-visits-pyongyang"),
    ("first russian leader to visit north korea", "2000-07-putin-visits-pyongyang"),
    ("kim jong il visits russia 2001", "2001-kim-jong-il-visits-russia"),
    ("putin kim jong il vladivostok 2002", "2002-08-putin-kim-jong-il-vladivostok"),
    ("russia backs un sanctions 2000s", "2005-russia-twice-backs-un-sanctions"),
    ("denuclearisation talks", "2005-denuclearisation-talks"),
    ("2006 sanctions", "2006-first-un-sanctions-on-north-korea"),
    ("six party talks collapse", "2008-12-denuclearisation-talks-collapse"),
    ("medvedev", "2011-08-kim-jong-il-medvedev-summit"),
    ("kim jong il death", "2011-kim-jong-il-dies"),
    ("kim jong un succeeds", "2011-kim-jong-un-succeeds-father"),
    ("debt write off", "2012-russia-writes-off-north-korean-debt"),
    ("11 billion", "2012-russia-writes-off-north-korean-debt"),
    ("xóa nợ", "2012-russia-writes-off-north-korean-debt"),
    ("nuclear tests 2016", "2016-kim-jong-un-steps-up-nuclear-missile-tests"),
    ("oil labour sanctions", "2016-russia-china-back-tough-un-sanctions"),
    ("kim jong un mends ties russia china", "2017-kim-jong-un-mends-ties-with-russia-and-china"),
    ("diplomacy washington seoul", "2018-kim-jong-un-opens-diplomacy-with-us-and-south-korea"),
    ("trump summit", "2019-second-trump-summit-fails"),
    ("vladivostok 2019", "2019-04-vladivostok-summit"),
    ("first summit putin kim jong un", "2019-04-vladivostok-summit"),
    ("ukraine war hegemonic", "2022-north-korea-backs-russia-ukraine-war"),
    ("record missile tests", "2022-russia-china-oppose-new-sanctions"),
    ("veto", "2022-04-russia-china-veto-us-sanctions-draft"),
    ("phủ quyết", "2022-04-russia-china-veto-us-sanctions-draft"),
    ("wagner", "2022-us-accuses-north-korea-of-arming-wagner"),
    ("shoigu parade", "2023-07-shoigu-visits-pyongyang"),
    ("weapons factories", "2023-kim-jong-un-tours-weapons-factories"),
    ("artillery ammunition ukraine", "2023-09-us-officials-putin-may-seek-artillery"),
    ("kim jong un arrives russia", "2023-09-12-kim-jong-un-arrives-in-russia"),
    ("strategic importance", "2023-09-12-kim-jong-un-arrives-in-russia"),
    ("kozlov", "2023-09-12-kozlov-welcomes-kim-jong-un"),
    ("75 years", "2023-09-12-kozlov-welcomes-kim-jong-un"),
    ("vostochny", "2023-09-13-vostochny-cosmodrome-summit"),
    ("military technical cooperation", "2023-09-13-putin-raises-military-technical-cooperation"),
    ("resounding victory", "2023-09-13-kim-jong-un-predicts-russian-victory"),
]


@pytest.mark.parametrize(("query", "event_id"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_every_fact_is_found_the_way_users_ask(query: str, event_id: str) -> None:
    found = [h.event.id for h in search(_CATALOG, query.split(), _INDEX)]
    assert event_id in found[:3], f"{query!r}: {event_id} not in the top 3 of {found[:5]}"


def test_every_event_is_asked_about() -> None:
    asked = {event_id for _, event_id in QUESTIONS}
    missing = [e.id for e in _CATALOG.events if e.id not in asked]
    assert not missing, f"no question finds {missing}"


def test_size_is_what_the_articles_hold(catalog: Catalog) -> None:
    assert 40 <= len(catalog.events) <= 60
    assert len(catalog.people) >= 11
    assert len(catalog.sources) == 2


def test_every_event_is_cited_and_bilingual(catalog: Catalog) -> None:
    for event in catalog.events:
        assert event.sources, event.id
        for text in (event.title, event.summary):
            assert text.en.strip() and text.vi.strip(), event.id
            assert text.en != text.vi, event.id
            assert _VIETNAMESE.search(text.vi.lower()), f"{event.id}: Vietnamese without accents?"


def test_ids_are_readable_and_start_with_the_year(catalog: Catalog) -> None:
    for event in catalog.events:
        assert event.id.startswith(event.start[:4]), event.id


def test_vague_periods_keep_their_words(catalog: Catalog) -> None:
    approximate = [e for e in catalog.events if e.approximate]
    assert len(approximate) >= 5
    for event in approximate:
        assert event.end is not None or event.period is not None, event.id


def test_both_articles_are_cited(catalog: Catalog) -> None:
    cited = {c.source for e in catalog.events for c in e.sources}
    assert cited == set(catalog.sources)
    both = [e for e in catalog.events if len({c.source for c in e.sources}) == 2]
    assert len(both) >= 15, "facts both articles report are one event citing both"


def test_the_articles_disagreements_are_noted(catalog: Catalog) -> None:
    noted = {e.id for e in catalog.events if e.note is not None}
    for event_id in (
        "1990-moscow-establishes-ties-with-seoul",
        "1992-yeltsin-ends-military-alliance",
        "2011-kim-jong-il-dies",
        "2017-kim-jong-un-mends-ties-with-russia-and-china",
    ):
        assert event_id in noted


def test_people_have_the_spellings_users_type(catalog: Catalog) -> None:
    kim = catalog.people["kim-il-sung"]
    assert "Kim Nhật Thành" in kim.spellings()
    assert kim.native == "김일성"
    assert catalog.people["vladimir-putin"].native == "Владимир Путин"
    for person in catalog.people.values():
        assert person.aliases, person.id
        assert catalog.events_of(person.id), f"{person.id} is in no event"


def test_the_file_is_readable_utf8_json() -> None:
    raw = packaged_store_path().read_text(encoding="utf-8")
    assert "\\u" not in raw
    assert json.loads(raw)["schema_version"] == 1


def _article(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").replace("_", " ").split())


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the source articles are not beside the repo")
def test_every_citation_is_found_in_its_article(catalog: Catalog) -> None:
    articles = {s.id: _article(SOURCES / s.file) for s in catalog.sources.values()}
    for event in catalog.events:
        for citation in event.sources:
            text = articles[citation.source]
            for part in citation.where.split(" — "):
                assert " ".join(part.split()) in text, f"{event.id}: {part!r}"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the source articles are not beside the repo")
def test_every_figure_in_the_articles_is_in_the_store(store_json: Any) -> None:
    store_text = json.dumps(store_json, ensure_ascii=False)
    for path in SOURCES.glob("0*.txt"):
        for year in set(re.findall(r"\b(19[4-9]\d|20[0-2]\d)\b", path.read_text(encoding="utf-8"))):
            assert year in store_text, f"{year} from {path.name} is in no event"
