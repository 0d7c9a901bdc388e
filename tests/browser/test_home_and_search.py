"""In headless Chromium: each language's home page loads cleanly and offline, and its
search finds that language's pages only."""

from __future__ import annotations

import re

import pytest

from tests.conftest import LANGS, PREFIX, wait_until

# A word from a page of each language, and that page.
SEARCHES = {
    "en": ("Wanamaker", "history/origins/"),
    "it": ("reclami", "playbooks/feedback-loop/"),
    "el": ("αίτημα", "playbooks/saying-no/"),
    "zh": ("顧客", "playbooks/saying-no/"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_loads_without_errors_or_foreign_requests(probe, server, lang):
    probe.page.goto(server + PREFIX[lang])
    probe.page.wait_for_load_state("networkidle")
    assert probe.page.locator("h1").count() == 1
    assert probe.console_errors == []
    assert probe.foreign_requests() == []


@pytest.mark.parametrize("lang", LANGS)
def test_search_lists_the_page_and_only_this_language(probe, server, lang):
    # A language added later searches its untranslated (English) pages with the English word
    # until a word of its own is added above.
    word, expected = SEARCHES.get(lang, SEARCHES["en"])
    probe.page.goto(server + PREFIX[lang])
    probe.page.fill("input[data-md-component=search-query]", word)
    probe.page.press("input[data-md-component=search-query]", "End")  # Material reads the field on keyup
    probe.page.wait_for_selector(".md-search-result__item a", timeout=10000)
    hrefs = probe.page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href.split('?')[0].split('#')[0])")
    assert server + PREFIX[lang] + expected in hrefs, hrefs[:10]
    other = [h for h in hrefs if any(h.startswith(server + p) for p in PREFIX.values() if p and p != PREFIX[lang])]
    assert other == [], other[:5]
    assert probe.console_errors == []
    assert probe.foreign_requests() == []


def test_search_index_and_worker_load_only_when_search_is_used(probe, server):
    """A first visit to a playbook does not pay for search until the reader searches: it gets
    the index's settings and our small worker, not the language's text or Material's worker."""
    probe.page.goto(server + "playbooks/saying-no/")
    probe.page.wait_for_load_state("networkidle")
    heavy = ("search/full_index.json", "/workers/search.", "/lunr/")
    assert not [u for u in probe.requests if any(h in u for h in heavy)], probe.requests
    assert any(u.endswith("/workers/kb-search.js") for u in probe.requests)
    probe.page.focus("input[data-md-component=search-query]")  # an intent to search: loading starts
    loaded = lambda: [u for u in probe.requests if u.endswith("search/full_index.json")  # noqa: E731
                      or re.search(r"/workers/search\.[0-9a-f]+\.min\.js$", u)]
    for _ in range(200):  # the worker hears of it through a channel: no page event to wait for
        if len(loaded()) == 2:
            break
        probe.page.wait_for_timeout(50)
    assert len(loaded()) == 2, probe.requests
    assert probe.console_errors == []


@pytest.mark.parametrize("lang", ["el"])
def test_search_without_connection_says_so_then_works_when_back(probe, server, lang):
    """Bad Wi-Fi on a first visit (nothing saved for offline yet): search says it is not
    available, in the page's language, instead of "no matching documents"; back online,
    the results come without another key."""
    import yaml

    from tests.conftest import REPO

    unavailable = yaml.safe_load((REPO / "data" / "ui.yml").read_text(encoding="utf-8"))["search.unavailable"][lang]
    word, expected = SEARCHES[lang]
    probe.page.goto(server + PREFIX[lang] + expected)
    probe.page.wait_for_load_state("networkidle")
    probe.page.context.set_offline(True)
    query = probe.page.locator("input[data-md-component=search-query]")
    query.fill(word)
    query.press("End")
    meta = ".md-search-result__meta"
    wait_until(probe.page, "([sel, text]) => document.querySelector(sel).textContent === text", [meta, unavailable],
               timeout=10000)
    assert probe.page.locator(".md-search-result__item").count() == 0
    probe.page.context.set_offline(False)
    probe.page.wait_for_selector(".md-search-result__item a", timeout=10000)
    assert probe.page.locator(meta).inner_text() != unavailable


@pytest.mark.parametrize("lang", ["zh", "el"])
def test_text_entered_without_keys_searches(phone, server, lang):
    """Pasted or dictated text, or an input method's choice, comes without key events
    (Playwright's fill() enters text that way): it searches all the same."""
    word, expected = SEARCHES[lang]
    phone.page.goto(server + PREFIX[lang])
    phone.page.locator("label.md-header__button[for=__search]").click()
    phone.page.locator("input[data-md-component=search-query]").fill(word)
    phone.page.wait_for_selector(".md-search-result__item a", timeout=10000)
    hrefs = phone.page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href.split('?')[0].split('#')[0])")
    assert server + PREFIX[lang] + expected in hrefs, hrefs[:10]
    assert phone.console_errors == []


def test_shared_search_link_searches_at_once(probe, server):
    """A ?q= link from a colleague opens the page with the results listed, without a key pressed."""
    probe.page.goto(server + "?q=Wanamaker")
    probe.page.wait_for_selector(".md-search-result__item a", timeout=10000)
    hrefs = probe.page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href.split('?')[0])")
    assert any(h.startswith(server + "history/origins/") for h in hrefs), hrefs[:10]
    assert probe.console_errors == []
