"""Ranked search over the index, in the spirit of Meilisearch's ranking rules.

How a query is read and ranked:

1. **Understanding** (``nkru.understand``, its words in ``data/thesaurus.json``): dates
   (``1961``, ``december 2024``, ``tháng 12/2024``, ``the 1990s``, ``cold war``, and spans
   such as ``after 1991``, ``trước năm 1950``, ``from 1950 to 1953``) become terms matched by
   the events' dates, a month or day forgiving a month either side as a near match;
   question words (``who``, ``khi nào``) are dropped, and what they ask for nudges events that
   hold it (people, places, numbers); a place after a word of motion (``visit russia``) is
   matched by where an event took place (``held_in``), by its text only when that is not
   recorded, and then as a near match.
2. Quoted parts (``"six-party talks"``) are phrases; the rest are words. Case and accents are
   folded, English word forms fold (``treaties`` finds ``treaty``), hyphens are spaces, words
   that spell a person's name (``kim jong un``) are one term, and the thesaurus brings
   equivalents (``ussr``: ``soviet``, ``Liên Xô``; ``defense``: ``defence``). Function words
   (``the``, ``của``) weigh in proximity but are not needed and not corrected.
3. **Words**: events that match every query term come before those that match some.
4. **Typo**: a word that matches nothing as typed is corrected against the index's own
   vocabulary with rapidfuzz (``puttin`` -> ``putin``); a match through a correction, a near
   date or a text-only place ranks below an exact one.
5. **Attribute and rarity**: BM25 weighs how rare each word is and where it matched: title
   above people above places above summary and notes above topics.
6. **Exactness and proximity**: the word as typed with its accents (``nợ`` beats ``no``) and
   the query's words side by side (``sụp đổ``) lift an event within its tier; equal scores
   are in date order.

Each hit's score is 0–100 and never crosses tiers: an event that matches ``m`` of ``T``
terms scores between ``100·(m−1)/T`` and ``100·m/T``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from nkru.catalog import Catalog, DateSpan
from nkru.dates import day_range
from nkru.errors import UsageError
from nkru.fulltext import (
    COLUMNS,
    PERSON_TOKEN,
    WEIGHTS,
    event_columns,
    folded_columns,
    person_token,
)
from nkru.models import TOPICS
from nkru.query import Filters, Hit
from nkru.suggest import closest
from nkru.text import fold
from nkru.text import words as folded_words
from nkru.understand import (
    OPEN_END,
    OPEN_START,
    Reading,
    Vocabulary,
    Word,
    is_function_word,
    read,
    vocabulary,
)

if TYPE_CHECKING:
    from nkru.models import Event, EventSketch

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20
#: Candidates read from the index for re-ranking, at least.
CANDIDATES = 60
#: Least rapidfuzz ratio for a corrected word, and how many corrections a word may get.
TYPO_CUTOFF = 78.0
TYPO_LIMIT = 3
#: Letters an English word the store never uses shares with the words it may be read as.
FAMILY = 6
#: Up to this many events, typo correction reads the whole vocabulary.
WHOLE_VOCABULARY = 5000
#: Days either side of a month or a day asked for that still match, as near.
NEAR_DAYS = 31
PARTICIPANT = 0.25
#: Candidates of a tier shown in part that are ranked in full, beyond the places it fills.
PARTIAL_TIER_MARGIN = 10
TRAVEL = 0.03
#: Required terms from which a question is long: a word it corrects no longer lifts a tier.
LONG_QUERY = 4
#: How much what soon followed an open-ended date counts (``after the soviet collapse``),
#: and the years in which that halves.
AFTERMATH = 0.15
AFTERMATH_YEARS = 5.0
#: The Soviet Union's last day: a query dated wholly before it means the Union by Russia.
SOVIET_END = "1991-12-26"
#: How near a match an event held in the country of a city asked for, but elsewhere, is:
#: further than a word matched only by a correction (Ulan-Ude is not Moscow).
CITY_ELSEWHERE = 2.0
#: How near a match an event is whose span lies wholly outside the dates asked for.
SPREAD = 1.0

_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”')


class Term(msgspec.Struct, frozen=True):
    """One thing the query asks for: a word or a phrase, with its alternatives."""

    #: As typed, lower-cased (accents kept): for the exactness rule.
    typed: str
    #: Folded alternatives, each a phrase of one or more words.
    forms: tuple[str, ...]
    required: bool = True
    #: Set for a date in the query (``1961``, ``december 2024``, ``the 1990s``): the first and
    #: last day it covers. It matches events whose span overlaps it, never text.
    span: tuple[str, str] | None = None
    #: Set for a place the query says an event took place in (``visit russia``): the
    #: countries it stands for. An event that records where it took place (``held_in``)
    #: matches by that alone; one that does not, by its text.
    held_in: frozenset[str] = frozenset()
    #: For such a place that is a city (``visit moscow``): that it is one. An event held in
    #: the country but not recorded at the city (Ulan-Ude for Moscow) matches as near.
    city: bool = False
    #: For a date: days either side that still count, as a correction counts for a word.
    window: int = 0
    #: For a year that names a thing (``the 1961 treaty``): text citing it matches too.
    cited: bool = False
    #: A function word (``in``, ``the``, ``của``): it joins words, it says nothing of its own,
    #: so it weighs in proximity but not in rarity.
    function: bool = False
    #: Set for the name of a country (``russia``, ``north korean``) or of a capital standing
    #: for its government (``pyongyang``) that does not say where: an event the store records
    #: as between those countries, or whose people include someone of them, matches, as near.
    countries: frozenset[str] = frozenset()
    #: Set when the word matched nothing and was corrected: the index terms it became.
    corrected: tuple[str, ...] = ()
    #: Set when a quoted phrase matched nothing word for word: its words, near each other.
    near: bool = False
    #: Other forms of the words found in the index: English inflections (treaty, treaties),
    #: ``đ`` for ``d`` (the index keeps ``đ`` a letter of its own), and people's tokens.
    variants: tuple[str, ...] = ()
    #: Set for an office (``russian president``, ``tổng thống nga``): the role titles of
    #: those who held it, as the thesaurus gives them.
    office: tuple[str, ...] = ()
    #: For an office, who held it and when: each holder's id and first and last day. An
    #: event matches through a holder only if it falls within their time in the office.
    holders: tuple[tuple[str, str, str], ...] = ()


class SearchResult(msgspec.Struct):
    """What a search found: the hits shown, how many events matched in all, and, when
    filters hid every match, how many match without them and which filter to widen."""

    hits: list[Hit]
    total: int
    unfiltered: int = 0
    #: The dates read in the query: the words, and the first and last day they cover.
    dates: list[tuple[str, str, str]] = []
    widen: list[tuple[str, int]] = []
    corrections: dict[str, list[str]] = {}
    #: The offices read in the query: the words, and the ids of those who held the office.
    offices: list[tuple[str, list[str]]] = []


def parse(terms: Sequence[str]) -> list[Term]:
    """The query's dates, phrases and words, with synonyms; a UsageError for an empty or huge
    query."""
    return understand(terms)[0]


def understand(terms: Sequence[str]) -> tuple[list[Term], Reading]:
    """The query's terms, and what ``nkru.understand`` read in it (dates, questions, places)."""

    text = " ".join(terms).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(f"the query is {len(text)} characters long; the limit is 200.")
    vocab = vocabulary()
    parsed: list[Term] = []
    for match in _QUOTED.finditer(text):
        phrase = match.group(1) if match.group(1) is not None else match.group(2)
        words = folded_words(phrase)
        if words:
            parsed.append(Term(phrase.strip().lower(), (" ".join(words),)))
    rest = _QUOTED.sub(" ", text).replace('"', " ")
    reading = read(rest)
    if not reading.words and not reading.dates and reading.questions:
        # A query of question words alone ("who"): then they are the words to find.
        reading = msgspec.structs.replace(
            reading,
            words=[Word(q, " ".join(folded_words(q))) for q in reading.questions],
            questions=(),
            asks=frozenset(),
        )
    for first, last, typed_date, kind in reading.dates:
        # A month or a day forgives a month either side, as a typo is forgiven: a reader
        # remembers "April 2022" for a veto of 26 May.
        window = NEAR_DAYS if _day(last) - _day(first) <= 31 else 0
        if kind == "described":
            # "cold war debts" were written off in 2012: the era says which debts, not when.
            phrase = " ".join(folded_words(typed_date)).removeprefix("the ")
            more = vocab.synonyms.get(phrase, ())
            parsed.append(
                Term(typed_date, (phrase, *more), span=(first, last), cited=True, required=False)
            )
            continue
        if kind == "named":
            form = " ".join(folded_words(typed_date))
            parsed.append(Term(typed_date, (form,), span=(first, last), cited=True))
            continue
        parsed.append(Term(typed_date, (), span=(first, last), window=window))
        if kind == "era":
            # "cold war" is also a phrase the texts use: optional, it lifts those that do.
            form = " ".join(folded_words(typed_date))
            phrase = form.removeprefix("the ")
            more = vocab.synonyms.get(phrase, ())
            parsed.append(Term(typed_date, (phrase, *more), required=False))
    kept = reading.words
    folded = [w.folded for w in kept]
    index = 0
    while index < len(kept):
        for size in range(min(vocab.longest, len(kept) - index), 0, -1):
            key = " ".join(folded[index : index + size])
            group = kept[index : index + size]
            if key in vocab.offices and not group[0].held_in:
                # "the russian president": whoever held the office at the time, named or not.
                typed = " ".join(w.typed for w in group)
                titles = vocab.offices[key]
                other = _coordinated_office(parsed, folded[index + 1 : index + size], vocab)
                if other is not None:
                    # "russian or soviet leader": either country's, so both offices.
                    typed = f"{parsed[-2].typed} {parsed[-1].typed} {typed}"
                    titles = tuple(dict.fromkeys((*vocab.offices[other], *titles)))
                    del parsed[-2:]
                after, taken = _office_after(
                    folded[index : index + size], folded[index + size :], vocab
                )
                if after is not None:
                    # "lãnh đạo Liên Xô hoặc Nga": the same, with the country named after.
                    typed = " ".join(
                        [typed, *(w.typed for w in kept[index + size : index + size + taken])]
                    )
                    titles = tuple(dict.fromkeys((*titles, *vocab.offices[after])))
                    size += taken
                parsed.append(Term(typed, (key,), office=titles))
                index += size
                break
            if (
                size > 1
                and key in vocab.function_words
                and is_function_word(vocab, " ".join(w.typed for w in group), key)
            ):
                # A function word of several syllables or words ("quan hệ", relations; "sự
                # kiện", event): matched if present, never required, never split.
                parsed.append(
                    Term(" ".join(w.typed for w in group), (key,), required=False, function=True)
                )
                index += size
                break
            if size > 1 and key in vocab.light_verbs:
                # "ảnh hưởng" (impact) frames a question as "role" does: optional, one term.
                parsed.append(Term(" ".join(w.typed for w in group), (key,), required=False))
                index += size
                break
            if size > 1 and key in vocab.synonyms:
                parsed.append(
                    Term(
                        " ".join(w.typed for w in group),
                        (key, *vocab.synonyms[key]),
                        held_in=group[0].held_in,
                        city=bool(group[0].held_in) and key not in vocab.countries,
                        countries=frozenset() if group[0].held_in else _countries_of(key, vocab),
                    )
                )
                index += size
                break
        else:
            word = kept[index]
            function = is_function_word(vocab, word.typed, word.folded)
            if word.folded:
                parsed.append(
                    Term(
                        word.typed,
                        (word.folded, *_synonyms_of(word.folded, vocab.synonyms)),
                        required=not word.pointer
                        and not function
                        and word.folded not in vocab.light_verbs,
                        held_in=word.held_in,
                        city=bool(word.held_in) and word.folded not in vocab.countries,
                        countries=frozenset()
                        if word.held_in
                        else _countries_of(word.folded, vocab),
                        function=function,
                    )
                )
            index += 1
    if not parsed:
        raise (
            UsageError("the query has no words to look for")
            .with_hint("empty_query")
            .saying("empty_query")
        )
    if len(parsed) > MAX_QUERY_WORDS:
        raise UsageError(f"the query has {len(parsed)} words; the limit is {MAX_QUERY_WORDS}.")
    if not any(t.required for t in parsed):
        parsed = [msgspec.structs.replace(t, required=True) for t in parsed]
    if reading.dates and all(last < SOVIET_END for _, last, _, _ in reading.dates):
        # Russia before 1992 was the Soviet Union: "Nga những năm 1970" asks for Moscow then.
        soviet = vocab.synonyms.get("soviet union", ())
        parsed = [
            msgspec.structs.replace(t, forms=(*t.forms, "soviet union", *soviet))
            if "RU" in (t.held_in or t.countries) and "soviet union" not in t.forms
            else t
            for t in parsed
        ]
    return parsed, reading


