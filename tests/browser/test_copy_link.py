"""In headless Chromium: every section heading has a copy-link button that works
from the keyboard, says so in the page's language, and copies an address that
opens the page at that section."""

from __future__ import annotations


import pytest
import yaml

from tests.conftest import COMPLETE, LANGS, REPO, page_url, tabs_in_one_context, wait_until

UI = yaml.safe_load((REPO / "data" / "ui.yml").read_text(encoding="utf-8"))
PAGES = ("playbooks/saying-no.md", "history/origins.md", "training/session-plans.md")
# The section copied by keyboard on each page: one h2, one h3 when the page has one.
COPIED = {"playbooks/saying-no.md": ("escalate", "give-reason")}

HEADINGS_WITHOUT_BUTTON = """() => {
  const out = [];
  for (const h of document.querySelectorAll("article h2[id], article h3[id]")) {
    const button = h.querySelector("button.kb-copy-button");
    if (!button) { out.push(h.id + ": no button"); continue; }
    const style = getComputedStyle(button);
    const box = button.getBoundingClientRect();
    if (button.disabled || button.tabIndex < 0 || style.display === "none" || style.visibility === "hidden" || box.width < 1)
      out.push(h.id + ": button not focusable or not shown");
    if (!(button.getAttribute("aria-label") || "").trim()) out.push(h.id + ": button has no accessible name");
  }
  return out;
}"""


# Focus the last visible focusable element before the given one, in document order.
FOCUS_PREVIOUS = """target => {
  const all = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
    .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length);
  all[all.indexOf(target) - 1].focus();
}"""


shared_context, tab = tabs_in_one_context(permissions=["clipboard-read", "clipboard-write"])


def test_confirmation_strings_differ_per_language():
    done = {lang: UI["copy.done"][lang] for lang in COMPLETE}
    assert len(set(done.values())) == len(COMPLETE), done


@pytest.mark.parametrize("lang", LANGS)
def test_every_section_heading_has_a_focusable_copy_button(tab, server, lang):
    page = tab.page
    for doc in PAGES:
        page.goto(page_url(server, lang, doc))
        count = page.locator("article h2[id], article h3[id]").count()
        assert count >= 3, f"{doc}: only {count} section headings"
        assert page.evaluate(HEADINGS_WITHOUT_BUTTON) == [], doc
        labels = page.eval_on_selector_all("article .kb-copy-button", "els => els.map(e => e.getAttribute('aria-label'))")
        assert all(label.startswith(UI["copy.label"][lang]) for label in labels), labels[:3]
    assert tab.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_by_keyboard_copies_the_section_address(tab, server, lang):
    page = tab.page
    doc = "playbooks/saying-no.md"
    url = page_url(server, lang, doc)
    page.goto(url)
    for section in COPIED[doc]:
        heading = page.locator(f"article [id='{section}']")
        button = heading.locator("button.kb-copy-button")
        # Tab from the focusable element before the button reaches the button.
        button.evaluate(FOCUS_PREVIOUS)
        page.keyboard.press("Tab")
        assert button.evaluate("b => b === document.activeElement"), f"Tab does not reach #{section}'s copy button"
        page.evaluate("navigator.clipboard.writeText('')")
        page.keyboard.press("Enter")
        status = heading.locator("[role=status]")
        try:
            wait_until(page, "el => el.textContent.trim() !== ''", arg=status.element_handle(), timeout=3000)
        except Exception:
            pass
        assert status.inner_text().strip() == UI["copy.done"][lang]
        assert page.evaluate("document.documentElement.lang").split("-")[0] == lang
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"{url}#{section}"

        # The copied address, opened in a new tab, shows that section.
        other = page.context.new_page()
        other.goto(copied)
        other.wait_for_load_state("load")
        in_view = """id => { const box = document.getElementById(id).getBoundingClientRect();
                     const top = document.querySelector(".md-header").getBoundingClientRect().bottom;
                     return box.top >= top - 2 && box.bottom <= innerHeight + 2; }"""
        try:
            wait_until(other, in_view, arg=section, timeout=3000)
        except Exception:
            pass
        assert other.evaluate(in_view, section), f"#{section} not on screen after opening {copied}"
        other.close()
    assert tab.console_errors == []


@pytest.mark.parametrize("lang", ("en", "zh"))
def test_copy_link_by_keyboard_on_a_phone(browser, server, lang):
    """Staff read on phones: the button is reachable and copies there too."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        url = page_url(server, lang, "playbooks/saying-no.md")
        page.goto(url)
        button = page.locator("article [id='offer-alternative'] button.kb-copy-button")
        box = button.bounding_box()
        # WCAG 2.2 target size (2.5.8): at least 24 by 24 CSS pixels.
        assert box and box["width"] >= 24 and box["height"] >= 24, f"copy button too small to tap: {box}"
        button.focus()
        page.keyboard.press("Enter")
        wait_until(page, "() => document.querySelector('#offer-alternative [role=status]').textContent.trim() !== ''", timeout=3000)
        assert page.evaluate("navigator.clipboard.readText()") == url + "#offer-alternative"
    finally:
        context.close()
