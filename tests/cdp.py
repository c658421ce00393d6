"""A small client of the Chrome DevTools protocol over a pipe, to drive headless Chromium.

No dependency: Chromium started with ``--remote-debugging-pipe`` reads commands (JSON, each
ended by a NUL byte) from its file descriptor 3 and answers on 4. Enough for the page tests and
``benchmarks/page.py``: open a page at a size, evaluate script, type, click, read the requests it
made, take a screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

#: Flags for a quiet, sealed headless Chromium (no first-run, sync, updates or background
#: requests), as this machine's notes give them.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--font-render-hinting=none",
)


def find_chromium() -> str | None:
    """``$NKRU_CHROMIUM``, else ``chromium`` or ``chromium-browser`` on PATH."""
    for candidate in (os.environ.get("NKRU_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


class CdpError(RuntimeError):
    """Chromium answered a command with an error, or did not answer in time."""


class Browser:
    """One headless Chromium with a fresh profile, driven over its debugging pipe."""

    def __init__(self, chromium: str, extra: tuple[str, ...] = ()) -> None:
        self.profile = tempfile.mkdtemp(prefix="nkru-chromium-")
        to_chrome_read, self._write_fd = os.pipe()
        self._read_fd, from_chrome_write = os.pipe()
        pipes = (to_chrome_read, from_chrome_write)

        def fds() -> None:  # in the child: its fd 3 reads our commands, fd 4 writes answers
            # Out of the way first (either may already be 3 or 4), then into place; dup2
            # makes the copies inheritable.
            reads, writes = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in pipes)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self.process = subprocess.Popen(
            [
                chromium,
                *FLAGS,
                *extra,
                f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # The pipes are moved to 3 and 4 in the child; closing the others would close them.
            close_fds=False,
            preexec_fn=fds,
        )
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
        timeout: float = 30.0,
    ) -> dict[str, Any]:  # fmt: skip
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for reply in self._read(deadline):
                if reply.get("id") == self._next:
                    if "error" in reply:
                        raise CdpError(f"{method}: {reply['error']}")
                    result: dict[str, Any] = reply.get("result", {})
                    return result
                self.events.append(reply)

    def wait_for(self, method: str, session: str | None = None, timeout: float = 30.0) -> None:
        """Wait until an event ``method`` has arrived (for ``session``), consuming it."""
        deadline = time.monotonic() + timeout
        while True:
            for number, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[number]
                    return
            self.events.extend(self._read(deadline))

    def _read(self, deadline: float) -> list[dict[str, Any]]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError("Chromium did not answer in time")
            ready, _, _ = select.select([self._read_fd], [], [], left)
            if ready:
                chunk = os.read(self._read_fd, 1 << 20)
                if not chunk:
                    raise CdpError("Chromium closed its debugging pipe")
                self._buffer += chunk
        *whole, self._buffer = self._buffer.split(b"\0")
        return [json.loads(part) for part in whole if part]

    def page(self, width: int = 1280, height: int = 800) -> Page:
        """A new tab of this size."""
        return Page(self, width, height)

    def close(self) -> None:
        with contextlib.suppress(CdpError, OSError):
            self.send("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._read_fd, self._write_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Run before any script of the page: record CSP violations and errors where tests can read.
_WATCH = """
window.__nkruWatch = {csp: [], errors: []};
document.addEventListener('securitypolicyviolation', function (e) {
  window.__nkruWatch.csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
window.addEventListener('error', function (e) {
  window.__nkruWatch.errors.push(String(e.message || e.type));
}, true);
"""


class Page:
    """One tab: navigate, evaluate, type, screenshot; every request it makes is recorded."""

    def __init__(self, browser: Browser, width: int, height: int) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable")
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH})
        self.resize(width, height)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def resize(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    def block_network(self) -> None:
        """Block every request that leaves the machine (each still shows in ``requests``)."""
        patterns = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]
        self.send("Network.setBlockedURLs", {"urls": patterns})

    def goto(self, url: str, timeout: float = 60.0) -> None:
        """Load ``url`` and wait for its load event (a change of hash alone has none)."""
        reply = self.send("Page.navigate", {"url": url})
        if "errorText" in reply:
            raise CdpError(f"{url}: {reply['errorText']}")
        if reply.get("loaderId"):
            self.browser.wait_for("Page.loadEventFired", self.session, timeout)

    def eval(self, expression: str) -> Any:
        """The value of ``expression`` (awaited when it is a promise)."""
        reply = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise CdpError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def type(self, text: str) -> None:
        """Type ``text`` key by key into the focused element (one input event a key)."""
        for char in text:
            self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": char, "key": char})
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})

    def press(self, key: str, code: str, key_code: int, shift: bool = False) -> None:
        """Press a named key (``Tab``, ``Enter``, ``Escape``)."""
        common = {"key": key, "code": code, "windowsVirtualKeyCode": key_code,
                  "modifiers": 8 if shift else 0}  # fmt: skip
        text = {"Enter": "\r", " ": " "}.get(key)
        down = {"type": "keyDown", "text": text} if text else {"type": "rawKeyDown"}
        self.send("Input.dispatchKeyEvent", {**down, **common})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **common})

    def requests(self) -> list[str]:
        """The URL of every request the page has made so far."""
        events = self.browser.events
        return [
            e["params"]["request"]["url"]
            for e in events
            if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == self.session
        ]

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"],
                              "height": min(size["height"], 16000), "scale": 1}  # fmt: skip
        data = self.send("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))
