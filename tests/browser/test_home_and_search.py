"""In headless Chromium: each language's home page loads cleanly and offline, and its
search finds that language's pages only."""

from __future__ import annotations

import pytest

from tests.conftest import LANGS, PREFIX

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
    """A first visit to a playbook does not pay for search until the reader searches."""
    probe.page.goto(server + "playbooks/saying-no/")
    probe.page.wait_for_load_state("networkidle")
    assert not [u for u in probe.requests if "search_index.json" in u or "/workers/" in u]
    probe.page.focus("input[data-md-component=search-query]")
    probe.page.wait_for_load_state("networkidle")
    assert any(u.endswith("search/search_index.json") for u in probe.requests)
    assert any(u.endswith("/workers/kb-search.js") for u in probe.requests)  # Material's worker file is its name