def _coordinated_office(parsed: list[Term], rest: list[str], vocab: Vocabulary) -> str | None:
    """The office a country word and ``or`` (``and``, ``hoặc``, ``và``) before an office
    name it with the office's other words: ``russian leader`` in "russian or soviet leader"
    (``rest``: the office's words after its country); None when there is none."""
    if len(parsed) < 2 or parsed[-1].forms[:1] not in (("or",), ("and",), ("hoac",), ("va",)):
        return None
    country = parsed[-2].forms[0] if parsed[-2].forms else ""
    if not parsed[-2].countries and country not in vocab.countries:
        return None
    other = " ".join([country, *rest])
    return other if other in vocab.offices else None


def _office_after(office: list[str], rest: list[str], vocab: Vocabulary) -> tuple[str | None, int]:
    """For an office that ends with its country (``lanh dao lien xo``) followed by ``or`` and
    another country (``hoac nga``): the other country's office and how many words that
    took; (None, 0) otherwise."""
    if not rest or rest[0] not in ("or", "and", "hoac", "va"):
        return None, 0
    for cut in range(1, min(3, len(office) - 1) + 1):
        if " ".join(office[-cut:]) not in vocab.countries:
            continue
        for size in range(min(3, len(rest) - 1), 0, -1):
            country = " ".join(rest[1 : 1 + size])
            if country in vocab.countries:
                other = " ".join([*office[:-cut], country])
                if other in vocab.offices:
                    return other, 1 + size
    return None, 0


