"""nkru: the history of Russia (and Soviet) – North Korea relations, with sources.

The read API, for programs as for the command line::

    from nkru import Filters, open_catalog, search

    catalog = open_catalog()                      # the bundled store, through its index
    for event in catalog.events(Filters(since="2024-06"), limit=5):
        print(event.start, event.title.en)
    best = search(catalog, ["strategic", "partnership"]).hits[0]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["Catalog", "Filters", "Hit", "NkruError", "open_catalog", "search", "__version__"]

if TYPE_CHECKING:
    from nkru.errors import NkruError
    from nkru.index import Catalog, open_catalog
    from nkru.query import Filters, Hit
    from nkru.search import search


def __getattr__(name: str) -> Any:
    """Import the API on first use, so ``import nkru`` stays as cheap as the CLI needs."""
    if name in ("Catalog", "open_catalog"):
        from nkru import index

        return getattr(index, name)
    if name in ("Filters", "Hit"):
        from nkru import query

        return getattr(query, name)
    if name == "search":
        from nkru.search import search

        return search
    if name == "NkruError":
        from nkru.errors import NkruError

        return NkruError
    raise AttributeError(name)
