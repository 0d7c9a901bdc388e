"""One search index per language, with that language's pages only."""

from __future__ import annotations

import json

import pytest

from scripts import search_index
from tests.conftest import LANGS, PREFIX, english_pages


def load(site_dir, lang):
    return json.loads((site_dir / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index_with_its_own_pages(site_dir, lang):
    index = load(site_dir, lang)
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    # every page (the 404 page is not indexed) but the contributors' pages (data/search.yml)
    assert len(pages) >= len(english_pages()) - 2
    assert not pages & {"contributing/", "status/"}
    for other in ("it/", "el/", "zh/"):
        assert not any(loc.startswith(other) for loc in pages), f"{lang} index holds {other} pages"


def test_index_languages_and_chinese_segmentation(site_dir):
    assert load(site_dir, "el")["config"]["lang"] == ["el"]
    assert load(site_dir, "it")["config"]["lang"] == ["it"]
    zh = load(site_dir, "zh")
    text = " ".join(doc["text"] for doc in zh["docs"])
    # jieba with the Traditional dictionary keeps 顧客 whole, so a search for it matches.
    assert "\u200b顧客\u200b" in text
    assert "\u200b當顧\u200b" not in text


def test_split_routes_entries_by_language_prefix(tmp_path):
    (tmp_path / "search").mkdir()
    shared = {"config": {"lang": ["en", "it"], "separator": "x"}, "docs": [
        {"location": "", "title": "Home", "text": "a"},
        {"location": "it/storia/", "title": "Storia", "text": "b"},
        {"location": "zh/history/#x", "title": "歷史", "text": "c"},
    ]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(shared))
    counts = search_index.split(tmp_path, {"en": "", "it": "it/", "zh": "zh/"})
    assert counts == {"en": 1, "it": 1, "zh": 1}
    it = json.loads((tmp_path / "it" / "search" / "search_index.json").read_text())
    assert it["docs"][0]["location"] == "storia/" and it["config"]["lang"] == ["it"]
    zh = json.loads((tmp_path / "zh" / "search" / "search_index.json").read_text())
    assert zh["docs"][0]["location"] == "history/#x"


def test_single_language_build_indexes_that_language_at_the_root(tmp_path):
    """make serve SITE_LANG=el puts Greek at the root: its index must use Greek rules."""
    (tmp_path / "search").mkdir()
    shared = {"config": {"lang": ["en"]}, "docs": [{"location": "history/", "title": "Ιστορία", "text": "α"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(shared))
    assert search_index.split(tmp_path, {"el": ""}) == {"el": 1}
    assert json.loads((tmp_path / "search" / "search_index.json").read_text())["config"]["lang"] == ["el"]
