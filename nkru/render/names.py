"""Which formats each kind of listing can be written in: names only.

The command line builds each command's ``--format`` choices, help and completion from this
table at start-up, so it is kept free of the renderers (``nkru.render.formats`` adds them).
Adding a format is one line here and one renderer there.
"""

from __future__ import annotations

#: Listings of many records (events, people, sources, disputes, the trend, problems).
LISTS = frozenset({"events", "people", "sources", "disputes", "trend", "problems"})
#: One record, shown whole (``show``, ``leaders NAME``).
RECORDS = frozenset({"event", "person"})

#: Each format, the kinds it renders (None: every kind), and whether it is for programs.
FORMAT_KINDS: dict[str, tuple[frozenset[str] | None, bool]] = {
    "table": (None, False),
    "plain": (None, False),
    "json": (None, True),
    "jsonl": (LISTS | RECORDS, True),
    "csv": (LISTS | RECORDS, True),
    "markdown": (LISTS | RECORDS, False),
    "timelinejs": (frozenset({"events", "event"}), True),
    "csl-json": (frozenset({"sources"}), True),
}


def formats_for(kind: str) -> list[str]:
    """The names of the formats a listing of ``kind`` can be written in."""
    return [name for name, (kinds, _) in FORMAT_KINDS.items() if kinds is None or kind in kinds]


def is_machine(name: str) -> bool:
    """True for formats made for programs: written as they are, never paged or folded."""
    return FORMAT_KINDS[name][1]
