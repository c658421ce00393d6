"""Filters shared by the listing commands, and their translation into index queries.

An event belongs to every day its span overlaps, so an era from the mid-1950s to the 1960s
is found under both decades, and ``--from 2024-06`` finds an event dated only ``2024``.
Nothing here prints or reads files.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from nkru.dates import day_range, parse_decade, parse_when
from nkru.errors import UsageError
from nkru.models import TONES, TOPICS, Event

__all__ = ["Filters", "Hit", "day_range", "decade_filters", "parse_decade", "parse_when"]


class Filters(msgspec.Struct, frozen=True):
    """The filters shared by the listing commands; ``None`` means 'no filter'.

    ``since`` and ``until`` are ISO partial dates (``1990``, ``2024-06``, ``2024-06-19``).
    """

    since: str | None = None
    until: str | None = None
    person_ids: frozenset[str] | None = None
    topic: str | None = None
    tone: str | None = None
    #: Several topics, any of which an event may have (``--topic`` given more than once).
    topics: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if (
            self.since is not None
            and self.until is not None
            and day_range(self.since)[0] > day_range(self.until)[1]
        ):
            raise (
                UsageError(f"the start {self.since} is after the end {self.until}: swap them?")
                .with_hint("dates_swapped")
                .saying("dates_swapped", start=self.since, end=self.until)
            )
        for topic in [self.topic, *(self.topics or ())]:
            if topic is not None and topic not in TOPICS:
                from nkru.suggest import closest  # an error's hint: no start pays for it

                guesses = ", ".join(closest(topic, TOPICS, limit=3))
                raise UsageError(f"unknown topic {topic!r}.{_suggest(topic, TOPICS)}").saying(
                    "unknown_topic_guess" if guesses else "unknown_topic",
                    topic=repr(topic),
                    guesses=guesses,
                    topics=", ".join(TOPICS),
                )
        if self.tone is not None and self.tone not in TONES:
            raise UsageError(f"unknown tone {self.tone!r}: use one of {', '.join(TONES)}.")

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def widened(self) -> list[tuple[str, Filters]]:
        """Each filter that is set (by field name), with these filters less that one: to say
        which filter hid a match."""
        out = []
        for field in ("since", "until", "person_ids", "topic", "tone", "topics"):
            if getattr(self, field) is not None:
                out.append((field, msgspec.structs.replace(self, **{field: None})))
        return out

    def accepts(self, event: Event) -> bool:
        """True when the event passes every filter that is set."""
        if self.since is not None and day_range(event.last)[1] < day_range(self.since)[0]:
            return False
        if self.until is not None and day_range(event.start)[0] > day_range(self.until)[1]:
            return False
        if self.person_ids is not None and self.person_ids.isdisjoint(event.people):
            return False
        if self.topic is not None and self.topic not in event.topics:
            return False
        if self.topics is not None and self.topics.isdisjoint(event.topics):
            return False
        return self.tone is None or event.tone == self.tone

    def sql(self) -> tuple[str, list[object]]:
        """A ``WHERE`` clause over the index's ``events`` table (alias ``e``), with parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.since is not None:
            clauses.append("e.hi >= ?")
            params.append(day_range(self.since)[0])
        if self.until is not None:
            clauses.append("e.lo <= ?")
            params.append(day_range(self.until)[1])
        # People and topics are columns of the full-text index: one token per person, and
        # the topic's words side by side.
        if self.person_ids is not None:
            # The full-text vocabulary is loaded only for a filter that names people.
            from nkru.fulltext import person_token

            tokens = " OR ".join(f'"{person_token(p)}"' for p in sorted(self.person_ids))
            clauses.append("e.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            params.append(f"people: ({tokens})" if tokens else 'people: "nkrunobody"')
        if self.topic is not None:
            clauses.append("e.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            params.append(f'topics: "{self.topic.replace("-", " ")}"')
        if self.topics is not None:
            phrases = " OR ".join(f'"{t.replace("-", " ")}"' for t in sorted(self.topics))
            clauses.append("e.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            params.append(f"topics: ({phrases})" if phrases else 'topics: "nkrunothing"')
        if self.tone is not None:
            clauses.append("e.tone = ?")
            params.append(self.tone)
        return (" AND ".join(clauses) or "1"), params


def topic_named(text: str) -> str:
    """The topic ``text`` names: its key (``military-cooperation``), the key with spaces, or
    its name in any output language (``sanctions``, ``trừng phạt``, ``trung phat``)."""
    # Folding (unicodedata and its tables) is loaded only when a topic is named: 1 ms a start.
    from nkru.text import fold

    wanted = fold(text.strip().replace("-", " "))
    for topic in TOPICS:
        if wanted == fold(topic.replace("-", " ")):
            return topic
    # The labels are loaded only when a topic is named: a JSON listing needs none of them.
    from nkru.labels import LANGS, labels_for

    for lang in LANGS:
        for topic, name in labels_for(lang).topics.items():
            if wanted == fold(name) or (wanted.rstrip("s") == fold(name).rstrip("s") and wanted):
                return topic
    return text.strip().lower()


def decade_filters(decade: int, base: Filters | None = None) -> Filters:
    """``base`` narrowed to the decade starting at ``decade``."""
    base = base or Filters()
    return msgspec.structs.replace(base, since=f"{decade:04d}", until=f"{decade + 9:04d}")


def _suggest(word: str, choices: Sequence[str]) -> str:
    from nkru.suggest import closest

    hints = closest(word, choices, limit=3)
    listed = f" Did you mean {' or '.join(hints)}?" if hints else ""
    return f"{listed} Topics: {', '.join(choices)}."


class Hit(msgspec.Struct, frozen=True):
    """One event in a listing; ``score`` (0–100) and ``matched`` (fields) are set by search."""

    event: Event
    score: float | None = None
    matched: tuple[str, ...] = ()
