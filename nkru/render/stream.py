"""Event tables that stream: the first screen is written before the last row is read.

A table laid out by measuring every cell (as Rich does) must read every row before it can
draw the first; on a store of 100,000 events that is half a minute before a line shows.
Here, as ``git log --format`` and ``ls -l`` do, column widths come from the terminal's width
and the kind of each column alone (a date, a tone, a name list, a title), never from the
rows, so each row is drawn as soon as it is read and written out in chunks. When the width
cannot hold a column, the column gives way and one line on standard error says which, and
how to see it; below the width a table needs, each event is a block of its own instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from nkru.labels import Labels, labels_for
from nkru.render.dates import human_span
from nkru.render.listing import TONE_MARKS, titled
from nkru.render.safe import one_line
from nkru.render.wrap import cell_len, wrap

if TYPE_CHECKING:
    from nkru.index import Catalog
    from nkru.query import Hit

#: A cell's text is cut here in a table: a title of megabytes helps nobody on a terminal, and
#: wrapping it would take seconds. ``show`` and the machine formats carry it whole.
MAX_CELL_CHARS = 2000
#: Rows drawn before the first chunk is written (a screen's worth), and before each later one.
FIRST_CHUNK_ROWS = 16
CHUNK_ROWS = 128
#: The width of the date column: most dates on one line (``c. Sep–Dec 2011``); longer spans
#: wrap at their dash.
WHEN_WIDTH = 15
SCORE_WIDTH = 5
#: The narrowest the title column may be: the longest id the schema allows, so an id under
#: its title is never broken and can be copied whole.
TITLE_LEAST = 56
PEOPLE_LEAST = 16

_HEAVY = {
    "top": ("┏", "━", "┳", "┓"),
    "head": ("┃", "┃", "┃"),
    "rule": ("┡", "━", "╇", "┩"),
    "row": ("│", "│", "│"),
    "bottom": ("└", "─", "┴", "┘"),
}
_ASCII = {
    "top": ("+", "-", "+", "+"),
    "head": ("|", "|", "|"),
    "rule": ("+", "=", "+", "+"),
    "row": ("|", "|", "|"),
    "bottom": ("+", "-", "+", "+"),
}
_STYLES = {"bold": "1", "dim": "2", "green": "32", "red": "31", "yellow": "33"}
_TONE_STYLES = {"warming": "green", "cooling": "red", "steady": "yellow"}


class Layout:
    """Which columns an event table shows at a width, and how wide each is.

    ``dropped`` names the columns that gave way; ``stacked`` is True when no table fits.
    """

    def __init__(self, labels: Labels, width: int, scored: bool) -> None:
        head = labels.headings
        tone_width = max(cell_len(f"{TONE_MARKS[t]} {n}") for t, n in labels.tones.items())
        self.headings = {
            "score": head["score"],
            "when": head["when"],
            "title": head["event"],
            "people": head["people"],
            "tone": head["tone"],
        }
        fixed = {
            "score": max(SCORE_WIDTH, cell_len(head["score"])),
            "when": max(WHEN_WIDTH, cell_len(head["when"])),
            "tone": max(tone_width, cell_len(head["tone"])),
            "people": max(PEOPLE_LEAST, cell_len(head["people"])),
        }
        wanted = (
            ["score", "when", "title", "people", "tone"]
            if scored
            else [
                "when",
                "title",
                "people",
                "tone",
            ]
        )
        self.dropped: list[str] = []
        # Columns give way in this order when the width is short: people, tone, score.
        for giving in ("people", "tone", "score"):
            if self._room(wanted, fixed, width) >= TITLE_LEAST or giving not in wanted:
                continue
            wanted.remove(giving)
            self.dropped.append(giving)
        room = self._room(wanted, fixed, width)
        self.stacked = room < TITLE_LEAST
        if "people" in wanted and room > 60:
            # A wide terminal gives the names a share of what the title does not need.
            extra = min(room - 60, 14)
            fixed["people"] += extra
            room -= extra
        self.columns = wanted
        self.widths = {key: fixed[key] for key in wanted if key != "title"}
        self.widths["title"] = max(TITLE_LEAST, room)

    @staticmethod
    def _room(columns: list[str], fixed: dict[str, int], width: int) -> int:
        """What is left for the title: the width less every other column and the borders."""
        borders = 3 * len(columns) + 1
        return width - borders - sum(fixed[c] for c in columns if c != "title")

    @property
    def width(self) -> int:
        return sum(self.widths.values()) + 3 * len(self.columns) + 1


def _cut(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


def _fold(text: str, width: int) -> list[str]:
    """A word longer than the column (an id) folded at hyphens, else at the width."""
    if cell_len(text) <= width:
        return [text]
    lines, line = [], ""
    for part in text.replace("-", "-\n").split("\n"):
        if line and cell_len(line + part) > width:
            lines.append(line)
            line = ""
        while cell_len(part) > width:
            lines.append(part[:width])
            part = part[width:]
        line += part
    return [*lines, line] if line else lines


class _Painter:
    """ANSI styles when colour is on, nothing otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        if not self.color or not style or not text.strip():
            return text
        codes = ";".join(_STYLES[s] for s in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def event_table(
    hits: Iterable[Hit],
    catalog: Catalog,
    lang: str,
    width: int,
    ascii_only: bool = False,
    color: bool = False,
    scored: bool = False,
) -> Iterator[str]:
    """The table of ``hits``, in chunks of lines (each ending with a newline), drawn one row at
    a time as the hits are read."""
    labels = labels_for(lang)
    layout = Layout(labels, width, scored)
    if layout.stacked:
        yield from _stacked(hits, catalog, labels, width)
        return
    box = _ASCII if ascii_only else _HEAVY
    paint = _Painter(color)
    columns, widths = layout.columns, layout.widths

    def rule(kind: str) -> str:
        left, line, cross, right = box[kind]
        return left + cross.join(line * (widths[c] + 2) for c in columns) + right + "\n"

    left, middle, right = box["head"]
    heading = middle.join(
        " " + paint(_pad(layout.headings[c], widths[c], c == "score"), "bold") + " "
        for c in columns
    )
    chunk = [rule("top"), f"{left}{heading}{right}\n", rule("rule")]
    left, middle, right = box["row"]
    for number, hit in enumerate(hits, 1):
        event = hit.event
        cells: dict[str, list[tuple[str, str]]] = {}
        span = human_span(event, labels)
        when = span.replace(" – ", " –\n") if cell_len(span) > widths["when"] else span
        cells["when"] = [
            (line, "") for part in when.split("\n") for line in _fold(part, widths["when"])
        ]
        title = wrap(_cut(titled(event, labels)), widths["title"], "") or [""]
        cells["title"] = [(line, "") for line in title]
        cells["title"] += [(line, "dim") for line in _fold(event.id, widths["title"])]
        if "people" in columns:
            names = ", ".join(p.name.get(lang) for p in catalog.people_of(event))
            cells["people"] = [(line, "") for line in wrap(_cut(names), widths["people"], "")]
        if "tone" in columns:
            tone = f"{TONE_MARKS[event.tone]} {labels.tones[event.tone]}"
            cells["tone"] = [(tone, _TONE_STYLES[event.tone])]
        if "score" in columns:
            cells["score"] = [("" if hit.score is None else f"{hit.score:.1f}", "")]
        height = max(len(lines) for lines in cells.values())
        for index in range(height):
            parts = []
            for key in columns:
                lines = cells.get(key, [])
                text, style = lines[index] if index < len(lines) else ("", "")
                parts.append(" " + paint(_pad(text, widths[key], key == "score"), style) + " ")
            chunk.append(f"{left}{middle.join(parts)}{right}\n")
        if number == FIRST_CHUNK_ROWS or number % CHUNK_ROWS == 0:
            yield "".join(chunk)
            chunk = []
    chunk.append(rule("bottom"))
    yield "".join(chunk)


def _stacked(hits: Iterable[Hit], catalog: Catalog, labels: Labels, width: int) -> Iterator[str]:
    """One block per event, for terminals too narrow for a table: the id, then each field."""
    head = labels.headings
    names = [head["when"], head["event"], head["people"], head["tone"], head["score"]]
    prefix_width = max(cell_len(n) for n in names) + 4
    chunk: list[str] = []
    for number, hit in enumerate(hits, 1):
        event = hit.event
        fields = [
            (head["when"], human_span(event, labels)),
            (head["event"], _cut(titled(event, labels))),
            (head["people"], ", ".join(p.name.get(labels.code) for p in catalog.people_of(event))),
            (head["tone"], f"{TONE_MARKS[event.tone]} {labels.tones[event.tone]}"),
        ]
        if hit.score is not None:
            fields.insert(0, (head["score"], f"{hit.score:.1f}"))
        lines = [event.id]
        for name, value in fields:
            if value:
                prefix = f"  {name}:".ljust(prefix_width)
                lines += wrap(_cut(value), max(width, prefix_width + 12), prefix)
        chunk.append(("\n" if number > 1 else "") + "\n".join(lines) + "\n")
        if number % CHUNK_ROWS == 0:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)
