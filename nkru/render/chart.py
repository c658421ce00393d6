"""The trend chart: a bar per tone and a net bar either side of an axis that lines up at
any width. Marks differ by tone (▲ ▼ ■), so it reads without colour."""

from __future__ import annotations

from typing import Any

from nkru.labels import labels_for
from nkru.render.listing import TONE_MARKS, TONE_STYLES, Listing


def _bar(count: int, scale: float, mark: str) -> str:
    if count == 0:
        return ""
    return f"{mark * max(1, round(count * scale))} {count}"


def chart(listing: Listing, width: int) -> Any:
    """The chart of a trend listing, fitted to ``width`` columns."""
    from rich.table import Table
    from rich.text import Text

    labels = labels_for(listing.lang)
    head = labels.headings
    periods = listing.periods
    most = max((max(len(p.warming), len(p.cooling), len(p.steady)) for p in periods), default=1)
    swing = max((abs(p.net) for p in periods), default=1) or 1
    label_width = max([len(head["period"]), *(len(p.label) for p in periods)])
    count_width = len(str(most)) + 1
    # Three tone columns and the two halves of the net bar share what is left after the
    # labels, the counts, the axis and a space either side of each column.
    room = width - label_width - 3 * count_width - 5 - 10
    bar_room = max(2, room // 5)
    scale = min(1.0, bar_room / max(most, 1))
    net_scale = min(1.0, bar_room / swing)
    left_words, right_words = _net_words(listing.lang)
    if len(left_words) > bar_room or len(right_words) + 4 > bar_room + 4:
        left_words, right_words = "◀ ", " ▶"
    net_heading = left_words.rjust(bar_room) + "│" + right_words
    grid = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1))
    grid.add_column(head["period"], no_wrap=True, min_width=label_width)
    for tone in ("warming", "cooling", "steady"):
        heading = head[tone][: bar_room + count_width]
        grid.add_column(heading, no_wrap=True, min_width=bar_room + count_width)
    grid.add_column(net_heading, no_wrap=True)
    for period in periods:
        net = period.net
        size = max(1, round(abs(net) * net_scale)) if net else 0
        net_text = Text()
        net_text.append(("█" * size if net < 0 else "").rjust(bar_room), style="red")
        net_text.append("│")
        net_text.append("█" * size if net > 0 else "", style="green")
        net_text.append(f" {net:+d}" if net else " 0")
        grid.add_row(
            period.label,
            *(
                Text(
                    _bar(len(getattr(period, tone)), scale, TONE_MARKS[tone]),
                    style=TONE_STYLES[tone],
                )
                for tone in ("warming", "cooling", "steady")
            ),
            net_text,
        )
    return grid


def _net_words(lang: str) -> tuple[str, str]:
    return ("nguội ◀ ", " ▶ ấm") if lang == "vi" else ("cooling ◀ ", " ▶ warming")
