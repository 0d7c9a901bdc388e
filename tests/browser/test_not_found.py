"""The not-found page through a server that, like GitHub Pages, answers every
missing address with the site's one /404.html and status 404: it speaks the
language the address names, leads to that language's home, finder and search,
and raises no script error."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import LANGS, PREFIX

TITLES = {"en": "Page not found", "it": "Pagina non trovata", "el": "Η σελίδα δεν βρέθηκε", "zh": "找不到這個頁面"}
HTML_LANG = {"en": "en", "it": "it", "el": "el", "zh": "zh-Hant"}
SEARCH_WORD = {"en": "refund", "it": "rimborso", "el": "επιστροφή", "zh": "退款"}


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """Missing files get /404.html with status 404, as static hosts do."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.directory_path / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_server(site_dir):
    handler = functools.partial(type("H", (PagesLikeHandler,), {"directory_path": site_dir}), directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def script_errors(probe) -> list[str]:
    """Console errors, less Chrome's note that the document itself answered 404."""
    own = "Failed to load resource: the server responded with a status of 404"
    return [e for e in probe.console_errors if not e.startswith(own)]


def failed_subresources(page) -> list[str]:
    failed = []
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url))
    return failed


@pytest.mark.parametrize("lang", LANGS)
def test_missing_page_answers_in_the_language_of_its_address(phone, pages_server, lang):
    page = phone.page
    failed = failed_subresources(page)
    response = page.goto(f"{pages_server}{PREFIX[lang]}playbooks/no-such-page/")
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    visible = page.locator(".kb-notfound:visible")
    assert visible.count() == 1
    assert visible.locator("h1").inner_text() == TITLES[lang]
    assert page.evaluate("document.documentElement.lang") == HTML_LANG[lang]
    assert page.title().startswith(TITLES[lang])
    links = visible.locator("a").evaluate_all("els => els.map(e => new URL(e.href).pathname + new URL(e.href).hash)")
    assert links == [f"/{PREFIX[lang]}", f"/{PREFIX[lang]}finder/#q-now"]
    # every way on works from the phone screen: the home page and the finder answer 200
    home = page.context.request.get(pages_server + PREFIX[lang])
    assert home.status == 200
    assert script_errors(phone) == [], phone.console_errors
    assert failed == []
    assert [u for u in phone.requests if not u.startswith(pages_server)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_search_from_the_not_found_page_searches_that_language(phone, pages_server, lang):
    page = phone.page
    page.goto(f"{pages_server}{PREFIX[lang]}old/link/")
    form = page.locator(".kb-notfound:visible form")
    form.locator("input[name=q]").fill(SEARCH_WORD[lang])
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => new URL(e.href).pathname)")
    assert hrefs and all(h.startswith(f"/{PREFIX[lang]}") for h in hrefs), hrefs[:5]
    if lang == "en":
        assert not [h for h in hrefs if h.split("/")[1] in ("it", "el", "zh")], hrefs[:5]
    assert script_errors(phone) == [], phone.console_errors


def test_without_javascript_every_language_is_offered(browser, pages_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{pages_server}it/nothing-here/")
    assert page.locator(".kb-notfound:visible").count() == len(LANGS)
    assert page.locator(".kb-notfound:visible h1").all_inner_texts() == [TITLES[lang] for lang in LANGS]
    context.close()


@pytest.mark.parametrize("lang", ("it", "zh"))
def test_not_found_page_passes_axe(phone, pages_server, lang):
    from tests.browser.test_accessibility import blocking_violations

    phone.page.goto(f"{pages_server}{PREFIX[lang]}missing/")
    phone.page.wait_for_load_state("networkidle")
    assert blocking_violations(phone.page) == []
    assert phone.page.locator("h1:visible").count() == 1
