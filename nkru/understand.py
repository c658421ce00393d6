"""Query understanding: what a question asks, when, and where, before any word is matched.

``read`` takes the words of a query (quoted phrases already taken out) and finds:

- **dates**, which act on the events' dates rather than as words: ``1961``, ``năm 1961``,
  ``december 2024``, ``19 june 2024``, ``tháng 12/2024``, ``12/2024``, ``2024-12``,
  ``the 1990s``, ``những năm 1970``, ``thập niên 70``, eras such as ``cold war``, parts and
  seasons (``early 1990s``, ``cuối những năm 1980``, ``summer 2023``), and spans open at one end
  or both (``after 1991``, ``since 2022``, ``trước năm 1950``, ``from 1950 to 1953``, ``từ 1950
  đến 1953``), with events as their ends (``before the korean war``, ``sau khi Liên Xô sụp
  đổ``);
- **question words** (``who``, ``when``, ``how many``, ``ai``, ``khi nào``, ``bao nhiêu``...),
  which are understood, never matched: ``asks`` says what kind of answer is wanted;
- **where**: a place after a word of motion or location (``visit russia``, ``thăm Nga``,
  ``in pyongyang``) names the countries an event must have taken place in.

The words themselves (question words, months, motion words, places) are data, in
``data/thesaurus.json``, with the thesaurus search uses to bring equivalents.
"""

# No ``from __future__ import annotations``: msgspec would evaluate the thesaurus's string
# annotations each run to build its decoder, about half a millisecond of every search.
import math
import re
from functools import lru_cache
from pathlib import Path

import msgspec

from nkru.text import fold

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_DECADE = re.compile(r"^((?:1[89]|20)\d)0s$|^'?([4-9])0s$")
#: Numeric dates written with separators, read before the query is split into words.
_NUMERIC = (
    r"(?:(?<!\w)(?:th[aá]ng|ng[aà]y)\s+)?(?<![\w/.-])(?:(\d{1,2})[/.](\d{1,2})[/.]((?:1[89]|20)\d\d)"
    r"|(\d{1,2})[/.]((?:1[89]|20)\d\d)"
    r"|((?:1[89]|20)\d\d)-(\d{1,2})(?:-(\d{1,2}))?)(?![\w/.-])"
)
_TOKEN = re.compile(r"[^\W_]+")


class Office(msgspec.Struct, frozen=True):
    """An office as people name it (``russian president``, ``tổng thống nga``), and the role
    titles the store gives those who held it, folded (``president of russia``)."""

    words: list[str]
    titles: list[str]


class Thesaurus(msgspec.Struct, frozen=True):
    """``data/thesaurus.json``: the language words search understands (see its ``about``)."""

    about: str
    equivalents: list[list[str]]
    spellings: list[list[str]]
    also: dict[str, list[str]]
    function_words: dict[str, list[str]]
    function_spellings: dict[str, list[str]]
    light_verbs: list[str]
    question_words: dict[str, list[str]]
    asks: dict[str, list[str]]
    motion: list[str]
    location: list[str]
    not_motion_after: list[str]
    places: dict[str, list[str]]
    countries: dict[str, list[str]]
    capitals: dict[str, list[str]]
    offices: list[Office]
    months: dict[str, int]
    month_words: list[str]
    day_words: list[str]
    year_words: list[str]
    decade_words: list[str]
    decade_names: dict[str, int]
    eras: dict[str, list[str]]
    landmarks: dict[str, list[str]]
    parts: dict[str, list[str]]
    seasons: dict[str, list[str]]
    bounds: dict[str, list[str]]


