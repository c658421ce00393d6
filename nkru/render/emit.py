"""The one way output reaches the user: the format chosen by TTY, the encoding's limits
respected, long output on a terminal paged, and a failed write reported, never a traceback."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from nkru.errors import NkruError
from nkru.render.formats import FORMATS, formats_for
from nkru.render.listing import Listing
from nkru.render.safe import fits, to_ascii

if TYPE_CHECKING:
    from nkru.index import Catalog
    from nkru.query import Hit


class OutputError(NkruError):
    """Standard output could not be written (a full disk, a closed file)."""


def default_format(stream: Any = None) -> str:
    """``table`` on a terminal, ``plain`` (tab-separated) in a pipe or a file."""
    stream = stream or sys.stdout
    try:
        return "table" if stream.isatty() else "plain"
    except (AttributeError, ValueError, OSError):
        return "plain"


def terminal_width() -> int:
    """The terminal's width, at least 20: ``COLUMNS`` wins; then the terminal of standard
    output, or, when that is a pipe (``nkru show 1961 | head``), of standard error or input,
    which are still the user's terminal; 100 when there is none."""
    from nkru.settings import clamp_width, columns_setting

    columns = columns_setting()
    if columns is not None:
        return columns
    for fd in (1, 2, 0):
        try:
            found = os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
        if found > 0:
            return clamp_width(found)
    return 100


def _encoding(stream: Any) -> str:
    return (getattr(stream, "encoding", None) or "utf-8").lower()


def _to_text(rendered: Any, width: int, color: bool, ascii_only: bool) -> str:
    """A Rich renderable drawn to text (with colour codes on a terminal)."""
    if isinstance(rendered, str):
        return rendered
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        safe_box=ascii_only,
    )
    console.print(rendered)
    return buffer.getvalue()


def _say_dropped(listing: Listing, width: int) -> None:
    """One line on standard error naming the columns of a table that gave way to the width
    (event tables, which stream, say it themselves)."""
    if listing.kind in ("events", "event", "person", "trend") or not listing.rows:
        return
    from nkru.labels import labels_for
    from nkru.render.safe import escape_controls
    from nkru.render.table import fitted_columns

    keep = fitted_columns(listing, width)
    if keep is None or width < listing.table_width:
        return  # the stacked layout shows every field
    dropped = [
        column.heading
        for index, column in enumerate(listing.columns)
        if index not in keep and column.key not in listing.under
    ]
    if dropped:
        note = labels_for(listing.lang).messages.columns_gave_way
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(escape_controls(note.format(columns=", ".join(dropped))) + "\n")


def write_bytes(data: bytes, stream: BinaryIO | None = None) -> None:
    """Bytes to standard output; a failed write becomes an OutputError."""
    target = stream or sys.stdout.buffer
    try:
        target.write(data)
        target.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def emit(listing: Listing, fmt: str, pager: bool = True) -> None:
    """Render ``listing`` in ``fmt`` and write it to standard output."""
    chosen = FORMATS[fmt]
    stream = sys.stdout
    encoding = _encoding(stream)
    ascii_only = not fits("─▲ệ", encoding)
    width = terminal_width()
    rendered = chosen.render(listing, width, ascii_only)
    if fmt == "table":
        _say_dropped(listing, width)
    if isinstance(rendered, bytes):
        if not fits(rendered.decode("utf-8"), encoding) and chosen.machine and fmt != "csv":
            import json

            rendered = (
                json.dumps(json.loads(rendered), indent=2, ensure_ascii=True).encode() + b"\n"
            )
        write_bytes(rendered)
        return
    is_tty = stream.isatty()
    color = (is_tty or bool(os.environ.get("FORCE_COLOR"))) and not os.environ.get("NO_COLOR")
    text = _to_text(rendered, width, color=color and not chosen.machine, ascii_only=ascii_only)
    if not fits(text, encoding):
        text = to_ascii(text)
        print(
            f"nkru: the output encoding ({encoding}) cannot show every character; "
            "showing the closest ASCII",
            file=sys.stderr,
        )
    if pager and is_tty and not chosen.machine and _page(text):
        return
    write_bytes(text.encode(encoding, "replace"))


