"""Text wrapped by terminal cells, not characters: a Hangul syllable takes two cells, which
``textwrap`` does not know, so Korean titles and quotes ran past the edge."""

from __future__ import annotations

import functools


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: one per character, two for wide characters such as
    Hangul and CJK (East Asian width W or F), none for combining marks. Measured here rather
    than by Rich, so that a table streams without importing it."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(ch) for ch in text)


@functools.lru_cache(maxsize=4096)
def _char_cells(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def wrap(text: str, width: int, prefix: str, indent: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` cells, the first after ``prefix`` and the rest
    after ``indent`` (spaces as wide as ``prefix`` by default). Words are never broken, so a
    link or an id may run past the edge, except Chinese and Japanese, which are written
    without spaces and break between any two characters; runs of spaces become one."""
    indent = " " * cell_len(prefix) if indent is None else indent
    lines: list[str] = []
    line, used, empty = prefix, cell_len(prefix), True
    for word in text.split():
        size = cell_len(word)
        if used + (not empty) + size > width and _breaks_anywhere(word):
            if not empty:
                line, used = line + " ", used + 1
            for ch in word:
                cells = _char_cells(ch)
                if used + cells > width and line.strip() and line != indent:
                    lines.append(line.rstrip())
                    line, used = indent, cell_len(indent)
                line, used = line + ch, used + cells
            empty = False
            continue
        if not empty and used + 1 + size > width:
            lines.append(line)
            line, used, empty = indent, cell_len(indent), True
        line += word if empty else " " + word
        used += size if empty else size + 1
        empty = False
    if not empty:
        lines.append(line)
    return lines


def _breaks_anywhere(word: str) -> bool:
    """Whether ``word`` holds Chinese characters or kana, which break between any two."""
    return not word.isascii() and any(
        "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
        for ch in word
    )
