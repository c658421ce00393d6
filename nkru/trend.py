"""The relationship over time: how many events warmed, cooled or held it steady, per period."""

from __future__ import annotations

from collections.abc import Sequence

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


def periods(events: Sequence[Event], by: str = "decade") -> list[Period]:
    """Every decade (or year) from the first event to the last, each with the events whose
    span overlaps it, sorted by tone. Periods with no event are kept, so gaps show."""
    if not events:
        return []
    step = 10 if by == "decade" else 1
    first = min(e.start_year for e in events) // step * step
    last = max(e.end_year for e in events)
    result = []
    for start in range(first, last + 1, step):
        end = start + step - 1
        period = Period(f"{start}s" if step == 10 else str(start), start, end)
        for event in events:
            if event.start_year <= end and event.end_year >= start:
                getattr(period, event.tone).append(event.id)
        result.append(period)
    return result


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
