"""People: resolve a name as users type it, and render the ``leaders`` listing."""

from __future__ import annotations

from typing import Any

from nkru.errors import UsageError
from nkru.index import Catalog
from nkru.models import Person
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
    begun = [p for p in people if any(compact(s).startswith(wanted) for s in p.spellings())]
    if begun and len(wanted) >= 3:
        return begun
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
            years = f" ({(role.start or '?')[:4]}–{(role.end or '')[:4]})"
        parts.append(role.title.get(lang) + years)
    return "; ".join(parts)


_HEADERS = {
    "en": ["Name", "Other scripts", "Country", "Roles", "Years", "Events", "ID"],
    "vi": ["Tên", "Chữ khác", "Quốc gia", "Chức vụ", "Năm", "Sự kiện", "Mã"],
}


def _rows(catalog: Catalog, lang: str) -> list[list[str]]:
    rows = []
    for person in catalog.people.values():
        events = catalog.event_ids_of_person(person.id)
        years = ""
        if events:
            first, last = int(events[0][:4]), max(int(e[:4]) for e in events)
            years = str(first) if first == last else f"{first}–{last}"
        rows.append(
            [
                person.name.get(lang),
                " / ".join(x for x in (person.cyrillic, person.hangul) if x),
                person.country,
                _roles(person, lang),
                years,
                str(len(events)),
                person.id,
            ]
        )
    return rows


def render(catalog: Catalog, fmt: str, lang: str, only: list[Person] | None = None) -> Any:
    """The leaders listing in ``fmt``: text or bytes to write, or a Rich table to print."""
    from nkru import render as out

    chosen = only if only is not None else list(catalog.people.values())
    records = [out.person_record(p, catalog) for p in chosen]
    ids = {p.id for p in chosen}
    rows = [row for row in _rows(catalog, lang) if row[-1] in ids]
    return out.listing(_HEADERS[lang], rows, records, fmt)


def detail(catalog: Catalog, found: list[Person], lang: str, width: int = 100) -> str:
    """One block a person: every spelling, roles with their years, and their events."""
    import textwrap

    from nkru.render import human_date

    blocks = []
    for person in found:
        lines = [f"{person.name.get(lang)}  [{person.id}]"]
        spellings = ", ".join(person.spellings())
        lines += textwrap.wrap(spellings, width, initial_indent="  ", subsequent_indent="  ")
        for role in person.roles:
            start = human_date(role.start, lang) if role.start else "?"
            end = human_date(role.end, lang) if role.end else ("nay" if lang == "vi" else "")
            lines.append(f"  {role.title.get(lang)}: {start} – {end}".rstrip())
        events = catalog.event_ids_of_person(person.id)
        label = "Sự kiện" if lang == "vi" else "Events"
        lines.append(f"  {label} ({len(events)}):")
        lines += [f"    {event_id}" for event_id in events]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
