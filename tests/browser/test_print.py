"""A playbook and a training session plan print cleanly on A4, in every language.

Each page is loaded once in headless Chromium with a *dark* colour-scheme preference
(so Material starts in its slate scheme, the hardest case for print), switched to
print media, and checked by computed style; then printed to PDF, which pypdf reads
back: A4 pages, and each checklist (with its heading) on a single page.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from tests.conftest import LANGS, page_url

try:
    from pypdf import PdfReader
except ImportError:  # pragma: no cover - reported as a failure, not a skip
    PdfReader = None

pytestmark = pytest.mark.browser

A4 = (595.0, 842.0)  # points
A4_TOLERANCE = 2.0
MIN_FONT_PX = 10 * 96 / 72  # 10 pt

# The page's checklists: CSS selectors of a heading whose next sibling is the list that
# must print on one page together with the heading. A session plan's checklists are
# its preparation lists; a playbook's is its #checklist.
CHECKLISTS = {
    "playbooks/saying-no.md": ["#checklist"],
    "training/session-plans.md": ["#session-1-preparation", "#session-2-preparation", "#session-3-preparation"],
}
PAGES = tuple(CHECKLISTS)

# Chrome that must not print. Each group needs at least one element on the page, so
# a renamed class cannot make the check pass by matching nothing.
HIDDEN = {
    "header": ".md-header",
    "navigation sidebar": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "search": ".md-search",
    "copy-link buttons": ".kb-copy-link",
    "edit button": ".md-content__button",
    "cite box": ".kb-cite",
    "permalinks": ".md-typeset .headerlink",
}
HIDDEN_IF_PRESENT = {"tabs": ".md-tabs", "back-to-top": ".md-top", "language menu": ".md-select"}


def _normalise(text: str) -> str:
    """NFKC (PDF ligatures, CJK radicals) and no whitespace (line breaks differ from the DOM)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module", params=[(lang, page) for page in PAGES for lang in LANGS],
                ids=lambda p: f"{p[0]}-{p[1].split('/')[-1][:-3]}")
def printed(request, browser, server):
    """The page in print media, its PDF (pypdf pages) and each PDF page's normalised text."""
    lang, page_name = request.param
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    page.goto(page_url(server, lang, page_name), wait_until="load")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    pages = PdfReader(io.BytesIO(pdf)).pages if PdfReader else None
    texts = [_normalise(p.extract_text()) for p in pages] if pages else None
    yield {"lang": lang, "name": page_name, "page": page, "pdf": pages, "texts": texts, "scheme": scheme,
           "where": f"{lang}: {page_name}"}
    context.close()


def test_pypdf_is_installed():
    assert PdfReader is not None, "pypdf is missing: add `pypdf` to requirements/test.in and re-lock (make lock)"


def test_site_chrome_is_not_printed(printed):
    page, where = printed["page"], printed["where"]
    for what, selector in HIDDEN.items():
        displays = page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")
        assert displays, f"{where}: no {what} ({selector}) on the page; update the selector"
        shown = [d for d in displays if d != "none"]
        assert not shown, f"{where}: {what} ({selector}) prints (display: {shown[0]}); hide it in print.css"
    for what, selector in HIDDEN_IF_PRESENT.items():  # hidden itself or inside something hidden
        rendered = page.eval_on_selector_all(selector, "els => els.filter(e => e.checkVisibility()).length")
        assert not rendered, f"{where}: {what} ({selector}) prints; hide it in print.css"
    # What must print: the article itself, with its title.
    assert page.eval_on_selector("article.md-content__inner h1", "e => getComputedStyle(e).display") != "none", \
        f"{where}: the page title does not print"


