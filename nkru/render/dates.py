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


def human_range(first: str, last: str, labels: Labels) -> str:
    """Days asked for, as a reader writes them: ``1961``, ``Dec 2024``, ``1950–1953``, ``from
    27 Dec 1991 on``, ``up to 24 Jun 1950``. ``first`` and ``last`` are ISO days; a span open
    at one end starts in year 1 or ends in 9999."""
    if last.startswith("9999"):
        return labels.messages.date_from.format(date=human_date(_as_written(first), labels))
    if first.startswith("0001"):
        return labels.messages.date_until.format(date=human_date(_as_written(last), labels))
    if first[5:] == "01-01" and last[5:] == "12-31":
        return first[:4] if first[:4] == last[:4] else f"{first[:4]}–{last[:4]}"
    if first[8:] == "01" and _month_ends(last):
        start, end = first[:7], last[:7]
    else:
        start, end = first, last
    if start == end:
        return human_date(start, labels)
    return f"{human_date(start, labels)} – {human_date(end, labels)}"


def _as_written(iso: str) -> str:
    """One end of an open span as short as it can be said: a whole year, a month, or a day."""
    if iso[5:] in ("01-01", "12-31"):
        return iso[:4]
    if iso[8:] == "01" or _month_ends(iso):
        return iso[:7]
    return iso


def _month_ends(iso: str) -> bool:
    """Whether ``iso`` is its month's last day (29 February always counts)."""
    month, day = int(iso[5:7]), int(iso[8:10])
    return day >= (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
