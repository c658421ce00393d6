"""Typed records of the event store: events, people, sources and the store itself.

The classes double as the store's schema: msgspec decodes and validates a whole store in one
pass against them, and the JSON Schema shipped beside the data is generated from them
(``nkru schema``). Records are frozen: nothing downstream of loading may change a fact.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

SCHEMA_VERSION = 1

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
        max_length=80,
        description="lower-case words and digits joined by hyphens",
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
    "summit",
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
    """Where in a source article an event is stated."""

    source: Slug
    #: The period heading the fact stands under, or the opening words of its sentence,
    #: quoted from the article so a reader can find it with a text search.
    where: NonEmpty


class Role(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A position a person held, with the years the articles give for it (if any)."""

    title: Text
    start: PartialDate | None = None
    end: PartialDate | None = None


class Person(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """Someone the articles name."""

    id: Slug
    name: Text
    #: The native-script form (Hangul or Cyrillic), when the name has one.
    native: str | None
    country: CountryCode
    #: Other spellings users type: hyphenation variants, transliterations, the
    #: Sino-Vietnamese form, surname alone.
    aliases: list[NonEmpty] = []
    roles: list[Role] = []

    def spellings(self) -> list[str]:
        """Every form of the name, English first."""
        forms = [self.name.en, self.name.vi, *self.aliases]
        if self.native:
            forms.append(self.native)
        return list(dict.fromkeys(forms))


class Source(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One of the articles the store is built from."""

    id: Slug
    #: The article's own title, in its own language.
    title: NonEmpty
    #: The title in English and Vietnamese.
    title_translated: Text
    author: str | None
    #: The agency or outlet the article credits, if any.
    agency: str | None
    language: NonEmpty
    date: PartialDate
    #: Where the article is kept, relative to the project's source folder.
    file: NonEmpty
    #: What the article is and what period it covers.
    description: Text
    covers_start: PartialDate
    covers_end: PartialDate


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
    #: The articles' own words for a vague period ("late 1990s"), shown instead of dates.
    period: Text | None = None
    #: Where the articles disagree or are vague: both readings.
    note: Text | None = None

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

    schema_version: Literal[1]
    sources: list[Source]
    people: list[Person]
    events: list[Event]


def json_schema() -> dict[str, object]:
    """The JSON Schema of a store file, generated from the classes above.

    ``data/events.schema.json`` is this, written out; a test keeps the two in step.
    """
    schema = msgspec.json.schema(Store)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "nkru event store",
        "description": (
            "Events in the history of Russia (and Soviet) - North Korea relations, each citing "
            "the source article it comes from. Checked by `nkru validate`, which also checks "
            "what a schema cannot: unique ids, references, date order and calendar dates."
        ),
        **schema,
    }
