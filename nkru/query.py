"""Pure functions over events: decades, year ranges, people, topics and tone.

Nothing here prints or reads files. An event belongs to every year and decade its span
overlaps, so an era from the mid-1950s to the 1960s is found under both decades.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import msgspec

from nkru.errors import UsageError
from nkru.models import TONES, TOPICS, Event

_DECADE = re.compile(r"^(?:(\d{3})0|['’‘]?(\d)0)s?$")


def parse_decade(text: str) -> int:
    """The first year of a decade written ``1990s``, ``1990``, ``90s`` or ``'90s``.

    Two-digit decades are read in the store's era: ``40s``–``90s`` are the 1900s and
    ``00s``–``30s`` the 2000s.
    """
    cleaned = text.strip().lower()
    match = _DECADE.match(cleaned)
    if match:
        if match.group(1) is not None:
            return int(match.group(1)) * 10
        tens = int(match.group(2))
        return (1900 if tens >= 4 else 2000) + tens * 10
    raise UsageError(
        f"{text!r} is not a decade: write it like 1990s, 1990, 90s or '90s.{_hint(cleaned)}"
    )


def _hint(cleaned: str) -> str:
    """A 'did you mean' for near-decades such as ``199x``, ``1995`` or ``1990's``."""
    digits = re.match(r"^['’‘]?(\d{2,4})", cleaned)
    if not digits:
        return ""
    number = digits.group(1)
    if len(number) == 4:
        return f" Did you mean {number[:3]}0s?"
    if len(number) == 3:
        return f" Did you mean {number}0s?"
    tens = int(number[0])
    return f" Did you mean {(1900 if tens >= 4 else 2000) + tens * 10}s?"


def overlaps(event: Event, first_year: int | None, last_year: int | None) -> bool:
    """True when the event's span touches the years ``first_year``..``last_year`` (inclusive)."""
    if first_year is not None and event.end_year < first_year:
        return False
    return not (last_year is not None and event.start_year > last_year)


def in_decade(events: Iterable[Event], decade: int) -> list[Event]:
    """Events whose span overlaps the decade starting at ``decade``."""
    return [e for e in events if overlaps(e, decade, decade + 9)]


class Filters(msgspec.Struct, frozen=True):
    """The filters shared by the listing commands; ``None`` means 'no filter'."""

    first_year: int | None = None
    last_year: int | None = None
    person_ids: frozenset[str] | None = None
    topic: str | None = None
    tone: str | None = None

    def __post_init__(self) -> None:
        if (
            self.first_year is not None
            and self.last_year is not None
            and self.first_year > self.last_year
        ):
            raise UsageError(f"--from {self.first_year} is after --to {self.last_year}: swap them?")
        if self.topic is not None and self.topic not in TOPICS:
            raise UsageError(f"unknown topic {self.topic!r}.{_suggest(self.topic, TOPICS)}")
        if self.tone is not None and self.tone not in TONES:
            raise UsageError(f"unknown tone {self.tone!r}: use one of {', '.join(TONES)}.")

    def accepts(self, event: Event) -> bool:
        """True when the event passes every filter that is set."""
        if not overlaps(event, self.first_year, self.last_year):
            return False
        if self.person_ids is not None and self.person_ids.isdisjoint(event.people):
            return False
        if self.topic is not None and self.topic not in event.topics:
            return False
        return self.tone is None or event.tone == self.tone

    def apply(self, events: Iterable[Event]) -> list[Event]:
        return [e for e in events if self.accepts(e)]


def _suggest(word: str, choices: Sequence[str]) -> str:
    from nkru.suggest import closest

    hints = closest(word, choices, limit=3)
    listed = f" Did you mean {' or '.join(hints)}?" if hints else ""
    return f"{listed} Topics: {', '.join(choices)}."


class Hit(msgspec.Struct, frozen=True):
    """One event in a listing; ``score`` (0–100) is set by search only."""

    event: Event
    score: int | None = None


def limit(hits: Sequence[Hit], count: int | None, reverse: bool = False) -> list[Hit]:
    """The first ``count`` hits, in reverse order when ``reverse``."""
    ordered = list(reversed(hits)) if reverse else list(hits)
    return ordered if count is None else ordered[:count]
