"""The situation finder on a 390x844 phone, in headless Chromium: the home page's
first screen offers every situation in every language, each opening its
playbook at step 1; the finder page reaches a playbook step in at most three
taps from the home page; both work without JavaScript (plain links)."""

from __future__ import annotations

import pytest

from scripts import finder
from tests.conftest import LANGS, PREFIX, REPO, wait_until

DATA = finder.load(REPO / "data" / "finder.yml", list(LANGS))
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

IN_VIEW = """id => { const el = document.getElementById(id); if (!el) return false;
  const box = el.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  return box.top >= top - 2 && box.bottom <= innerHeight + 2; }"""


def target_url(server, lang, target):
    page, _, section = target.partition("#")
    return f"{server}{PREFIX[lang]}{page[:-3]}/#{section}"


def lands_on(page, section):
    try:
        wait_until(page, IN_VIEW, arg=section, timeout=5000)
    except Exception:
        pass
    return page.evaluate(IN_VIEW, section)


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone_page(request, browser):
    context = browser.new_context(java_script_enabled=request.param, **PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_home_first_screen_offers_every_situation(phone_page, server, lang):
    page = phone_page
    page.goto(server + PREFIX[lang])
    page.wait_for_load_state("load")
    assert page.evaluate("scrollY") == 0
    heading = page.locator("h2#now")
    assert heading.inner_text().strip().startswith(DATA.heading[lang])
    links = page.locator(".kb-situations a")
    assert links.count() == len(DATA.situations) + 1
    boxes = links.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.height]; })")
    below = [i for i, (top, bottom, _h) in enumerate(boxes) if bottom > 844]
    assert below == [], f"situations below the first screen: {below} {boxes}"
    assert all(h >= 44 for _t, _b, h in boxes), boxes
    hrefs = links.evaluate_all("els => els.map(e => e.href)")
    wanted = [target_url(server, lang, s.target) for s in DATA.situations]
    assert hrefs[:-1] == wanted
    assert hrefs[-1] == f"{server}{PREFIX[lang]}finder/#q-{DATA.questions[0].id}"
    texts = links.evaluate_all("els => els.map(e => e.textContent.trim())")
    assert texts[:-1] == [s.text[lang] for s in DATA.situations]


@pytest.mark.parametrize("lang", LANGS)
def test_a_situation_opens_its_playbook_at_step_one(phone_page, server, lang):
    page = phone_page
    page.goto(server + PREFIX[lang])
    situation = next(s for s in DATA.situations if s.target.endswith("#name-the-behaviour"))
    page.locator(".kb-situations a", has_text=situation.text[lang]).tap()
    page.wait_for_url(target_url(server, lang, situation.target))
    assert lands_on(page, "name-the-behaviour")
    assert page.locator("#name-the-behaviour").inner_text().strip().startswith("1")


# (first answer's index, follow-up answer's index) -> the step it leads to
ROUTES = [(2, 0), (3, 0), (3, 2)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r[0]}-{r[1]}")
def test_finder_reaches_a_step_in_three_taps_from_home(phone_page, server, lang, route):
    page = phone_page
    page.goto(server + PREFIX[lang])
    taps = 0
    page.locator(".kb-situations a.kb-next").tap()
    taps += 1
    first = DATA.questions[0]
    assert lands_on(page, f"q-{first.id}")
    choice = first.answers[route[0]]
    page.locator(f"#q-{first.id} + .kb-finder a", has_text=choice.text[lang]).tap()
    taps += 1
    assert lands_on(page, f"q-{choice.next}")
    follow = next(q for q in DATA.questions if q.id == choice.next)
    answer = follow.answers[route[1]]
    page.locator(f"#q-{follow.id} + .kb-finder a", has_text=answer.text[lang]).tap()
    taps += 1
    page.wait_for_url(target_url(server, lang, answer.target))
    assert lands_on(page, answer.target.split("#")[1])
    assert taps <= 3


def test_every_finder_answer_is_a_link_to_a_step_or_a_question(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for lang in LANGS:
        page.goto(f"{server}{PREFIX[lang]}finder/")
        for q in DATA.questions:
            hrefs = page.locator(f"#q-{q.id} + .kb-finder a").evaluate_all("els => els.map(e => e.href)")
            wanted = [target_url(server, lang, a.target) if a.target else f"{server}{PREFIX[lang]}finder/#q-{a.next}"
                      for a in q.answers]
            assert hrefs == wanted, (lang, q.id)
    context.close()
