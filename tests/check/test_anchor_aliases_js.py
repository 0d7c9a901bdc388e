"""overrides/assets/javascripts/anchor-aliases.js in headless Chromium, on the
clean fixture site: an old section link still lands on the right section."""
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.browser


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def fixture_server(clean_root):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(clean_root / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_anchor_moved_to_another_page_redirects(browser, fixture_server):
    page = browser.new_page()
    page.goto(fixture_server + "it/guide/#gone")
    page.wait_for_url("**/it/#welcome", timeout=10000)
    assert page.url.endswith("/it/#welcome")
    page.close()


def test_anchor_renamed_on_the_same_page_lands_on_the_section(browser, fixture_server):
    page = browser.new_page()
    page.goto(fixture_server + "guide/#old-name")
    page.wait_for_timeout(300)
    assert page.url.endswith("/guide/#old-name")  # no redirect: the alias is on this page
    # the alias sits right before the renamed section's heading
    assert page.evaluate("document.getElementById('old-name').nextElementSibling.id") == "new-name"
    page.close()
