"""Fuzzy, ranked, accent-insensitive search over events.

How a query is read:

1. It is folded (case and accents dropped) and split into words. ``Kim Nhat Thanh``,
   ``Kim Nhật Thành`` and ``kim nhat thanh`` are the same query.
2. Runs of words that spell a person (``kim jong un``, ``kimjongun``, ``puttin``) are matched
   against every spelling of every person, joined up so hyphens and spaces do not matter.
   rapidfuzz's plain ``ratio`` scores these: it tolerates a letter or two wrong in a name
   without letting a short query score high against a long one, as WRatio's partial matching
   does. A person's own events score highest; other events that name them in their text follow.
3. Every other word must occur in the event's text (titles and summaries in both languages,
   places, topics, people's names): exactly, as the start of a longer word, or within a small
   edit distance for words of four letters or more. A four-digit year also matches every event
   whose span covers it.

An event's score is the mean of its words' scores (0–100). Events are ranked by score, then date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from itertools import accumulate

import msgspec

from nkru.errors import UsageError
from nkru.models import TOPICS, Event, Person
from nkru.query import Hit
from nkru.store import Catalog
from nkru.text import WORD, compact, fold

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20

#: Least ratio for a run of words to name a person.
PERSON_CUTOFF = 85.0
#: An event that only mentions a person in its text ranks below that person's own events.
MENTION_WEIGHT = 0.85
#: At most this many misspelt variants of a query word are looked for.
FUZZY_LIMIT = 5
_YEAR = re.compile(r"^\d{4}$")
#: Runs of anything but letters and digits (underscores included), newlines kept.
_NOT_WORD = re.compile(r"(?:[^\w\n]|_)+")


class SearchIndex(msgspec.Struct, frozen=True):
    """What search derives from a store, and what the on-disk cache holds.

    ``text`` is every event's folded text, one line an event in the catalog's order;
    ``starts`` is where each line begins; ``vocabulary`` is every distinct word, sorted.
    """

    text: str
    starts: list[int]
    vocabulary: list[str]


def event_text(event: Event) -> str:
    """The event's own searchable text, unfolded, on one line: id, titles, summaries, topics,
    period and places in both languages. People's names are added from ``person_text``."""
    parts = [
        event.id,
        event.title.en,
        event.title.vi,
        event.summary.en,
        event.summary.vi,
        " ".join(event.topics),
    ]
    if event.period is not None:
        parts += [event.period.en, event.period.vi]
    for place in event.places:
        parts += [place.en, place.vi]
    return " ".join(parts).replace("\n", " ")


def person_text(person: Person) -> str:
    """Every spelling of a person's name, folded and reduced to words."""
    return _words_only(fold(" ".join(person.spellings())))


#: ASCII punctuation to spaces: on folded Latin text (ASCII by then) ``str.translate`` does in
#: one fast pass what a regular expression takes fifty times longer to do.
_ASCII_PUNCTUATION = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not c.isalnum() and c != "\n"}
)
#: Events folded per call: large enough to keep calls few, small enough that one event in
#: another script (which takes the slower folding path) does not slow down all the others.
_CHUNK = 2000


def _words_only(folded: str) -> str:
    """Folded text with everything but letters, digits and newlines turned into spaces."""
    if folded.isascii():
        return folded.translate(_ASCII_PUNCTUATION)
    return _NOT_WORD.sub(" ", folded)


def build_index(catalog: Catalog) -> SearchIndex:
    """Fold every event's text once; the vocabulary is every distinct word in it.

    Text is folded a chunk of events at a time (far fewer calls than one per event), and each
    person's names once, not once per event that names them.
    """
    names = {pid: person_text(person) for pid, person in catalog.people.items()}
    words: set[str] = set()
    for name in names.values():
        words.update(name.split())
    events = catalog.events
    lines: list[str] = []
    for first in range(0, len(events), _CHUNK):
        chunk = events[first : first + _CHUNK]
        own = _words_only(fold("\n".join(event_text(e) for e in chunk)))
        words.update(own.split())
        for event, line in zip(chunk, own.split("\n"), strict=True):
            people = " ".join(names[p] for p in event.people if p in names)
            lines.append(f" {line} {people} ")
    text = "\n".join(lines)
    starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    vocabulary = sorted(words)
    return SearchIndex(text=text, starts=starts, vocabulary=vocabulary)


