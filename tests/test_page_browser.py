"""``nkru page`` in a real browser: headless Chromium, driven over the DevTools protocol.

Skipped unless Chromium is installed (Debian: ``apt-get install chromium``; or set
``NKRU_CHROMIUM`` to a Chromium binary). Every page is opened from ``file://`` with the network
blocked, and every request it makes is counted. Screenshots go to ``$NKRU_SCREENSHOTS`` when
that is set (else a temporary directory), to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nkru.index import Catalog

from .cdp import Browser, Page, find_chromium
from .conftest import REPO
from .pages import HOSTILE_TITLE, HOSTILE_URLS, embedded_data, hostile_store, write_page

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="needs Chromium for the page tests: apt-get install chromium, or set NKRU_CHROMIUM",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as opened:
        yield opened


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "nkru.html"
    write_page(path)
    return path


def _open(browser: Browser, path: Path, hash_: str = "", width: int = 1280) -> Page:
    page = browser.page(width, 900)
    page.block_network()
    page.goto(path.as_uri() + hash_)
    _wait(page, "window.nkruPage && window.nkruPage.indexed !== null")
    return page


def _wait(page: Page, condition: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not page.eval(f"!!({condition})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        time.sleep(0.02)


def _shown(page: Page) -> list[dict[str, Any]]:
    """The events on screen: title, date, tone class, people text."""
    value: list[dict[str, Any]] = page.eval(
        """Array.from(document.querySelectorAll('#results > li > article')).map(a => ({
            title: a.querySelector('h3 span').textContent,
            when: a.querySelector('time').getAttribute('datetime'),
            tone: a.className,
            text: a.textContent}))"""
    )
    return value


def _status(page: Page) -> str:
    return str(page.eval("document.getElementById('status').textContent"))


def _set(page: Page, name: str, value: str) -> None:
    """Choose an option as a reader does: the value changes and a change event fires."""
    page.eval(
        f"""(() => {{ const s = document.getElementById({json.dumps(name)});
        s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change')); }})()"""
    )


def _clean(page: Page, own: Path) -> None:
    """No request but the page itself, no policy violation, no script error."""
    assert set(page.requests()) <= {own.as_uri()}, page.requests()
    watch = page.eval("window.__nkruWatch")
    assert watch == {"csp": [], "errors": []}


def test_the_whole_lookup_opens_offline(
    browser: Browser, page_file: Path, catalog: Catalog
) -> None:
    page = _open(browser, page_file)
    count = catalog.count()
    assert _status(page).startswith(f"{count} events, in date order.")
    shown = _shown(page)
    assert len(shown) == min(25, count)
    assert [s["when"] for s in shown] == sorted(s["when"] for s in shown)
    page.eval("document.getElementById('more').click()")
    assert len(_shown(page)) == min(50, count)
    _clean(page, page_file)


def test_it_is_ready_within_300_ms(browser: Browser, page_file: Path) -> None:
    # The best of three loads: the machine may be busy with other work for one of them.
    ready, indexed = [], []
    for _ in range(3):
        page = _open(browser, page_file)
        ready.append(page.eval("window.nkruPage.ready"))
        indexed.append(page.eval("window.nkruPage.indexed"))
    assert min(ready) < 300, ready
    assert min(indexed) < 600, indexed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("PUTIN", "Putin"),
        ("Путин", "Putin"),
        ("김정은", "Kim Jong Un"),
        ("kim nhat thanh", "Kim Il Sung"),
        ("Kim Nhật Thành", "Kim Il Sung"),
        ("binh nhuong", "Pyongyang"),
        ("hiệp ước đối tác chiến lược toàn diện", "Comprehensive Strategic Partnership"),
        ("hiep uoc doi tac", "Comprehensive Strategic Partnership"),
        ("treaties", "Treaty"),
        ("kursk", "Kursk"),
    ],
)
def test_search_folds_accents_case_and_scripts(
    browser: Browser, page_file: Path, query: str, expected: str
) -> None:
    page = _open(browser, page_file)
    page.eval("document.getElementById('q').focus()")
    page.type(query)
    shown = _shown(page)
    assert shown, _status(page)
    assert expected.lower() in shown[0]["text"].lower(), (query, shown[0]["title"])
    assert "best match first" in _status(page) or _status(page).endswith("matches.")
    assert page.eval("location.hash").startswith("#q=")