def _countries_of(key: str, vocab: Vocabulary) -> frozenset[str]:
    """The countries a word that does not say where stands for: a country's name, or a
    capital's (``moscow pyongyang 1986`` is about the two governments)."""
    return vocab.countries.get(key) or vocab.capitals.get(key, frozenset())


def _synonyms_of(word: str, synonyms: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The thesaurus's words for ``word``, or for another English form of it when it has
    none of its own (``forgives`` takes those of ``forgive``)."""
    if word in synonyms:
        return synonyms[word]
    if not (word.isascii() and word.isalpha() and len(word) > 4):
        return ()
    for form in sorted(english_forms(word), key=len):
        if form != word and form in synonyms:
            return synonyms[form]
    return ()


def _quote(form: str) -> str:
    return '"' + form.replace('"', '""') + '"'


def _expression(term: Term) -> str:
    """The term as an FTS5 query: its alternatives joined with OR."""
    if term.near:
        words = " ".join(_quote(w) for w in term.forms[0].split())
        return f"NEAR({words}, 6)"
    options = [_quote(f) for f in (*term.forms, *term.variants)]
    options += [_quote(c) + "*" for c in term.corrected]
    return "(" + " OR ".join(options) + ")"


def english_forms(word: str) -> set[str]:
    """Plausible inflections of an English word, both ways: treaty/treaties, veto/vetoed."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("y") and len(word) > 3:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("ies"):
        forms |= {word[:-3] + "y"}
    if word.endswith("ied"):
        forms |= {word[:-3] + "y"}
    for suffix in ("es", "s", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms |= {stem, stem + "e", stem + "s", stem + "es", stem + "ed", stem + "ing"}
            if len(stem) > 3 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word + "d"}
    return forms


def _known(catalog: Catalog, words: set[str]) -> set[str]:
    """The words that occur in the index."""
    return catalog.known_terms(words)


def _with_variants(catalog: Catalog, term: Term) -> Term:
    """The term with the other forms of its words that the index holds, and the tokens of
    the people it names."""
    variants: list[str] = []
    # Every form's candidate spellings, looked up in the index at once.
    candidates_of: list[list[set[str]]] = []
    for form in term.forms:
        words = form.split()
        candidates_of.append([])
        for word in words:
            candidates = {word, word.replace("d", "đ")}
            if len(words) == 1 and word.isalpha() and word.isascii() and len(word) >= 3:
                candidates |= english_forms(word)
            candidates_of[-1].append(candidates)
    known = _known(catalog, {c for form in candidates_of for word in form for c in word})
    for form, candidates_of_words in zip(term.forms, candidates_of, strict=True):
        words = form.split()
        options = [
            sorted((candidates & known) - {word})
            for word, candidates in zip(words, candidates_of_words, strict=True)
        ]
        if len(words) == 1:
            variants += options[0]
        else:
            # A phrase with one word spelt with đ: each such word swapped in turn.
            for number, swaps in enumerate(options):
                for swap in swaps[:2]:
                    variants.append(" ".join([*words[:number], swap, *words[number + 1 :]]))
    if not term.function:
        # A function word is never a name: "in" is not Moon Jae-in, nor "s" Sergei Lavrov.
        people = catalog.people_matching(" OR ".join(_quote(f) for f in term.forms))
        variants += [person_token(person) for person in people]
    found = tuple(v for v in dict.fromkeys(variants) if v not in term.forms)
    return msgspec.structs.replace(term, variants=found)


def _with_holders(catalog: Catalog, term: Term) -> Term:
    """An office's term with who held it and when; their tokens are its variants (an event
    of Putin's is one of the Russian president's)."""
    holders: list[tuple[str, str, str]] = []
    for person in catalog.people.values():
        for role in person.roles:
            title = " ".join(folded_words(role.title.en))
            if any(title == t or title.startswith(t + " ") for t in term.office):
                first = day_range(role.start)[0] if role.start else OPEN_START
                last = day_range(role.end)[1] if role.end else OPEN_END
                holders.append((person.id, first, last))
    people = list(dict.fromkeys(person for person, _, _ in holders))
    variants = (*term.variants, *(person_token(p) for p in people))
    return msgspec.structs.replace(term, variants=variants, holders=tuple(holders))


def _began(holder: tuple[str, str, str]) -> tuple[str, str]:
    """A holder of an office, ordered by when they took it (then by id)."""
    return holder[1], holder[0]


def _in_office(term: Term, people: Sequence[str], first: str, last: str) -> bool:
    """Whether one of ``people`` held the term's office at some time from ``first`` to
    ``last`` (an event's first and last day)."""
    return any(p in people and lo <= last and hi >= first for p, lo, hi in term.holders)


def _loose_compounds(catalog: Catalog, terms: list[Term]) -> list[Term]:
    """Vietnamese syllables that the store never writes beside their neighbours, as optional
    words: in ``cử phái đoàn`` the store writes ``phái đoàn`` (delegation) but never ``cử
    phái``, so ``cử`` (to send) need not be found; its letters alone match ``cũ``, ``cứ``."""
    pairs: list[bool | None] = []  # None: not two Vietnamese syllables
    for first, second in zip(terms, terms[1:], strict=False):
        if not (_vietnamese_syllable(first) and _vietnamese_syllable(second)):
            pairs.append(None)
            continue
        spellings = [
            _quote(f"{a} {b}")
            for a in (first.forms[0], *first.variants[:2])
            for b in (second.forms[0], *second.variants[:2])
        ]
        pairs.append(catalog.matches_any(" OR ".join(spellings)))
    out = list(terms)
    for number, term in enumerate(terms):
        around = [pairs[number - 1] if number else None, *pairs[number : number + 1]]
        if term.required and False in around and True not in around:
            out[number] = msgspec.structs.replace(term, required=False)
    return out if any(t.required for t in out) else terms


def _vietnamese_syllable(term: Term) -> bool:
    """A required word typed with Vietnamese letters or tones, one syllable long."""
    return (
        term.span is None
        and term.required
        and not term.function
        and not term.held_in
        and not term.corrected
        and bool(term.forms)
        and " " not in term.forms[0]
        and not term.typed.isascii()
        and term.typed.isalpha()
    )


def _join_names(catalog: Catalog, terms: list[Term]) -> list[Term]:
    """Words side by side that spell a person's name (``kim jong un``) as one term: the
    person, not three words each found apart (and ``un`` not read as the United Nations)."""
    out: list[Term] = []
    index = 0
    while index < len(terms):
        for size in range(min(4, len(terms) - index), 1, -1):
            run = terms[index : index + size]
            # A syllable of a name may be a function word elsewhere: the "Ân" of "Kim Chính
            # Ân" folds to the English "an", which is optional, not required.
            if not run[0].required or not all(
                t.span is None and not t.held_in and " " not in t.forms[0] for t in run
            ):
                continue
            if sum(t.required for t in run) < 2:
                continue
            phrase = " ".join(t.forms[0] for t in run)
            if catalog.names_someone(_quote(phrase)):
                out.append(Term(" ".join(t.typed for t in run), (phrase,)))
                index += size
                break
        else:
            out.append(terms[index])
            index += 1
    return out


def _matches_anything(catalog: Catalog, term: Term) -> bool:
    return catalog.matches_any(_expression(term))


def _read_as_synonyms(catalog: Catalog, term: Term) -> tuple[Term, list[str]]:
    """A word that matches nothing, with its WordNet synonyms the index holds (``boss``:
    ``chief``), and those synonyms as shown to the reader; the term as it was and none
    when it has no such synonym."""
    word = term.forms[0]
    if " " in word or not (word.isascii() and word.isalpha()) or len(word) < 3:
        return term, []
    from nkru.related import synonyms

    table = synonyms(word, _stems(word))
    forms = [f for fs in table.values() for f in fs]
    known = catalog.known_terms({f for f in forms if " " not in f})
    found = {f for f in forms if f in known or (" " in f and catalog.matches_any(_quote(f)))}
    if not found:
        return term, []
    shown = [s for s, fs in table.items() if found.intersection(fs)]
    kept = tuple(f for f in forms if f in found)
    return msgspec.structs.replace(term, forms=(*term.forms, *dict.fromkeys(kept))), shown


def _english(term: Term) -> bool:
    """An English word the store never uses (``angered``): no misspelling of its words."""
    word = term.forms[0]
    if not (word.isascii() and word.isalpha()):
        return False
    from nkru.related import is_english

    return is_english(word, _stems(word))


def _stems(word: str) -> set[str]:
    """The shorter English forms ``word`` may be an inflection of (``pulling``: ``pull``),
    never the longer ones (``foot`` is not ``footing``)."""
    return {f for f in english_forms(word) if len(f) < len(word)}


def _correct(catalog: Catalog, term: Term, family_only: bool = False) -> Term:
    """A word that matches nothing, with the index terms it is probably a misspelling of.

    ``family_only``, for an English word the store never uses: only words of its family, that
    begin with the same six letters (``respond``, ``response``), never lookalikes (``angered``
    is no misspelling of ``answered``)."""
    word = term.forms[0]
    if " " in word or len(word) < 4 or word.isdigit():
        return term
    from rapidfuzz import fuzz, process

    # A small index is read whole, so a typo in the first letter is forgiven too; a large
    # one only where the word's first letter begins.
    whole = catalog.size() <= WHOLE_VOCABULARY
    vocabulary = catalog.vocabulary_near(word, 3, whole)
    if family_only:
        vocabulary = [t for t in vocabulary if len(word) >= FAMILY and t[:FAMILY] == word[:FAMILY]]
    # Another form of the same English word, stemmed differently (succeeded / succe).
    stems = tuple(t for t in vocabulary if len(t) >= 4 and word.startswith(t))
    found = process.extract(
        word, vocabulary, scorer=fuzz.ratio, limit=TYPO_LIMIT, score_cutoff=TYPO_CUTOFF
    )
    if stems:
        kept: tuple[str, ...] = (max(stems, key=len),)
    elif not found:
        return term
    else:
        best = found[0][1]
        kept = tuple(choice for choice, score, _ in found if score >= best - 5)
    # A name misspelt (``Путинх``) is corrected to a word of people's names, which events
    # hold as those people's tokens, not as text.
    people = catalog.people_matching(" OR ".join(_quote(c) for c in kept))
    tokens = tuple(person_token(p) for p in people if person_token(p) not in term.variants)
    return msgspec.structs.replace(term, corrected=kept, variants=(*term.variants, *tokens))


def _typed_in(term: Term, raw_text: str) -> bool:
    """The word as typed, accents and all, or another spelling (``defense``, ``defence``) or
    English form of it, in the text."""
    if term.typed in raw_text or any(
        s in raw_text for s in vocabulary().spellings.get(term.typed, ())
    ):
        return True
    return term.typed.isascii() and any(
        v in raw_text for v in term.variants if v.isascii() and not v.startswith(PERSON_TOKEN)
    )


def _date_span(term: Term) -> DateSpan:
    """The days a date term asks events to overlap, and the phrase that cites it."""
    assert term.span is not None
    first, last = _widened(term)
    return DateSpan(first, last, _quote(term.forms[0]) if term.cited else None)


def _widened(term: Term) -> tuple[str, str]:
    """A date term's first and last day, with its window either side."""
    assert term.span is not None
    first, last = term.span
    if not term.window:
        return first, last
    import datetime

    def shift(iso: str, days: int) -> str:
        year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
        day = min(day, 28) if month == 2 else min(day, 30) if day > 30 else day
        return (datetime.date(year, month, day) + datetime.timedelta(days=days)).isoformat()

    return shift(first, -term.window), shift(last, term.window)


def _candidates(
    catalog: Catalog,
    terms: Sequence[Term],
    filters: Filters,
    joiner: str,
    limit: int | None,
    exclude: set[int],
    within_dates: bool = False,
) -> list[tuple[int, float]]:
    """Row ids and BM25 scores (lower is better) of events matching ``terms``: all of them
    (``AND``) or any (``OR``; dates then count only when the query has no words, or with
    ``within_dates``, as a bound on the events)."""
    text_terms = [t for t in terms if t.span is None]
    dates = [_date_span(t) for t in terms if t.span is not None]
    if joiner != "AND" and text_terms and not within_dates:
        dates = []
    match = f" {joiner} ".join(_expression(t) for t in text_terms) if text_terms else None
    wanted = None if limit is None else limit + len(exclude)
    rows = catalog.ranked(match, filters, dates, joiner != "AND", wanted)
    return [(rowid, score) for rowid, score in rows if rowid not in exclude]


def _count(catalog: Catalog, terms: Sequence[Term], filters: Filters) -> int:
    text_terms = [t for t in terms if t.span is None]
    dates = [_date_span(t) for t in terms if t.span is not None]
    match = " AND ".join(_expression(t) for t in text_terms) if text_terms else None
    return catalog.count_matching(match, filters, dates)


def _matched_by_term(
    catalog: Catalog,
    terms: Sequence[Term],
    rowids: Sequence[int],
    events: dict[int, EventSketch],
    implied: set[tuple[int, int]],
) -> dict[int, list[bool]]:
    """For each candidate, which terms it matches; ``implied`` gets the (row id, term)
    pairs matched only by a country of the event's people."""
    out = {r: [False] * len(terms) for r in rowids}
    person_countries = {p.id: p.country for p in catalog.people.values()}
    spans = {r: (day_range(events[r].start)[0], day_range(events[r].last)[1]) for r in rowids}
    for number, term in enumerate(terms):
        if term.span is not None:
            first, last = _widened(term)
            for rowid in rowids:
                low, high = spans[rowid]
                out[rowid][number] = low <= last and high >= first
            if not term.cited:
                continue
        for rowid in catalog.rows_matching(_expression(term), rowids):
            out[rowid][number] = True
        if term.office:
            # Through its holders, an office matches only the events of their time in it
            # (Medvedev in 2025 is no Russian president); its words match anywhere.
            said = catalog.rows_matching(
                _expression(msgspec.structs.replace(term, variants=())), rowids
            )
            for rowid in rowids:
                if out[rowid][number] and rowid not in said:
                    out[rowid][number] = _in_office(term, events[rowid].people, *spans[rowid])
        if term.held_in:
            # Where the event took place, when it is recorded, decides; else its text.
            for rowid in rowids:
                held = events[rowid].held_in
                if held:
                    out[rowid][number] = not term.held_in.isdisjoint(held)
        if term.countries:
            # An event about Putin and Kim is about Russia and North Korea, named or not; so
            # is one the store records as between them (Pyongyang sending troops to Russia).
            for rowid in rowids:
                sketch = events[rowid]
                if not out[rowid][number] and (
                    not term.countries.isdisjoint(sketch.countries)
                    or any(person_countries.get(p) in term.countries for p in sketch.people)
                ):
                    out[rowid][number] = True
                    implied.add((rowid, number))
    return out


def _best_tiers(
    found: list[tuple[int, float]],
    terms: Sequence[Term],
    matched: dict[int, list[bool]],
    limit: int,
) -> list[tuple[int, float]]:
    """The candidates that can be among the first ``limit``: whole tiers, from the one that
    matches the most required words down, until they hold ``limit``.

    An event that matches more of the required words always outranks one that matches
    fewer (the tier is the score's integer part), so the rest need no scoring: a seven-word
    question reads about a hundred candidates, and most of them match one word of it.
    Events matching none of the required words rank with those matching one, as a score of
    tier one can fall below theirs.
    """
    required = [_counts_in_tier(t, terms) for t in terms]
    tier = {
        rowid: max(1, sum(1 for r, h in zip(required, matched[rowid], strict=True) if r and h))
        for rowid, _ in found
    }
    kept: set[int] = set()
    bm25 = dict(found)
    # Without dates, BM25 orders a tier well enough to skip the tail of one shown in part;
    # a date's fit is not in BM25, so a dated query ranks its tiers whole.
    trim = not any(t.span is not None for t in terms) and len(set(bm25.values())) > 1
    for level in sorted(set(tier.values()), reverse=True):
        members = [r for r, t in tier.items() if t == level]
        room = limit - len(kept) + PARTIAL_TIER_MARGIN
        if trim and len(members) > room:
            # A question whose words all match 18 events reads 82 more to fill 2 places.
            members = sorted(members, key=bm25.__getitem__)[:room]
        kept.update(members)
        if len(kept) >= limit:
            break
    return [(rowid, score) for rowid, score in found if rowid in kept]


def _counts_in_tier(term: Term, terms: Sequence[Term]) -> bool:
    """Whether matching ``term`` lifts an event a tier: a required word does, but not one
    matched only through a typo correction in a long question (``commit`` is no typo of
    ``committee``; ``puttin`` alone is one of ``putin``)."""
    if not term.required:
        return False
    return not term.corrected or sum(t.required for t in terms) < LONG_QUERY


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 3)] if len(word) > 4 else word


