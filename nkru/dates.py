"""Partial dates: a year, a year and month, or a day (``1991``, ``1991-12``, ``1991-12-26``).

The store keeps dates at the precision its sources give, so every comparison goes through
the days a date covers (``day_range``); decades and the command line's ``--from``/``--to`` are
read here too. Nothing here prints or reads files.
"""

from __future__ import annotations

import re

from nkru.errors import UsageError

_DECADE = re.compile(r"^(?:(\d{3})0|['’‘]?(\d)0)s?$")


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def parse_decade(text: str) -> int:
    """The first year of a decade written ``1990s``, ``1990``, ``90s`` or ``'90s``.

    Two-digit decades are read in the store's era: ``40s``–``90s`` are the 1900s and
    ``00s``–``30s`` the 2000s.
    """
    cleaned = text.strip().lower()
    if cleaned.isascii():
        match = _DECADE.match(cleaned)
        if match:
            if match.group(1) is not None:
                return int(match.group(1)) * 10
            tens = int(match.group(2))
            return (1900 if tens >= 4 else 2000) + tens * 10
    hint = _hint(cleaned)
    guess = hint.removeprefix(" Did you mean ").removesuffix("?")
    raise UsageError(
        f"{text!r} is not a decade: write it like 1990s, 1990, 90s or '90s.{hint}"
    ).saying("bad_decade_guess" if guess else "bad_decade", text=repr(text), guess=guess)


def _hint(cleaned: str) -> str:
    """A 'did you mean' for near-decades such as ``199x``, ``1995`` or ``1990's``.

    Only ASCII digits count: ``١٩٩٠`` or ``nineties`` get no guess rather than a wrong one.
    """
    digits = re.match(r"^['’‘]?([0-9]{2,4})", cleaned)
    if not digits or not cleaned.isascii():
        return ""
    number = digits.group(1)
    if len(number) == 4:
        return f" Did you mean {number[:3]}0s?"
    if len(number) == 3:
        return f" Did you mean {number}0s?"
    tens = int(number[0])
    return f" Did you mean {(1900 if tens >= 4 else 2000) + tens * 10}s?"


def day_range(partial: str) -> tuple[str, str]:
    """The first and last day a partial date covers: ``2024-06`` -> 2024-06-01, 2024-06-30.

    Days are compared as ISO strings; a month's last day may be one the calendar lacks
    (``2023-02-29``), which compares correctly all the same.
    """
    year, _, rest = partial.partition("-")
    if not rest:
        return f"{year}-01-01", f"{year}-12-31"
    month, _, day = rest.partition("-")
    if day:
        return partial, partial
    return f"{year}-{month}-01", f"{year}-{month}-{_MONTH_DAYS[int(month) - 1]:02d}"


def parse_when(text: str, option: str) -> str:
    """A user's date: ``2024``, ``2024-06`` or ``2024-06-19``, as an ISO partial date."""
    match = _PARTIAL.match(text.strip())
    if match is None or not text.strip().isascii():
        raise UsageError(
            f"{option} {text!r} is not a date: write 2024, 2024-06 or 2024-06-19."
        ).saying("bad_date", option=option, text=repr(text))
    year, month, day = match.groups()
    out = year
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise UsageError(f"{option} {text!r}: there is no month {int(month)}.").saying(
                "no_month", option=option, text=repr(text), month=int(month)
            )
        out += f"-{int(month):02d}"
        if day is not None:
            if not 1 <= int(day) <= _MONTH_DAYS[int(month) - 1]:
                raise UsageError(f"{option} {text!r}: that month has no day {int(day)}.").saying(
                    "no_day", option=option, text=repr(text), day=int(day)
                )
            out += f"-{int(day):02d}"
    return out
