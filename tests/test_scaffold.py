"""`make new-language` scaffolds a language that builds at once, every page served
as untranslated and counted as missing."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.repo_copy import build, make_copy, run


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    copy = make_copy(tmp_path_factory.mktemp("repo") / "kb")
    result = run(copy, "-m", "scripts.cli", "new-language", "pt", "Português")
    assert "added pt (Português) to mkdocs.yml" in result.stdout
    return copy


@pytest.fixture(scope="module")
def scaffolded_site(scaffolded):
    return build(scaffolded)


def test_scaffolded_language_builds_with_every_page_untranslated(scaffolded_site):
    site = scaffolded_site
    page = LexborHTMLParser((site / "pt" / "playbooks" / "saying-no" / "index.html").read_text(encoding="utf-8"))
    assert page.css_first("html").attributes["lang"] == "pt"
    assert page.css_first('[data-translation-status="missing"]') is not None
    assert (site / "pt" / "search" / "search_index.json").exists()


def test_scaffolded_language_is_tracked_as_missing(scaffolded):
    data = json.loads(run(scaffolded, "-m", "scripts.cli", "status", "--format", "json").stdout)
    assert data["summary"]["pt"]["missing"] == data["summary"]["it"]["current"] + data["summary"]["it"]["outdated"]
    assert (scaffolded / "data" / "glossary" / "pt.yml").exists()


def test_bad_language_code_is_refused(scaffolded):
    result = run(scaffolded, "-m", "scripts.cli", "new-language", "portuguese", "X", check=False)
    assert result.returncode == 2 and "ISO 639-1" in result.stderr
    result = run(scaffolded, "-m", "scripts.cli", "new-language", "it", "Italiano", check=False)
    assert result.returncode == 2 and "already configured" in result.stderr


def test_untranslated_pages_are_searchable_in_the_new_language(scaffolded_site):
    """Fallback pages belong to the new language's own index (static-i18n would drop them)."""
    site = scaffolded_site
    index = json.loads((site / "pt" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("playbooks/saying-no/") for doc in index["docs"])
