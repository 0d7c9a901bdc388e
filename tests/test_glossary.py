"""The glossary data: the same terms in every language, rendered as a page and as tooltips."""

from __future__ import annotations

import pytest

from scripts import glossary
from tests.conftest import LANGS, REPO, built_path
from selectolax.lexbor import LexborHTMLParser

DATA = REPO / "data"


def test_every_language_has_the_same_terms_in_the_same_order():
    keys = {lang: [t.key for t in glossary.load(DATA, lang)] for lang in LANGS}
    assert len(keys["en"]) >= 20
    for lang in LANGS:
        assert keys[lang] == keys["en"], lang


def test_malformed_glossary_is_a_clear_error(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "en.yml").write_text("term-a:\n  term: A\n")  # no definition
    with pytest.raises(glossary.GlossaryError, match="term-a.*definition"):
        glossary.load(tmp_path, "en")
    (tmp_path / "glossary" / "en.yml").write_text("term-a: [unclosed\n")
    with pytest.raises(glossary.GlossaryError, match="en.yml"):
        glossary.load(tmp_path, "en")


def test_abbreviations_list_every_surface_form():
    terms = [glossary.Term("clv", "Customer lifetime value", "What a customer is worth [over time].", abbr=["CLV", "customer lifetime value"])]
    assert glossary.abbreviations(terms) == {"CLV": "What a customer is worth (over time).",
                                             "customer lifetime value": "What a customer is worth (over time)."}


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_and_tooltips_are_rendered(site_dir, lang):
    terms = glossary.load(DATA, lang)
    page = LexborHTMLParser(built_path(site_dir, lang, "glossary.md").read_text(encoding="utf-8"))
    ids = {node.attributes.get("id") for node in page.css("h2[id]")}
    assert {t.key for t in terms} <= ids
    # Tooltips: an <abbr> with the definition appears on pages that use a term.
    abbrs = [node for path in (site_dir / ("" if lang == "en" else lang)).rglob("index.html")
             for node in LexborHTMLParser(path.read_text(encoding="utf-8")).css("abbr[title]")]
    assert len(abbrs) >= 5, f"{lang}: few or no glossary tooltips"
