"""One person in full (``nkru leaders NAME``): every spelling, roles with dates, events."""

from __future__ import annotations

from nkru.render.dates import human_date
from nkru.render.listing import Listing
from nkru.render.safe import one_line
from nkru.render.wrap import cell_len, wrap

#: Where a role's wrapped title and its dates continue.
_ROLE_INDENT = " " * 6


def person_detail(listing: Listing, width: int) -> str:
    """A block per person in the listing."""
    labels = listing.labels
    names = labels.fields
    blocks = []
    for record in listing.records:
        lines = [f"{one_line(record['name'][listing.lang])}  [{record['id']}]"]
        spellings = ", ".join(one_line(s) for s in record["spellings"])
        lines += wrap(f"{names['spellings']}: {spellings}", width, "  ", "    ")
        lines.append(f"  {names['roles']}:")
        for role in record["roles"]:
            start = human_date(role["start"], labels) if role["start"] else "?"
            end = human_date(role["end"], labels) if role["end"] else names["now"]
            title = one_line(role["title"][listing.lang])
            role_lines = wrap(f"{title}:", width, "    ", _ROLE_INDENT)
            lines += _with_dates(role_lines, f"{start} – {end}", width)
        lines.append(f"  {names['events']} ({record['event_count']}):")
        lines += [f"    {event_id}" for event_id in record["events"]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _with_dates(lines: list[str], dates: str, width: int) -> list[str]:
    """The dates after the last line if they fit there whole, else on a line of their own:
    a date is never split across lines."""
    if cell_len(lines[-1]) + 1 + cell_len(dates) <= width:
        return [*lines[:-1], f"{lines[-1]} {dates}"]
    return [*lines, f"{_ROLE_INDENT}{dates}"]
