"""Helpers shared by the page tests: a hostile store, and the page written by ``nkru page``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from nkru.store import packaged_store_path

from .conftest import Run

#: Markup and script in every kind of text a store holds, and links that are not http(s).
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
HOSTILE_SUMMARY = "<!-- <script>window.__pwned=3</script> \u2028 line \u2029 para &amp; &lt;b&gt;"
HOSTILE_PERSON = "<b onclick=window.__pwned=4>Kim</b>"
HOSTILE_PLACE = '"><svg onload="window.__pwned=5">'
HOSTILE_RECORD = '<iframe src="javascript:window.__pwned=6"></iframe>'
HOSTILE_URLS = [
    "javascript:window.__pwned=7",
    "data:text/html,<script>window.__pwned=8</script>",
    " JAVASCRIPT:window.__pwned=9",
]
#: An http(s) link with characters that need escaping in an attribute: still a link.
ODD_URL = 'https://example.org/a?b=<c>&d="e"'


def hostile_store(tmp_path: Path) -> Path:
    """The bundled store with markup in a title, summary, name, place and claim, and links with
    ``javascript:`` and ``data:`` schemes."""
    data: dict[str, Any] = json.loads(packaged_store_path().read_text("utf-8"))
    references = {r["id"] for r in data["references"]}
    event = max(
        (e for e in data["events"] if e.get("claims") and e.get("places") and e.get("people")),
        key=lambda e: len({c["source"] for c in e["sources"]} & references),
    )
    event["title"]["en"] = event["title"]["vi"] = HOSTILE_TITLE
    event["summary"]["en"] = event["summary"]["vi"] = HOSTILE_SUMMARY
    event["places"][0] = {"en": HOSTILE_PLACE, "vi": HOSTILE_PLACE}
    event["claims"][0]["record"] = {"en": HOSTILE_RECORD, "vi": HOSTILE_RECORD}
    person = next(p for p in data["people"] if p["id"] == event["people"][0])
    person["name"]["en"] = person["name"]["vi"] = HOSTILE_PERSON
    cited = {c["source"] for c in event["sources"]}
    urls = [*HOSTILE_URLS, ODD_URL]
    changed = [r for r in data["references"] if r["id"] in cited][: len(urls)]
    assert len(changed) == len(urls), "the store has no event citing enough references"
    for reference, url in zip(changed, urls, strict=True):
        reference["URL"] = url
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def write_page(path: Path, *args: str) -> Run:
    """Run ``nkru page ARGS -o PATH`` in-process."""
    run = Run(["page", *args, "-o", str(path)])
    assert run.code in (0, 1), run.err
    return run


def embedded_data(text: str) -> dict[str, Any]:
    """The JSON the page carries."""
    found = re.search(r'<script type="application/json" id="nkru-data">(.*?)</script>', text, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data
