"""In headless Chromium: the language menu keeps the reader on the same section.

Trainers link to sections and staff switch language mid-page; section ids are the
same in every language, so the menu must lead from /<prefix>playbooks/<page>/#<id>
to /<other prefix>playbooks/<page>/#<id> with that section's heading on screen."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import LANGS, page_url, tabs_in_one_context, wait_until

PAGE = "playbooks/saying-no.md"
# A step in the middle of the page, and one near its end (the page cannot scroll it to the top).
STEPS = ("give-reason", "phrases")
PAIRS = list(itertools.permutations(LANGS, 2))


shared_context, tab = tabs_in_one_context()


# True when the heading is on screen and not hidden under Material's fixed header.
HEADING_IN_VIEW = """id => {
  const el = document.getElementById(id);
  if (!el) return false;
  const box = el.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const covered = header ? header.getBoundingClientRect().bottom : 0;
  return box.top >= covered - 2 && box.bottom <= window.innerHeight + 2;
}"""


def heading_position(page, section: str) -> dict:
    return page.evaluate("""id => {
      const el = document.getElementById(id);
      const header = document.querySelector(".md-header");
      return {top: el && Math.round(el.getBoundingClientRect().top), header: header && Math.round(header.getBoundingClientRect().bottom),
              height: window.innerHeight, scrollY: Math.round(window.scrollY), url: location.href};
    }""", section)


def assert_heading_in_view(page, section: str) -> None:
    try:
        wait_until(page, HEADING_IN_VIEW, arg=section, timeout=3000)
    except Exception:  # the assertion below says where the heading is instead
        pass
    assert page.evaluate(HEADING_IN_VIEW, section), f"#{section} is not on screen: {heading_position(page, section)}"


def switch_language(page, lang: str) -> str:
    """As a reader does it: the language button in the header, then the language.
    Returns the address the menu led to. The link is clicked with the mouse where it
    is on screen: Playwright's locator.click() first scrolls the document to "reveal"
    the link, which moves the reader away from their section (a real click does not)."""
    page.locator(".md-header .md-select > button").click()
    link = page.locator(f".md-header .md-select a[hreflang={lang}]")
    link.wait_for(state="visible", timeout=3000)
    # Wait for the menu's opening transition to end: the link stays put and is fully opaque.
    wait_until(page, """sel => {
      const a = document.querySelector(sel);
      const box = a.getBoundingClientRect();
      const key = [box.x, box.y, box.width, box.height].join();
      const inner = a.closest(".md-select__inner");
      const settled = window.__kbMenuBox === key && (!inner || getComputedStyle(inner).opacity === "1");
      window.__kbMenuBox = key;
      return settled && box.width > 0 && box.bottom <= window.innerHeight;
    }""", arg=f".md-header .md-select a[hreflang={lang}]", polling=100, timeout=3000)
    box = link.bounding_box()
    with page.expect_navigation(wait_until="load", timeout=5000):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return page.url


def scroll_heading_to(page, section: str, below_header: int) -> None:
    """Scroll the page (no hash involved) until the heading sits `below_header` px under the header.
    Done by script: wheel scrolling is animated and lands at a different place on a loaded machine."""
    page.evaluate("""([id, below]) => {
      const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
      const top = document.getElementById(id).getBoundingClientRect().top;
      window.scrollTo({top: window.scrollY + top - header - below, behavior: "instant"});
    }""", [section, below_header])
    page.wait_for_timeout(100)  # let scroll listeners (Material's header and table of contents) run
    pos = heading_position(page, section)
    assert abs(pos["top"] - (pos["header"] + below_header)) <= 3, pos
    assert not page.url.endswith("#" + section)


# Every ordered pair of languages; the two steps alternate so that each language is
# left from, and arrived at, both steps.
CASES = [(a, b, STEPS[i % 2]) for i, (a, b) in enumerate(PAIRS)]


@pytest.mark.parametrize("source, target, section", CASES, ids=[f"{a}-to-{b}-{s}" for a, b, s in CASES])
def test_language_menu_keeps_the_linked_section(tab, server, source, target, section):
    page = tab.page
    page.goto(page_url(server, source, PAGE) + "#" + section)
    page.wait_for_load_state("load")
    assert_heading_in_view(page, section)
    url = switch_language(page, target)
    expected = page_url(server, target, PAGE) + "#" + section
    assert url == expected
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang").split("-")[0] == target
    assert_heading_in_view(page, section)
    assert tab.console_errors == []


# Where the reader left the heading: just under the header, or a little further down.
@pytest.mark.parametrize("source, target, below_header",
                         (("en", "zh", 8), ("el", "it", 140), ("zh", "el", 8), ("it", "en", 140)),
                         ids=("en-zh-at-top", "el-it-lower", "zh-el-at-top", "it-en-lower"))
def test_language_menu_follows_the_section_scrolled_to(tab, server, source, target, below_header):
    page = tab.page
    section = "offer-alternative"
    page.goto(page_url(server, source, PAGE))
    page.wait_for_load_state("load")
    scroll_heading_to(page, section, below_header)
    url = switch_language(page, target)
    assert url == page_url(server, target, PAGE) + "#" + section
    assert_heading_in_view(page, section)


def test_language_menu_follows_the_reader_away_from_the_linked_section(tab, server):
    """A trainer's link opened the page at one step; the reader then scrolled on to another."""
    page = tab.page
    page.goto(page_url(server, "it", PAGE) + "#acknowledge-request")
    page.wait_for_load_state("load")
    scroll_heading_to(page, "close-warmly", 20)
    url = switch_language(page, "el")
    assert url == page_url(server, "el", PAGE) + "#close-warmly"
    assert_heading_in_view(page, "close-warmly")


@pytest.mark.parametrize("source, target", (("en", "el"), ("zh", "it")))
def test_language_menu_keeps_the_section_on_a_phone(phone, server, source, target):
    page = phone.page
    page.goto(page_url(server, source, PAGE) + "#give-reason")
    page.wait_for_load_state("load")
    url = switch_language(page, target)
    assert url == page_url(server, target, PAGE) + "#give-reason"
    assert_heading_in_view(page, "give-reason")
    scroll_heading_to(page, "close-warmly", 30)
    url = switch_language(page, source)
    assert url == page_url(server, source, PAGE) + "#close-warmly"
    assert_heading_in_view(page, "close-warmly")
    assert phone.console_errors == []


def test_language_menu_by_keyboard_keeps_the_section(tab, server):
    page = tab.page
    page.goto(page_url(server, "el", PAGE) + "#look-for-yes")
    page.wait_for_load_state("load")
    page.locator(".md-header .md-select > button").focus()
    link = page.locator(".md-header .md-select a[hreflang=zh]")
    for _ in range(6):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    assert link.evaluate("el => el === document.activeElement"), "the zh link is not reachable with Tab from the language button"
    with page.expect_navigation(wait_until="load", timeout=5000):
        page.keyboard.press("Enter")
    assert page.url == page_url(server, "zh", PAGE) + "#look-for-yes"
    assert_heading_in_view(page, "look-for-yes")


def test_language_menu_links_on_a_page_without_the_section_scrolled_stay_plain(tab, server):
    """At the top of a page there is no section to keep: the menu leads to the page itself."""
    page = tab.page
    page.goto(page_url(server, "en", PAGE))
    page.wait_for_load_state("load")
    url = switch_language(page, "it")
    assert url.split("#")[0] == page_url(server, "it", PAGE)
    assert page.evaluate("window.scrollY") < 50

