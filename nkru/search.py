"""Ranked search over the index, in the spirit of Meilisearch's ranking rules.

How a query is read and ranked:

1. Quoted parts (``"six-party talks"``, ``"sụp đổ"``) are phrases; the rest are words. Case
   and accents are folded (``Kim Nhat Thanh`` finds ``Kim Nhật Thành``), English word forms
   fold (``treaties`` finds ``treaty``), and hyphens are spaces (``Ulan-Ude`` = ``ulan ude``).
   Function words (``the``, ``when``, ``khi``, ``nào``) count for ranking but are not needed.
   A few words bring their equivalents: ``ussr`` also looks for ``soviet`` and ``Liên Xô``.
2. **Words**: events that match every query word come before those that match some.
3. **Typo**: a word that matches nothing as typed is corrected against the index's own
   vocabulary with rapidfuzz (``puttin`` -> ``putin``); a match through a correction ranks
   below an exact one.
4. **Attribute and rarity**: SQLite FTS5's BM25 weighs how rare each word is and where it
   matched: title above people above places above summary and notes above topics.
5. **Exactness and proximity**: the word as typed with its accents (``nợ`` beats ``no``) and
   the query's words side by side (``sụp đổ``) lift an event within its tier.

Each hit's score is 0–100 and never crosses tiers: an event that matches ``m`` of ``T``
words scores between ``100·(m−1)/T`` and ``100·m/T``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from nkru.errors import UsageError
from nkru.index import COLUMNS, PERSON_TOKEN, WEIGHTS, event_columns, person_token
from nkru.query import Filters, Hit
from nkru.text import fold
from nkru.text import words as folded_words

if TYPE_CHECKING:
    from nkru.index import Catalog
    from nkru.models import Event

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20
#: Candidates read from the index for re-ranking, at least.
CANDIDATES = 60
#: Least rapidfuzz ratio for a corrected word, and how many corrections a word may get.
TYPO_CUTOFF = 78.0
TYPO_LIMIT = 3

_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”')
_TOKEN = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")

#: Words that shape a question but name nothing: matched if present, never required.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "with",
        "ai",
        "bao",
        "nhiêu",
        "các",
        "có",
        "của",
        "đã",
        "được",
        "gì",
        "khi",
        "là",
        "lúc",
        "mà",
        "nào",
        "những",
        "ở",
        "sao",
        "thì",
        "và",
        "với",
        "vào",
        "về",
    ]
)

#: Equivalents a user may type for a name the store spells another way (folded forms).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "ussr": ("soviet", "lien xo"),
    "soviet": ("lien xo",),
    "lien xo": ("soviet",),
    "dprk": ("north korea", "trieu tien"),
    "north korea": ("dprk", "trieu tien"),
    "bac han": ("north korea", "trieu tien"),
    "trieu tien": ("north korea",),
    "rok": ("south korea", "han quoc"),
    "south korea": ("han quoc",),
    "nam han": ("south korea", "han quoc"),
    "han quoc": ("south korea",),
    "un": ("united nations", "lien hop quoc"),
    "lhq": ("united nations", "lien hop quoc"),
    "russia": ("nga",),
    "nga": ("russia",),
    "pyongyang": ("binh nhuong",),
    "binh nhuong": ("pyongyang",),
    "moscow": ("moskva",),
    "moskva": ("moscow",),
    "beijing": ("bac kinh",),
    "bac kinh": ("beijing",),
    "hanoi": ("ha noi",),
    "ha noi": ("hanoi",),
    "recognise": ("diplomatic relations", "quan he ngoai giao"),
    "recognize": ("diplomatic relations", "quan he ngoai giao"),
    "recognition": ("diplomatic relations", "quan he ngoai giao"),
    "died": ("death", "qua doi", "killed", "dead", "casualties"),
    "dies": ("death", "qua doi"),
    "death": ("died", "qua doi", "killed", "dead"),
    "qua doi": ("death", "died"),
    "vla di vo xtoc": ("vladivostok",),
    "troops": ("soldiers", "binh si", "quan doi"),
    "start": ("begins", "outbreak", "bung no"),
    "collapse": ("dissolves", "dissolution", "sup do", "tan ra"),
    "sup do": ("tan ra", "collapse", "dissolves"),
    "tan ra": ("sup do", "collapse", "dissolves"),
    "admit": ("confirms", "acknowledges", "acknowledgement", "xac nhan", "thua nhan"),
    "admitted": ("confirms", "acknowledges", "acknowledgement", "xac nhan", "thua nhan"),
    "started": ("begins", "outbreak", "bung no"),
    "begin": ("begins", "outbreak", "bung no"),
    "bat dau": ("bung no",),
    "founded": ("founds", "thanh lap"),
    "lap nuoc": ("thanh lap",),
    "soldiers": ("troops", "binh si"),
    "ammunition": ("munitions", "shells", "dan duoc"),
    "munitions": ("ammunition", "shells", "dan duoc"),
    "dan duoc": ("munitions", "ammunition", "shells"),
}
_LONGEST_SYNONYM = max(len(k.split()) for k in SYNONYMS)


class Term(msgspec.Struct, frozen=True):
    """One thing the query asks for: a word or a phrase, with its alternatives."""

    #: As typed, lower-cased (accents kept): for the exactness rule.
    typed: str
    #: Folded alternatives, each a phrase of one or more words.
    forms: tuple[str, ...]
    required: bool = True
    year: int | None = None
    #: Set when the word matched nothing and was corrected: the index terms it became.
    corrected: tuple[str, ...] = ()
    #: Set when a quoted phrase matched nothing word for word: its words, near each other.
    near: bool = False
    #: Other forms of the words found in the index: English inflections (treaty, treaties),
    #: ``đ`` for ``d`` (the index keeps ``đ`` a letter of its own), and people's tokens.
    variants: tuple[str, ...] = ()


class SearchResult(msgspec.Struct):
    """What a search found: the hits shown, how many events matched in all, and, when
    filters hid every match, how many match without them and which filter to widen."""

    hits: list[Hit]
    total: int
    unfiltered: int = 0
    widen: list[tuple[str, int]] = []
    corrections: dict[str, list[str]] = {}


def parse(terms: Sequence[str]) -> list[Term]:
    """The query's phrases and words, with synonyms; a UsageError for an empty or huge query."""
    text = " ".join(terms).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(f"the query is {len(text)} characters long; the limit is 200.")
    parsed: list[Term] = []
    for match in _QUOTED.finditer(text):
        phrase = match.group(1) if match.group(1) is not None else match.group(2)
        words = folded_words(phrase)
        if words:
            parsed.append(Term(phrase.strip().lower(), (" ".join(words),)))
    rest = _QUOTED.sub(" ", text).replace('"', " ")
    typed = [w.lower() for w in _TOKEN.findall(rest)]
    folded = [" ".join(folded_words(w)) for w in typed]
    index = 0
    while index < len(folded):
        for size in range(min(_LONGEST_SYNONYM, len(folded) - index), 0, -1):
            key = " ".join(folded[index : index + size])
            if size > 1 and key in SYNONYMS:
                parsed.append(Term(" ".join(typed[index : index + size]), (key, *SYNONYMS[key])))
                index += size
                break
        else:
            word, form = typed[index], folded[index]
            if form:
                year = int(form) if _YEAR.match(form) else None
                parsed.append(
                    Term(
                        word,
                        (form, *SYNONYMS.get(form, ())),
                        required=word not in STOPWORDS,
                        year=year,
                    )
                )
            index += 1
    if not parsed:
        raise UsageError("the query has no words to look for")
    if len(parsed) > MAX_QUERY_WORDS:
        raise UsageError(f"the query has {len(parsed)} words; the limit is {MAX_QUERY_WORDS}.")
    if not any(t.required for t in parsed):
        parsed = [msgspec.structs.replace(t, required=True) for t in parsed]
    return parsed


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


