"""In headless Chromium: "Cite this page" on every kind of page, in every language.

The plain-text citation names the page, the site (in the page's language) and the
page's address; the BibTeX entry parses and carries the same title and address; the
box's labels are in the page's language, and its copy buttons copy what they say."""

from __future__ import annotations

import pytest
import yaml
from pybtex.database import parse_string

from scripts.languages import i18n_config, load_mkdocs_config
from tests.conftest import COMPLETE, LANGS, PREFIX, REPO, page_url, tabs_in_one_context, wait_until

UI = yaml.safe_load((REPO / "data" / "ui.yml").read_text(encoding="utf-8"))

# One page of each kind: home, explanation, perspective, how-to, reference (three kinds), tutorial.
PAGE_TYPES = ("index.md", "history/origins.md", "perspectives/business-leaders.md", "playbooks/saying-no.md",
              "glossary.md", "bibliography.md", "status.md", "training/session-plans.md")


def site_names() -> dict[str, str]:
    config = load_mkdocs_config(REPO)
    names = {lang["locale"]: lang.get("site_name") or config["site_name"] for lang in i18n_config(config)["languages"]}
    return {lang: names[lang] for lang in LANGS}


SITE_NAME = site_names()

CASES = [pytest.param(lang, doc, id=f"{lang}-{doc[:-3]}") for lang in LANGS for doc in PAGE_TYPES]


shared_context, tab = tabs_in_one_context(permissions=["clipboard-read", "clipboard-write"])


# Everything the test reads from the box, in one round trip to the browser.
READ_CITE_BOX = """() => {
  const box = document.querySelector("details#cite-this-page");
  const text = el => el ? el.innerText.trim() : null;
  const h1 = document.querySelector("article h1").cloneNode(true);
  h1.querySelectorAll(".headerlink").forEach(a => a.remove());
  return {
    open: box.open,
    summary: text(box.querySelector("summary")),
    labels: [...box.querySelectorAll("strong")].map(text),
    buttons: [...box.querySelectorAll("button.kb-cite-copy")].map(text),
    title: h1.textContent.trim(),
    canonical: document.querySelector("link[rel=canonical]").href,
    plain: text(box.querySelector("#kb-cite-plain")),
    bibtex: text(box.querySelector("#kb-cite-bibtex")),
  };
}"""


def test_site_names_differ_per_language():
    names = {lang: SITE_NAME[lang] for lang in COMPLETE}
    assert len(set(names.values())) == len(COMPLETE), names


@pytest.mark.parametrize("lang, doc", CASES)
def test_cite_box(tab, server, lang, doc):
    page = tab.page
    page.goto(page_url(server, lang, doc))
    summary = page.locator("details#cite-this-page > summary")
    assert summary.count() == 1, "no cite box"
    summary.click()  # opened as a reader opens it
    seen = page.evaluate(READ_CITE_BOX)
    assert seen["open"]

    # Labels in the page's language.
    assert seen["summary"] == UI["cite.title"][lang]
    assert seen["labels"] == [UI["cite.plain"][lang], UI["cite.bibtex"][lang]]
    assert seen["buttons"] == [UI["cite.copy"][lang]] * 2
    title, canonical, plain, bibtex = seen["title"], seen["canonical"], seen["plain"], seen["bibtex"]
    # The address cited is the page's published address (site_url + this page's path).
    assert canonical.endswith("/" + PREFIX[lang] + page_url("", "en", doc)), canonical

    assert title in plain, f"title {title!r} not in {plain!r}"
    assert SITE_NAME[lang] in plain, f"site name {SITE_NAME[lang]!r} not in {plain!r}"
    assert canonical in plain.split(), f"address {canonical!r} not in {plain!r}"
    for other in LANGS:
        if other != lang and SITE_NAME[other] not in SITE_NAME[lang]:
            assert SITE_NAME[other] not in plain, f"{other} site name in the {lang} citation"

    entries = parse_string(bibtex, "bibtex").entries
    assert len(entries) == 1, bibtex
    (key, entry), = entries.items()
    assert entry.fields["title"].strip("{}") == title
    assert entry.fields["url"] == canonical
    assert lang in key.split("-"), key
    assert tab.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_cite_copy_buttons_copy_the_citation(tab, server, lang):
    page = tab.page
    page.goto(page_url(server, lang, "playbooks/saying-no.md"))
    box = page.locator("details#cite-this-page")
    box.locator("summary").click()
    for target in ("kb-cite-plain", "kb-cite-bibtex"):
        button = box.locator(f"button[data-kb-copy-target={target}]")
        button.focus()
        page.keyboard.press("Enter")
        status = button.locator("xpath=following-sibling::*[@role='status'][1]")
        wait_until(page, "el => el.textContent.trim() !== ''", arg=status.element_handle(), timeout=3000)
        assert status.inner_text().strip() == UI["cite.done"][lang]
        expected = box.locator(f"#{target}").inner_text().strip()
        assert page.evaluate("navigator.clipboard.readText()") == expected
    assert tab.console_errors == []
