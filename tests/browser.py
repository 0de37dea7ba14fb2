"""One headless Chromium for many pages: the DevTools protocol over ``--remote-debugging-pipe``.

Starting Chromium costs a few seconds; the browser tests load a dozen pages. One browser per test process, a fresh
tab per page, gives each page what the command-line modes (``--dump-dom``, ``--screenshot``, ``--print-to-pdf``)
gave it, at a fraction of the time. The protocol: JSON messages, each ended by a NUL byte, written to the
browser's fd 3 and read from its fd 4.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

TIMEOUT = 120  # seconds for one protocol call; a page of this suite loads in well under one


class BrowserError(RuntimeError):
    pass


class Browser:
    def __init__(self, executable: str) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: the protocol's fds are 3 (in) and 4 (out)
            # Both ends first above 9, so that placing one cannot close the other.
            reading, writing = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_read, from_browser_write))
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self._process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={self._profile.name}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes, pass_fds=(3, 4))
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._profile.cleanup()

    def call(self, method: str, session: str | None = None, **params: Any) -> dict:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        reply = self._receive(lambda m: m.get("id") == message["id"])
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_for(self, event: str, session: str) -> dict:
        for index, message in enumerate(self._events):
            if message.get("method") == event and message.get("sessionId") == session:
                return self._events.pop(index)
        return self._receive(lambda m: m.get("method") == event and m.get("sessionId") == session, keep=False)

    def _receive(self, wanted, keep: bool = True) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                if "method" in message:
                    self._events.append(message)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_browser], [], [], remaining)[0]:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium exited (code {self._process.poll()})")
            self._buffer += chunk

    def open(self, page: Path, width: int = 800, height: int = 600) -> Tab:
        """``page`` loaded in a new tab of ``width`` × ``height`` CSS pixels, its fonts ready."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Tab(self, target, session)
        self.call("Page.enable", session)
        self.call("Emulation.setDeviceMetricsOverride", session, width=width, height=height, deviceScaleFactor=1,
                  mobile=False)
        self.call("Page.navigate", session, url=page.as_uri())
        self.wait_for("Page.loadEventFired", session)
        tab.evaluate("document.fonts.ready.then(() => true)")
        return tab


class Tab:
    def __init__(self, browser: Browser, target: str, session: str) -> None:
        self._browser, self._target, self._session = browser, target, session

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc: object) -> None:
        self._browser.call("Target.closeTarget", targetId=self._target)

    def evaluate(self, expression: str) -> Any:
        result = self._browser.call("Runtime.evaluate", self._session, expression=expression, returnByValue=True,
                                    awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def dom(self) -> str:
        """The document as the browser built it (what ``--dump-dom`` prints)."""
        return self.evaluate("document.documentElement.outerHTML")

    def screenshot(self) -> bytes:
        return base64.b64decode(self._browser.call("Page.captureScreenshot", self._session, format="png")["data"])

    def pdf(self) -> bytes:
        """Printed as ``--print-to-pdf --no-pdf-header-footer`` prints: the page's own @page size and margins."""
        return base64.b64decode(self._browser.call("Page.printToPDF", self._session, displayHeaderFooter=False,
                                                   preferCSSPageSize=True)["data"])
