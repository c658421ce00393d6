"""Dates as people read them, in each language: ``Jun 1950``, ``tháng 6/1950``, ``c. 1955–1969``."""

from __future__ import annotations

from nkru.labels import Labels
from nkru.models import Event


def human_date(partial: str, labels: Labels) -> str:
    """``1950-06`` -> ``Jun 1950`` (``tháng 6/1950``); ``2023-09-13`` -> ``13 Sep 2023``."""
    year, _, rest = partial.partition("-")
    if not rest:
        return year
    month_number, _, day = rest.partition("-")
    month = labels.months[int(month_number) - 1]
    if day:
        return labels.day_format.format(day=int(day), month=month, year=year)
    return labels.month_format.format(month=month, year=year)


def human_span(event: Event, labels: Labels) -> str:
    """The event's dates: ``1950–1953``, ``c. 1955–1969``, ``13 Sep 2023``, ``Sep–Dec 2011``.

    Every form includes the year.
    """
    start = human_date(event.start, labels)
    if event.end is None or event.end == event.start:
        text = start
    elif len(event.start) == len(event.end) == 7 and event.start[:4] == event.end[:4]:
        first = labels.months[int(event.start[5:7]) - 1]
        last = labels.months[int(event.end[5:7]) - 1]
        text = labels.month_format.format(month=f"{first}–{last}", year=event.start[:4])
    elif len(event.start) == len(event.end) == 10 and event.start[:7] == event.end[:7]:
        day = f"{int(event.start[8:])}–{int(event.end[8:])}"
        month = labels.months[int(event.start[5:7]) - 1]
        text = labels.day_format.format(day=day, month=month, year=event.start[:4])
    else:
        end = human_date(event.end, labels)
        joiner = "–" if " " not in start + end and "/" not in start + end else " – "
        text = f"{start}{joiner}{end}"
    return labels.circa.format(text) if event.approximate else text
