"""The trend chart: a bar per tone and a net bar either side of an axis that lines up at
any width. Marks differ by tone (▲ ▼ ■), so it reads without colour.

The chart is laid out here, line by line, rather than by a Rich table: its columns are fixed
by the terminal width alone, so the same store draws the same chart under every Rich release.
Bars grow with the logarithm of the count, so +1, +3 and +5 stay apart beside a +58.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from nkru.labels import labels_for
from nkru.render.listing import TONE_MARKS, TONE_STYLES, Listing
from nkru.render.wrap import cell_len, wrap

_TONES = ("warming", "cooling", "steady")


def bar_lengths(counts: Iterable[int], room: int) -> dict[int, int]:
    """Cells of the bar for each count when the largest fills ``room``.

    Logarithmic, so a +58 leaves room for the small swings; and strictly longer for each
    larger count while room allows, so +1, +3 and +5 never draw the same bar.
    """
    distinct = sorted({count for count in counts if count > 0})
    most = distinct[-1] if distinct else 1
    lengths: dict[int, int] = {0: 0}
    previous = 0
    for place, count in enumerate(distinct):
        ideal = 1 if most <= 1 else round(room * math.log1p(count) / math.log1p(most))
        # Leave one cell for each larger count still to come, then take the next cell at least.
        ceiling = max(1, room - (len(distinct) - 1 - place))
        length = min(max(ideal, previous + 1), ceiling) if previous < ceiling else previous
        lengths[count] = max(1, length)
        previous = lengths[count]
    return lengths


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def chart(listing: Listing, width: int) -> Any:
    """The chart of a trend listing, fitted to ``width`` columns."""
    from rich.text import Text

    labels = labels_for(listing.lang)
    head = labels.headings
    periods = listing.periods
    most = max((max(len(p.warming), len(p.cooling), len(p.steady)) for p in periods), default=1)
    swing = max((abs(p.net) for p in periods), default=1)
    label_width = max([cell_len(head["period"]), *(cell_len(p.label) for p in periods)])
    count_width = len(str(max(most, swing))) + 2
    # Three tone columns and the two halves of the net bar share what is left after the
    # labels, the counts, the axis and a space between columns.
    room = width - label_width - 4 * count_width - 6
    bar_room = max(2, room // 5)
    left_words, right_words = labels.messages.net_left, labels.messages.net_right
    if cell_len(left_words) > bar_room or cell_len(right_words) > bar_room + count_width:
        left_words, right_words = "◀ ", " ▶"
    tone_width = bar_room + count_width
    tone_bars = bar_lengths((len(getattr(p, tone)) for p in periods for tone in _TONES), bar_room)
    net_bars = bar_lengths((abs(p.net) for p in periods), bar_room)
    out = Text(no_wrap=True, overflow="crop", end="")
    out.append(_pad(head["period"], label_width), style="bold")
    for tone in _TONES:
        out.append(" " + _pad(head[tone][:tone_width], tone_width), style="bold")
    out.append(" " + " " * (bar_room - cell_len(left_words)) + left_words + "│" + right_words)
    out.append("\n")
    for period in periods:
        out.append(_pad(period.label, label_width))
        for tone in _TONES:
            count = len(getattr(period, tone))
            cell = ""
            if count:
                cell = f"{TONE_MARKS[tone] * tone_bars[count]} {count}"
            out.append(" " + _pad(cell, tone_width), style=TONE_STYLES[tone])
        net = period.net
        size = net_bars[abs(net)]
        out.append(" " + " " * (bar_room - (size if net < 0 else 0)))
        if net < 0:
            out.append("█" * size, style="red")
        out.append("│")
        if net > 0:
            out.append("█" * size, style="green")
        out.append(f" {net:+d}" if net else " 0")
        out.append("\n")
    for line in wrap(labels.messages.trend_note, width, ""):
        out.append("\n" + line, style="dim")
    return out
