"""JSON as nkru writes it: indented UTF-8, one newline at the end, and only the characters a
terminal would obey (DEL, C1 and bidi controls) escaped."""

from __future__ import annotations

from typing import Any

import msgspec

from nkru.render.safe import escape_json_controls


def as_json(records: Any) -> bytes:
    """Indented UTF-8 JSON, ending with a newline; only characters a terminal would obey
    (DEL, C1 and bidi controls) are written as ``\\u`` escapes."""
    return escape_json_controls(msgspec.json.format(msgspec.json.encode(records), indent=2)) + b"\n"
