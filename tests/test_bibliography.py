"""The bibliography: parsed with pybtex, generated page grouped by kind, footnotes link to it."""

from __future__ import annotations

import re

import pytest
from pybtex.database import BibliographyDataError
from selectolax.lexbor import LexborHTMLParser

from scripts import bibliography
from tests.conftest import LANGS, REPO, built_path


def test_all_entries_load_and_are_at_least_25():
    data = bibliography.load(REPO / "data" / "bib")
    assert len(data.entries) >= 25


def test_duplicate_key_across_files_is_an_error(tmp_path):
    entry = "@book{same2000key, author={A, B}, title={T}, year={2000}, publisher={P}}\n"
    (tmp_path / "a.bib").write_text(entry)
    (tmp_path / "b.bib").write_text(entry)
    with pytest.raises(BibliographyDataError, match="same2000key"):
        bibliography.load(tmp_path)


def test_titles_keep_their_case():
    data = bibliography.load(REPO / "data" / "bib")
    assert "Marshall Field" in bibliography.render_entry_html(data.entries["globe1905field"])


@pytest.mark.parametrize("lang", LANGS)
def test_bibliography_page_lists_every_entry_grouped(site_dir, lang):
    data = bibliography.load(REPO / "data" / "bib")
    page = LexborHTMLParser(built_path(site_dir, lang, "bibliography.md").read_text(encoding="utf-8"))
    listed = {node.attributes["data-key"] for node in page.css("li.kb-ref")}
    assert listed == set(data.entries)
    groups = [node.attributes["id"] for node in page.css("h2[id]")]
    assert groups[:4] == ["primary-sources", "secondary-sources", "source-articles", "research"]


def test_adjacent_citations_are_separated(site_dir):
    """[@a; @b] renders as two footnote numbers with a comma, not as one number "12"."""
    html = built_path(site_dir, "en", "index.md").read_text(encoding="utf-8")
    assert re.search(r"</sup><sup>,</sup><sup id=\"?fnref", html)


def test_glossary_page_has_no_tooltips_on_its_own_terms(site_dir):
    page = LexborHTMLParser(built_path(site_dir, "en", "glossary.md").read_text(encoding="utf-8"))
    assert page.css("h2 abbr") == []
