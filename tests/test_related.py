"""English words the store never uses are read as their synonyms that it does (WordNet)."""

from __future__ import annotations

import json

import pytest

from nkru.index import Catalog
from nkru.related import related_path, synonyms
from nkru.search import search


def test_a_word_the_store_never_uses_finds_its_synonym(catalog: Catalog) -> None:
    # The store spells it the British way.
    result = search(catalog, ["dialog", "lavrov"], limit=3)
    assert result.corrections == {"dialog": ["dialogue"]}
    assert "dialogue" in result.hits[0].event.title.en


def test_a_synonym_is_found_in_any_form_the_store_writes(catalog: Catalog) -> None:
    result = search(catalog, ["boss"], limit=5)
    assert result.corrections == {"boss": ["chief"]}
    assert result.hits and "chief" in result.hits[0].event.title.en.lower()


def test_a_query_word_in_another_form_reaches_the_synonyms() -> None:
    # "pulling" is not a key; "pull" is, and is one of the forms of "pulling".
    found = synonyms("pulling", {"pull", "pulle", "pullings"})
    assert found and found == synonyms("pull", set())
    assert all(forms for forms in found.values())


def test_a_misspelling_is_still_corrected_as_one(catalog: Catalog) -> None:
    result = search(catalog, ["puttin", "pyongyang"], limit=3)
    assert "putin" in result.corrections["puttin"]


def test_a_word_the_store_uses_is_never_replaced(catalog: Catalog) -> None:
    result = search(catalog, ["chief"], limit=3)
    assert result.corrections == {}


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, object]]:
    loaded: dict[str, dict[str, object]] = json.loads(related_path().read_text("utf-8"))
    return loaded


def test_the_table_reaches_only_words_the_store_holds(
    catalog: Catalog, table: dict[str, dict[str, list[str]]]
) -> None:
    """Built from this store: rebuild it (tools/related_words.py) when this fails."""
    single = {f for forms in table["forms"].values() for f in forms if " " not in f}
    assert single and catalog.known_terms(single) == single
    phrases = [f for forms in table["forms"].values() for f in forms if " " in f]
    assert all(catalog.matches_any(f'"{p}"') for p in phrases)
    keys = set(table["related"])
    assert not catalog.known_terms(keys), "a key the store now uses"
    shown = {s for words in table["related"].values() for s in words}
    assert shown <= set(table["forms"])


def test_the_table_carries_the_wordnet_licence(table: dict[str, object]) -> None:
    licence = str(table["licence"])
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence
    assert "appear on ALL copies" in licence


def test_the_installed_tool_says_what_it_read_a_word_as(run_installed: object) -> None:
    done = run_installed("search", "dialog", "lavrov", "--limit", "2")  # type: ignore[operator]
    assert done.returncode == 0
    assert "'dialog'" in done.stderr and "dialogue" in done.stderr
    assert "2025-07-11-lavrov-visits-wonsan-meets-kim" in done.stdout


def test_an_english_word_is_not_read_as_a_lookalike(catalog: Catalog) -> None:
    # "angered" is no misspelling of "answered", nor "camps" of "campus".
    for word in ("angered", "camps"):
        assert search(catalog, [word, "pyongyang"], limit=3).corrections == {}
    # A word of the same family still is: the store writes "response", not "respond".
    assert search(catalog, ["respond", "pueblo"], limit=3).corrections == {"respond": ["response"]}


def test_every_listed_english_word_is_found_and_no_other() -> None:
    from nkru.related import is_english

    text = related_path().with_name("english.txt").read_text("utf-8")
    words = [w for w in text.split("\n\n", 1)[1].splitlines() if w]
    assert words == sorted(words) and len(words) > 50_000
    for word in (words[0], words[-1], *words[:: len(words) // 500]):
        assert is_english(word, set()), word
    listed = set(words)
    for word in ("putin", "answered", "kursk", *(w + "q" for w in words[:: len(words) // 200])):
        assert is_english(word, set()) is (word in listed), word


def test_a_word_is_not_read_through_a_longer_word_of_its_family(catalog: Catalog) -> None:
    # "footing" is "terms" in WordNet; "foot" is not.
    result = search(catalog, ["set", "foot", "pyongyang"], limit=3)
    assert "terms" not in result.corrections.get("foot", [])
