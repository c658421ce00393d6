"""Typed records of the event store: events, people, sources and the store itself.

The classes double as the store's schema: msgspec decodes and validates a whole store in one
pass against them, and the JSON Schema shipped beside the data is generated from them
(``nkru schema``). Records are frozen: nothing downstream of loading may change a fact.
"""

# No ``from __future__ import annotations`` here: msgspec reads these annotations to decode,
# and as strings it would have to evaluate every one of them on each start.
from typing import Annotated, Literal

import msgspec

SCHEMA_VERSION = 2

#: ISO 8601 partial date: a year, a year and month, or a full date (``1991``, ``1991-12``,
#: ``1991-12-26``). Whether the date exists on the calendar is checked after decoding.
PartialDate = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
        description="ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD",
        examples=["1991", "1991-12", "1991-12-26"],
    ),
]

#: A readable, stable identifier: lower-case words joined by hyphens.
Slug = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=56,
        description="lower-case words and digits joined by hyphens, at most 56 characters",
        examples=["1991-soviet-collapse", "vladimir-putin"],
    ),
]

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]

#: ISO 3166-1 alpha-2 country code; ``SU`` stands for the Soviet Union.
CountryCode = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2; SU = Soviet Union")
]

Topic = Literal[
    "aid",
    "arms",
    "debt",
    "diplomacy",
    "economy",
    "famine",
    "leadership",
    "military-cooperation",
    "missile",
    "nuclear",
    "partition",
    "sanctions",
    "space",
    "summit",
    "trade",
    "transport",
    "treaty",
    "visit",
    "war",
]
TOPICS: tuple[str, ...] = Topic.__args__  # type: ignore[attr-defined]

#: How an event moved the Russia–North Korea relationship.
Tone = Literal["warming", "cooling", "steady"]
TONES: tuple[str, ...] = Tone.__args__  # type: ignore[attr-defined]

Lang = Literal["en", "vi"]
LANGS: tuple[str, ...] = Lang.__args__  # type: ignore[attr-defined]


