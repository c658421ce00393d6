"""People: resolve a name as users type it, in any spelling or script."""

from __future__ import annotations

from nkru.errors import UsageError
from nkru.index import Catalog
from nkru.models import Person
from nkru.suggest import closest
from nkru.text import compact, words

#: Least rapidfuzz ratio for a misspelt name (``gorbachov``) to count as a person.
NAME_CUTOFF = 80.0


#: A name typed shorter than this is too short to stand for anyone by its first letters.
LEAST_PREFIX = 3


def resolve(catalog: Catalog, name: str) -> list[Person]:
    """The people ``name`` stands for, in any spelling; a UsageError when nobody fits.

    An exact spelling wins; a word of several names (``kim``) stands for all of them; else
    the start of a name (``gorb``), or the closest spelling within a letter or two
    (``yeltsn``, ``kruschev``). ``resolved_how`` says which, so a caller can say what it took.
    """
    return resolve_how(catalog, name)[0]


def resolve_how(catalog: Catalog, name: str) -> tuple[list[Person], str]:
    """``resolve``, and how the name was matched: ``exact``, ``word``, ``start`` or ``close``."""
    wanted = compact(name)
    if not wanted:
        raise UsageError("a person's name is needed, for example putin.").saying("need_name")
    people = list(catalog.people.values())
    exact = [p for p in people if wanted in {compact(s) for s in p.spellings()}]
    if exact:
        return exact, "exact"
    asked = set(words(name))
    # A lone initial (``s``, as in "S. Lavrov") is too little to stand for a person.
    usable = bool(asked) and all(len(word) > 1 for word in asked)
    partial = [p for p in people if usable and any(asked <= set(words(s)) for s in p.spellings())]
    if partial:
        return partial, "word"
    begun = [p for p in people if any(compact(s).startswith(wanted) for s in p.spellings())]
    if begun and len(wanted) >= LEAST_PREFIX:
        return begun, "start"
    if len(wanted) < LEAST_PREFIX:
        names = sorted({p.name.en for p in begun})[:6]
        hint = f" Names that begin so: {', '.join(names)}." if names else ""
        raise UsageError(f"{name!r} is too short to name a person: type more of it.{hint}").saying(
            "too_short_names" if names else "too_short", name=repr(name), names=", ".join(names)
        )
    from rapidfuzz import fuzz

    scored = [(max(fuzz.ratio(wanted, compact(s)) for s in p.spellings()), p) for p in people]
    best = max((score for score, _ in scored), default=0.0)
    if best >= NAME_CUTOFF:
        return [p for score, p in scored if score >= best - 2.0], "close"
    hints = closest(name, [p.name.en for p in people], limit=3, cutoff=75.0)
    hint = f" Did you mean {' or '.join(hints)}?" if hints else ""
    raise (
        UsageError(f"nobody in the store is called {name!r}.{hint}")
        .with_hint("nobody")
        .saying("nobody_guess" if hints else "nobody", name=repr(name), guesses=", ".join(hints))
    )