def parse_query(terms: Sequence[str]) -> list[str]:
    """The folded words of a query, or a UsageError for an empty or oversized one."""
    text = " ".join(terms).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}. "
            "Search for a few words."
        )
    words = WORD.findall(fold(text))
    if not words:
        raise UsageError("empty query: give a word to search for, for example `nkru search putin`.")
    if len(words) > MAX_QUERY_WORDS:
        raise UsageError(
            f"the query has {len(words)} words; the limit is {MAX_QUERY_WORDS}. "
            "Search for a few words."
        )
    return words


class _PersonTerm(msgspec.Struct, frozen=True):
    """A run of query words that names one or more people, with how well each matched."""

    words: tuple[str, ...]
    people: dict[str, float]


def _person_forms(catalog: Catalog) -> list[tuple[str, list[str]]]:
    return [
        (person.id, sorted({compact(form) for form in person.spellings()} - {""}))
        for person in catalog.people.values()
    ]


def _match_people(joined: str, forms: list[tuple[str, list[str]]], fuzzy: bool) -> dict[str, float]:
    """People one of whose spellings ``joined`` is (score 100), or, with ``fuzzy``, is within
    a letter or two of; only the best when several come close."""
    scores: dict[str, float] = {}
    for person_id, spellings in forms:
        if joined in spellings:
            scores[person_id] = 100.0
    if scores or not fuzzy or len(joined) < 4:
        return scores
    from rapidfuzz import fuzz

    for person_id, spellings in forms:
        best = max((fuzz.ratio(joined, s) for s in spellings), default=0.0)
        if best >= PERSON_CUTOFF:
            scores[person_id] = best
    if not scores:
        return {}
    top = max(scores.values())
    # "kim jong" is Kim Jong Il and Kim Jong Un alike; "kim jong ul" is only one of them.
    return {p: s for p, s in scores.items() if s >= top - 2.0}


def _split_terms(
    words: list[str], catalog: Catalog, exact: bool
) -> tuple[list[_PersonTerm], list[str]]:
    """Pick out the runs of words that name people best; the rest are plain words.

    From each position the longest run that spells a person exactly wins (``kim nhat thanh
    qua doi`` is Kim Il Sung and two plain words); only when none does are misspellings tried,
    and then the best-scoring run wins, the longer on a tie.
    """
    forms = _person_forms(catalog)
    people: list[_PersonTerm] = []
    plain: list[str] = []
    index = 0
    while index < len(words):
        best: tuple[float, int, dict[str, float]] | None = None
        for fuzzy in (False, True) if not exact else (False,):
            for end in range(index + 1, len(words) + 1):
                matched = _match_people("".join(words[index:end]), forms, fuzzy)
                if matched and (best is None or max(matched.values()) >= best[0]):
                    best = (max(matched.values()), end, matched)
            if best is not None:
                break
        if best is None:
            plain.append(words[index])
            index += 1
        else:
            people.append(_PersonTerm(tuple(words[index : best[1]]), best[2]))
            index = best[1]
    return people, plain


def _stems(word: str) -> list[str]:
    """``word`` without a common English ending, so ``dies`` finds ``died`` and ``talks``
    finds ``talked``. Only stems of three letters or more."""
    stems = []
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems.append(word[: -len(ending)])
    return stems


def _word_candidates(word: str, vocabulary: Sequence[str], exact: bool) -> dict[str, float]:
    """Words of the store that ``word`` may stand for, each with a score: 100 for the word
    itself, 90 for a longer word it begins, 85 for a word sharing its stem, and the edit
    similarity (at most 89) for a misspelling."""
    found: dict[str, float] = {}
    if len(word) >= 3:
        _prefixed(word, vocabulary, found, 90.0)
        for stem in _stems(word):
            _prefixed(stem, vocabulary, found, 85.0)
    else:
        position = bisect.bisect_left(vocabulary, word)
        if position < len(vocabulary) and vocabulary[position] == word:
            found[word] = 100.0
    if exact or len(word) < 4:
        return found
    from rapidfuzz import fuzz, process

    cutoff = 80.0 if len(word) >= 5 else 86.0
    # The closest few spellings are enough, and each one costs a scan of the index.
    for candidate, score, _ in process.extract(
        word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=FUZZY_LIMIT
    ):
        if candidate not in found:
            found[candidate] = min(float(score), 89.0)
    return found


