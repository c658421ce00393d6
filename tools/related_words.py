"""Build ``data/related.json`` and ``data/english.txt``: for English words the store never
uses, the words it uses that mean the same, from WordNet; and the list of all such words.

    python tools/related_words.py --wordnet /usr/share/wordnet

A reader who types ``boss``, ``dialog`` or ``deployed`` means what the store calls ``chief``,
``dialogue`` or ``deployment``. The hand-kept thesaurus (``data/thesaurus.json``)
holds the paraphrases of this subject; this file holds the plain synonyms of the English
language, taken from the most frequent sense of each word in WordNet 3.0 (Princeton
University; see its licence in the file). Search reads it only for a query word that matches
nothing in the store, before trying it as a misspelling.

Only what the store can use is kept: a word is a key when neither it nor another form of it
occurs in the store, and its synonyms are kept as the forms the store writes (``cut``,
``cuts``). Run it again after the store gains words: a new word in the store is then reached
from its synonyms too. It needs NLTK (``pip install nltk``) and the WordNet 3.0 database
files (Debian: ``apt-get install wordnet-base``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from nkru.index import open_catalog
from nkru.search import english_forms
from nkru.text import fold
from nkru.understand import vocabulary

OUT = Path(__file__).resolve().parent.parent / "data" / "related.json"
#: The English words the store never uses, one a line: searched as bytes, never parsed.
ENGLISH = OUT.with_name("english.txt")
#: WordNet's lexicographer files, which NLTK's reader needs and some packagings leave out.
LEXNAMES = [
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
    "adj.ppl",
]
_POS_NUMBER = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
ABOUT = (
    "English words the store never uses, with words of the same meaning that it does: the "
    "other words of each word's most frequent sense in WordNet 3.0. Built by "
    "tools/related_words.py from the store and WordNet; search reads it for a query word that "
    "matches nothing. 'related': a word to its synonyms as a reader would see them; 'forms': "
    "each synonym to the forms the store writes; 'irregular': irregular forms of a key "
    "(drew: draw). english.txt beside it lists every English word the store never uses: "
    "search looks only those up here, and does not read them as misspellings of its words."
)
ENGLISH_HEAD = (
    "English words from WordNet 3.0 (Princeton University) that the store never uses: search\n"
    "looks their synonyms up in related.json, and does not read them as misspellings.\n"
    "Built by tools/related_words.py with data/related.json. WordNet's licence:"
)
#: WordNet's licence asks that its notice appear on all copies: it goes into the file.
LICENCE_FILE = Path("/usr/share/doc/wordnet-base/copyright")


def _licence(wordnet: Path) -> str:
    """The WordNet 3.0 licence, from the database's own folder or Debian's copyright file."""
    for path in (wordnet / "LICENSE", LICENCE_FILE):
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if "License: WordNet3.0" in text:
                text = text.split("License: WordNet3.0", 1)[1].split("\nFiles:", 1)[0]
            # Debian's copyright file marks a blank line with a lone dot.
            paragraphs = text.replace("\n .\n", "\n\n").split("\n\n")
            return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    raise SystemExit(f"no WordNet licence found beside {wordnet} or at {LICENCE_FILE}")


def _reader(wordnet: Path, scratch: Path):  # type: ignore[no-untyped-def]
    """NLTK's WordNet reader over the database files in ``wordnet``."""
    root = scratch / "corpora" / "wordnet"
    root.mkdir(parents=True)
    for path in wordnet.iterdir():
        if path.is_file():
            shutil.copy(path, root / path.name)
    if not (root / "lexnames").exists():
        lines = [
            f"{number:02d}\t{name}\t{_POS_NUMBER[name.split('.')[0]]}"
            for number, name in enumerate(LEXNAMES)
        ]
        (root / "lexnames").write_text("\n".join(lines) + "\n")
    os.environ["NLTK_DATA"] = str(scratch)
    from nltk.corpus import wordnet as wn

    wn.ensure_loaded()
    return wn


def _attested(lemma) -> bool:  # type: ignore[no-untyped-def]
    """Whether WordNet's sense-tagged texts use this word in this sense at least once."""
    return bool(lemma.count())


def _uses(sense, name: str) -> int:  # type: ignore[no-untyped-def]
    """How often WordNet's tagged texts use the word ``name`` in this sense."""
    return sum(lemma.count() for lemma in sense.lemmas() if lemma.name() == name)


def _spelling(word: str, other: str) -> bool:
    """Whether two words are one spelt two ways (``armored``, ``armoured``; ``dialog``,
    ``dialogue``): at most two letters put in or taken out, none changed."""
    from rapidfuzz.distance import Indel

    return word[:3] == other[:3] and len(word) >= 5 and Indel.distance(word, other) <= 2


def _folded(name: str) -> str:
    return " ".join(fold(name.replace("_", " ").replace("-", " ")).split())