def _documents(catalog: Catalog, word: str) -> int:
    """How many events hold ``word`` (a person's name counts as 1)."""
    row = catalog.conn.execute("SELECT doc FROM fts_terms WHERE term = ?", (word,)).fetchone()
    if row is not None:
        return int(row[0])
    row = catalog.conn.execute("SELECT 1 FROM people_terms WHERE term = ?", (word,)).fetchone()
    return 1 if row is not None else 0


def _known(catalog: Catalog, words: set[str]) -> set[str]:
    """The words that occur in the index (one query per table for them all)."""
    if not words:
        return set()
    marks = ",".join("?" * len(words))
    found: set[str] = set()
    for table in ("fts_terms", "people_terms"):
        rows = catalog.conn.execute(f"SELECT term FROM {table} WHERE term IN ({marks})", [*words])
        found.update(r[0] for r in rows)
    return found


def _with_variants(catalog: Catalog, term: Term) -> Term:
    """The term with the other forms of its words that the index holds, and the tokens of
    the people it names."""
    variants: list[str] = []
    for form in term.forms:
        words = form.split()
        options = []
        for word in words:
            candidates = {word, word.replace("d", "đ")}
            if len(words) == 1 and word.isalpha() and word.isascii() and len(word) >= 3:
                candidates |= english_forms(word)
            options.append(sorted(_known(catalog, candidates) - {word}) if candidates else [])
        if len(words) == 1:
            variants += options[0]
        else:
            # A phrase with one word spelt with đ: each such word swapped in turn.
            for number, swaps in enumerate(options):
                for swap in swaps[:2]:
                    variants.append(" ".join([*words[:number], swap, *words[number + 1 :]]))
    people = catalog.conn.execute(
        "SELECT person FROM people_fts WHERE people_fts MATCH ?",
        (" OR ".join(_quote(f) for f in term.forms),),
    )
    variants += [person_token(r[0]) for r in people]
    found = tuple(v for v in dict.fromkeys(variants) if v not in term.forms)
    return msgspec.structs.replace(term, variants=found)


