"""One person in full (``nkru leaders NAME``): every spelling, roles with dates, events."""

from __future__ import annotations

import textwrap

from nkru.render.dates import human_date
from nkru.render.listing import Listing
from nkru.render.safe import one_line


def person_detail(listing: Listing, width: int) -> str:
    """A block per person in the listing."""
    labels = listing.labels
    names = labels.fields
    blocks = []
    for record in listing.records:
        lines = [f"{one_line(record['name'][listing.lang])}  [{record['id']}]"]
        spellings = ", ".join(one_line(s) for s in record["spellings"])
        lines += textwrap.wrap(
            f"{names['spellings']}: {spellings}",
            width,
            initial_indent="  ",
            subsequent_indent="    ",
        )
        lines.append(f"  {names['roles']}:")
        for role in record["roles"]:
            start = human_date(role["start"], labels) if role["start"] else "?"
            end = human_date(role["end"], labels) if role["end"] else names["now"]
            lines.append(f"    {one_line(role['title'][listing.lang])}: {start} – {end}")
        lines.append(f"  {names['events']} ({record['event_count']}):")
        lines += [f"    {event_id}" for event_id in record["events"]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