class Vocabulary(msgspec.Struct, frozen=True):
    """The thesaurus as lookups: folded words and phrases to what they mean."""

    synonyms: dict[str, tuple[str, ...]]
    #: Other spellings of the same word (``defense`` for ``defence``): as good as typed.
    spellings: dict[str, tuple[str, ...]]
    function_words: frozenset[str]
    #: Vietnamese function words as written with their tones (``lúc``): a syllable typed with
    #: other tones (``lực``, strength) folds onto one but is not it.
    function_spellings: dict[str, frozenset[str]]
    #: Words that frame a question, weighed where they match but never required: light verbs
    #: (``put``, ``give``) and ``role``, ``part``.
    light_verbs: frozenset[str]
    question_words: frozenset[str]
    asks: dict[str, str]
    motion: frozenset[str]
    location: frozenset[str]
    #: Words after which a word of motion is a preposition (``ảnh hưởng đến``, affects).
    not_motion_after: frozenset[str]
    places: dict[str, frozenset[str]]
    #: Names and adjectives of countries: the countries they stand for.
    countries: dict[str, frozenset[str]]
    #: Capitals that stand for their governments (``moscow``, ``pyongyang``), the countries
    #: they stand for. Unlike a country, a capital after ``visit`` is a city.
    capitals: dict[str, frozenset[str]]
    #: Offices as people name them, to the role titles (folded) of those who held them: the
    #: title a title begins with (``president of russia`` for ``acting president of russia``).
    offices: dict[str, tuple[str, ...]]
    months: dict[str, int]
    month_words: frozenset[str]
    day_words: frozenset[str]
    year_words: frozenset[str]
    decade_words: frozenset[str]
    #: Decades by name: ``sixties`` is the 1960s.
    decade_names: dict[str, int]
    eras: dict[str, tuple[str, str]]
    #: Events that date a span after a bound word: ``before the korean war``.
    landmarks: dict[str, tuple[str, str]]
    #: ``early``, ``mid``, ``late`` (``đầu``, ``giữa``, ``cuối``) before a year or decade.
    parts: dict[str, str]
    #: Seasons, as their first and last months (winter runs from the December before).
    seasons: dict[str, tuple[int, int]]
    #: Words that make a date one end of a span: ``after``, ``since``, ``before``, ``until``.
    bounds: dict[str, str]
    #: The most words any phrase above has.
    longest: int


def is_function_word(vocab: Vocabulary, typed: str, folded: str) -> bool:
    """Whether a word or phrase (``folded``, as ``typed``) is a function word: typed without
    tones, any that folds onto one; typed with them, only as the word is written (``lúc``,
    when, is one; ``lực``, strength, is not)."""
    if folded not in vocab.function_words:
        return False
    spellings = vocab.function_spellings.get(folded)
    if spellings is None or typed.isascii():
        return True
    import unicodedata

    return unicodedata.normalize("NFC", typed.lower()) in spellings


