"""On a phone (390x844, touch, Chromium), every playbook in every language shows its
"Do this now" box on the first screen, without scrolling: the safety line (where the page
has one) and every numbered action lie wholly inside the viewport, below Material's header,
at body-text size, each action a tap target at least 24 px tall (WCAG 2.2, 2.5.8).

The measurement is one function (`first_screen_problems`); the last test breaks a page in
the browser (background pushed above the box) and checks that the function then reports it.
"""

from __future__ import annotations

import pytest

from tests.conftest import LANGS, page_url
from tests.test_playbooks import DO_NOW_ITEMS, SAFETY_PLAYBOOKS, playbook_names

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
MIN_TEXT_PX = 15.5  # the box is read under stress: body size (16 px), not Material's 12.8 px admonition text
MIN_TARGET_PX = 24

MEASURE = """() => {
  const header = document.querySelector('.md-header');
  const box = document.querySelector('article .admonition.do-now');
  const rect = e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; };
  const item = e => ({text: e.innerText.trim(), ...rect(e), visible: e.checkVisibility(),
    size: parseFloat(getComputedStyle(e).fontSize), link: e.querySelector('a') ? rect(e.querySelector('a')) : null});
  return {
    scrollY: window.scrollY, width: window.innerWidth, height: window.innerHeight,
    headerBottom: header ? header.getBoundingClientRect().bottom : null,
    box: !!box,
    safety: box && box.querySelector('.do-now-safety') ? item(box.querySelector('.do-now-safety')) : null,
    items: box ? [...box.querySelectorAll(':scope > ol > li')].map(item) : [],
  };
}"""


def first_screen_problems(m: dict, where: str, needs_safety: bool) -> list[str]:
    """What keeps a reader from seeing every do-now action without scrolling ([] if nothing)."""
    if m["headerBottom"] is None:
        return [f"{where}: no Material header (.md-header); update the test"]
    if not m["box"]:
        return [f"{where}: no do-now box (article .admonition.do-now)"]
    problems = []
    if m["scrollY"]:
        problems.append(f"{where}: the page opened scrolled to y={m['scrollY']}")
    low, high = DO_NOW_ITEMS
    if not low <= len(m["items"]) <= high:
        problems.append(f"{where}: {len(m['items'])} actions in the box, expected {low} to {high}")
    if needs_safety and not m["safety"]:
        problems.append(f"{where}: no safety line (.do-now-safety) in the box")
    shown = ([("safety line", m["safety"])] if m["safety"] else []) + \
        [(f"action {n}", item) for n, item in enumerate(m["items"], start=1)]
    for what, item in shown:
        label = f"{where}: {what} {item['text'][:40]!r}"
        if not item["visible"] or item["height"] <= 0:
            problems.append(f"{label} is not rendered")
        elif item["top"] < m["headerBottom"] - 0.5 or item["bottom"] > m["height"] + 0.5:
            problems.append(f"{label} is at y={item['top']:.0f}-{item['bottom']:.0f}, outside the first screen "
                            f"(header ends at {m['headerBottom']:.0f}, screen at {m['height']})")
        elif item["left"] < -0.5 or item["right"] > m["width"] + 0.5:
            problems.append(f"{label} is cut off sideways (x={item['left']:.0f}-{item['right']:.0f})")
        if item["size"] < MIN_TEXT_PX:
            problems.append(f"{label} is {item['size']:.1f} px, below body size")
        if what != "safety line" and (not item["link"] or item["link"]["height"] < MIN_TARGET_PX):
            height = item["link"]["height"] if item["link"] else 0
            problems.append(f"{label}: its link to the step is {height:.0f} px tall, below {MIN_TARGET_PX} px")
    return problems


@pytest.fixture(scope="module")
def phone_context(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


@pytest.fixture
def phone_page(phone_context):
    page = phone_context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, errors
    page.close()


@pytest.mark.parametrize("name", playbook_names())
@pytest.mark.parametrize("lang", LANGS)
def test_do_now_actions_are_on_the_first_phone_screen(phone_page, server, lang, name):
    page, errors = phone_page
    page.goto(page_url(server, lang, f"playbooks/{name}"), wait_until="load")
    problems = first_screen_problems(page.evaluate(MEASURE), f"{lang}: playbooks/{name}", name in SAFETY_PLAYBOOKS)
    assert not problems, "\n".join(problems)
    assert not errors, errors


def test_the_check_fails_when_background_pushes_the_actions_down(phone_page, server):
    page, _ = phone_page
    page.goto(page_url(server, "el", "playbooks/abusive-customers.md"), wait_until="load")
    assert first_screen_problems(page.evaluate(MEASURE), "el", True) == [], "the unmodified page must pass"
    page.evaluate("""() => { const p = document.createElement('p'); p.style.height = '500px';
        p.textContent = 'Background'; document.querySelector('article .do-now').before(p); }""")
    problems = first_screen_problems(page.evaluate(MEASURE), "el", True)
    assert any("outside the first screen" in p for p in problems), problems
    # Material's small admonition text and a missing safety line are caught too.
    page.evaluate("""() => { const box = document.querySelector('article .do-now');
        box.querySelector('.do-now-safety').remove(); box.style.fontSize = '.64rem';
        box.querySelectorAll('li, li a').forEach(e => e.style.fontSize = 'inherit'); }""")
    problems = first_screen_problems(page.evaluate(MEASURE), "el", True)
    assert any("no safety line" in p for p in problems) and any("below body size" in p for p in problems), problems
