"""The bundled store read against the record: cited, bilingual, corrected, and up to date.

Corrections to the articles are pinned here one by one, so no later edit brings an error back.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from nkru.index import Catalog
from nkru.models import Store
from nkru.query import Filters
from nkru.store import packaged_store_path
from nkru.validate import role_warnings

from .conftest import SOURCES

_VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")


def reader_text(raw: str) -> str:
    """An article as a reader sees it: the file's underscores are spaces, no space before
    punctuation, none inside quotation marks."""
    text = " ".join(raw.replace("_", " ").split())
    text = re.sub(r' " ([^"]*?) "', r' "\1"', text)
    text = re.sub(r" ([,.;:!?)%])", r"\1", text)
    return text.replace("( ", "(")


@pytest.fixture(scope="module")
def articles(store: Store) -> dict[str, str]:
    if not SOURCES.is_dir():
        pytest.skip("the source articles are not beside the repo")
    return {s.id: reader_text((SOURCES / s.file).read_text("utf-8")) for s in store.sources}


def test_every_event_is_cited_and_bilingual(store: Store) -> None:
    for event in store.events:
        assert event.sources, event.id
        for text in (event.title, event.summary):
            assert text.en.strip() and text.vi.strip(), event.id
            assert text.en != text.vi, event.id
            assert _VIETNAMESE.search(text.vi.lower()), f"{event.id}: Vietnamese without accents?"


def test_ids_carry_their_dates(store: Store) -> None:
    for event in store.events:
        assert event.id.startswith(event.start + "-"), event.id
        assert len(event.id) <= 56, event.id


def test_every_locator_is_an_exact_quote_of_its_article(
    store: Store, articles: dict[str, str]
) -> None:
    for event in store.events:
        for cited in [*event.sources, *event.claims]:
            if cited.source in articles:
                assert cited.where, event.id
                assert cited.where in articles[cited.source], f"{event.id}: {cited.where!r}"


def test_vietnamese_is_written_not_copied(store: Store, articles: dict[str, str]) -> None:
    def words(text: str) -> list[str]:
        return re.sub(r"[^\w\s]", " ", text.lower()).split()

    runs = set()
    for text in articles.values():
        found = words(text)
        runs |= {" ".join(found[i : i + 12]) for i in range(len(found) - 11)}
    for event in store.events:
        for text in (event.title.vi, event.summary.vi):
            found = words(text)
            copied = [" ".join(found[i : i + 12]) for i in range(len(found) - 11)]
            assert not runs.intersection(copied), f"{event.id} copies the article"


def test_articles_are_named_by_title_never_by_file_number() -> None:
    raw = packaged_store_path().read_text("utf-8")
    assert not re.search(r"Article 00\d|Bài 00\d", raw)


def test_events_since_september_2023_rest_on_two_references(store: Store) -> None:
    references = {r.id: r for r in store.references}
    recent = [e for e in store.events if e.start > "2023-09-13"]
    assert len(recent) >= 15
    for event in recent:
        publishers = {
            references[c.source].publisher for c in event.sources if c.source in references
        }
        assert len(publishers) >= 2, f"{event.id}: {publishers}"
        for citation in event.sources:
            assert citation.quote, event.id


def test_every_reference_can_be_cited(store: Store) -> None:
    for reference in store.references:
        assert reference.publisher and reference.title and reference.URL, reference.id
        assert reference.URL.startswith("http"), reference.id


@pytest.mark.parametrize(
    ("asked", "start", "end"),
    [
        # The veto was cast on 26 May 2022; "Thăng trầm trong quan hệ Nga - Triều" says April.
        ("2022-04-russia-china-veto-us-sanctions-draft", "2022-05-26", None),
        ("2011-kim-jong-il-dies", "2011-12-17", None),
        ("2019-04-vladivostok-summit", "2019-04-25", None),
        ("2002-08-putin-kim-jong-il-vladivostok", "2002-08-23", None),
        ("2008-12-denuclearisation-talks-collapse", "2008-12-08", "2008-12-11"),
    ],
)
def test_corrected_dates_stay_corrected(
    catalog: Catalog, asked: str, start: str, end: str | None
) -> None:
    event, _ = catalog.event(asked)
    assert event.start == start
    if end is not None:
        assert event.end == end


def test_the_2000_visit_produced_a_declaration_not_a_military_agreement(catalog: Catalog) -> None:
    event, _ = catalog.event("2000-07-putin-visits-pyongyang")
    assert event.start.startswith("2000-07-19")
    assert "declaration" in event.summary.en.lower()
    assert any(
        c.source == "thang-tram-2023" and c.verdict != "sources-differ" for c in event.claims
    )


def test_the_1961_treaty_binds_both_sides(catalog: Catalog) -> None:
    event = next(
        e for e in catalog.events(Filters(since="1961", until="1961")) if "treaty" in e.topics
    )
    assert event.start == "1961-07-06"
    summary = event.summary.en.lower()
    assert "each" in summary or "either" in summary or "mutual" in summary or "both" in summary


def test_putins_roles_carry_their_years(store: Store) -> None:
    putin = next(p for p in store.people if p.id == "vladimir-putin")
    spans = {(r.title.en.split()[0], (r.start or "")[:4], (r.end or "")[:4]) for r in putin.roles}
    assert ("President", "2000", "2008") in spans
    assert ("President", "2012", "") in spans
    assert any(kind == "Prime" and start == "1999" for kind, start, _ in spans)
    assert any(kind == "Prime" and start == "2008" and end == "2012" for kind, start, end in spans)


def test_people_have_their_names_in_every_script(store: Store) -> None:
    for person in store.people:
        assert person.aliases, person.id
        if person.country in ("KP", "RU", "SU"):
            assert person.cyrillic, person.id
            assert person.hangul, person.id
    kim = next(p for p in store.people if p.id == "kim-il-sung")
    assert {"Kim Nhật Thành", "Ким Ир Сен", "김일성"} <= set(kim.spellings())


#: People who take part in an event out of office, and why.
OUT_OF_OFFICE = {
    # Yeltsin, who resigned on 31 December 1999, handed over to Putin at the inauguration.
    ("2000-03-26-putin-elected-president", "boris-yeltsin"),
}


def test_people_held_a_role_in_their_events(store: Store) -> None:
    flagged = {(w.split(":")[0], w.split("people: ")[1].split()[0]) for w in role_warnings(store)}
    assert flagged <= OUT_OF_OFFICE


def test_disputes_are_data(store: Store) -> None:
    disputed = [e for e in store.events if e.claims]
    assert len(disputed) >= 10
    sources = {s.id for s in store.sources} | {r.id for r in store.references}
    for event in disputed:
        for claim in event.claims:
            assert claim.source in sources
            assert set(claim.references) <= sources
            assert claim.record.en != claim.says.en


def test_coverage_reaches_the_last_event(store: Store) -> None:
    last = max(e.last for e in store.events)
    assert store.coverage.start == "1945"
    assert store.coverage.end >= last[:7]
    assert store.coverage.end >= "2025-09"


def test_the_file_is_readable_utf8_json() -> None:
    raw = packaged_store_path().read_text(encoding="utf-8")
    assert "\\u" not in raw
    assert json.loads(raw)["schema_version"] == 2


def test_every_year_in_the_articles_is_in_the_store(store_json: Any) -> None:
    if not SOURCES.is_dir():
        pytest.skip("the source articles are not beside the repo")
    store_text = json.dumps(store_json, ensure_ascii=False)
    for path in SOURCES.glob("0*.txt"):
        for year in set(re.findall(r"\b(19[4-9]\d|20[0-2]\d)\b", path.read_text(encoding="utf-8"))):
            assert year in store_text, f"{year} from {path.name} is in no event"
