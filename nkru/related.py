"""Synonyms from WordNet for English words the store never uses (``data/related.json``).

A query word that matches nothing is read as its synonyms the store does use (``boss`` as
``chief``, ``shut`` as ``close``) before it is tried as a misspelling. The table is built by
``tools/related_words.py`` and read only when a search meets such a word.
"""

# No ``from __future__ import annotations``: msgspec reads these annotations to decode.
from functools import lru_cache
from pathlib import Path

import msgspec


class Related(msgspec.Struct, frozen=True):
    """``data/related.json`` (see its ``about``)."""

    about: str
    source: str
    licence: str
    related: dict[str, list[str]]
    forms: dict[str, list[str]]
    irregular: dict[str, str]


def related_path() -> Path:
    """The table shipped beside the store."""
    return Path(__file__).parent / "data" / "related.json"


@lru_cache(maxsize=1)
def _table() -> Related:
    return msgspec.json.decode(related_path().read_bytes(), type=Related)


@lru_cache(maxsize=1)
def _english() -> tuple[bytes, int]:
    """``data/english.txt`` as it is, and where its words begin (after the licence and a blank
    line): sorted words a line, searched in place (a set of seventy thousand words would take
    longer to build than the searches it serves)."""
    data = (Path(__file__).parent / "data" / "english.txt").read_bytes()
    return data, data.index(b"\n\n") + 2


def _listed(data: bytes, start: int, word: bytes) -> bool:
    """Whether ``word`` is a line of the sorted lines of ``data`` from ``start``: a binary
    search, each step reading the line at the middle of what is left."""
    low, high = start, len(data)
    while low < high:
        middle = (low + high) // 2
        newline = data.rfind(b"\n", low, middle)
        begin = low if newline < 0 else newline + 1
        end = data.find(b"\n", begin, high)
        end = high if end < 0 else end
        line = data[begin:end]
        if line == word:
            return True
        if line < word:
            low = end + 1
        else:
            high = begin
    return False


def is_english(word: str, lemmas: set[str]) -> bool:
    """Whether ``word`` (or another form of it, one of ``lemmas``) is an English word that
    the store never uses: a word to leave unmatched, not a misspelling to correct."""
    data, start = _english()
    return any(_listed(data, start, w.encode()) for w in (word, *lemmas) if len(w) >= 3)


def synonyms(word: str, lemmas: set[str]) -> dict[str, list[str]]:
    """For a folded English ``word`` (or one of ``lemmas``, other forms of it: ``pulling``
    for ``pull``), each of its synonyms as a reader would see it, with the forms the store
    writes it in; empty when the table has none."""
    table = _table()
    key = word if word in table.related else table.irregular.get(word)
    if key is None:
        found = sorted((w for w in lemmas if w in table.related), key=len)
        key = found[0] if found else None
    if key is None:
        return {}
    return {s: table.forms.get(s, []) for s in table.related[key]}
