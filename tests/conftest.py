"""Shared fixtures: the built site (built once if `make test` has not built it),
a local HTTP server for it, and headless Chromium driven by Playwright."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.languages import codes, languages

REPO = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("KB_SITE_DIR", REPO / "site"))
# The site's languages, from mkdocs.yml (scripts/languages.py): a language added there is tested too.
LANGS = tuple(codes(REPO))
PREFIX = {lang.code: lang.prefix for lang in languages(REPO)}
UI_LANG = {lang.code: lang.ui for lang in languages(REPO)}  # <html lang>, e.g. zh-Hant
# Languages marked complete: a partial one (being launched) still shows English strings.
COMPLETE = tuple(lang.code for lang in languages(REPO) if not lang.partial)
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The strict build `make test` just made; built here when tests run on their own."""
    if not (SITE / "index.html").exists():
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(SITE)], cwd=REPO, check=True,
                       env={**os.environ, "SITE_LANG": ""})
    return SITE


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site_dir):
    """Serves the built site on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()



def wait_until(page, expression: str, arg=None, timeout: float = 30000, polling: float = 50):
    """Poll `expression` (as page.evaluate takes it) until it is truthy; return its value.

    Playwright's wait_for_function compiles the predicate inside the page, which the
    site's Content-Security-Policy (no 'unsafe-eval') refuses; page.evaluate runs through
    the DevTools protocol, outside the policy, so polling with it tests the real page."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            value = page.evaluate(expression, arg)
        except Error as exc:  # a navigation in progress destroys the context: try again
            if "context was destroyed" not in str(exc) and "navigation" not in str(exc):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} ms waiting for {expression.strip()[:120]!r}")
        page.wait_for_timeout(polling)


class _Browser:
    """The launched Chromium, whose new contexts block service workers unless a test
    asks for them (service_workers="allow"): otherwise the offline worker a page
    registered would answer the next test's requests from its cache, past route()."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def __getattr__(self, name):
        return getattr(self._browser, name)

@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # Once for the whole run, not once per browser test.
        pytest.exit(f"{CHROMIUM} not found: run `make test` (installs Debian's chromium as root) or "
                    "`sudo apt-get install -y chromium`; the browser tests never download a browser", returncode=1)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield _Browser(chromium)
        chromium.close()


class PageProbe:
    """A browser page that records console errors and every request's host."""

    def __init__(self, page, server_url):
        self.page = page
        self.server_url = server_url
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("request", lambda req: self.requests.append(req.url))

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.server_url) and not url.startswith("data:")]


@pytest.fixture
def probe(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield PageProbe(page, server)
    context.close()


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield PageProbe(page, server)
    context.close()


def english_pages() -> list[str]:
    base = REPO / "docs" / "en"
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def built_path(site: Path, lang: str, page: str) -> Path:
    """docs/<lang>/a/b.md -> site/<prefix>a/b/index.html (directory URLs)."""
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        rel = stem[: -len("index")]
    else:
        rel = stem + "/"
    return site / PREFIX[lang] / rel / "index.html"


def page_url(server: str, lang: str, page: str) -> str:
    stem = page[:-3]
    rel = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    return f"{server}{PREFIX[lang]}{rel}"


def tabs_in_one_context(**options):
    """Fixtures for a test module whose tests share one browser context (its cache keeps
    page loads quick) and each get a fresh tab, as a reader opening a link does.

        shared_context, tab = tabs_in_one_context(permissions=["clipboard-read"])
    """

    @pytest.fixture(scope="module")
    def shared_context(browser):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
        yield context
        context.close()

    @pytest.fixture
    def tab(shared_context, server):
        page = shared_context.new_page()
        yield PageProbe(page, server)
        page.close()

    return shared_context, tab
