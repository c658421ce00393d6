"""The TimelineJS export opened in the real TimelineJS, in headless Chromium.

Optional: skipped unless Chromium (``chromium``, ``chromium-browser`` or ``$NKRU_CHROMIUM``) and
the TimelineJS package from the npm registry (``npm install @knight-lab/timelinejs``, found in
``$NKRU_TIMELINEJS`` or ``node_modules`` beside the project) are present.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO, console_script


def _chromium() -> str | None:
    for candidate in (os.environ.get("NKRU_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def _timelinejs() -> Path | None:
    for base in (os.environ.get("NKRU_TIMELINEJS"), str(REPO / "node_modules")):
        if base:
            dist = Path(base) / "@knight-lab" / "timelinejs" / "dist"
            if (dist / "js" / "timeline.js").is_file():
                return dist
    return None


CHROMIUM, DIST = _chromium(), _timelinejs()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DIST is None, reason="needs Chromium and the TimelineJS npm package"
)

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}">
<script src="{js}"></script></head>
<body><div id="timeline-embed" style="width: 1000px; height: 700px"></div>
<script>
  var data = {data};
  window.timeline = new TL.Timeline("timeline-embed", data);
  setTimeout(function () {{
    var marker = document.createElement("pre");
    marker.id = "nkru-report";
    var slides = document.querySelectorAll(".tl-slide").length;
    var headlines = Array.from(document.querySelectorAll(".tl-headline")).map(function (h) {{
      return h.textContent; }});
    var scripts = document.querySelectorAll(".tl-slide script").length;
    var errors = document.querySelectorAll(".tl-message-full, .tl-timeline-error").length;
    marker.textContent = JSON.stringify({{slides: slides, headlines: headlines,
                                          scripts: scripts, errors: errors}});
    document.body.appendChild(marker);
  }}, 2500);
</script></body></html>
"""


def _render(tmp_path: Path, args: list[str]) -> dict[str, object]:
    assert DIST is not None and CHROMIUM is not None
    export = subprocess.run(
        [console_script() or "nkru", *args, "--format", "timelinejs"],
        capture_output=True,
        check=True,
    )
    page = tmp_path / "timeline.html"
    page.write_text(
        PAGE.format(
            css=(DIST / "css" / "timeline.css").as_uri(),
            js=(DIST / "js" / "timeline.js").as_uri(),
            data=export.stdout.decode("utf-8").replace("</", "<\\/"),
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=6000",
            "--allow-file-access-from-files",
            "--dump-dom",
            page.as_uri(),
        ],  # fmt: skip
        capture_output=True,
        timeout=120,
    )
    dom = result.stdout.decode("utf-8", "replace")
    start = dom.index('<pre id="nkru-report">') + len('<pre id="nkru-report">')
    report: dict[str, object] = json.loads(html.unescape(dom[start : dom.index("</pre>", start)]))
    return report


def test_the_whole_timeline_renders(tmp_path: Path) -> None:
    expected = json.loads(
        subprocess.run(
            [console_script() or "nkru", "timeline", "--json"], capture_output=True, check=True
        ).stdout
    )
    report = _render(tmp_path, ["timeline"])
    assert report["errors"] == 0
    assert report["slides"] == len(expected) + 1  # the title slide and one per event
    headlines = report["headlines"]
    assert isinstance(headlines, list)
    assert any("Korea" in h for h in headlines)


def test_a_selection_renders_with_its_own_title(tmp_path: Path) -> None:
    report = _render(tmp_path, ["search", "kursk", "--lang", "vi"])
    assert report["errors"] == 0 and report["scripts"] == 0
    headlines = report["headlines"]
    assert isinstance(headlines, list) and "kursk" in headlines[0].lower()
