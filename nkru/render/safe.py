"""Text from a store is data: control characters are shown, never obeyed, and text falls back
to ASCII where the terminal's encoding cannot show it."""

from __future__ import annotations

import re
import unicodedata

#: Characters a terminal obeys rather than shows: C0 and C1 controls, DEL, and the bidi
#: embeddings, overrides and isolates that reorder what follows them on the line.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "đ": "d",
        "Đ": "D",
        "▲": "+",
        "▼": "-",
        "■": "=",
        "⚑": "!",
        "≈": "~",
        "│": "|",
        "◀": "<",
        "▶": ">",
        "█": "#",
        "·": ".",
    }
)


def escape_controls(text: str) -> str:
    """``text`` with control characters (escape sequences, tabs, newlines) shown as escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


#: The same characters as UTF-8 inside JSON, which allows them raw; a terminal reading
#: ``--json`` must not obey them either, so they go out as ``\\u`` escapes (still the same
#: JSON).
_JSON_CONTROL = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def escape_json_controls(data: bytes) -> bytes:
    """UTF-8 JSON with DEL, C1 controls and bidi controls written as ``\\u`` escapes."""
    if not _JSON_CONTROL.search(data):
        return data
    return _JSON_CONTROL.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), data)


def one_line(text: str) -> str:
    """``text`` on one line, safe for a terminal: breaks become spaces, controls escapes."""
    return escape_controls(" ".join(_LINE_BREAKS.sub(" ", text).split(" ")))


def to_ascii(text: str) -> str:
    """The closest ASCII: accents folded, typographic quotes and dashes made plain."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return plain.encode("ascii", "ignore").decode("ascii")


def fits(text: str, encoding: str) -> bool:
    """True when ``encoding`` can show every character of ``text``."""
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