def _in_field(word: str, words: set[str], joined: str) -> bool:
    """Whether ``word`` or a form of it is in a field: ``words`` are its folded words, and
    ``joined`` is them after a space each."""
    if word in words:
        return True
    if len(word) <= 4:
        return False
    start = _stem(word)[:5]
    # A five-letter start begins some word; a shorter one is a whole word.
    return f" {start}" in joined if len(start) == 5 else start in words


def _fields(fields: Sequence[Sequence[str]], terms: Sequence[Term]) -> tuple[str, ...]:
    """The fields in which some term's words occur (word starts, so word forms count)."""
    forms = [
        f.split()
        for term in terms
        for f in (*term.forms, *term.variants, *term.corrected)
        if not f.startswith(PERSON_TOKEN)  # a person's token is never in the folded text
    ]
    matched = []
    for name, text in zip(COLUMNS, fields, strict=True):
        words = set(text)
        joined = " " + " ".join(text)
        if any(all(_in_field(w, words, joined) for w in form) for form in forms):
            matched.append(name)
    return tuple(matched)


def search(
    catalog: Catalog,
    query: Sequence[str],
    filters: Filters | None = None,
    limit: int | None = 20,
    exact: bool = False,
    min_score: float = 0.0,
    count: bool = True,
) -> SearchResult:
    """Events matching ``query``, best first; at most ``limit`` (all when ``None``).

    ``count``: count every match for ``total`` even past the candidates read (a second pass
    over the index; without it, ``total`` is at least the number of hits).
    """
    filters = filters or Filters()
    terms, reading = understand(query)
    terms = _join_names(catalog, terms)
    corrections: dict[str, list[str]] = {}
    checked: list[Term] = []
    for term in terms:
        if term.span is not None:
            checked.append(term)
            continue
        term = _with_variants(catalog, term)
        if term.office:
            held = _with_holders(catalog, term)
            if held.holders:
                checked.append(held)
                continue
            # A store whose people hold no such office: the words, near each other.
            term = msgspec.structs.replace(term, office=())
        if " " in term.typed and len(term.forms) == 1 and not _matches_anything(catalog, term):
            term = msgspec.structs.replace(term, near=True)
        if term.required and not exact and not _matches_anything(catalog, term):
            # An optional word (``the``, ``visit`` before a place) that matches nothing is
            # left out, not corrected. An English word the store never uses is read as its
            # synonyms that it does; any other, as a misspelling.
            english = _english(term)
            term, shown = _read_as_synonyms(catalog, term) if english else (term, [])
            if not shown:
                term = _correct(catalog, term, family_only=english)
                shown = list(term.corrected)
            if shown:
                corrections[term.typed] = shown
        checked.append(term)
    terms = _loose_compounds(catalog, checked)
    required = [t for t in terms if t.required]
    wanted = None if limit is None else max(limit, CANDIDATES)
    found = _candidates(catalog, required, filters, "AND", wanted, set())
    more_than_read = wanted is not None and len(found) >= wanted
    total = _count(catalog, required, filters) if more_than_read and count else len(found)
    if len(terms) > 1 and (wanted is None or len(found) < wanted):
        seen = {r for r, _ in found}
        # A date is the surest thing a query says: the events within it that match any of
        # its words come first, then those within it that match none (an event about Putin
        # and Kim in June 2024 is about Russia and North Korea, named or not), then the rest.
        # An optional word ("in", "the", "role") never brings an event in alone: "in" is in
        # every event, and a word that only frames a question is no answer.
        worded = [t for t in terms if t.required]
        passes = [(worded, False)] if any(t.span is None for t in worded) else []
        if any(t.span is not None for t in terms):
            passes = [(terms, True), ([t for t in terms if t.span is not None], True), *passes]
        for subset, bounded in passes:
            if wanted is not None and len(found) >= wanted:
                break
            more = _candidates(catalog, subset, filters, "OR", wanted, seen, bounded)
            seen.update(r for r, _ in more)
            found += more
            total += len(more)
    result = SearchResult(
        hits=[],
        total=total,
        corrections=corrections,
        dates=[
            (typed, first, last)
            for first, last, typed, kind in reading.dates
            if kind != "described"
        ],
        offices=[
            (t.typed, list(dict.fromkeys(person for person, _, _ in sorted(t.holders, key=_began))))
            for t in terms
            if t.holders
        ],
    )
    if not found:
        if not filters.is_empty:
            result.unfiltered = _count(catalog, required, Filters())
            if result.unfiltered:
                result.widen = [
                    (name, _count(catalog, required, wider)) for name, wider in filters.widened()
                ]
        return result
    rowids = [r for r, _ in found]
    implied: set[tuple[int, int]] = set()
    # Which terms each candidate matches needs its dates, people and places only; the events
    # are decoded whole once the tiers that can be shown are known.
    matched = _matched_by_term(catalog, terms, rowids, catalog.sketches(rowids), implied)
    if limit is not None and not min_score:
        found = _best_tiers(found, terms, matched, limit)
        rowids = [r for r, _ in found]
    events = catalog.by_rowids(rowids)
    named = {p for event in events.values() for p in event.people}
    # Each person's names as the index holds them (``person_text``, stored when it was built).
    names = {person: text for person, text in catalog.person_names().items() if person in named}
    size = catalog.size()
    counts = catalog.documents_of({w for t in terms for w in _idf_words(t)})
    idf = [_idf(t, counts, size) for t in terms]
    columns_of = {rowid: event_columns(events[rowid], names) for rowid in rowids}
    # The index keeps each event's folded words (folding them here is half a search's work);
    # a large store's are folded here, a name once per person, not once per event.
    words_of = catalog.folded_columns(rowids)
    if len(words_of) < len(rowids):
        name_words = {person: folded_words(text) for person, text in names.items()}
        for rowid in rowids:
            if rowid not in words_of:
                words_of[rowid] = folded_columns(events[rowid], names, name_words)
    term_words = [_term_words(t) for t in terms]
    offices = [number for number, t in enumerate(terms) if t.office]
    # Which of the query's offices one of each event's people held while it happened.
    in_office = {
        rowid: {
            n
            for n in offices
            if _in_office(
                terms[n],
                events[rowid].people,
                day_range(events[rowid].start)[0],
                day_range(events[rowid].last)[1],
            )
        }
        for rowid in rowids
    }
    # An office counts as its holder's name would: once, among the event's people.
    relevance = {
        rowid: _field_score(words_of[rowid], terms, idf, term_words, in_office[rowid])
        for rowid in rowids
    }
    best = max(relevance.values(), default=0.0) or 1.0
    scored: list[tuple[float, int, Hit]] = []
    weight = [1.0 if t.required else 0.25 for t in terms]
    total_weight = sum(weight)
    spelt = vocabulary().spellings
    plain = [(f, *spelt.get(f, ())) for t in terms for f in t.forms[:1]]
    dated = [t.span for t in terms if t.span is not None]
    persons = [frozenset(v for v in t.variants if v.startswith(PERSON_TOKEN)) for t in terms]
    travel = any(t.held_in for t in terms)
    pairs = list(zip(plain, plain[1:], strict=False))
    counted = [_counts_in_tier(t, terms) for t in terms]
    for rowid, _ in found:
        event = events[rowid]
        hits = matched[rowid]
        got = sum(w for w, h in zip(weight, hits, strict=True) if h)
        required_hits = sum(1 for c, h in zip(counted, hits, strict=True) if h and c)
        fuzzy: float = sum(1 for t, h in zip(terms, hits, strict=True) if h and t.corrected)
        # A date matched only within its window, or a named year only cited, is near; so is
        # a place an event is about but is not recorded to have taken place in.
        fuzzy += sum(
            1
            for t, h in zip(terms, hits, strict=True)
            if h
            and (
                (t.span is not None and not _overlaps(event, t.span))
                or (t.held_in and not event.held_in)
            )
        )
        # An event held in several countries took place in the one asked for only in part
        # (a year of summits in Beijing, Pyongyang and Vladivostok is no visit to Russia):
        # near, as one not recorded to have taken place there.
        fuzzy += sum(
            1
            for t, h in zip(terms, hits, strict=True)
            if h and t.held_in and not t.held_in.issuperset(event.held_in)
        )
        fuzzy += CITY_ELSEWHERE * sum(
            1
            for t, h in zip(terms, hits, strict=True)
            if h and t.city and event.held_in and not _at_city(event, t)
        )
        fuzzy += sum(1 for number, h in enumerate(hits) if h and (rowid, number) in implied)
        if dated:
            # Decades of aid overlap 1984 but are not what "1984" asks for: the share of the
            # event's span outside the dates asked for is near, as a date within its window is.
            fuzzy += SPREAD * (1.0 - _date_fit(event, dated))
        # A person the query names counts in full as one who took part, by half as one the
        # text only mentions.
        tokens = {person_token(p) for p in event.people}
        fuzzy += (1.0 if travel else PARTICIPANT) * sum(
            1
            for t, p, h in zip(terms, persons, hits, strict=True)
            if h and p and not t.office and p.isdisjoint(tokens)
        )
        # An office the text names but none of whose holders then took part is near.
        fuzzy += (1.0 if travel else PARTICIPANT) * sum(
            1 for n in offices if hits[n] and n not in in_office[rowid]
        )
        typed = [t for t, h in zip(terms, hits, strict=True) if h and not t.corrected and t.forms]
        exact_share = 0.0
        if typed:
            raw_text = " ".join(columns_of[rowid]).lower()
            exact_share = sum(1 for t in typed if _typed_in(t, raw_text)) / len(typed)
        together = 1.0
        if pairs:
            folded_text = " " + " ".join(map(" ".join, words_of[rowid])) + " "
            together = sum(
                any(f" {a} {b} " in folded_text for a in one for b in two) for one, two in pairs
            ) / len(pairs)
        # The square root spreads the events that match weakly, so their scores differ.
        rarity = math.sqrt(relevance[rowid] / best)
        within = (
            (0.55 - 0.2 * bool(dated)) * rarity
            + 0.2 * (1.0 - fuzzy / max(required_hits, 1))
            + 0.15 * exact_share
            + 0.1 * together
        )
        if dated:
            # Within the dates asked for beats a long span that merely overlaps them; after a
            # date ("after the soviet collapse"), what followed soon counts more.
            within += 0.2 * _date_fit(event, dated) + AFTERMATH * _soon_after(event, dated)
        if reading.asks:
            within += 0.04 * _answers(event, reading.asks)
        if travel:
            # Who went where: a visit or a summit is what the question is about.
            within += TRAVEL * (("visit" in event.topics) + ("summit" in event.topics))
        tiers = max(1, sum(counted))
        tier = min(required_hits, tiers)
        base = (tier - 1) if tier else 0
        # Optional words only nudge within the tier.
        extra = 0.05 * (got - required_hits) / max(total_weight, 1.0)
        score = 100.0 * (base + min(0.999, within + extra)) / tiers if tier else 10.0 * within
        score = round(max(0.0, min(100.0, score)), 1)
        if score < min_score:
            continue
        scored.append((score, rowid, Hit(event, score)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    kept = scored if limit is None else scored[:limit]
    # Which fields matched, for the hits shown only.
    result.hits = [
        Hit(
            hit.event,
            score,
            _fields(words_of[rowid], [t for t, h in zip(terms, matched[rowid], strict=True) if h]),
        )
        for score, rowid, hit in kept
    ]
    if min_score:
        result.total = len(scored)
    return result


def _at_city(event: Event, term: Term) -> bool:
    """Whether one of the event's places names the city ``term`` stands for."""
    places = " " + " ".join(fold(f"{p.en} {p.vi}") for p in event.places) + " "
    return any(f" {form} " in places for form in term.forms)


def _soon_after(event: Event, dates: Sequence[tuple[str, str]]) -> float:
    """For a date open at its end (``after 1991``), how soon after it the event began: 1 at
    once, half after ``AFTERMATH_YEARS``; 0 for dates closed at both ends."""
    best = 0.0
    for first, last in dates:
        if last == OPEN_END and first != OPEN_START:
            years = max(0, _day(day_range(event.start)[0]) - _day(first)) / 372
            best = max(best, 0.5 ** (years / AFTERMATH_YEARS))
    return best


def _day(iso: str) -> int:
    """A day as a number that orders and subtracts like one (months of 31 days)."""
    return int(iso[:4]) * 372 + int(iso[5:7]) * 31 + int(iso[8:10])


def _overlaps(event: Event, span: tuple[str, str]) -> bool:
    return day_range(event.start)[0] <= span[1] and day_range(event.last)[1] >= span[0]


def _date_fit(event: Event, dates: Sequence[tuple[str, str]]) -> float:
    """How much of the event's span lies within the dates asked for (best of them), 0–1."""
    low, high = _day(day_range(event.start)[0]), _day(day_range(event.last)[1])
    best = 0.0
    for first, last in dates:
        inside = min(high, _day(last)) - max(low, _day(first)) + 1
        best = max(best, max(inside, 0) / (high - low + 1))
    return best


_NUMBER = r"\b\d[\d,.]*\b"


def _answers(event: Event, asks: frozenset[str]) -> float:
    """Whether the event holds the kind of answer the question words ask for, 0–1."""
    found = 0.0
    for ask in asks:
        if ask == "who":
            found += bool(event.people)
        elif ask == "where":
            found += bool(event.places)
        elif ask == "when":
            # A day answers "when"; a month half does; a year or a span of years barely.
            found += _date_precision(event)
        elif ask == "how many":
            numbers = re.findall(_NUMBER, event.summary.en)
            found += any(len(n) != 4 or not n.isdigit() for n in numbers)
        else:
            found += 1
    return found / len(asks)


def _date_precision(event: Event) -> float:
    """How exactly the event is dated, 0–1: to the day (a trip of weeks too), to the month,
    or only to a year or a span of years."""
    if event.approximate:
        return 0.0
    length = _day(day_range(event.last)[1]) - _day(day_range(event.start)[0]) + 1
    if length > 372:
        return 0.0
    if len(event.start) == 10:
        return 1.0 if length <= 31 else 0.5
    return 0.5 if len(event.start) == 7 else 0.0


#: BM25's saturation, and per field how much its length counts and its typical length in
#: words. A title is not less about its subject for naming it in full, so titles are barely
#: normalised by length; summaries are.
K1 = 1.2
LENGTH_WEIGHT = (0.2, 0.3, 0.3, 0.75, 0.3, 0.3, 0.3)
TYPICAL_WORDS = (24.0, 6.0, 4.0, 140.0, 12.0, 3.0, 8.0)


def _idf_words(term: Term) -> set[str]:
    """The words whose counts say how rare the term is: those of all its forms, and the
    tokens of the people it names (a person's token is in the events that name them)."""
    return {w for f in (*term.forms, *term.variants, *term.corrected) for w in f.split()}


def _idf(term: Term, counts: dict[str, int], events: int) -> float:
    """How rare the term is, counting all its forms as one word (treaty and treaties);
    ``counts``: how many events hold each word."""
    found = max((counts.get(w, 0) for w in _idf_words(term)), default=0)
    found = min(max(found, 1), events)
    return math.log(1.0 + (events - found + 0.5) / (found + 0.5))


def _term_words(term: Term) -> list[list[str]]:
    """The term's forms as folded words, as ``_words`` gives an event's text."""
    return [
        fold(f).split() for f in (*term.forms, *term.variants) if not f.startswith(PERSON_TOKEN)
    ]


def _occurrences(
    words: list[str], term: Term, forms: list[list[str]], present: frozenset[str]
) -> int:
    """How often any form of the term (``forms``, its folded words) occurs in ``words``
    (``present``: the same words as a set, to skip forms that cannot occur)."""
    count = 0
    joined: str | None = None
    for form in forms:
        if form[0] not in present:
            continue
        if len(form) == 1:
            count += words.count(form[0])
            continue
        if joined is None:
            joined = " " + " ".join(words) + " "
        count += joined.count(" " + " ".join(form) + " ")
    for prefix in term.corrected:
        count += sum(1 for w in words if w.startswith(prefix))
    return count


def _field_score(
    fields: Sequence[list[str]],
    terms: Sequence[Term],
    idf: Sequence[float],
    term_words: Sequence[list[list[str]]],
    held: frozenset[int] | set[int] = frozenset(),
) -> float:
    """BM25 over the event's fields, each weighted by where it matched; ``held``: the terms
    (by number) naming an office one of the event's people held at the time, which count as
    that person's name once among its people."""
    total = 0.0
    sets = [frozenset(words) for words in fields]
    for number, (term, rarity, forms) in enumerate(zip(terms, idf, term_words, strict=True)):
        if term.function:
            continue
        for column, (words, present, weight, typical, b) in enumerate(
            zip(fields, sets, WEIGHTS, TYPICAL_WORDS, LENGTH_WEIGHT, strict=True)
        ):
            frequency = _occurrences(words, term, [f for f in forms if f], present)
            frequency += number in held and COLUMNS[column] == "people"
            if frequency:
                norm = K1 * (1 - b + b * len(words) / typical)
                total += rarity * weight * frequency * (K1 + 1) / (frequency + norm)
    return total


def suggestions(catalog: Catalog, query: Sequence[str], limit: int = 3) -> list[str]:
    """Names, topics and index words closest to a query that found nothing."""

    text = " ".join(query)
    names = [p.name.en for p in catalog.people.values()]
    return closest(text, [*names, *TOPICS], limit=limit, cutoff=75.0)
