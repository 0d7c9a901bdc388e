"""In headless Chromium: a playbook, read on a phone or a desktop in any language,
works on a closed network: nothing is asked of another host, every request of the
page (search index, workers, language files included) succeeds, and nothing
reaches the console as an error."""

from __future__ import annotations

import pytest

from tests.conftest import LANGS, REPO, page_url

PAGE = "playbooks/saying-no.md"
# A word of each language's playbook: searching loads the search worker, the
# language's index and lunr's language support, which a page load alone does not.
SEARCH_WORD = {"en": "refund", "it": "rimborso", "el": "πελάτης", "zh": "顧客"}


def search_word(lang: str) -> str:
    """The language's word; a language added later, whose playbook is still served from
    English, is searched in English until its translator adds a word here."""
    if lang in SEARCH_WORD:
        return SEARCH_WORD[lang]
    if not (REPO / "docs" / lang / PAGE).exists():
        return SEARCH_WORD["en"]
    pytest.fail(f"docs/{lang}/{PAGE} is translated: add a word of it for '{lang}' to SEARCH_WORD in {__file__}")


def record_failures(page) -> list[str]:
    failures: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failures.append(f"failed ({r.failure}) {r.url}"))
    return failures


def read_the_page(page, server, lang) -> None:
    page.goto(page_url(server, lang, PAGE) + "#give-reason")
    # Search, as a reader does: the search icon on a phone, the search field on a desktop.
    icon = page.locator("label.md-header__button[for=__search]")
    query = page.locator("input[data-md-component=search-query]")
    (icon if icon.is_visible() else query).click()
    # Typed. Material reads the field on keyup; Playwright enters Greek and Chinese
    # text without key events (as an input method commits it), so one key follows.
    query.press_sequentially(search_word(lang), delay=20)
    query.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.keyboard.press("Escape")
    # The cite box, the language menu and the copy-link buttons are all local too.
    page.locator("details#cite-this-page > summary").click()
    page.locator(".md-header .md-select > button").click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("device", ("probe", "phone"), ids=("desktop", "phone"))
@pytest.mark.parametrize("lang", LANGS)
def test_playbook_stays_local(request, server, lang, device):
    reader = request.getfixturevalue(device)
    failures = record_failures(reader.page)
    read_the_page(reader.page, server, lang)
    assert reader.foreign_requests() == []
    assert failures == []
    assert reader.console_errors == []
    assert len(reader.requests) >= 5, reader.requests  # the page, its CSS and JS, the search index were seen
    assert any(url.endswith("search/full_index.json") for url in reader.requests), reader.requests
