"""Shell completion: what to offer for a word being typed, from the store the line names.

The functions are Click's ``shell_complete`` callbacks, not Typer's ``autocompletion``:
Typer keeps only values that begin with what was typed, and these offer ``vladimir-putin``
for ``Путин`` and ``1990s`` for ``9``. (Typer calls ``shell_complete`` deprecated; every Typer
this package allows supports it.) Each offer is one shell word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nkru.errors import NkruError
from nkru.models import TOPICS

if TYPE_CHECKING:
    from nkru.catalog import Catalog


def catalog_for(ctx: Any) -> Catalog | None:
    """The store named by ``--data`` (or ``NKRU_DATA``) on the line being completed."""
    # This module is loaded on every start (its functions are the options' callbacks);
    # the index, with SQLite, only when a word is completed.
    from nkru.index import open_catalog

    data = ctx.params.get("data") if ctx is not None else None
    try:
        return open_catalog(data)
    except (NkruError, OSError, ValueError):
        return None


def people(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Person ids (one shell word each) for any spelling or any part of a name."""
    catalog = catalog_for(ctx)
    if catalog is None:
        return []
    from nkru.text import compact, words  # loaded only when a word is completed

    typed = compact(incomplete)
    typed_words = words(incomplete)
    found = []
    for person in catalog.people.values():
        for form in person.spellings():
            names = words(form)
            if (
                not typed
                or compact(form).startswith(typed)
                or person.id.startswith(incomplete.lower())
                or (typed_words and all(any(n.startswith(w) for n in names) for w in typed_words))
            ):
                found.append(person.id)
                break
    # The shell replaces the word with what the offers share: when some ids begin with what
    # was typed, offer only those, so a completion never shortens the word (``kim-j`` must
    # not become ``kim-`` because ``kim-yo-jong`` matched a name too).
    prefixed = [ident for ident in found if ident.startswith(incomplete.lower())]
    return prefixed or found


def topic(ctx: Any, param: Any, incomplete: str) -> list[str]:
    return [t for t in TOPICS if t.startswith(incomplete.lower())]


def decade(ctx: Any, param: Any, incomplete: str) -> list[str]:
    catalog = catalog_for(ctx)
    span = catalog.span() if catalog is not None else None
    if span is None:
        return []
    first, last = int(span[0][:4]) // 10 * 10, int(span[1][:4]) // 10 * 10
    typed = incomplete.strip().lstrip("'’")
    decades = [f"{d}s" for d in range(first, last + 1, 10)]
    return [d for d in decades if d.startswith(typed) or d[2:].startswith(typed)]


def event_id(ctx: Any, param: Any, incomplete: str) -> list[str]:
    catalog = catalog_for(ctx)
    return [] if catalog is None else list(catalog.ids(incomplete.lower()))