def thesaurus_path() -> Path:
    """The thesaurus shipped beside the store."""
    return Path(__file__).parent / "data" / "thesaurus.json"


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The thesaurus, read once a process."""
    raw = msgspec.json.decode(thesaurus_path().read_bytes(), type=Thesaurus)
    synonyms: dict[str, list[str]] = {}
    spellings: dict[str, tuple[str, ...]] = {}
    for group in raw.spellings:
        for at, word in enumerate(group):
            spellings[word] = tuple(group[:at] + group[at + 1 :])
    for group in [*raw.equivalents, *raw.spellings]:
        for at, word in enumerate(group):
            synonyms.setdefault(word, []).extend(group[:at] + group[at + 1 :])
    for word, more in raw.also.items():
        synonyms.setdefault(word, []).extend(more)
    offices: dict[str, list[str]] = {}
    for office in raw.offices:
        for word in office.words:
            offices.setdefault(word, []).extend(office.titles)
    phrases = [
        *synonyms,
        *offices,
        *(q for words in raw.question_words.values() for q in words),
        *raw.motion,
        *raw.places,
        *raw.decade_words,
        *raw.eras,
        *raw.landmarks,
        *(w for words in raw.parts.values() for w in words),
        *(w for words in raw.seasons.values() for w in words[2:]),
        *(w for words in raw.bounds.values() for w in words),
        *(w for words in raw.function_words.values() for w in words),
    ]
    return Vocabulary(
        synonyms={k: tuple(dict.fromkeys(v)) for k, v in synonyms.items()},
        spellings=spellings,
        function_words=frozenset(w for words in raw.function_words.values() for w in words),
        function_spellings={k: frozenset(v) for k, v in raw.function_spellings.items()},
        light_verbs=frozenset(raw.light_verbs),
        question_words=frozenset(w for words in raw.question_words.values() for w in words),
        asks={word: kind for kind, words in raw.asks.items() for word in words},
        motion=frozenset(raw.motion),
        not_motion_after=frozenset(raw.not_motion_after),
        location=frozenset(raw.location),
        places={k: frozenset(v) for k, v in raw.places.items()},
        countries={k: frozenset(v) for k, v in raw.countries.items()},
        capitals={k: frozenset(v) for k, v in raw.capitals.items()},
        offices={k: tuple(dict.fromkeys(v)) for k, v in offices.items()},
        months=raw.months,
        month_words=frozenset(raw.month_words),
        day_words=frozenset(raw.day_words),
        year_words=frozenset(raw.year_words),
        decade_words=frozenset(raw.decade_words),
        decade_names=raw.decade_names,
        eras={k: (v[0], v[-1]) for k, v in raw.eras.items()},
        landmarks={k: (v[0], v[-1]) for k, v in raw.landmarks.items()},
        parts={word: kind for kind, words in raw.parts.items() for word in words},
        seasons={w: (int(v[0]), int(v[1])) for v in raw.seasons.values() for w in v[2:]},
        bounds={word: kind for kind, words in raw.bounds.items() for word in words},
        longest=1 + max(p.count(" ") for p in phrases),
    )


class Word(msgspec.Struct, frozen=True):
    """A word of the query that is to be matched: as typed (lower case) and folded."""

    typed: str
    folded: str
    #: Set on the place a motion or location word points at: the countries it stands for.
    held_in: frozenset[str] = frozenset()
    #: A word of motion or location that pointed at a place: its meaning is in the place.
    pointer: bool = False


class Reading(msgspec.Struct, frozen=True):
    """What ``read`` found in a query."""

    words: list[Word]
    #: Date ranges asked for: first and last day (ISO), the words they were written as, and
    #: their kind: ``date``; ``era`` (``cold war``, also a phrase texts use); ``named``, a
    #: year that names a thing (``the 1961 treaty``), which texts written later cite;
    #: ``described``, an era before a noun (``cold war debts``): a word, not a date.
    dates: list[tuple[str, str, str, str]] = []
    #: What kinds of answer the question words ask for: who, when, where, how many, why.
    asks: frozenset[str] = frozenset()
    #: The question words found, as typed.
    questions: tuple[str, ...] = ()


def _day_span(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if day is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{_MONTH_DAYS[month - 1]:02d}"
    return (f"{year:04d}-{month:02d}-{day:02d}",) * 2


def _iso_span(partial: str) -> tuple[str, str]:
    """The first and last day of ``1991``, ``1991-12`` or ``1991-12-25``."""
    parts = [int(p) for p in partial.split("-")]
    return _day_span(*parts)


def _valid(month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or (month is not None and 1 <= day <= _MONTH_DAYS[month - 1])


def _numeric_dates(text: str) -> tuple[str, list[tuple[str, str, str, str]]]:
    """Dates written with ``/``, ``.`` or ``-`` taken out of ``text``, and the rest."""
    found: list[tuple[str, str, str, str]] = []
    if not any(c.isdigit() for c in text):
        return text, found  # compiling the pattern costs more than most queries take

    def take(match: re.Match[str]) -> str:
        g = match.groups()
        if g[0] is not None:
            year, month, day = int(g[2]), int(g[1]), int(g[0])
        elif g[3] is not None:
            year, month, day = int(g[4]), int(g[3]), None
        else:
            year, month = int(g[5]), int(g[6])
            day = int(g[7]) if g[7] is not None else None
        if not _valid(month, day):
            return match.group(0)
        found.append((*_day_span(year, month, day), match.group(0), "date"))
        return " "

    return re.compile(_NUMERIC, re.IGNORECASE).sub(take, text), found


def _phrase_at(folded: list[str], start: int, table: object, longest: int) -> int:
    """How many words from ``start`` make the longest phrase in ``table`` (0 for none)."""
    for size in range(min(longest, len(folded) - start), 0, -1):
        if " ".join(folded[start : start + size]) in table:  # type: ignore[operator]
            return size
    return 0


def read(text: str) -> Reading:
    """The query ``text`` understood: its dates, question words and places, and the words
    left to match."""
    vocab = vocabulary()
    text, dates = _numeric_dates(text)
    typed = [w.lower() for w in _TOKEN.findall(text)]
    folded = [" ".join(fold(w).split()) for w in typed]
    words: list[Word] = []
    asks: set[str] = set()
    questions: list[str] = []
    longest = vocab.longest
    index = 0
    while index < len(folded):
        word = folded[index]
        found = _date_at(folded, typed, index, vocab)
        bound = _bound_before(words, folded, index, vocab) if found or word else None
        if found is None and bound is not None:
            # "before the korean war", "sau khi Liên Xô sụp đổ": an event as one end of a span.
            size = _phrase_at(folded, index, vocab.landmarks, longest)
            if size:
                lo, hi = vocab.landmarks[" ".join(folded[index : index + size])]
                after = folded[index + size : index + size + 2]
                if len(after) == 2 and after[0] in ("in", "nam") and lo[:4] <= after[1] <= hi[:4]:
                    size += 2  # "after stalin died in 1953": the year only repeats it
                words_typed = " ".join(typed[index : index + size])
                found = size, (_iso_span(lo)[0], _iso_span(hi)[1], words_typed, "date")
        if found is not None:
            size, date = found
            if bound is not None and bound[0] == "to" and not (dates and dates[-1][1] == OPEN_END):
                bound = None  # "to" and "and" close a span "from" opened, and nothing else
            if bound is not None:
                # "after 1991", "since 2022", "trước năm 1950": the date is one end of a span.
                kind, bound_words = bound
                typed_bound = " ".join(w.typed for w in words[len(words) - bound_words :])
                del words[len(words) - bound_words :]
                spanned = _bounded((*date[:2], f"{typed_bound} {date[2]}", date[3]), kind, dates)
                if spanned is not None:  # else "1950 to 1953": the second date closed the first
                    dates.append(spanned)
            else:
                dates.append(date)
            index += size
            continue
        # Question words: "khi nào", "how many", "what happened".
        size = _phrase_at(folded, index, vocab.question_words, longest)
        if size:
            phrase = " ".join(folded[index : index + size])
            if phrase in vocab.asks:
                asks.add(vocab.asks[phrase])
            questions.append(" ".join(typed[index : index + size]))
            index += size
            continue
        # Where: a place after a word of motion or location.
        size = _phrase_at(folded, index, vocab.motion, longest) or (
            1 if word in vocab.location else 0
        )
        before = [w.folded for w in words[-2:]]
        if size and ({" ".join(before), *before[-1:]} & vocab.not_motion_after):
            size = 0  # "ảnh hưởng đến Triều Tiên": what affects North Korea, not a trip there
        if size:
            target = index + size
            while target < len(folded) and folded[target] in ("to", "the", "a"):
                target += 1
            place = _phrase_at(folded, target, vocab.places, longest)
            if place:
                for number in range(index, target):
                    words.append(Word(typed[number], folded[number], pointer=True))
                key = " ".join(folded[target : target + place])
                countries = vocab.places[key]
                for number in range(target, target + place):
                    words.append(Word(typed[number], folded[number], held_in=countries))
                index = target + place
                continue
        if word:
            words.append(Word(typed[index], word))
        index += 1
    return Reading(words, dates, frozenset(asks), tuple(questions))


def _date_at(
    folded: list[str], typed: list[str], index: int, vocab: Vocabulary
) -> tuple[int, tuple[str, str, str, str]] | None:
    """A date written at ``index``: how many words it takes, and its first and last day,
    words and kind."""
    word = folded[index]
    nxt = folded[index + 1] if index + 1 < len(folded) else ""
    # Parts: "early 1990s", "late 2024", "cuối những năm 1990", "đầu năm 2024".
    size = _phrase_at(folded, index, vocab.parts, vocab.longest)
    if size and index + size < len(folded):
        inner = _date_at(folded, typed, index + size, vocab)
        if inner is not None and inner[1][3] == "date" and inner[1][0][5:] == "01-01":
            part = vocab.parts[" ".join(folded[index : index + size])]
            first, last = _part_of(inner[1][0], inner[1][1], part)
            words = " ".join(typed[index : index + size + inner[0]])
            return size + inner[0], (first, last, words, "date")
    # Seasons: "summer 2023", "mùa hè năm 2023".
    size = _phrase_at(folded, index, vocab.seasons, vocab.longest)
    if size:
        at = index + size
        if at < len(folded) and folded[at] in vocab.year_words:
            at += 1
        if at < len(folded) and _YEAR.match(folded[at]):
            opens, closes = vocab.seasons[" ".join(folded[index : index + size])]
            year = int(folded[at])
            first = _day_span(year - (opens > closes), opens)[0]
            last = _day_span(year, closes)[1]
            return at + 1 - index, (first, last, " ".join(typed[index : at + 1]), "date")
    # Eras: "cold war", "chiến tranh lạnh".
    size = _phrase_at(folded, index, vocab.eras, vocab.longest)
    if size:
        lo, hi = vocab.eras[" ".join(folded[index : index + size])]
        first, last = _iso_span(lo)[0], _iso_span(hi)[1]
        after = folded[index + size] if index + size < len(folded) else ""
        # "soviet-era debt", "cold war debts": before a noun the era describes the thing,
        # which may have been settled long after it (the write-off of 2012).
        named = after.isalpha() and after not in vocab.function_words
        # "cold war years" dates; "cold war debts" describes.
        timely = after in ("years", "period", "era", "times", "days", "decades")
        kind = ("named" if timely else "described") if named else "era"
        return size, (first, last, " ".join(typed[index : index + size]), kind)
    # Decades: "1990s", "'90s", "the sixties", "những năm 1970", "thập niên 70".
    decade = _decade(word) or vocab.decade_names.get(word)
    size = 1
    if decade is None:
        size = _phrase_at(folded, index, vocab.decade_words, vocab.longest)
        if size and index + size < len(folded):
            after = folded[index + size]
            decade = _decade(after) or _decade_number(after)
            size += 1
    if decade is not None:
        words = " ".join(typed[index : index + size])
        return size, (f"{decade:04d}-01-01", f"{decade + 9:04d}-12-31", words, "date")
    # Months: "december 2024", "19 june 2024", "june 19 2024", "tháng 12 năm 2024".
    month = _month_date(folded, index, vocab)
    if month is not None:
        size, span = month
        return size, (*span, " ".join(typed[index : index + size]), "date")
    # Years: "1961", "năm 1961".
    if word in vocab.year_words and _YEAR.match(nxt):
        return 2, (*_day_span(int(nxt)), f"{typed[index]} {typed[index + 1]}", "date")
    if _YEAR.match(word):
        # "the 1961 treaty": the year names the treaty as well as dating it.
        previous = folded[index - 1] if index else ""
        named = previous == "the" and nxt.isalpha() and nxt not in vocab.function_words
        return 1, (*_day_span(int(word)), typed[index], "named" if named else "date")
    return None


def _part_of(first: str, last: str, part: str) -> tuple[str, str]:
    """The early, middle or late part of the years from ``first`` to ``last``, overlapping
    as a reader's sense of them does (a decade: 1990–1993, 1993–1996, 1996–1999), or of a
    year's months (January–April, May–August, September–December)."""
    lo, hi = int(first[:4]), int(last[:4])
    if lo == hi:
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return _day_span(lo, months[0])[0], _day_span(lo, months[1])[1]
    share = {"early": (0.0, 0.4), "mid": (0.3, 0.7), "late": (0.6, 1.0)}[part]
    years = hi - lo + 1
    start = lo + math.floor(share[0] * years)
    end = lo + math.ceil(share[1] * years) - 1
    return _day_span(start)[0], _day_span(end)[1]


