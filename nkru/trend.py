"""The relationship over time: how many events warmed, cooled or held it steady, per period."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from nkru.models import Event


class Period(msgspec.Struct, frozen=True):
    """One decade (or year) of the relationship, with the ids of the events behind it."""

    label: str
    first_year: int
    last_year: int
    warming: list[str] = []
    cooling: list[str] = []
    steady: list[str] = []

    @property
    def net(self) -> int:
        """Warming minus cooling: above zero the relationship warmed over the period."""
        return len(self.warming) - len(self.cooling)

    @property
    def total(self) -> int:
        return len(self.warming) + len(self.cooling) + len(self.steady)


def periods(
    events: Iterable[Event],
    by: str = "decade",
    since: str | None = None,
    until: str | None = None,
) -> list[Period]:
    """Every decade (or year) from the first event to the last, each with the events whose
    span overlaps it, sorted by tone. Periods with no event are kept, so gaps show; with
    ``since`` or ``until``, only periods inside them.

    Each event is put into the periods it spans, once: the work grows with the events and
    the periods, not with their product.
    """
    step = 10 if by == "decade" else 1
    buckets: dict[int, Period] = {}
    low = int(since[:4]) if since else None
    high = int(until[:4]) if until else None
    for event in events:
        first = event.start_year if low is None else max(event.start_year, low)
        last = event.end_year if high is None else min(event.end_year, high)
        for start in range(first // step * step, last + 1, step):
            period = buckets.get(start)
            if period is None:
                label = f"{start}s" if step == 10 else str(start)
                period = buckets[start] = Period(label, start, start + step - 1)
            getattr(period, event.tone).append(event.id)
    if not buckets:
        return []
    first_start, last_start = min(buckets), max(buckets)
    return [
        buckets.get(start)
        or Period(f"{start}s" if step == 10 else str(start), start, start + step - 1)
        for start in range(first_start, last_start + 1, step)
    ]


def period_record(period: Period) -> dict[str, object]:
    """A period as a JSON object: counts, net, and the ids behind each count."""
    return {
        "period": period.label,
        "first_year": period.first_year,
        "last_year": period.last_year,
        "warming": len(period.warming),
        "cooling": len(period.cooling),
        "steady": len(period.steady),
        "net": period.net,
        "events": {
            "warming": period.warming,
            "cooling": period.cooling,
            "steady": period.steady,
        },
    }
