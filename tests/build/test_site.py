"""The strict build: every page of every language, right lang attributes, right UI language,
nothing fetched from other hosts."""

from __future__ import annotations

import json
import re

import hanzidentifier
import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import LANGS, UI_LANG, built_path, english_pages

SITE_NAME = {"en": "Customer Service Knowledge Base", "it": "Conoscenze sul servizio clienti",
             "el": "Βάση γνώσεων για την εξυπηρέτηση πελατών", "zh": "顧客服務知識庫"}


def parse(path):
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_english_page_is_built_in_every_language(site_dir, lang):
    missing = [p for p in english_pages() if not built_path(site_dir, lang, p).exists()]
    assert not missing, f"{lang}: pages not built: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_carry_language_attribute_and_site_name(site_dir, lang):
    for page in english_pages():
        tree = parse(built_path(site_dir, lang, page))
        assert tree.css_first("html").attributes.get("lang") == UI_LANG[lang], page
        assert SITE_NAME[lang] in tree.css_first("title").text(), page


def _ui_strings(tree) -> dict:
    return json.loads(tree.css_first("#__config").text())["translations"]


def test_chinese_ui_is_traditional(site_dir):
    """A naive setup shows Simplified UI strings (已复制) on the zh site."""
    for page in ("index.md", "playbooks/saying-no.md"):
        tree = parse(built_path(site_dir, "zh", page))
        strings = _ui_strings(tree)
        assert strings["clipboard.copied"] != "已复制"
        for text in strings.values():
            if hanzidentifier.has_chinese(text):
                assert hanzidentifier.identify(text) in (hanzidentifier.TRADITIONAL, hanzidentifier.BOTH), text
        placeholder = tree.css_first("input[data-md-component=search-query]").attributes["placeholder"]
        assert placeholder == "搜尋", placeholder


@pytest.mark.parametrize("lang", ("it", "el"))
def test_ui_is_in_the_page_language(site_dir, lang):
    tree = parse(built_path(site_dir, lang, "index.md"))
    english = _ui_strings(parse(built_path(site_dir, "en", "index.md")))
    assert _ui_strings(tree)["search.result.none"] != english["search.result.none"]


def test_no_third_party_resources_in_html(site_dir):
    """No web fonts, CDN scripts or trackers: every loaded resource is on the site itself."""
    offenders = []
    for path in site_dir.rglob("*.html"):
        tree = parse(path)
        for node in tree.css("script[src], link[href], img[src], iframe[src], source[src]"):
            if node.tag == "link" and node.attributes.get("rel") not in ("stylesheet", "preload", "icon", "manifest", "modulepreload"):
                continue
            url = node.attributes.get("src") or node.attributes.get("href") or ""
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{path.relative_to(site_dir)}: {url}")
    assert not offenders, offenders[:10]


def test_css_has_no_remote_imports(site_dir):
    offenders = [str(p) for p in site_dir.rglob("*.css") if re.search(r"@import\s+url\(\s*['\"]?https?:", p.read_text(errors="ignore"))]
    assert not offenders


@pytest.mark.parametrize("lang", LANGS)
def test_citations_render_as_footnotes_linking_to_bibliography(site_dir, lang):
    tree = parse(built_path(site_dir, lang, "history/origins.md"))
    notes = tree.css(".footnote li")
    assert notes, "no footnotes on the origins page"
    for note in notes:
        links = [a.attributes.get("href", "") for a in note.css("a")]
        assert any("bibliography/#ref-" in href for href in links), note.text()[:80]


@pytest.mark.parametrize("lang", LANGS)
def test_edit_link_points_to_the_page_source_file(site_dir, lang):
    for page in english_pages():
        tree = parse(built_path(site_dir, lang, page))
        edit = tree.css_first("a.md-content__button[href*='/edit/']")
        assert edit is not None, f"{lang}/{page}: no edit link"
        assert edit.attributes["href"].endswith(f"/docs/{lang}/{page}"), edit.attributes["href"]
