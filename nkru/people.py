"""People: resolve a name as users type it, and render the ``leaders`` listing."""

from __future__ import annotations

from typing import Any

from nkru.errors import UsageError
from nkru.models import Person
from nkru.store import Catalog
from nkru.text import compact, words

#: Least rapidfuzz ratio for a misspelt name (``gorbachov``) to count as a person.
NAME_CUTOFF = 80.0


def resolve(catalog: Catalog, name: str) -> list[Person]:
    """The people ``name`` stands for, in any spelling; a UsageError when nobody fits.

    An exact spelling wins; a word of several names (``kim``) stands for all of them; else the
    closest spelling within a letter or two (``yeltsn``, ``kruschev``).
    """
    wanted = compact(name)
    if not wanted:
        raise UsageError("--leader needs a name, for example --leader putin.")
    people = list(catalog.people.values())
    exact = [p for p in people if wanted in {compact(s) for s in p.spellings()}]
    if exact:
        return exact
    asked = set(words(name))
    partial = [p for p in people if any(asked <= set(words(s)) for s in p.spellings())]
    if partial:
        return partial
    from rapidfuzz import fuzz

    scored = [(max(fuzz.ratio(wanted, compact(s)) for s in p.spellings()), p) for p in people]
    best = max((score for score, _ in scored), default=0.0)
    if best >= NAME_CUTOFF:
        return [p for score, p in scored if score >= best - 2.0]
    from nkru.suggest import closest

    hints = closest(name, [p.name.en for p in people], limit=3)
    hint = f" Did you mean {' or '.join(hints)}?" if hints else ""
    raise UsageError(
        f"nobody in the store is called {name!r}.{hint} (`nkru leaders` lists everyone)"
    )


def _roles(person: Person, lang: str) -> str:
    parts = []
    for role in person.roles:
        years = ""
        if role.start or role.end:
            years = f" ({role.start or '?'}–{role.end or ''})"
        parts.append(role.title.get(lang) + years)
    return "; ".join(parts)


_HEADERS = {
    "en": ["Name", "Native", "Country", "Roles", "Years", "Events", "ID"],
    "vi": ["Tên", "Nguyên ngữ", "Quốc gia", "Chức vụ", "Năm", "Sự kiện", "Mã"],
}


def _rows(catalog: Catalog, lang: str) -> list[list[str]]:
    rows = []
    for person in catalog.people.values():
        events = catalog.events_of(person.id)
        years = ""
        if events:
            first, last = events[0].start_year, max(e.end_year for e in events)
            years = str(first) if first == last else f"{first}–{last}"
        rows.append(
            [
                person.name.get(lang),
                person.native or "",
                person.country,
                _roles(person, lang),
                years,
                str(len(events)),
                person.id,
            ]
        )
    return rows


def render(catalog: Catalog, fmt: str, lang: str) -> Any:
    """The leaders listing in ``fmt``: text or bytes to write, or a Rich table to print."""
    from nkru import render as out

    records = [out.person_record(p, catalog) for p in catalog.people.values()]
    return out.listing(_HEADERS[lang], _rows(catalog, lang), records, fmt)
