"""Filters as people ask for them on the command line: dates as typed, people by any name,
topics by key or by name in any language."""

from __future__ import annotations

from collections.abc import Sequence

from nkru.catalog import Catalog
from nkru.dates import parse_when
from nkru.query import Filters, topic_named


def filters_from(
    catalog: Catalog,
    since: str | None,
    until: str | None,
    leaders: Sequence[str],
    topics: Sequence[str],
    tone: str | None,
) -> tuple[Filters, list[tuple[str, str]]]:
    """The filters the command line's options ask for: dates as typed, people by any name
    (several mean any of them), topics by key or by name in any language. Also each name
    that was guessed (by its start, or as a near spelling) with whom it was taken for, so
    that the caller can say so."""
    person_ids = None
    guessed: list[tuple[str, str]] = []
    if leaders:
        # Names are read (folding, and rapidfuzz for near spellings) only when one is given.
        from nkru.people import resolve_how

        found: dict[str, str] = {}
        for leader in leaders:
            people, how = resolve_how(catalog, leader)
            if how in ("start", "close"):
                guessed.append((leader, ", ".join(p.name.en for p in people)))
            found.update((p.id, p.name.en) for p in people)
        person_ids = frozenset(found)
    chosen = frozenset(topic_named(t) for t in topics) if topics else None
    filters = Filters(
        since=parse_when(since, "--from") if since is not None else None,
        until=parse_when(until, "--to") if until is not None else None,
        person_ids=person_ids,
        topic=next(iter(chosen)) if chosen is not None and len(chosen) == 1 else None,
        topics=chosen if chosen is not None and len(chosen) > 1 else None,
        tone=tone,
    )
    return filters, guessed
