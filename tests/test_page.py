"""``nkru page``, checked in Python: one self-contained file, its policy, its escaping, its size,
its words in both languages, and output errors as one line."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from nkru.index import Catalog
from nkru.labels import labels_for
from nkru.labels.page import PAGE_WORDS, TOPIC_NAMES
from nkru.models import TOPICS
from nkru.render.dates import human_span
from nkru.render.page import MINISEARCH_SHA256, MINISEARCH_VERSION, page_html, script_json

from .conftest import console_script
from .pages import (
    HOSTILE_PERSON,
    HOSTILE_RECORD,
    HOSTILE_SUMMARY,
    HOSTILE_TITLE,
    HOSTILE_URLS,
    embedded_data,
    hostile_store,
    write_page,
)

ASSETS = Path(__file__).resolve().parent.parent / "nkru" / "render" / "assets"


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each script and style element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.bodies: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.bodies.append((*self._open, data))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._open = None


def _parsed(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("page") / "page.html"
    write_page(path)
    return path.read_text("utf-8")


def _policy(text: str) -> dict[str, list[str]]:
    parsed = _parsed(text)
    metas = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert len(metas) == 1 and metas[0]["http-equiv"] == "Content-Security-Policy"
    directives = {}
    for part in str(metas[0]["content"]).split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_the_page_is_one_small_file(bundled_page: str) -> None:
    assert bundled_page.startswith("<!doctype html>")
    assert len(bundled_page.encode("utf-8")) < 1_000_000


def test_the_policy_forbids_every_request(bundled_page: str) -> None:
    policy = _policy(bundled_page)
    assert policy["default-src"] == ["'none'"]
    assert policy["connect-src"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    assert policy["img-src"] == ["data:"]
    assert policy["base-uri"] == ["'none'"]
    # The inline script and style run by their hashes, nothing else: no 'unsafe-inline'.
    parsed = _parsed(bundled_page)
    for kind in ("script", "style"):
        bodies = [b for t, a, b in parsed.bodies if t == kind and a.get("type") is None]
        assert len(bodies) == 1
        digest = base64.b64encode(hashlib.sha256(bodies[0].encode()).digest()).decode()
        assert policy[f"{kind}-src"] == [f"'sha256-{digest}'"]


def test_nothing_is_loaded_from_anywhere(bundled_page: str) -> None:
    parsed = _parsed(bundled_page)
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        if tag == "link":
            assert attrs["href"] == "data:,"
        assert tag not in ("img", "iframe", "object", "embed", "base", "video", "audio")
        assert "action" not in attrs and "formaction" not in attrs
        if tag == "a":
            assert str(attrs["href"]).startswith("#")  # the page's own links; sources are built
    styles = [b for t, _, b in parsed.bodies if t == "style"]
    assert not re.search(r"url\(|@import", styles[0])
    script = next(b for t, a, b in parsed.bodies if t == "script" and a.get("type") is None)
    assert "sourceMappingURL" not in script
    # No call that could reach a network, in the page's script or MiniSearch's (whose own
    # ``fetch(key)`` is a method of its map, a lookup).
    network = re.compile(r"XMLHttpRequest|WebSocket|sendBeacon|EventSource|import\(|new Worker")
    assert not network.search(script)
    assert "fetch" not in (ASSETS / "page.js").read_text("utf-8")


def test_the_data_is_every_event_with_its_dates_written(
    bundled_page: str, catalog: Catalog
) -> None:
    data = embedded_data(bundled_page)
    events = list(catalog.events())
    assert len(data["events"]) == len(events)
    for written, event in zip(data["events"], events, strict=True):
        assert written["title"]["en"] == event.title.en
        for lang in ("en", "vi"):
            assert written["when"][lang] == human_span(event, labels_for(lang))
        assert len(written["claims"]) == len(event.claims)
        assert written["dispute"] == event.dispute  # a wrong source, or reports that differ
    assert {e["dispute"] for e in data["events"]} == {None, "error", "sources-differ"}
    assert sum(len(e["claims"]) for e in data["events"]) == sum(len(e.claims) for e in events)
    kinds = {s["kind"] for s in data["sources"]}
    assert kinds == {"article", "reference"}


def test_the_json_cannot_end_its_element() -> None:
    text = script_json({"a": "</script><!-- \u2028\u2029 & > <"})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028\u2029 & > <"}


def test_a_hostile_store_is_only_text(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    write_page(page, "--data", str(hostile_store(tmp_path)))
    text = page.read_text("utf-8")
    parsed = _parsed(text)
    tags = [t for t, _ in parsed.tags]
    assert tags.count("script") == 2 and "img" not in tags and "svg" not in tags
    assert "iframe" not in tags and "b" not in tags
    data = embedded_data(text)
    titles = [e["title"]["en"] for e in data["events"]]
    assert HOSTILE_TITLE in titles
    assert any(e["summary"]["en"] == HOSTILE_SUMMARY for e in data["events"])
    assert any(p["name"]["en"] == HOSTILE_PERSON for p in data["people"])
    records = [c["record"]["en"] for e in data["events"] for c in e["claims"]]
    assert HOSTILE_RECORD in records
    urls = {s["url"] for s in data["sources"]}
    assert set(HOSTILE_URLS) <= urls  # carried as text; the page links only http(s)


def test_the_words_are_in_both_languages() -> None:
    assert PAGE_WORDS["en"].keys() == PAGE_WORDS["vi"].keys()
    for lang in ("en", "vi"):
        assert set(TOPIC_NAMES[lang]) == set(TOPICS)
        shown = " ".join(PAGE_WORDS[lang].values()).lower()
        for jargon in ("store", "slug", " id ", "json", "index"):
            assert jargon not in shown, (lang, jargon)


def test_selection_and_language(tmp_path: Path) -> None:
    page = tmp_path / "putin.html"
    write_page(page, "--leader", "Путин", "--lang", "vi", "--from", "2000")
    text = page.read_text("utf-8")
    assert '<html lang="vi"' in text
    data = embedded_data(text)
    putin = next(i for i, p in enumerate(data["people"]) if p["id"] == "vladimir-putin")
    assert data["events"] and all(putin in e["people"] for e in data["events"])
    assert all(e["start"] >= "2000" or (e["end"] or "") >= "2000" for e in data["events"])
    assert data["lang"] == "vi"
    assert "Vladimir Putin" in data["words"]["en"]["selection"]
    assert data["words"]["vi"]["title"].startswith("Quan hệ Nga – Triều Tiên: ")


def test_nothing_selected_still_writes_a_page_and_exits_1(tmp_path: Path) -> None:
    page = tmp_path / "none.html"
    run = write_page(page, "--leader", "yeltsin", "--tone", "warming", "--topic", "space")
    assert run.code == 1
    assert embedded_data(page.read_text("utf-8"))["events"] == []


def test_standard_output_without_o(nkru: Any) -> None:
    run = nkru("page", "--topic", "space")
    assert run.code == 0 and run.out.startswith("<!doctype html>")


def test_an_existing_page_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("old")
    page.chmod(0o640)
    write_page(page, "--topic", "space")
    assert page.read_text("utf-8").startswith("<!doctype html>")
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("{tmp}", "is a directory"),
        ("{tmp}/missing/page.html", "No such file or directory"),
        ("/dev/full", "No space left on device"),
        ("/proc/nkru-page.html", "cannot write /proc/nkru-page.html"),
    ],
)
def test_bad_output_paths_are_one_line(tmp_path: Path, target: str, words: str) -> None:
    script = console_script() or "nkru"
    result = subprocess.run(
        [script, "page", "--topic", "space", "-o", target.format(tmp=tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot write "), result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_the_page_module_loads_only_for_the_page_command() -> None:
    code = (
        "import sys; import nkru.cli, nkru.render.listing, nkru.render.emit; "
        "print('nkru.render.page' in sys.modules, 'nkru.labels.page' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_minisearch_is_the_pinned_release_with_its_licence(bundled_page: str) -> None:
    shipped = (ASSETS / "minisearch.js").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == MINISEARCH_SHA256
    licence = (ASSETS / "minisearch.LICENSE.txt").read_text("utf-8")
    assert "Luca Ongaro" in licence and "Permission is hereby granted" in licence
    assert (
        f"MiniSearch {MINISEARCH_VERSION}" in embedded_data(bundled_page)["words"]["en"]["credit"]
    )


def test_page_html_is_a_library_call(catalog: Catalog) -> None:
    events = list(catalog.events())[:3]
    text = page_html(catalog, events, "en")
    assert len(embedded_data(text)["events"]) == 3
    assert text.endswith("</html>\n")
