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
}
HIDDEN_IF_PRESENT = {"tabs": ".md-tabs", "back-to-top": ".md-top", "language menu": ".md-select",
                     "permalinks": ".md-typeset .headerlink"}


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


# --------------------------------------------------------------------------- one-page summaries

# A playbook's first printed A4 page is its summary sheet: title, "Do this now", then the
# phrases, the escalation ladder and the checklist (scripts/print_summary.py); the steps and
# the background start on page 2. The participant handout is one sheet, as it says.
SUMMARY_PARTS = {
    "title": "article h1",
    "do-now": "article .do-now .do-now-safety, article .do-now > ol > li",
    "phrases": "article .kb-print-summary table th, article .kb-print-summary table td",
    "escalation and checklist": "article .kb-print-summary li",
    "note": "article .kb-print-summary-note",
}
MAX_PLAYBOOK_PAGES = 5
HANDOUT = "training/handout.md"

PARTS_TEXT = """(selectors) => Object.fromEntries(Object.entries(selectors).map(([what, sel]) =>
    [what, [...document.querySelectorAll(sel)].map(e => {
        const copy = e.cloneNode(true);
        copy.querySelectorAll('.headerlink, .kb-copy-link, sup').forEach(x => x.remove());
        return copy.textContent.trim(); }).filter(Boolean)]))"""


def _snippets(text: str) -> list[str]:
    """The start and the end of a text: each lies on one printed line even when the text wraps
    inside a table cell (pypdf reads a wrapped table row line by line, across the cells)."""
    text = _normalise(text)
    return [text] if len(text) <= 16 else [text[:10], text[-6:]]


def _on_page(snippet: str, text: str) -> bool:
    """`snippet` is in a PDF page's text. A CJK character may come out of the PDF as its
    look-alike from the CJK Radicals Supplement (長 as U+2ED1), which NFKC leaves alone."""
    if snippet in text:
        return True
    pattern = "".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" if "\u4e00" <= c <= "\u9fff" else re.escape(c)
                      for c in snippet)
    return re.search(pattern, text) is not None


def _pdf_texts(page) -> list[str]:
    pdf = page.pdf(format="A4", print_background=False)
    return [_normalise(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def summary_problems(page, texts: list[str], where: str) -> list[str]:
    """What of the summary sheet is missing from PDF page 1, or what should not be there."""
    parts = page.evaluate(PARTS_TEXT, SUMMARY_PARTS)
    problems = []
    for what, found in parts.items():
        if not found:
            problems.append(f"{where}: nothing matches the summary's {what} ({SUMMARY_PARTS[what]}); update the test")
        for text in found:
            missing = [s for s in _snippets(text) if not _on_page(s, texts[0])]
            if missing:
                problems.append(f"{where}: the {what} text {text[:50]!r} is not on printed page 1 "
                                f"(the summary sheet overflows or is hidden)")
                break
    steps = page.evaluate("() => { const h = document.querySelector('article h2#steps');"
                          "return h ? h.firstChild.textContent.trim() : null }")
    if steps and len(texts) > 1 and not any(_on_page(_normalise(steps), t) for t in texts[1:]):
        problems.append(f"{where}: the steps heading {steps!r} does not print after the summary page")
    return problems


@pytest.fixture(scope="module")
def print_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


def _open_for_print(print_context, server, lang, doc):
    page = print_context.new_page()
    page.goto(page_url(server, lang, doc), wait_until="load")
    page.emulate_media(media="print")
    return page


def _playbooks() -> list[str]:
    from tests.test_playbooks import playbook_names
    return [f"playbooks/{name}" for name in playbook_names()]


@pytest.mark.parametrize("doc", _playbooks())
@pytest.mark.parametrize("lang", LANGS)
def test_playbook_prints_its_summary_on_page_one(print_context, server, lang, doc):
    assert PdfReader is not None, "pypdf is missing"
    page = _open_for_print(print_context, server, lang, doc)
    try:
        texts = _pdf_texts(page)
        where = f"{lang}: {doc}"
        problems = summary_problems(page, texts, where)
        assert not problems, "\n".join(problems)
        assert 2 <= len(texts) <= MAX_PLAYBOOK_PAGES, \
            f"{where}: prints on {len(texts)} A4 pages, expected the summary page and the rest (at most {MAX_PLAYBOOK_PAGES})"
        # Nothing prints twice: the copied sections are hidden in the page's own flow.
        checklist = page.evaluate("() => document.querySelector('article .kb-print-summary .task-list li').textContent")
        assert sum(t.count(_normalise(checklist)) for t in texts) == 1, f"{where}: the checklist prints twice"
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_handout_prints_on_one_sheet(print_context, server, lang):
    assert PdfReader is not None, "pypdf is missing"
    page = _open_for_print(print_context, server, lang, HANDOUT)
    try:
        texts = _pdf_texts(page)
        assert len(texts) == 1, f"{lang}: {HANDOUT} says it fits on one sheet and prints on {len(texts)} A4 pages"
        last = page.evaluate("() => document.querySelector('#handout-commitments').firstChild.textContent.trim()")
        assert _on_page(_normalise(last), texts[0]), f"{lang}: {HANDOUT}: the commitments section is not on the sheet"
    finally:
        page.close()


def test_the_summary_check_fails_when_the_summary_overflows(print_context, server):
    page = _open_for_print(print_context, server, "el", "playbooks/abusive-customers.md")
    try:
        assert summary_problems(page, _pdf_texts(page), "el") == [], "the unmodified page must pass"
        page.evaluate("""() => { const p = document.createElement('p'); p.style.height = '200mm';
            document.querySelector('.kb-print-summary').prepend(p); }""")
        problems = summary_problems(page, _pdf_texts(page), "el")
        assert any("not on printed page 1" in p for p in problems), problems
    finally:
        page.close()