def _prefixed(
    prefix: str, vocabulary: Sequence[str], found: dict[str, float], score: float
) -> None:
    """Add every word of the sorted vocabulary that starts with ``prefix`` (itself: 100)."""
    for candidate in vocabulary[bisect.bisect_left(vocabulary, prefix) :]:
        if not candidate.startswith(prefix):
            break
        best = 100.0 if candidate == prefix and score == 90.0 else score
        found[candidate] = max(found.get(candidate, 0.0), best)


def _scores_in_docs(candidates: dict[str, float], index: SearchIndex) -> dict[int, float]:
    """For each event whose text has a candidate word or phrase, the best candidate's score.

    The index text is scanned with ``str.find``, which runs at memory speed; the spaces
    around every word in it make each hit a whole word.
    """
    text, starts = index.text, index.starts
    best: dict[int, float] = {}
    for word, score in candidates.items():
        needle = f" {word} "
        position = text.find(needle)
        while position != -1:
            doc = bisect.bisect_right(starts, position) - 1
            if best.get(doc, 0.0) < score:
                best[doc] = score
            position = text.find(needle, position + len(needle) - 1)
    return best


def search(
    catalog: Catalog,
    terms: Sequence[str],
    index: SearchIndex | None = None,
    allowed: Iterable[int] | None = None,
    exact: bool = False,
    min_score: float = 0.0,
) -> list[Hit]:
    """Events matching every word of the query, best first.

    ``allowed`` restricts the search to these positions in ``catalog.events`` (the filters).
    """
    words = parse_query(terms)
    if index is None:
        index = build_index(catalog)
    events = catalog.events
    people_terms, plain = _split_terms(words, catalog, exact)

    # Scores per event, narrowed term by term: only events that match every term so far.
    totals: dict[int, float] | None = None
    if allowed is not None:
        totals = dict.fromkeys(allowed, 0.0)
    for term in people_terms:
        scores = {
            position: score * MENTION_WEIGHT
            for position, score in _mentions(term, catalog, index).items()
        }
        for position, event in enumerate(events):
            own = max((term.people.get(p, 0.0) for p in event.people), default=0.0)
            if own:
                scores[position] = own
        totals = _narrow(totals, scores)
    for word in plain:
        totals = _narrow(totals, _word_scores(word, index, exact, events))

    count = len(people_terms) + len(plain)
    scored = [(round(total / count), events[p]) for p, total in (totals or {}).items()]
    scored = [(score, event) for score, event in scored if score >= min_score]
    scored.sort(key=lambda pair: (-pair[0], pair[1].start, pair[1].last, pair[1].id))
    return [Hit(event, score) for score, event in scored]


def _narrow(totals: dict[int, float] | None, scores: dict[int, float]) -> dict[int, float]:
    """Add one term's scores to the running totals, keeping only events that have both."""
    if totals is None:
        return scores
    return {p: totals[p] + s for p, s in scores.items() if p in totals}


def _word_scores(
    word: str, index: SearchIndex, exact: bool, events: Sequence[Event]
) -> dict[int, float]:
    scores = _scores_in_docs(_word_candidates(word, index.vocabulary, exact), index)
    if _YEAR.match(word):
        year = int(word)
        for position, event in enumerate(events):
            if event.start_year <= year <= event.end_year:
                scores[position] = 100.0
    return scores


def _mentions(term: _PersonTerm, catalog: Catalog, index: SearchIndex) -> dict[int, float]:
    """Events whose text names one of the term's people in any spelling, as a whole phrase."""
    phrases: dict[str, float] = {}
    for person_id, score in term.people.items():
        for spelling in catalog.people[person_id].spellings():
            phrase = " ".join(WORD.findall(fold(spelling)))
            if phrase:
                phrases[phrase] = max(score, phrases.get(phrase, 0.0))
    return _scores_in_docs(phrases, index)


def suggestions(catalog: Catalog, terms: Sequence[str], limit: int = 3) -> list[str]:
    """The people and topics nearest to a query that found nothing."""
    from rapidfuzz import fuzz, process

    query = " ".join(terms)
    names: dict[str, str] = {}
    for person in catalog.people.values():
        for form in person.spellings():
            names.setdefault(fold(form), person.name.en)
    for topic in TOPICS:
        names.setdefault(topic, topic)
    found = process.extract(fold(query), list(names), scorer=fuzz.WRatio, limit=limit * 4)
    picked: list[str] = []
    for form, score, _ in found:
        label = names[form]
        if score >= 60 and label not in picked:
            picked.append(label)
    return picked[:limit]