def _matches_anything(catalog: Catalog, term: Term) -> bool:
    row = catalog.conn.execute(
        "SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1", (_expression(term),)
    ).fetchone()
    return row is not None


def _correct(catalog: Catalog, term: Term) -> Term:
    """A word that matches nothing, with the index terms it is probably a misspelling of."""
    word = term.forms[0]
    if " " in word or len(word) < 4 or word.isdigit():
        return term
    from rapidfuzz import fuzz, process

    vocabulary: list[str] = []
    for table in ("fts_terms", "people_terms"):
        rows = catalog.conn.execute(
            f"SELECT term FROM {table} WHERE length(term) BETWEEN ? AND ? "
            "AND (substr(term, 1, 1) = ? OR length(term) BETWEEN ? AND ?)",
            (len(word) - 3, len(word) + 3, word[0], len(word) - 1, len(word) + 1),
        ).fetchall()
        vocabulary += [r[0] for r in rows]
    vocabulary = list(dict.fromkeys(vocabulary))  # a name is often in both tables
    # Another form of the same English word, stemmed differently (succeeded / succe).
    stems = tuple(t for t in vocabulary if len(t) >= 4 and word.startswith(t))
    found = process.extract(
        word, vocabulary, scorer=fuzz.ratio, limit=TYPO_LIMIT, score_cutoff=TYPO_CUTOFF
    )
    if stems:
        return msgspec.structs.replace(term, corrected=(max(stems, key=len),))
    if not found:
        return term
    best = found[0][1]
    kept = tuple(choice for choice, score, _ in found if score >= best - 5)
    return msgspec.structs.replace(term, corrected=kept)


def _typed_in(term: Term, raw_text: str) -> bool:
    """The word as typed, accents and all, or another English form of it, in the text."""
    if term.typed in raw_text:
        return True
    return term.typed.isascii() and any(
        v in raw_text for v in term.variants if v.isascii() and not v.startswith(PERSON_TOKEN)
    )


def _bm25() -> str:
    return "bm25(fts, " + ", ".join(str(w) for w in WEIGHTS) + ")"


def _year_clause(term: Term) -> tuple[str, list[object]]:
    return "(e.lo <= ? AND e.hi >= ?)", [f"{term.year:04d}-12-31", f"{term.year:04d}-01-01"]


def _candidates(
    catalog: Catalog,
    terms: Sequence[Term],
    filters: Filters,
    joiner: str,
    limit: int | None,
    exclude: set[int],
) -> list[tuple[int, float]]:
    """Row ids and BM25 scores (lower is better) of events matching ``terms``."""
    where, params = filters.sql()
    text_terms = [t for t in terms if t.year is None or joiner == "OR"]
    years = [t for t in terms if t.year is not None and joiner == "AND"]
    clauses = [where]
    for term in years:
        clause, extra = _year_clause(term)
        clauses.append(clause)
        params = [*params, *extra]
    if not text_terms:
        sql = f"SELECT e.rowid, 0.0 FROM events e WHERE {' AND '.join(clauses)} ORDER BY e.rowid"
        args: list[object] = list(params)
    else:
        match = f" {joiner} ".join(_expression(t) for t in text_terms)
        sql = (
            f"SELECT e.rowid, {_bm25()} AS score FROM fts JOIN events e ON e.rowid = fts.rowid "
            f"WHERE fts MATCH ? AND {' AND '.join(clauses)} ORDER BY score"
        )
        args = [match, *params]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit + len(exclude))
    rows = catalog.conn.execute(sql, args).fetchall()
    return [(r[0], r[1]) for r in rows if r[0] not in exclude]


