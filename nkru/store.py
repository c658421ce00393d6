"""Find, read, decode and check the event store.

Which store: ``--data PATH``, else ``$NKRU_DATA``, else the copy packaged with nkru. Decoding and
schema validation are one msgspec pass over the bytes; the checks that span records (unique ids,
references, date order, real calendar dates) run on the typed result.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import msgspec

from nkru.errors import NkruError, StoreError, UsageError
from nkru.models import Coverage, EventId, RawEvents, Store
from nkru.settings import ENV_MAX_BYTES, max_store_bytes

ENV_DATA = "NKRU_DATA"


def _package_data(name: str) -> Path:
    """A file of the package's ``data`` folder.

    For a package installed as files (a wheel, or an editable install) this is the path
    ``importlib.resources`` gives; asking it would cost a few milliseconds of imports on every
    start, so it is asked only when the package is not laid out as files (a zip import).
    """
    beside = Path(__file__).parent / "data" / name
    if beside.is_file():
        return beside
    from importlib.resources import as_file, files

    with as_file(files("nkru").joinpath(f"data/{name}")) as path:
        return Path(path)


def packaged_store_path() -> Path:
    """The store that ships inside the package."""
    return _package_data("events.json")


def packaged_schema_path() -> Path:
    """The JSON Schema of the store, shipped beside it."""
    return _package_data("events.schema.json")


_BOM = b"\xef\xbb\xbf"
_WHITESPACE = b" \t\r\n"
#: Bytes read from a pipe at a time.
_CHUNK = 1 << 20


def resolve_store_path(data: str | os.PathLike[str] | None = None) -> Path:
    """The store to use: ``data`` if given, else ``$NKRU_DATA`` if set, else the packaged one.

    An empty ``data`` is refused rather than read as "not given": ``--data ''`` is a typing
    slip (an unset variable), not a request for the bundled store. An empty ``$NKRU_DATA`` is
    unset, as shells treat it.
    """
    if data is not None:
        if str(data) == "":
            raise UsageError("--data needs a path to a store file, or - for standard input")
        return Path(data)
    env = os.environ.get(ENV_DATA, "")
    if env:
        return Path(env)
    return packaged_store_path()


class StoreFile(msgspec.Struct):
    """A store file found and checked to be a readable regular file of a sane size.

    ``path`` is ``None`` for standard input. ``fd`` is the open descriptor whose ``fstat``
    gave ``signature`` (device, inode, size, modification and change times): the bytes, when
    read, come from that same descriptor, so they are the version the signature describes
    even if the path is replaced meanwhile. ``read_ns`` is when the file was opened.
    """

    name: str
    path: Path | None
    signature: str
    raw: bytes = b""
    #: Bytes before ``raw`` in the file (a byte-order mark), so offsets into ``raw`` plus
    #: ``skip`` are offsets into the file.
    skip: int = 0
    fd: int = -1
    read_ns: int = 0
    mtime_ns: int = 0
    ctime_ns: int = 0

    def with_bytes(self) -> StoreFile:
        """The same file with its bytes read (once), from its descriptor, which is closed."""
        if self.raw or self.path is None:
            return self
        raw = _read(self.take_fd(), self.name)
        return msgspec.structs.replace(self, raw=_checked(raw, self.name), skip=_bom(raw))

    def take_fd(self) -> int:
        """The open descriptor, which the caller now owns and closes."""
        fd, self.fd = self.fd, -1
        if fd < 0:
            raise StoreError(self.name, "was already read")
        return fd

    def __del__(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)


def _read(fd: int, name: str) -> bytes:
    """The whole file behind ``fd`` (closed after), refused past the size limit."""
    limit = max_store_bytes()
    parts: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            part = os.pread(fd, min(_CHUNK * 64, limit + 1 - size), size)
            if not part:
                break
            parts.append(part)
            size += len(part)
    except OSError as exc:
        raise StoreError(name, f"cannot be read ({exc.strerror or exc})").saying(
            "cannot_read", reason=exc.strerror or exc
        ) from None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _read_stdin() -> bytes:
    """Standard input, stopped at the first byte that cannot begin a store (``{``) and at
    the size limit: ``< /dev/zero`` is refused at once, not after 2 GiB."""
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or stream.closed:
        raise StoreError(
            "<stdin>", "standard input is closed; give a store file with --data"
        ).saying("stdin_closed")
    limit = max_store_bytes()
    parts: list[bytes] = []
    size = 0
    begun = False
    try:
        while size <= limit:
            part = stream.read1(_CHUNK) if hasattr(stream, "read1") else stream.read(_CHUNK)
            if not part:
                break
            if not begun:
                text = part[len(_BOM) :] if size == 0 and part.startswith(_BOM) else part
                first = text.lstrip(_WHITESPACE)[:1]
                if first and first != b"{":
                    raise StoreError(
                        "<stdin>", "not a store: a store is a JSON object, beginning with '{'"
                    ).saying("not_an_object")
                begun = bool(first)
            parts.append(part)
            size += len(part)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise StoreError("<stdin>", f"cannot be read ({reason})").saying(
            "cannot_read", reason=reason
        ) from None
    return b"".join(parts)


def _bom(raw: bytes) -> int:
    return len(_BOM) if raw.startswith(_BOM) else 0


def _checked(raw: bytes, name: str) -> bytes:
    if len(raw) > max_store_bytes():
        raise _too_large(name)
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not raw.strip():
        raise StoreError(name, "the file is empty").saying("empty")
    return raw


def _too_large(name: str) -> StoreError:
    limit = f"{max_store_bytes():,}"
    return StoreError(
        name,
        f"larger than {limit} bytes; set {ENV_MAX_BYTES} to a larger number of bytes to read it",
    ).saying("too_large", limit=limit, setting=ENV_MAX_BYTES)


def _not_regular(name: str, mode: int) -> StoreError:
    import stat

    if stat.S_ISDIR(mode):
        return StoreError(name, "is a directory, not a store file").saying("is_directory")
    if stat.S_ISFIFO(mode):
        return (
            StoreError(name, "is a FIFO (named pipe), not a regular file")
            .with_hint("fifo")
            .saying("is_fifo")
        )
    return StoreError(name, "is a device or socket, not a regular file").saying("is_device")


def read_store_file(
    data: str | os.PathLike[str] | None = None, need_bytes: bool = True
) -> StoreFile:
    """Find the store and check it can be read: a regular file (or ``-``, standard input).

    A FIFO, a device or a directory is refused at once, before anything is read from it (it
    is not even opened), as is a file larger than the limit.
    """
    import stat
    import time

    if data is not None and str(data) == "-":
        raw = _read_stdin()
        return StoreFile("<stdin>", None, "", _checked(raw, "<stdin>"), _bom(raw))
    path = resolve_store_path(data)
    name = str(path)
    try:
        if "\0" in name:
            raise ValueError
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise _not_regular(name, before.st_mode)
        read_ns = time.time_ns()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise StoreError(name, "no such file").with_hint("missing").saying("missing") from None
    except PermissionError:
        raise StoreError(name, "permission denied").saying("permission") from None
    except (ValueError, UnicodeError):
        raise StoreError(name, "is not a file name nkru can open").saying("bad_name") from None
    except OSError as exc:
        raise StoreError(name, f"cannot be read ({exc.strerror or exc})").saying(
            "cannot_read", reason=exc.strerror or exc
        ) from None
    found = StoreFile(name, path.absolute(), "", fd=fd, read_ns=read_ns)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # replaced by something else since the stat above
        raise _not_regular(name, info.st_mode)
    if info.st_size > max_store_bytes():
        raise _too_large(name)
    found.signature = (
        f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
    )
    found.mtime_ns, found.ctime_ns = info.st_mtime_ns, info.st_ctime_ns
    return found.with_bytes() if need_bytes else found


def peek_coverage(data: str | os.PathLike[str] | None = None) -> Coverage | None:
    """The period a store says it covers, read without decoding or indexing the store: for
    ``--help`` and ``--version``, which must answer even for a store that is broken or huge.
    None when it cannot be told cheaply."""
    import re

    try:
        store_file = read_store_file(data, need_bytes=False)
        if store_file.path is None:
            return None
        fd = store_file.take_fd()
        try:
            head = os.pread(fd, 1 << 16, 0)
        finally:
            os.close(fd)
        found = re.search(rb'"coverage"\s*:\s*(\{[^{}]*\})', head)
        if found is None:
            return None
        return msgspec.json.decode(found.group(1), type=Coverage)
    except (NkruError, OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None


_DECODERS: dict[type, msgspec.json.Decoder[Store]] = {}


def _decoder() -> msgspec.json.Decoder[Store]:
    """The whole-store decoder, made on first use: a run answered from the index never needs
    it, and making it costs a start a millisecond."""
    if Store not in _DECODERS:
        _DECODERS[Store] = msgspec.json.Decoder(Store)
    return _DECODERS[Store]


def decode(raw: bytes, path: str = "<store>") -> Store:
    """Decode and validate the store's JSON in one pass; errors name the JSON path."""
    try:
        return _decoder().decode(raw)
    except RecursionError:
        raise StoreError(path, "not valid JSON: nested too deeply").saying("too_deep") from None
    except UnicodeDecodeError:
        offset = _bad_utf8(raw)
        raise StoreError(
            path, f"not valid UTF-8: the byte at offset {offset} cannot be decoded"
        ).saying("not_utf8", offset=offset) from None
    except msgspec.ValidationError as exc:
        problem = named(f"schema: {_humanize(str(exc))}", _event_ids(raw))
        detail = problem.removeprefix("schema: ")
        raise StoreError(path, problem).saying("schema", detail=detail) from None
    except msgspec.DecodeError as exc:
        message = str(exc)
        offset = _bad_utf8(raw)
        data: dict[str, object]
        if offset is not None:
            problem = f"not valid UTF-8: the byte at offset {offset} cannot be decoded"
            key, data = "not_utf8", {"offset": offset}
        elif "truncated" in message:
            problem = "not valid JSON: the file ends too early (truncated)"
            key, data = "truncated", {}
        else:
            problem = f"not valid JSON: {_humanize(message)}"
            key, data = "not_json", {"detail": _humanize(message)}
        raise StoreError(path, problem).saying(key, **data) from None


def _bad_utf8(raw: bytes) -> int | None:
    """The offset of the first byte that is not UTF-8, or None; read in slices, not copied."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 24
    for start in range(0, len(raw), step):
        try:
            decoder.decode(raw[start : start + step], final=start + step >= len(raw))
        except UnicodeDecodeError as exc:
            return (
                start + exc.start - len(decoder.getstate()[0])
                if exc.start < 0
                else start + exc.start
            )
    return None


def _humanize(message: str) -> str:
    """msgspec's message with its backticks dropped: ``Expected `str`, got `int` - at `$.x```."""
    return message.replace("`", "")


def _event_ids(raw: bytes) -> list[str]:
    """Each event's id as written, for naming the events that problems are in."""
    try:
        events = msgspec.json.decode(raw, type=RawEvents).events
        return [str(msgspec.json.decode(e, type=EventId).id) for e in events]
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError):
        return []


def named(problem: str, ids: list[str]) -> str:
    """``$.events[3].start: …`` -> ``event 1991-soviet-collapse ($.events[3]) start: …``."""
    import re

    match = re.search(r"\$\.events\[(\d+)\]\.?([\w.\[\]]*)", problem)
    if match is None or int(match.group(1)) >= len(ids) or " ($.events[" in problem:
        return problem
    index, field = int(match.group(1)), match.group(2) or "(the event)"
    where = f"event {ids[index]} ($.events[{index}]) field {field}"
    return problem.replace(match.group(0), where, 1)