def build(wordnet: Path) -> dict[str, Any]:
    """The table for the bundled store, with the English words it never uses (``english``)."""
    catalog = open_catalog()
    store = {
        row[0]
        for table in ("fts_terms", "people_terms")
        for row in catalog.conn.execute(f"SELECT term FROM {table}")
    }
    vocab = vocabulary()
    skip = (
        vocab.function_words
        | vocab.light_verbs
        | vocab.question_words
        | set(vocab.synonyms)
        | set(vocab.months)
    )
    with tempfile.TemporaryDirectory() as scratch:
        wn = _reader(wordnet, Path(scratch))
        forms: dict[str, list[str]] = {}

        def store_forms(synonym: str) -> list[str]:
            """The forms of ``synonym`` the store writes: itself, or inflections WordNet
            takes back to it (``cuts`` for ``cut``, never ``hoped`` for ``hop``)."""
            if synonym in forms:
                return forms[synonym]
            if " " in synonym:
                found = [synonym] if catalog.matches_any(f'"{synonym}"') else []
            else:
                found = sorted(
                    f
                    for f in english_forms(synonym) & store
                    if f == synonym or any(synonym in wn._morphy(f, p) for p in "nvar")
                )
                # WordNet spells -ize; the store often -ise (normalisation).
                british = synonym.replace("iza", "isa").replace("ize", "ise")
                if not found and british != synonym:
                    found = sorted(english_forms(british) & store)
            forms[synonym] = found
            return found

        related: dict[str, list[str]] = {}
        for name in sorted(wn.all_lemma_names()):
            key = _folded(name)
            if (
                not (key.isascii() and key.isalpha())
                or len(key) < 3
                or key in skip
                or english_forms(key) & store
            ):
                continue
            candidates: list[str] = []
            # The word's most frequent sense of all, in the part of speech it is most often:
            # ``trim`` is mostly a verb (to cut back), rarely the adjective (neat, spare).
            firsts = [
                senses[0]
                for pos in "nvar"
                if (senses := wn.synsets(name, pos))
                and name in {lemma.name() for lemma in senses[0].lemmas()}
            ]
            firsts.sort(key=lambda sense: -_uses(sense, name))
            # The same word as another part of speech, in its most frequent sense of each:
            # ``withdraw``, ``withdrawal``; ``deployed``, ``deployment``; ``heavily``, ``heavy``.
            candidates += [
                _folded(other.name())
                for sense in firsts
                for lemma in sense.lemmas()
                if lemma.name() == name
                for other in (*lemma.derivationally_related_forms(), *lemma.pertainyms())
            ]
            for sense in firsts[:1]:
                for lemma in sense.lemmas():
                    if lemma.name() == name:
                        continue
                    # The synonym must be attested in this sense (tagged in WordNet's
                    # concordance): ``perfectly`` is ``dead`` in WordNet, but no text counted
                    # uses ``dead`` for it.
                    synonym = _folded(lemma.name())
                    if _attested(lemma) or _spelling(key, synonym):
                        candidates.append(synonym)
            synonyms = [
                s
                for s in dict.fromkeys(candidates)
                if s != key and (len(s) >= 3 or s.isdigit()) and s not in skip and store_forms(s)
            ]
            if synonyms:
                related[key] = synonyms
        irregular: dict[str, str] = {}
        for exceptions in wn._exception_map.values():
            for form, bases in exceptions.items():
                folded = _folded(form)
                for base in bases:
                    if base in related and folded not in store and folded not in related:
                        irregular.setdefault(folded, base)
        # English words the store never uses (the keys above among them): a search looks
        # their synonyms up, and does not read them as typos of the store's words
        # (``angered`` is not ``answered``).
        english = sorted(
            {
                key
                for name in wn.all_lemma_names()
                if (key := _folded(name)).isascii()
                and key.isalpha()
                and len(key) >= 3
                and not english_forms(key) & store
            }
            | set(irregular)
        )
    used = {s for synonyms in related.values() for s in synonyms}
    return {
        "about": ABOUT,
        "source": f"WordNet {wn.get_version()}, Princeton University",
        "licence": _licence(wordnet),
        "related": related,
        "forms": {s: forms[s] for s in sorted(used)},
        "irregular": dict(sorted(irregular.items())),
        "english": english,
    }


def _dumped(table: dict[str, object]) -> str:
    """The table as JSON with one word a line, so that a rebuild's changes read as a diff."""
    parts = []
    for name, value in table.items():
        if isinstance(value, dict):
            lines = ",\n".join(
                f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                for k, v in value.items()
            )
            parts.append(f"{json.dumps(name)}: {{\n{lines}\n }}")
        else:
            parts.append(f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.wordnet / "data.noun").exists():
        print(f"no WordNet database in {args.wordnet}", file=sys.stderr)
        return 2
    table = build(args.wordnet)
    english = table.pop("english")
    text = _dumped(table)
    args.out.write_text(text, encoding="utf-8")
    # A line of its own at each end, so that a word is found as "\nword\n"; the licence,
    # which WordNet asks to be on every copy, as comment lines.
    head = "".join(f"# {line}\n" for line in ENGLISH_HEAD.splitlines())
    licence = "".join(f"# {line}\n" for line in table["licence"].splitlines())
    args.out.with_name(ENGLISH.name).write_text(
        head + licence + "\n" + "\n".join(english) + "\n", encoding="utf-8"
    )
    related = table["related"]
    assert isinstance(related, dict)
    print(f"{args.out}: {len(related)} words, {len(text) // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
