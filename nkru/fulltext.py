"""What the full-text index holds for each record: its columns, their weights, and the words
that stand for people. The index is built from these, and the filters and the ranking read
them back the same way.
"""

from __future__ import annotations

from nkru.models import Event, Person

#: Full-text columns, best place to match first, and their weights in ``bm25()``.
COLUMNS = ("title", "people", "places", "summary", "terms", "topics", "ids")
#: Index terms (the words a reader looks an event up by) weigh above the summary's words:
#: chosen for the event, they are never there by chance.
WEIGHTS = (10.0, 6.0, 4.0, 2.0, 3.0, 1.0, 0.5)


#: How FTS5 splits and folds words: case and accents dropped. English word forms are folded
#: at query time against the vocabulary (``nkru.search``), which keeps the build fast.
TOKENIZE = "unicode61 remove_diacritics 2"


#: An event's people are indexed as one token each; their names, in every spelling, are
#: indexed once per person in ``people_fts``, and a query naming them adds the token.
PERSON_TOKEN = "nkruperson"


def person_token(person_id: str) -> str:
    """The one word that stands for a person in an event's ``people`` column.

    The id is written in hexadecimal: one word for the tokenizer, and a different word for
    every id (``kim-il-sung`` and ``kimil-sung`` must not share events)."""
    return PERSON_TOKEN + person_id.encode("utf-8").hex()


def person_text(person: Person) -> str:
    """Every spelling of a person's name, each also written as one word (``kimjongun``)."""
    # Folding is loaded here, not at import: a listing that names no person (most of them)
    # then skips unicodedata and folding's tables, about 1 ms a start.
    from nkru.text import compact

    forms = person.spellings()
    return " ".join([*forms, *dict.fromkeys(compact(f) for f in forms)])


def event_columns(event: Event, people: dict[str, str]) -> tuple[str, str, str, str, str, str, str]:
    """The event's text for each full-text column, in ``COLUMNS`` order; ``people`` gives the
    text that stands for each person (their token in the index, their names for display)."""
    title = f"{event.title.en} {event.title.vi}"
    names = " ".join(people.get(p, p) for p in event.people)
    places = " ".join(f"{p.en} {p.vi}" for p in event.places)
    parts = [event.summary.en, event.summary.vi]
    if event.period is not None:
        parts += [event.period.en, event.period.vi]
    if event.note is not None:
        parts += [event.note.en, event.note.vi]
    for claim in event.claims:
        parts += [claim.says.en, claim.says.vi, claim.record.en, claim.record.vi]
    terms = "" if event.terms is None else " ".join([*event.terms.en, *event.terms.vi])
    topics = " ".join(event.topics)
    return title, names, places, " ".join(parts), terms, topics, event.id.replace("-", " ")


def folded_columns(
    event: Event, names: dict[str, str], name_words: dict[str, list[str]]
) -> list[list[str]]:
    """The event's folded words in each column, as the ranking counts them: ``names`` gives
    each person's names (``person_text``) and ``name_words`` the same names folded. The
    index keeps these, so a search folds no candidate's text."""
    from nkru.text import words

    columns = event_columns(event, names)
    return [
        [w for p in event.people for w in name_words.get(p) or words(p)]
        if name == "people"
        else words(text)
        for name, text in zip(COLUMNS, columns, strict=True)
    ]
