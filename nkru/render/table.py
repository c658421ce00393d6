"""Tables that fit: no line wider than the terminal, ids never broken, names broken only
between words; the least useful columns give way first, and below the width a table needs,
one block per row (a stacked layout) instead."""

from __future__ import annotations

from typing import Any

from nkru.render.listing import Column, Listing
from nkru.render.safe import one_line
from nkru.render.wrap import cell_len, wrap

#: A table's own width beyond its cells: a border and a space either side of every cell.
_CHROME_PER_COLUMN = 3


def _least_width(column: Column, index: int, listing: Listing) -> int:
    """The narrowest a column can be without breaking an id or a word."""
    cells = [row[index] for row in listing.rows]
    if column.whole:
        least = max([cell_len(column.heading), *(cell_len(c) for c in cells)])
    elif column.units:
        parts = [p for c in cells for p in c.split(column.units)]
        least = max([cell_len(column.heading), *(cell_len(p) + 2 for p in parts)])
    else:
        words = [w for c in [column.heading, *cells] for w in c.split()]
        least = max([1, *(cell_len(w) for w in words)])
    for key, host in listing.under.items():
        if host == column.key and listing.columns[_index(listing, key)].whole:
            # A guest kept whole (an id, to copy) sets the host's least width; a link folds.
            guest = _index(listing, key)
            least = max([least, *(cell_len(row[guest]) for row in listing.rows)])
    return least


def _index(listing: Listing, key: str) -> int:
    return next(i for i, c in enumerate(listing.columns) if c.key == key)


def fitted_columns(listing: Listing, width: int) -> list[int] | None:
    """Indexes of the columns that fit in ``width``, dropping the least useful first; None
    when even the essential ones do not fit."""
    guests = {_index(listing, key) for key in listing.under}
    keep = [i for i in range(len(listing.columns)) if i not in guests]
    least = {i: _least_width(c, i, listing) for i, c in enumerate(listing.columns)}

    def needed(columns: list[int]) -> int:
        return sum(least[i] for i in columns) + _CHROME_PER_COLUMN * len(columns) + 1

    while needed(keep) > width:
        optional = [i for i in keep if listing.columns[i].priority > 0]
        if not optional:
            return None
        keep.remove(max(optional, key=lambda i: (listing.columns[i].priority, i)))
    return keep


def table(listing: Listing, width: int, ascii_only: bool = False) -> Any:
    """A Rich table of the listing, or the stacked layout when no table fits ``width``."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    listing.rows = [[one_line(c) for c in row] for row in listing.rows]
    keep = fitted_columns(listing, width)
    if keep is None or width < listing.table_width:
        return stacked(listing, width) + "\n"
    chosen = box.ASCII2 if ascii_only else box.HEAVY_HEAD
    widths = _widths(listing, keep, width)
    grid = Table(header_style="bold", box=chosen, pad_edge=True, expand=False)
    for index in keep:
        column = listing.columns[index]
        grid.add_column(
            column.heading,
            no_wrap=column.whole,
            overflow="fold",
            width=widths[index],
            justify=column.justify,  # type: ignore[arg-type]
        )
    for number, row in enumerate(listing.rows):
        styles = listing.styles[number] if number < len(listing.styles) else {}
        cells = []
        for index in keep:
            column = listing.columns[index]
            key = column.key
            value = row[index]
            if column.units and cell_len(value) > widths[index]:
                value = value.replace(column.units, column.units.rstrip() + "\n")
            cell = Text(value, style=styles.get(key, "dim" if key == "id" else ""))
            for guest, host in listing.under.items():
                if host == key and row[_index(listing, guest)]:
                    text = row[_index(listing, guest)]
                    cell.append("\n")
                    # A link is also a terminal hyperlink where the terminal supports them.
                    link = f"dim link {text}" if text.startswith(("https://", "http://")) else "dim"
                    cell.append(text, style=link)
            cells.append(cell)
        grid.add_row(*cells)
    return grid


def _natural(listing: Listing, index: int) -> int:
    """The width a column would take with nothing wrapped."""
    cells = [listing.columns[index].heading, *(row[index] for row in listing.rows)]
    for key, host in listing.under.items():
        if host == listing.columns[index].key:
            cells += [row[_index(listing, key)] for row in listing.rows]
    return max(cell_len(c) for c in cells)


def _widths(listing: Listing, keep: list[int], width: int) -> dict[int, int]:
    """Each kept column's width: at least its least width, with the room left over shared
    among the columns that wrap, in proportion to how much more they would take."""
    least = {i: _least_width(listing.columns[i], i, listing) for i in keep}
    natural = {i: max(least[i], _natural(listing, i)) for i in keep}
    room = width - (_CHROME_PER_COLUMN * len(keep) + 1) - sum(least.values())
    want = {i: natural[i] - least[i] for i in keep}
    total = sum(want.values())
    widths = dict(least)
    if total <= room:
        return natural
    for i in keep:
        widths[i] += want[i] * room // total if total else 0
    return widths


def stacked(listing: Listing, width: int) -> str:
    """One block per row: the row's label (its id) on a line of its own, then each field."""
    label = next((i for i, c in enumerate(listing.columns) if c.key == listing.label), 0)
    heading_width = max((len(c.heading) for c in listing.columns), default=0) + 2
    blocks = []
    for row in listing.rows:
        lines = [row[label]]
        for index, column in enumerate(listing.columns):
            if index == label or not row[index]:
                continue
            prefix = f"  {column.heading}:".ljust(heading_width + 2)
            room = max(width, heading_width + 12)
            if column.units == "/" and cell_len(prefix + row[index]) > room:
                # A link longer than the line is folded, not left to run past the edge.
                step = room - cell_len(prefix)
                text = row[index]
                parts = [text[i : i + step] for i in range(0, len(text), step)]
                lines += [prefix + parts[0], *(" " * cell_len(prefix) + p for p in parts[1:])]
                continue
            lines += wrap(row[index], room, prefix)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