def test_filters_narrow_the_events_and_live_in_the_hash(browser: Browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    _set(page, "decade", "1990")
    shown = _shown(page)
    assert shown and all(s["when"] < "2000" for s in shown)
    _set(page, "tone", "cooling")
    assert all("tone-cooling" in s["tone"] for s in _shown(page))
    assert page.eval("location.hash") == "#decade=1990s&tone=cooling"
    page.eval("document.getElementById('clear').click()")
    _set(page, "person", "vladimir-putin")
    _set(page, "topic", "summit")
    shown = _shown(page)
    assert shown and all("Vladimir Putin" in s["text"] for s in shown)
    assert page.eval("location.hash") == "#person=vladimir-putin&topic=summit"
    # Back goes to the filter before.
    page.eval("history.back()")
    _wait(page, "location.hash === '#person=vladimir-putin'")
    _wait(page, "document.getElementById('topic').value === ''")


def test_the_language_switch_changes_every_word(browser: Browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    english = embedded_data(page_file.read_text("utf-8"))["words"]
    page.eval("document.querySelector('[data-lang=vi]').click()")
    assert page.eval("document.documentElement.lang") == "vi"
    assert page.eval("document.title") == english["vi"]["title"]
    labels = page.eval("Array.from(document.querySelectorAll('[data-w]')).map(n => n.textContent)")
    keys = page.eval(
        "Array.from(document.querySelectorAll('[data-w]')).map(n => n.getAttribute('data-w'))"
    )
    assert labels == [english["vi"][k] for k in keys]
    assert (
        page.eval("document.getElementById('q').placeholder") == english["vi"]["search_placeholder"]
    )
    assert "sự kiện, theo thứ tự thời gian" in _status(page)
    first = _shown(page)[0]
    data = embedded_data(page_file.read_text("utf-8"))
    assert first["title"] == data["events"][0]["title"]["vi"]
    assert page.eval("document.getElementById('tone').options[0].textContent") == "Tất cả"
    assert page.eval("location.hash") == "#lang=vi"
    assert page.eval("document.querySelector('[data-lang=vi]').getAttribute('aria-pressed')") == (
        "true"
    )
    page.eval("document.querySelector('[data-lang=en]').click()")
    assert page.eval("document.documentElement.lang") == "en"
    assert _shown(page)[0]["title"] == data["events"][0]["title"]["en"]


def test_a_link_opens_the_same_search(browser: Browser, page_file: Path) -> None:
    page = _open(browser, page_file, "#q=putin&lang=vi&decade=2020s&tone=warming&person=Путин")
    assert page.eval("document.getElementById('q').value") == "putin"
    assert page.eval("document.documentElement.lang") == "vi"
    assert page.eval("document.getElementById('decade').value") == "2020"
    assert page.eval("document.getElementById('person').value") == "vladimir-putin"
    shown = _shown(page)
    assert shown and all(s["when"] >= "2020" and "tone-warming" in s["tone"] for s in shown)
    # Editing the address (a hashchange) is read too.
    page.eval("location.hash = '#q=kursk'")
    _wait(page, "document.getElementById('q').value === 'kursk'")
    assert page.eval("document.documentElement.lang") == "en"
    assert "Kursk" in _shown(page)[0]["text"]
    # Nonsense in the hash is ignored, not obeyed.
    page.eval("location.hash = '#decade=<b>&tone=hot&topic=x&person=nobody&lang=xx'")
    _wait(page, "document.getElementById('q').value === ''")
    assert page.eval("document.getElementById('decade').value") == ""
    assert page.eval("document.documentElement.lang") == "en"


def test_a_hostile_store_runs_nothing(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    write_page(path, "--data", str(hostile_store(tmp_path)))
    page = _open(browser, path, "#q=onerror")
    page.eval("document.querySelectorAll('details').forEach(d => d.open = true)")
    _wait(page, "document.querySelectorAll('#results details ul').length > 0")
    assert page.eval("typeof window.__pwned") == "undefined"
    found = page.eval(
        "document.querySelectorAll('#results img, #results svg, #results iframe, "
        "#results b, #results script').length"
    )
    assert found == 0
    titles = [s["title"] for s in _shown(page)]
    assert HOSTILE_TITLE in titles
    hrefs = page.eval("Array.from(document.querySelectorAll('#results a')).map(a => a.href)")
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert any(h.startswith("https://example.org/a?b=") for h in hrefs)
    text = page.eval("document.getElementById('results').textContent")
    for url in HOSTILE_URLS:
        assert url.strip() in text  # shown as text, not a link
    _clean(page, path)


def test_keyboard_use_with_visible_focus(browser: Browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    page.press("Tab", "Tab", 9)
    assert page.eval("document.activeElement.className") == "skip"
    page.press("Tab", "Tab", 9)
    assert page.eval("document.activeElement.getAttribute('data-lang')") == "en"
    outline = page.eval("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.press("Tab", "Tab", 9)
    page.press("Enter", "Enter", 13)
    assert page.eval("document.documentElement.lang") == "vi"
    page.eval("document.activeElement.blur()")
    page.type("/")
    assert page.eval("document.activeElement.id") == "q"
    page.type("putin")
    assert page.eval("document.getElementById('q').value") == "putin"
    page.press("Escape", "Escape", 27)
    assert page.eval("document.getElementById('q').value") == ""
    # Every control has a label a screen reader reads.
    unlabelled = page.eval(
        """Array.from(document.querySelectorAll('input, select')).filter(
            c => !(c.labels && c.labels.length && c.labels[0].textContent.trim())).length"""
    )
    assert unlabelled == 0


def _screens() -> Path:
    where = os.environ.get("NKRU_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        return Path(where)
    import tempfile

    return Path(tempfile.mkdtemp(prefix="nkru-screens-"))


@pytest.mark.parametrize("width", [360, 1440])
def test_it_fits_the_screen(browser: Browser, page_file: Path, width: int) -> None:
    page = _open(browser, page_file, "#decade=1990s", width=width)
    assert page.eval("document.documentElement.scrollWidth") <= width
    folder = _screens()
    page.screenshot(folder / f"page-{width}.png")
    page.eval("document.querySelector('.claims').scrollIntoView()")
    page.screenshot(folder / f"page-{width}-claims.png")
    assert (folder / f"page-{width}.png").stat().st_size > 10_000
    # Buttons and fields are big enough to touch.
    small = page.eval(
        """Array.from(document.querySelectorAll('button:not([hidden]), input, select'))
            .filter(c => c.getBoundingClientRect().height < 36).length"""
    )
    assert small == 0


def test_print_shows_the_events_without_the_controls(browser: Browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    page.send("Emulation.setEmulatedMedia", {"media": "print"})
    assert page.eval("getComputedStyle(document.getElementById('controls')).display") == "none"
    assert page.eval("getComputedStyle(document.querySelector('.event')).display") != "none"
    page.send("Emulation.setEmulatedMedia", {"media": ""})


def test_ten_thousand_events_search_as_one_types(browser: Browser, tmp_path: Path) -> None:
    store = tmp_path / "big.json"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "make_store.py"), "10000", str(store)],
        check=True,
        capture_output=True,
    )
    path = tmp_path / "big.html"
    write_page(path, "--data", str(store))
    page = browser.page(1280, 900)
    page.block_network()
    page.goto(path.as_uri())
    assert page.eval("window.nkruPage.ready") < 3000
    _wait(page, "window.nkruPage.indexed !== null", timeout=120)
    assert _status(page).startswith("10,000 events")
    page.eval("document.getElementById('q').focus()")
    page.type("putin treaty")
    timings = page.eval("window.nkruPage.timings")
    assert len(timings) == len("putin treaty")
    assert sorted(timings)[len(timings) // 2] < 50, timings
    assert len(_shown(page)) <= 25 and "best match first" in _status(page)
    _clean(page, path)