def _bound_before(
    words: list[Word], folded: list[str], index: int, vocab: Vocabulary
) -> tuple[str, int] | None:
    """A word such as ``after`` or ``trước`` just before the date at ``index`` (``the`` may
    stand between): its kind and how many of the words kept so far it takes."""
    at = index
    while at and folded[at - 1] in ("the", "a"):
        at -= 1
    skipped = index - at
    end = len(words) - skipped
    for size in range(min(vocab.longest, at, end), 0, -1):
        phrase = " ".join(folded[at - size : at])
        kept = " ".join(w.folded for w in words[end - size : end])
        if phrase in vocab.bounds and kept == phrase:
            return vocab.bounds[phrase], size + skipped
    return None


#: The first and last days of a span open at one end.
OPEN_START, OPEN_END = "0001-01-01", "9999-12-31"


def _bounded(
    date: tuple[str, str, str, str], kind: str, dates: list[tuple[str, str, str, str]]
) -> tuple[str, str, str, str] | None:
    """The date as one end of a span: ``after``, ``since``, ``before`` or ``until`` it; or,
    as ``until`` right after a date opened by ``since`` (``from 1950 to 1953``), None once
    that date has been closed by this one."""
    first, last, words, _ = date
    if kind in ("to", "until") and dates and dates[-1][1] == OPEN_END:
        opened = dates.pop()
        dates.append((opened[0], last, f"{opened[2]} {words}", "date"))
        return None
    if kind == "after":
        return _next_day(last), OPEN_END, words, "date"
    if kind == "since":
        return first, OPEN_END, words, "date"
    if kind == "before":
        return OPEN_START, _previous_day(first), words, "date"
    if kind == "during":
        return first, last, words, "date"
    return OPEN_START, last, words, "date"


