"""Settings read from the environment, each checked once where it is read.

A value nkru cannot use is never ignored silently: a setting that changes what nkru reads
(``NKRU_MAX_STORE_BYTES``) is an error naming the variable; the terminal's ``COLUMNS``, which
shells set for every program, falls back to the terminal's own width when it is not a
positive whole number, as other programs do. Widths are capped, so no setting can make a
run take minutes.
"""

from __future__ import annotations

import os

from nkru.errors import SettingError

ENV_MAX_BYTES = "NKRU_MAX_STORE_BYTES"
#: Stores larger than this are refused before they are read, unless the variable says more.
DEFAULT_MAX_BYTES = 2 << 30
#: The largest limit the variable may set: 256 TiB, far past any store, and still a number
#: every platform can pass to ``read``.
MOST_MAX_BYTES = 1 << 48
#: Output is laid out for at most this many columns, whatever ``COLUMNS`` says.
MAX_WIDTH = 1000
MIN_WIDTH = 20


def _whole_number(text: str) -> int | None:
    """``text`` as a whole number if it is written with ASCII digits only (``²`` is not)."""
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > 30:
        return None
    return int(text)


def max_store_bytes() -> int:
    """The largest store nkru reads: ``$NKRU_MAX_STORE_BYTES`` if set, else 2 GiB."""
    value = os.environ.get(ENV_MAX_BYTES, "")
    if not value:
        return DEFAULT_MAX_BYTES
    number = _whole_number(value)
    if number is None or not 1 <= number <= MOST_MAX_BYTES:
        raise SettingError(
            ENV_MAX_BYTES, value, f"a whole number of bytes from 1 to {MOST_MAX_BYTES}"
        )
    return number


def columns_setting() -> int | None:
    """``$COLUMNS`` as a width within bounds, or None when it is unset or not a positive whole
    number (the terminal's own width is used then)."""
    number = _whole_number(os.environ.get("COLUMNS", ""))
    if number is None or number <= 0:
        return None
    return clamp_width(number)


def clamp_width(columns: int) -> int:
    """A width nkru lays output out for: from 20 to 1,000 columns."""
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def drop_unusable_terminal_sizes() -> None:
    """Remove ``COLUMNS`` and ``LINES`` from the environment when they are not positive whole
    numbers, so that no library nkru uses (Rich, the pager) reads them either."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None:
            number = _whole_number(value)
            if number is None or number <= 0:
                del os.environ[name]
            elif name == "COLUMNS" and number > MAX_WIDTH:
                os.environ[name] = str(MAX_WIDTH)
