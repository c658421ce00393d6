"""Text wrapped by terminal cells, not characters: a Hangul syllable takes two cells, which
``textwrap`` does not know, so Korean titles and quotes ran past the edge."""

from __future__ import annotations


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: one per character for ASCII (most text, measured
    without a call into Rich), two for wide characters such as Hangul."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return int(rich_cell_len(text))


def wrap(text: str, width: int, prefix: str, indent: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` cells, the first after ``prefix`` and the rest
    after ``indent`` (spaces as wide as ``prefix`` by default). Words are never broken, so a
    link or an id may run past the edge; runs of spaces become one."""
    indent = " " * cell_len(prefix) if indent is None else indent
    lines: list[str] = []
    line, used, empty = prefix, cell_len(prefix), True
    for word in text.split():
        size = cell_len(word)
        if not empty and used + 1 + size > width:
            lines.append(line)
            line, used, empty = indent, cell_len(indent), True
        line += word if empty else " " + word
        used += size if empty else size + 1
        empty = False
    if not empty:
        lines.append(line)
    return lines