def _next_day(iso: str) -> str:
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if day < _MONTH_DAYS[month - 1] and not (month == 2 and day == 28 and not _leap(year)):
        return f"{year:04d}-{month:02d}-{day + 1:02d}"
    if month < 12:
        return f"{year:04d}-{month + 1:02d}-01"
    return f"{year + 1:04d}-01-01"


def _previous_day(iso: str) -> str:
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if day > 1:
        return f"{year:04d}-{month:02d}-{day - 1:02d}"
    if month > 1:
        last = _MONTH_DAYS[month - 2] - (month - 1 == 2 and not _leap(year))
        return f"{year:04d}-{month - 1:02d}-{last:02d}"
    return f"{year - 1:04d}-12-31"


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _decade(word: str) -> int | None:
    match = _DECADE.match(word)
    if match is None:
        return None
    if match.group(1) is not None:
        return int(match.group(1)) * 10
    return 1900 + int(match.group(2)) * 10


def _decade_number(word: str) -> int | None:
    """The decade after ``những năm`` / ``thập niên``: ``1970`` or ``70``."""
    if _YEAR.match(word) and word.endswith("0"):
        return int(word)
    if len(word) == 2 and word.isdigit() and word.endswith("0") and word[0] in "456789":
        return 1900 + int(word)
    return None