def test_external_links_print_their_address_and_internal_ones_do_not(printed):
    page, where = printed["page"], printed["where"]
    external = page.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')]
        .filter(a => a.offsetParent !== null)
        .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert external, f"{where}: no visible external link in the printed article (expected the DOI or source links)"
    for href, content in external:
        assert href in content, f"{where}: external link {href} prints without its address (::after content {content})"
    internal = page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .filter(a => a.offsetParent !== null && !/^(https?:|mailto:)/.test(a.getAttribute('href')))
        .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert internal, f"{where}: no internal link in the printed article"
    printed_urls = [(href, content) for href, content in internal if "(" in content or href in content]
    assert not printed_urls, f"{where}: internal links print an address: {printed_urls[:3]}"
    assert printed["texts"] is not None, "pypdf is missing"
    text = "".join(printed["texts"])
    href = external[0][0]
    assert _normalise(f"({href})") in text, f"{where}: the PDF does not show the address {href} after its link"


def test_print_is_light_and_readable(printed):
    page, where = printed["page"], printed["where"]
    assert printed["scheme"] == "slate", \
        f"{where}: expected Material's dark scheme under a dark preference (got {printed['scheme']}), so the test covers it"
    style = page.evaluate("""() => {
        const body = getComputedStyle(document.body);
        const p = getComputedStyle(document.querySelector('article.md-content__inner > p, article.md-content__inner > .kb-fallback > p'));
        return {bg: body.backgroundColor, color: p.color, size: parseFloat(p.fontSize)};
    }""")
    assert style["bg"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), f"{where}: dark background in print: {style['bg']}"
    channels = [float(c) for c in re.findall(r"[\d.]+", style["color"])]
    assert max(channels[:3]) < 100 and (len(channels) < 4 or channels[3] > .6), \
        f"{where}: body text is not dark in print: {style['color']}"
    assert style["size"] >= MIN_FONT_PX, f"{where}: body text prints at {style['size']:.1f}px, below 10 pt"


def test_pdf_pages_are_a4(printed):
    where, pages = printed["where"], printed["pdf"]
    # The stylesheet asks for A4 too, so the browser's own print dialog defaults to it.
    sizes = printed["page"].evaluate("""() => [...document.styleSheets]
        .flatMap(s => { try { return [...s.cssRules] } catch (e) { return [] } })
        .filter(r => r instanceof CSSPageRule && r.style.getPropertyValue('size'))
        .map(r => r.style.getPropertyValue('size'))""")
    assert sizes and sizes[-1].lower() == "a4", f"{where}: the stylesheets' @page size is {sizes}, not A4"
    assert pages is not None, "pypdf is missing"
    assert len(pages) >= 1, f"{where}: empty PDF"
    for number, pdf_page in enumerate(pages, start=1):
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert all(abs(a - b) <= A4_TOLERANCE for a, b in zip(size, A4)), \
            f"{where}: PDF page {number} is {size[0]:.1f} x {size[1]:.1f} pt, not A4 (595 x 842)"


def test_each_checklist_prints_on_one_page(printed):
    page, where, pages = printed["page"], printed["where"], printed["pdf"]
    assert pages is not None, "pypdf is missing"
    page_texts = printed["texts"]
    for heading in CHECKLISTS[printed["name"]]:
        block = page.evaluate("""(sel) => {
            const h = document.querySelector(sel);
            if (!h) return null;
            const list = h.nextElementSibling;
            const title = [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink'))
                && !(n.classList && n.classList.contains('kb-copy-link'))).map(n => n.textContent).join('');
            return {title: title, tag: list && list.tagName,
                    items: list ? [...list.children].map(li => li.innerText) : []};
        }""", heading)
        assert block, f"{where}: no {heading} heading"
        assert block["tag"] in ("UL", "OL") and len(block["items"]) >= 3, \
            f"{where}: {heading} is not followed by its list ({block['tag']}, {len(block['items'])} items)"
        parts = [block["title"], *block["items"]]
        found = {}
        for part in parts:
            on = {n for n, text in enumerate(page_texts, start=1) if _normalise(part) in text}
            assert on, f"{where}: {heading}: {part.strip()!r} is not whole on any PDF page (split across pages?)"
            found[part.strip()] = on
        common = set.intersection(*found.values())
        assert common, f"{where}: {heading} and its items are spread over PDF pages: " + \
            "; ".join(f"{text[:40]!r} on {sorted(on)}" for text, on in found.items())