class Text(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A piece of text in English and Vietnamese."""

    en: NonEmpty
    vi: NonEmpty

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``en`` or ``vi``)."""
        return self.vi if lang == "vi" else self.en


class Citation(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """Where an event is stated: an article (with ``where``) or a reference (with ``quote``)."""

    #: The id of one of the store's articles (``sources``) or references (``references``).
    source: Slug
    #: For an article: an exact quote of it, as a reader sees it, that a text search finds.
    where: str | None = None
    #: For a reference: the short passage it supports, quoted or closely summarised.
    quote: str | None = None


#: A fact-checker's rating of a claim, in the spirit of schema.org's ClaimReview.
Verdict = Literal[
    "wrong-date",
    "wrong-fact",
    "wrong-number",
    "wrong-person",
    "misleading",
    "imprecise",
    "contradicted",
    "sources-differ",
]
VERDICTS: tuple[str, ...] = Verdict.__args__  # type: ignore[attr-defined]


class Claim(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """What one source says about an event, beside what the record shows, with a verdict."""

    #: The article or reference that makes the claim.
    source: Slug
    #: The claim as the source words it; for an article, an exact quote a reader can find.
    where: NonEmpty
    #: The claim in our words.
    says: Text
    #: What the record shows.
    record: Text
    verdict: Verdict
    #: References for the record's version.
    references: Annotated[list[Slug], msgspec.Meta(min_length=1)]


class Terms(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """The words a reader would look an event up by, as a back-of-book index or a library's
    subject headings give them, in English and Vietnamese: not in the event's own text
    (``spaceport`` for a cosmodrome summit, ``prisoners of war`` for captured soldiers)."""

    en: list[NonEmpty] = []
    vi: list[NonEmpty] = []


class Role(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A position a person held, from when to when (``end`` is ``None`` while it is held)."""

    title: Text
    start: PartialDate | None = None
    end: PartialDate | None = None


class Person(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """Someone who took part in an event."""

    id: Slug
    #: The one spelling each language's output uses.
    name: Text
    #: The name in Cyrillic (Russian) and in Hangul (Korean), where it has such a form.
    cyrillic: str | None
    hangul: str | None
    country: CountryCode
    #: Other spellings users type: hyphenation variants, transliterations, the
    #: Sino-Vietnamese form, surname alone.
    aliases: list[NonEmpty] = []
    roles: list[Role] = []

    def spellings(self) -> list[str]:
        """Every form of the name, English first."""
        forms = [self.name.en, self.name.vi, *self.aliases]
        forms += [form for form in (self.cyrillic, self.hangul) if form]
        return list(dict.fromkeys(forms))


class Source(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One of the two articles the store was first built from."""

    id: Slug
    #: The article's own title, in its own language.
    title: NonEmpty
    #: The title in English and Vietnamese.
    title_translated: Text
    author: str | None
    #: The agency or outlet the article credits, if any ("based on Al Jazeera").
    agency: str | None
    language: NonEmpty
    date: PartialDate
    #: Where the article is kept, relative to the project's source folder.
    file: NonEmpty
    #: What the article is and what period it covers.
    description: Text
    covers_start: PartialDate
    covers_end: PartialDate
    #: Who published the article, where that is known (``None``: not known).
    publisher: str | None = None
    #: Where the article was published, where that is known.
    url: str | None = None


class CslName(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A CSL-JSON name: a person (``family``, ``given``) or an organisation (``literal``)."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None


class CslDate(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A CSL-JSON date: ``{"date-parts": [[2024, 6, 19]]}``, month and day optional."""

    date_parts: Annotated[
        list[Annotated[list[int], msgspec.Meta(min_length=1, max_length=3)]],
        msgspec.Meta(min_length=1, max_length=2),
    ] = msgspec.field(name="date-parts")

    @property
    def iso(self) -> str:
        """The first date as an ISO 8601 partial date (``2024-06-19``, ``2024-06``, ``2024``)."""
        parts = self.date_parts[0]
        return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])


#: CSL-JSON item types used for references.
ReferenceType = Literal[
    "article-newspaper",
    "article-magazine",
    "article-journal",
    "entry-encyclopedia",
    "legislation",
    "treaty",
    "report",
    "webpage",
    "document",
    "speech",
    "broadcast",
    "book",
]


class Reference(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A reputable reference for the record, recorded with CSL-JSON's field names.

    Zotero and Pandoc read these fields as they are (``nkru sources --format csl-json``).
    """

    id: Slug
    type: ReferenceType
    title: NonEmpty
    publisher: NonEmpty
    issued: CslDate
    URL: NonEmpty
    author: list[CslName] = []
    container_title: str | None = msgspec.field(name="container-title", default=None)
    #: The language of the reference (``en``, ``ru``, ``ko``...).
    language: str | None = None


class Coverage(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The period the store documents: its first and last month or day."""

    start: PartialDate
    end: PartialDate


class EventSketch(msgspec.Struct, frozen=True, gc=False):
    """The few fields of an event that decide which of a search's candidates are ranked:
    decoding them skips the texts, most of an event's bytes."""

    start: PartialDate
    end: PartialDate | None
    people: list[Slug] = []
    held_in: list[CountryCode] = []
    countries: list[CountryCode] = []

    @property
    def last(self) -> str:
        """The end of the span, or the start for a single-point event."""
        return self.end or self.start


class Event(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One dated fact about Russia–North Korea relations."""

    id: Slug
    start: PartialDate
    #: Last date of the span; ``None`` when the event is a single point.
    end: PartialDate | None
    #: True when the articles give a vague period ("late 1990s"), not a date.
    approximate: bool
    title: Text
    summary: Text
    tone: Tone
    topics: Annotated[list[Topic], msgspec.Meta(min_length=1)]
    sources: Annotated[list[Citation], msgspec.Meta(min_length=1)]
    people: list[Slug] = []
    countries: list[CountryCode] = []
    places: list[Text] = []
    #: Where the event took place, as countries: the host of a visit, a summit, a signing or
    #: a session (``RU`` for Kim Jong Un in Vladivostok, ``KP`` for Putin in Pyongyang).
    #: Empty when it has no one place (a policy, a war, a statement made far apart).
    held_in: list[CountryCode] = []
    #: The articles' own words for a vague period ("late 1990s"), shown instead of dates.
    period: Text | None = None
    #: Explanation: where the sources are vague or how a span was read. Disputes live in
    #: ``claims``.
    note: Text | None = None
    #: What sources say that the record does not bear out, or where sources differ.
    claims: list[Claim] = []
    #: Ids the event had before a correction changed its date; ``show`` still accepts them.
    aliases: list[Slug] = []
    #: Index terms: what a reader would look the event up by, in both languages.
    terms: Terms | None = None

    @property
    def disputed(self) -> bool:
        """True when some source's account of the event is contradicted or differs."""
        return bool(self.claims)

    @property
    def dispute(self) -> str | None:
        """How strong the dispute is: ``error`` when the record shows some source wrong (an
        article's mistake, a report the record contradicts), ``sources-differ`` when reports
        only differ on a detail, None when no source is in question."""
        if not self.claims:
            return None
        if any(claim.verdict != "sources-differ" for claim in self.claims):
            return "error"
        return "sources-differ"

    @property
    def last(self) -> str:
        """The end of the span, or the start for a single-point event."""
        return self.end or self.start

    @property
    def start_year(self) -> int:
        return int(self.start[:4])

    @property
    def end_year(self) -> int:
        return int(self.last[:4])


class Store(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """The whole store: the file ``data/events.json``."""

    schema_version: Literal[2]
    coverage: Coverage
    sources: list[Source]
    people: list[Person]
    events: list[Event]
    references: list[Reference] = []


class StoreHead(msgspec.Struct, frozen=True):
    """Everything in a store but its events: small, decoded on every run from the index."""

    schema_version: int
    coverage: Coverage
    sources: list[Source]
    people: list[Person]
    references: list[Reference] = []


class RawEvents(msgspec.Struct):
    """A store's events as the bytes they are written in, each still to be decoded."""

    events: list[msgspec.Raw] = []


class EventId(msgspec.Struct):
    """Just an event's id, read from an event that may not be valid otherwise."""

    id: object = None


def json_schema() -> dict[str, object]:
    """The JSON Schema of a store file, generated from the classes above.

    ``data/events.schema.json`` is this, written out; a test keeps the two in step.
    """
    schema = _cleaned(msgspec.json.schema(Store))
    assert isinstance(schema, dict)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "nkru event store",
        "description": (
            "Events in the history of Russia (and Soviet) - North Korea relations, each citing "
            "the articles and references it comes from. Checked by `nkru validate`, which also "
            "checks what a schema cannot: unique ids, references, date order and calendar dates."
        ),
        **schema,
    }


def _cleaned(node: object) -> object:
    """``node`` in one canonical form, whichever msgspec release generated it.

    Releases differ in details that do not change what the schema means: whether docstrings
    copied into descriptions are dedented (0.23 does, 0.22 did not) and the order of the
    alternatives in ``anyOf`` (0.18 puts ``null`` first). Descriptions are cleaned as
    ``inspect.cleandoc`` does and alternatives sorted, so the shipped file is the same bytes
    under every release ``pyproject.toml`` allows.
    """
    # Only the schema command and its test generate a schema: no start pays for these.
    import inspect
    import json

    if isinstance(node, dict):
        cleaned: dict[str, object] = {}
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                cleaned[key] = inspect.cleandoc(value)
            elif key == "anyOf" and isinstance(value, list):
                items = [_cleaned(item) for item in value]
                cleaned[key] = sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
            else:
                cleaned[key] = _cleaned(value)
        return cleaned
    if isinstance(node, list):
        return [_cleaned(item) for item in node]
    return node