def pager_command() -> str:
    """The pager: ``$NKRU_PAGER``, else ``$PAGER``, else ``less -FRX``; empty or ``cat`` for
    none."""
    for name in ("NKRU_PAGER", "PAGER"):
        if name in os.environ:
            return os.environ[name]
    return "less -FRX"


def _start_pager() -> Any:
    """The pager as a process reading our output, or None when there is none."""
    import shlex
    import subprocess

    command = pager_command()
    if not command.strip() or command.strip() == "cat":
        return None
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        return subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return None


def emit_stream(chunks: Iterable[str], pager: bool = True) -> None:
    """Write text as it is made, a chunk at a time: straight to standard output, or, on a
    terminal, through the pager once the output is taller than the screen (the pager starts
    before the rest is made, so the first screen does not wait for the last row)."""
    import shutil

    stream = sys.stdout
    encoding = _encoding(stream)
    try:
        is_tty = stream.isatty()
    except (AttributeError, ValueError):
        is_tty = False
    height = shutil.get_terminal_size((100, 24)).lines
    held: list[bytes] = []
    lines = 0
    process = None
    warned = False
    for chunk in chunks:
        if not fits(chunk, encoding):
            chunk = to_ascii(chunk)
            if not warned:
                print(
                    f"nkru: the output encoding ({encoding}) cannot show every character; "
                    "showing the closest ASCII",
                    file=sys.stderr,
                )
                warned = True
        data = chunk.encode(encoding, "replace")
        if not (pager and is_tty):
            write_bytes(data)
            continue
        if process is None:
            held.append(data)
            lines += chunk.count("\n")
            if lines < height - 1:
                continue
            process = _start_pager()
            if process is None:
                pager = False
                write_bytes(b"".join(held))
                continue
            data, held = b"".join(held), []
        try:
            process.stdin.write(data)
        except BrokenPipeError:  # the reader quit the pager: stop making output
            break
    if held:
        write_bytes(b"".join(held))
    if process is not None:
        with contextlib.suppress(BrokenPipeError, OSError):
            process.stdin.close()
        process.wait()


def emit_event_table(
    hits: Iterable[Hit], catalog: Catalog, lang: str, scored: bool, pager: bool = True
) -> tuple[int, list[str]]:
    """Stream an event table to standard output; how many events it showed, and the
    columns that gave way to the terminal's width."""
    from nkru.render.stream import Layout, event_table

    stream = sys.stdout
    width = terminal_width()
    ascii_only = not fits("─▲ệ", _encoding(stream))
    try:
        is_tty = stream.isatty()
    except (AttributeError, ValueError):
        is_tty = False
    color = (is_tty or bool(os.environ.get("FORCE_COLOR"))) and not os.environ.get("NO_COLOR")
    shown = 0

    def counted() -> Iterator[Hit]:
        nonlocal shown
        for hit in hits:
            shown += 1
            yield hit

    chunks = event_table(counted(), catalog, lang, width, ascii_only, color, scored)
    emit_stream(chunks, pager)
    from nkru.labels import labels_for

    layout = Layout(labels_for(lang), width, scored)
    return shown, [] if layout.stacked else layout.dropped


def _page(text: str) -> bool:
    """Show ``text`` through the pager when it is taller than the terminal.

    False when it was not paged (short, no pager, or the pager could not start).
    """
    import shutil

    height = shutil.get_terminal_size((100, 24)).lines
    if text.count("\n") < height - 1:
        return False
    process = _start_pager()
    if process is None:
        return False
    with contextlib.suppress(BrokenPipeError):
        process.stdin.write(text.encode(_encoding(sys.stdout), "replace"))
        process.stdin.close()
    process.wait()
    return True


__all__ = [
    "OutputError",
    "default_format",
    "emit",
    "emit_stream",
    "formats_for",
    "terminal_width",
    "write_bytes",
]
