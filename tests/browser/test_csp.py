"""In headless Chromium: every page type in every language carries the
Content-Security-Policy and loads (and searches) without a single violation
report; and when markup the build would refuse is injected into a built page,
the policy stops it: no request to the other host, no script run."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import LANGS, page_url

# One page of each kind: home, section index, article with footnotes, tables,
# task lists and admonitions, the generated glossary, bibliography, timeline
# (SVG) and status pages, and the contributing guide.
PAGE_TYPES = ["index.md", "history/index.md", "history/origins.md", "history/timeline.md",
              "perspectives/comparison.md", "playbooks/saying-no.md", "training/handout.md",
              "glossary.md", "bibliography.md", "status.md", "contributing.md"]

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def csp_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD)
    yield context
    context.close()


@pytest.fixture
def tab(csp_context):
    page = csp_context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text))
    page.console_messages = console
    yield page
    page.close()


def violations(tab) -> list[str]:
    reported = tab.evaluate("window.__csp")
    refused = [m for m in tab.console_messages if "Content Security Policy" in m]
    return reported + refused


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_type_loads_without_a_policy_violation(tab, server, lang):
    for page in PAGE_TYPES:
        tab.goto(page_url(server, lang, page))
        tab.wait_for_load_state("networkidle")
        policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "default-src 'self'" in policy and "base-uri 'none'" in policy and "'unsafe-inline'" not in \
            policy.split("script-src")[1].split(";")[0], policy
        # Material's inline scripts ran (the palette and scope helpers), by their hashes.
        assert tab.evaluate("typeof __md_get") == "function", page
        assert violations(tab) == [], (lang, page)
    # Search (worker + index), the cite box and the 404 page too.
    tab.goto(page_url(server, lang, "playbooks/saying-no.md"))
    tab.locator("input[data-md-component=search-query]").focus()
    tab.locator("input[data-md-component=search-query]").press_sequentially("ab", delay=20)
    tab.wait_for_selector(".md-search-result", state="attached", timeout=10000)
    tab.wait_for_load_state("networkidle")
    tab.keyboard.press("Escape")
    tab.locator("details#cite-this-page > summary").click()
    assert violations(tab) == [], lang
    tab.goto(server + "no-such-page/")
    tab.wait_for_load_state("networkidle")
    assert violations(tab) == [], "404"


class _Counter(SimpleHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(b"GIF89a")

    def log_message(self, *args):
        pass


@pytest.fixture
def other_host():
    """Another origin (same machine, other port): what a tracking pixel's host would be."""
    handler = type("Counter", (_Counter,), {"hits": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", handler.hits
    httpd.shutdown()


INJECTED = ('<img id="pixel" src="{host}pixel.gif" alt="">'
            '<img src="x-missing.png" onerror="window.__ran_onerror = 1">'
            '<script>window.__ran_inline = 1</script>'
            '<p id="styled" style="background-image: url({host}bg.gif)">styled</p>'
            '<video src="{host}video.mp4" autoplay muted></video>')


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_foreign_image_injected_into_a_built_page_is_blocked(tab, server, other_host, lang):
    host, hits = other_host
    url = page_url(server, lang, "playbooks/saying-no.md")

    def inject(route):
        response = route.fetch()
        body = response.text().replace('<article class="md-content__inner md-typeset">',
                                       '<article class="md-content__inner md-typeset">' + INJECTED.format(host=host), 1)
        assert host in body
        route.fulfill(response=response, body=body)

    tab.route(url, inject)
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(300)
    assert tab.locator("#pixel").count() == 1  # the markup is there ...
    assert hits == []                           # ... but the other host was never asked
    blocked = violations(tab)
    assert any(v.startswith("img-src") and host in v for v in blocked), blocked
    assert any(v.startswith("media-src") for v in blocked), blocked
    assert tab.evaluate("window.__ran_inline") is None
    assert tab.evaluate("window.__ran_onerror") is None
