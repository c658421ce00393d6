"""People: resolve a name as users type it, in any spelling or script."""

from __future__ import annotations

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
        raise UsageError("a person's name is needed, for example putin.")
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

    hints = closest(name, [p.name.en for p in people], limit=3, cutoff=75.0)
    hint = f" Did you mean {' or '.join(hints)}?" if hints else ""
    raise UsageError(f"nobody in the store is called {name!r}.{hint}")