def _month_date(
    folded: list[str], index: int, vocab: Vocabulary
) -> tuple[int, tuple[str, str]] | None:
    """A date with a month at ``index``: how many words it takes and its span."""

    def number(at: int) -> int | None:
        if at < len(folded) and folded[at].isdigit() and len(folded[at]) <= 2:
            return int(folded[at])
        return None

    def year(at: int) -> int | None:
        if at < len(folded) and _YEAR.match(folded[at]):
            return int(folded[at])
        return None

    def skip(at: int, words: frozenset[str]) -> int:
        return at + 1 if at < len(folded) and folded[at] in words else at

    # Vietnamese: [ngày D] tháng M [năm] YYYY
    at = index
    day = None
    if folded[at] in vocab.day_words and number(at + 1) is not None:
        day = number(at + 1)
        at += 2
    if at < len(folded) and folded[at] in vocab.month_words:
        month = number(at + 1)
        if month is not None:
            at_year = skip(at + 2, vocab.year_words)
            found = year(at_year)
            if found is not None and _valid(month, day):
                return at_year + 1 - index, _day_span(found, month, day)
        return None
    # English: [D] month [D][,] YYYY
    at = index
    day = number(at)
    if day is not None:
        at += 1
    if at < len(folded) and folded[at] in vocab.months:
        month = vocab.months[folded[at]]
        at += 1
        if day is None and number(at) is not None and year(at + 1) is not None:
            day = number(at)
            at += 1
        found = year(at)
        if found is not None and _valid(month, day):
            return at + 1 - index, _day_span(found, month, day)
    return None
