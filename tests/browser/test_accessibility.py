"""In headless Chromium: axe-core finds no serious or critical problem on any kind
of page in any language, and every page has the structure assistive technology
relies on: the right html lang, one h1, one main landmark, no skipped heading level."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import LANGS, UI_LANG, page_url, tabs_in_one_context

PAGE_TYPES = ("index.md", "finder.md", "history/origins.md", "perspectives/business-leaders.md", "playbooks/saying-no.md",
              "glossary.md", "bibliography.md", "status.md", "training/session-plans.md")
HTML_LANG = UI_LANG
BLOCKING = ("serious", "critical")

AXE = Axe()

STRUCTURE = """() => {
  const article = document.querySelector("main article");
  const levels = article ? [...article.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => Number(h.tagName[1])) : [];
  return {
    lang: document.documentElement.getAttribute("lang"),
    h1: document.querySelectorAll("h1").length,
    main: document.querySelectorAll("main, [role=main]").length,
    h1InMain: !!document.querySelector("main h1"),
    levels,
  };
}"""


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical findings, one line per element."""
    # Open what a reader can open, so that its content is checked too.
    page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")
    result = AXE.run(page)
    lines = []
    for violation in result.response["violations"]:
        if violation["impact"] in BLOCKING:
            for node in violation["nodes"][:5]:
                lines.append(f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:120]!r}")
            if len(violation["nodes"]) > 5:
                lines.append(f"{violation['id']}: ... and {len(violation['nodes']) - 5} more")
    return lines


def skipped_levels(levels: list[int]) -> list[str]:
    out = []
    if levels and levels[0] != 1:
        out.append(f"the article starts at h{levels[0]}")
    out += [f"h{a} followed by h{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
    return out


shared_context, tab = tabs_in_one_context(color_scheme="light")


@pytest.mark.parametrize("doc", PAGE_TYPES, ids=[d[:-3] for d in PAGE_TYPES])
@pytest.mark.parametrize("lang", LANGS)
def test_page_structure_and_axe(tab, server, lang, doc):
    page = tab.page
    page.goto(page_url(server, lang, doc))
    seen = page.evaluate(STRUCTURE)
    assert seen["lang"] == HTML_LANG[lang]
    assert seen["h1"] == 1, f"{seen['h1']} h1 elements"
    assert seen["main"] == 1, f"{seen['main']} main landmarks"
    assert seen["h1InMain"], "the h1 is not inside the main landmark"
    assert skipped_levels(seen["levels"]) == [], seen["levels"]
    assert blocking_violations(page) == []
    assert tab.console_errors == []


@pytest.fixture(scope="module")
def dark_context(browser):
    # Its own context: Material keeps the scheme it first applied in localStorage.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    yield context
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_playbook_in_dark_scheme(dark_context, server, lang):
    """Staff on night shifts use the dark scheme: the same page must pass there too."""
    page = dark_context.new_page()
    page.goto(page_url(server, lang, "playbooks/saying-no.md"))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert blocking_violations(page) == []
    page.close()


@pytest.mark.parametrize("lang", ("en", "zh"))
def test_playbook_on_a_phone(browser, server, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(page_url(server, lang, "playbooks/saying-no.md"))
        assert blocking_violations(page) == []
    finally:
        context.close()


def test_skipped_levels_are_found():
    """The heading check itself: it must catch a jump and a late start."""
    assert skipped_levels([1, 2, 3, 2, 3]) == []
    assert skipped_levels([1, 3]) == ["h1 followed by h3"]
    assert skipped_levels([2, 3]) == ["the article starts at h2"]