def _count(catalog: Catalog, terms: Sequence[Term], filters: Filters) -> int:
    where, params = filters.sql()
    clauses = [where]
    text_terms = [t for t in terms if t.year is None]
    for term in terms:
        if term.year is not None:
            clause, extra = _year_clause(term)
            clauses.append(clause)
            params = [*params, *extra]
    if not text_terms:
        sql = f"SELECT count(*) FROM events e WHERE {' AND '.join(clauses)}"
        return int(catalog.conn.execute(sql, params).fetchone()[0])
    match = " AND ".join(_expression(t) for t in text_terms)
    sql = (
        "SELECT count(*) FROM fts JOIN events e ON e.rowid = fts.rowid "
        f"WHERE fts MATCH ? AND {' AND '.join(clauses)}"
    )
    return int(catalog.conn.execute(sql, [match, *params]).fetchone()[0])


def _matched_by_term(
    catalog: Catalog, terms: Sequence[Term], rowids: Sequence[int], events: dict[int, Event]
) -> dict[int, list[bool]]:
    """For each candidate, which terms it matches."""
    out = {r: [False] * len(terms) for r in rowids}
    marks = ",".join("?" * len(rowids))
    for number, term in enumerate(terms):
        if term.year is not None:
            for rowid in rowids:
                event = events[rowid]
                if int(event.start[:4]) <= term.year <= int(event.last[:4]):
                    out[rowid][number] = True
        sql = f"SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN ({marks})"
        for (rowid,) in catalog.conn.execute(sql, [_expression(term), *rowids]):
            out[rowid][number] = True
    return out


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
    filters: Filters,
    limit: int | None = 20,
    exact: bool = False,
    min_score: float = 0.0,
    count: bool = True,
) -> SearchResult:
    """Events matching ``query``, best first; at most ``limit`` (all when ``None``).

    ``count``: count every match for ``total`` even past the candidates read (a second pass
    over the index; without it, ``total`` is at least the number of hits).
    """
    terms = parse(query)
    corrections: dict[str, list[str]] = {}
    checked: list[Term] = []
    for term in terms:
        if term.year is None:
            term = _with_variants(catalog, term)
        if " " in term.typed and len(term.forms) == 1 and not _matches_anything(catalog, term):
            term = msgspec.structs.replace(term, near=True)
        if term.year is None and not _matches_anything(catalog, term) and not exact:
            term = _correct(catalog, term)
            if term.corrected:
                corrections[term.typed] = list(term.corrected)
        checked.append(term)
    terms = checked
    required = [t for t in terms if t.required]
    wanted = None if limit is None else max(limit, CANDIDATES)
    found = _candidates(catalog, required, filters, "AND", wanted, set())
    more_than_read = wanted is not None and len(found) >= wanted
    total = _count(catalog, required, filters) if more_than_read and count else len(found)
    if len(terms) > 1 and (wanted is None or len(found) < wanted):
        seen = {r for r, _ in found}
        more = _candidates(catalog, terms, filters, "OR", wanted, seen)
        found += more
        total += len(more)
    result = SearchResult(hits=[], total=total, corrections=corrections)
    if not found:
        if not filters.is_empty:
            result.unfiltered = _count(catalog, required, Filters())
            if result.unfiltered:
                result.widen = [
                    (name, _count(catalog, required, wider)) for name, wider in filters.widened()
                ]
        return result
    rowids = [r for r, _ in found]
    events = catalog.by_rowids(rowids)
    matched = _matched_by_term(catalog, terms, rowids, events)
    named = {p for event in events.values() for p in event.people}
    # Each person's names as the index holds them (``person_text``, stored when it was built).
    names = {
        person: text
        for person, text in catalog.conn.execute("SELECT person, names FROM people_fts")
        if person in named
    }
    size = catalog.count()
    idf = [_idf(catalog, t, size) for t in terms]
    columns_of = {rowid: event_columns(events[rowid], names) for rowid in rowids}
    # A name is folded once per person, not once per event that names them: names in
    # Cyrillic and Hangul take folding's slow path.
    name_words = {person: folded_words(text) for person, text in names.items()}
    words_of = {
        rowid: [
            [w for p in events[rowid].people for w in name_words.get(p) or folded_words(p)]
            if name == "people"
            else folded_words(text)
            for name, text in zip(COLUMNS, columns_of[rowid], strict=True)
        ]
        for rowid in rowids
    }
    term_words = [_term_words(t) for t in terms]
    relevance = {rowid: _field_score(words_of[rowid], terms, idf, term_words) for rowid in rowids}
    best = max(relevance.values(), default=0.0) or 1.0
    scored: list[tuple[float, int, Hit]] = []
    weight = [1.0 if t.required else 0.25 for t in terms]
    total_weight = sum(weight)
    plain = [f for t in terms for f in t.forms[:1] if t.year is None]
    pairs = list(zip(plain, plain[1:], strict=False))
    for rowid, _ in found:
        event = events[rowid]
        hits = matched[rowid]
        got = sum(w for w, h in zip(weight, hits, strict=True) if h)
        required_hits = sum(1 for t, h in zip(terms, hits, strict=True) if h and t.required)
        fuzzy = sum(1 for t, h in zip(terms, hits, strict=True) if h and t.corrected)
        typed = [t for t, h in zip(terms, hits, strict=True) if h and not t.corrected]
        exact_share = 0.0
        if typed:
            raw_text = " ".join(columns_of[rowid]).lower()
            exact_share = sum(1 for t in typed if _typed_in(t, raw_text)) / len(typed)
        together = 1.0
        if pairs:
            folded_text = " " + " ".join(map(" ".join, words_of[rowid])) + " "
            together = sum(1 for a, b in pairs if f" {a} {b} " in folded_text) / len(pairs)
        # The square root spreads the events that match weakly, so their scores differ.
        rarity = math.sqrt(relevance[rowid] / best)
        within = (
            0.55 * rarity
            + 0.2 * (1.0 - fuzzy / max(required_hits, 1))
            + 0.15 * exact_share
            + 0.1 * together
        )
        tiers = len(required)
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


