"""Text from a store is data: control characters are shown, never obeyed, and text falls back
to ASCII where the terminal's encoding cannot show it."""

from __future__ import annotations

import re
import unicodedata

#: Characters a terminal obeys rather than shows: C0 and C1 controls, DEL, and the bidi
#: embeddings, overrides and isolates that reorder what follows them on the line; each with
#: the escape that shows it. (Tables, not regular expressions: compiling a character class
#: this wide costs about 0.4 ms of every start.)
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
#: As Python's ``unicode_escape`` writes them (``\t``, ``\x1b``, ``\u202e``), without loading
#: that codec at every start.
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_ESCAPES = {c: _NAMED.get(c) or (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS}
_LINE_BREAKS = dict.fromkeys([*range(0x09, 0x0E), 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029], " ")
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
    # Every character escaped is unprintable, so printable text, the common case, is as is.
    return text if text.isprintable() else text.translate(_ESCAPES)


#: The same characters as UTF-8 inside JSON, which allows them raw; a terminal reading
#: ``--json`` must not obey them either, so they go out as ``\\u`` escapes (still the same
#: JSON).
_JSON_CONTROL = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


#: The bytes that follow a lead byte in those characters' UTF-8: C1 controls are ``c2 80`` to
#: ``c2 9f``, the bidi controls ``e2 80 aa`` to ``e2 81 a9``.
_C1_TAILS = frozenset(bytes([low]) for low in range(0x80, 0xA0))
_BIDI_TAILS = frozenset(
    chr(c).encode()[1:] for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def _has_json_controls(data: bytes) -> bool:
    """Whether ``data`` holds any of them. Splitting at a lead byte is a ``memchr`` scan, and
    what follows each lead is checked in a set: about twice as fast as the expression, which
    is left for the rare output that needs it."""
    if b"\x7f" in data:
        return True
    if b"\xc2" in data and any(p[:1] in _C1_TAILS for p in data.split(b"\xc2")[1:]):
        return True
    return b"\xe2" in data and any(p[:2] in _BIDI_TAILS for p in data.split(b"\xe2")[1:])


def escape_json_controls(data: bytes) -> bytes:
    """UTF-8 JSON with DEL, C1 controls and bidi controls written as ``\\u`` escapes."""
    if not _has_json_controls(data):
        return data
    return _JSON_CONTROL.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), data)


def one_line(text: str) -> str:
    """``text`` on one line, safe for a terminal: breaks become spaces, controls escapes."""
    if text.isprintable():
        return text
    return escape_controls(text.translate(_LINE_BREAKS))


def to_ascii(text: str) -> str:
    """The closest ASCII: accents folded, typographic quotes and dashes made plain, and a
    passage in a script ASCII cannot spell named rather than dropped (``Путин`` becomes
    ``[Russian]``, a Korean headline ``[Korean]``), so that a quote is never shown empty."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    if plain.isascii():
        return plain
    out: list[str] = []
    scripts: set[str] = set()  # the scripts of the passage being read, if any
    gap: list[str] = []  # spaces and punctuation after its last letter
    for ch in plain:
        if ch.isascii():
            if scripts and not ch.isalnum():
                gap.append(ch)
                continue
            if scripts:
                out += [_named(scripts), *gap]
                scripts, gap = set(), []
            out.append(ch)
        elif ch.isalpha():
            # A letter of another script: the passage goes on across the spaces between,
            # unless the script changes (``Путин / 푸틴`` is two passages).
            script = unicodedata.name(ch, "").split(" ")[0]
            if scripts and _family(script) != _family(next(iter(scripts))):
                out += [_named(scripts), *gap]
                scripts = set()
            scripts.add(script)
            gap = []
        elif scripts and ch.isspace():
            gap.append(" ")
    if scripts:
        out += [_named(scripts), *gap]
    return "".join(out)


#: What an ASCII terminal calls a passage in each script, the first that applies: kana
#: make Chinese characters Japanese, and Hangul makes them Korean.
_SCRIPT_NAMES = (
    ("HIRAGANA", "Japanese"),
    ("KATAKANA", "Japanese"),
    ("HANGUL", "Korean"),
    ("CJK", "Chinese"),
    ("CYRILLIC", "Russian"),
)


def _family(script: str) -> str:
    """Scripts written together in one passage: Chinese characters with kana or Hangul."""
    return "EAST ASIAN" if script in ("HIRAGANA", "KATAKANA", "HANGUL", "CJK") else script


def _named(scripts: set[str]) -> str:
    for script, name in _SCRIPT_NAMES:
        if script in scripts:
            return f"[{name}]"
    return "[not shown]"


def fits(text: str, encoding: str) -> bool:
    """True when ``encoding`` can show every character of ``text``."""
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
