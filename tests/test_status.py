"""Translation status: an edited English paragraph outdates exactly that page's
translations, in `make status`, on the status page and in the page banners."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.repo_copy import build, make_copy, run

PAGE = "playbooks/saying-no.md"
SECTION = "give-reason"


@pytest.fixture(scope="module")
def edited_copy(tmp_path_factory):
    copy = make_copy(tmp_path_factory.mktemp("repo") / "kb")
    english = copy / "docs" / "en" / PAGE
    text = english.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.endswith("{#" + SECTION + "}"))
    # Add a sentence to the first paragraph of that section.
    head, tail = text.split(heading, 1)
    tail = tail.replace("\n\n", "\n\nA new sentence that the translations do not have yet.\n\n", 1)
    english.write_text(head + heading + tail, encoding="utf-8")
    (copy / "docs" / "it" / "glossary.md").unlink()  # and one translation goes missing
    return copy


def status_json(copy):
    return json.loads(run(copy, "-m", "scripts.cli", "status", "--format", "json").stdout)


def test_status_reports_exactly_the_edited_page_as_outdated(edited_copy):
    data = status_json(edited_copy)
    outdated = [(p["lang"], p["page"], p["changed_sections"]) for p in data["pages"] if p["state"] == "outdated"]
    assert sorted(outdated) == [(lang, PAGE, [SECTION]) for lang in ("el", "it", "zh")]
    missing = [(p["lang"], p["page"]) for p in data["pages"] if p["state"] == "missing"]
    assert missing == [("it", "glossary.md")]
    assert data["summary"]["el"]["outdated"] == 1 and data["summary"]["el"]["missing"] == 0


def test_text_status_names_the_changed_section(edited_copy):
    out = run(edited_copy, "-m", "scripts.cli", "status").stdout
    assert f"outdated {PAGE}  (changed: {SECTION})" in out


@pytest.fixture(scope="module")
def edited_site(edited_copy):
    return build(edited_copy)


def html(site, path):
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ("it", "el", "zh"))
def test_outdated_banner_only_on_the_edited_page(edited_site, lang):
    banner = html(edited_site, f"{lang}/playbooks/saying-no/index.html").css_first('[data-translation-status="outdated"]')
    assert banner is not None
    link = banner.css_first("a[hreflang=en]")
    assert link is not None and link.attributes["href"].endswith("playbooks/saying-no/")
    for other in ("playbooks/wrong-on-facts", "history/origins", ""):
        page = html(edited_site, f"{lang}/{other}/index.html".replace("//", "/"))
        assert page.css_first("[data-translation-status]") is None, other


def test_banner_is_in_the_page_language(edited_site):
    text = html(edited_site, "el/playbooks/saying-no/index.html").css_first('[data-translation-status="outdated"]').text()
    assert "μετάφραση" in text


def test_status_page_lists_the_outdated_page_in_every_language(edited_site):
    for prefix in ("", "it/", "el/", "zh/"):
        page = html(edited_site, f"{prefix}status/index.html")
        rows = [row.text() for row in page.css("tr") if row.css_first('[data-translation-status="outdated"]')]
        assert len(rows) == 3 and all(PAGE in row for row in rows), prefix


def test_missing_translation_is_served_from_english_with_a_notice(edited_site):
    page = html(edited_site, "it/glossary/index.html")
    notice = page.css_first('[data-translation-status="missing"]')
    assert notice is not None and "tradotta" in notice.text()
    assert page.css_first("html").attributes["lang"] == "it"


def test_marking_current_clears_the_page(edited_copy):
    run(edited_copy, "-m", "scripts.cli", "mark-current", f"docs/it/{PAGE}")
    data = status_json(edited_copy)
    states = {(p["lang"], p["page"]): p["state"] for p in data["pages"]}
    assert states[("it", PAGE)] == "current"
    assert states[("el", PAGE)] == "outdated"