#: BM25's saturation, and per field how much its length counts and its typical length in
#: words. A title is not less about its subject for naming it in full, so titles are barely
#: normalised by length; summaries are.
K1 = 1.2
LENGTH_WEIGHT = (0.2, 0.3, 0.3, 0.75, 0.3, 0.3)
TYPICAL_WORDS = (24.0, 6.0, 4.0, 140.0, 3.0, 8.0)


def _idf(catalog: Catalog, term: Term, events: int) -> float:
    """How rare the term is, counting all its forms as one word (treaty and treaties)."""
    words = {w for f in (*term.forms, *term.variants, *term.corrected) for w in f.split()}
    people = {w for w in words if w.startswith(PERSON_TOKEN)}
    words -= people
    found = max((_documents(catalog, w) for w in words), default=0)
    for token in people:
        person = next((p for p in catalog.people if person_token(p) == token), None)
        if person is not None:
            found = max(found, catalog.count(Filters(person_ids=frozenset({person}))))
    found = min(max(found, 1), events)
    return math.log(1.0 + (events - found + 0.5) / (found + 0.5))


def _term_words(term: Term) -> list[list[str]]:
    """The term's forms as folded words, as ``_words`` gives an event's text."""
    return [
        fold(f).split() for f in (*term.forms, *term.variants) if not f.startswith(PERSON_TOKEN)
    ]


def _occurrences(words: list[str], term: Term, forms: list[list[str]]) -> int:
    """How often any form of the term (``forms``, its folded words) occurs in ``words``."""
    count = 0
    for form in forms:
        if len(form) == 1:
            count += words.count(form[0])
            continue
        first, size = form[0], len(form)
        count += sum(
            1 for i, word in enumerate(words) if word == first and words[i : i + size] == form
        )
    for prefix in term.corrected:
        count += sum(1 for w in words if w.startswith(prefix))
    return count


def _field_score(
    fields: Sequence[list[str]],
    terms: Sequence[Term],
    idf: Sequence[float],
    term_words: Sequence[list[list[str]]],
) -> float:
    """BM25 over the event's fields, each weighted by where it matched."""
    total = 0.0
    for term, rarity, forms in zip(terms, idf, term_words, strict=True):
        for words, weight, typical, b in zip(
            fields, WEIGHTS, TYPICAL_WORDS, LENGTH_WEIGHT, strict=True
        ):
            frequency = _occurrences(words, term, forms)
            if frequency:
                norm = K1 * (1 - b + b * len(words) / typical)
                total += rarity * weight * frequency * (K1 + 1) / (frequency + norm)
    return total


def suggestions(catalog: Catalog, query: Sequence[str], limit: int = 3) -> list[str]:
    """Names, topics and index words closest to a query that found nothing."""
    from nkru.models import TOPICS
    from nkru.suggest import closest

    text = " ".join(query)
    names = [p.name.en for p in catalog.people.values()]
    return closest(text, [*names, *TOPICS], limit=limit, cutoff=75.0)
