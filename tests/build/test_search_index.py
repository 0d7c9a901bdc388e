"""One search index per language, with that language's pages only."""

from __future__ import annotations

import json

import pytest

from scripts import search_index
from tests.conftest import LANGS, PREFIX, english_pages


def load(site_dir, lang, name=search_index.FULL_INDEX):
    return json.loads((site_dir / PREFIX[lang] / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index_with_its_own_pages(site_dir, lang):
    index = load(site_dir, lang)
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    # every page (the 404 page is not indexed) but the contributors' pages (data/search.yml)
    assert len(pages) >= len(english_pages()) - 2
    assert not pages & {"contributing/", "status/"}
    for other in ("it/", "el/", "zh/"):
        assert not any(loc.startswith(other) for loc in pages), f"{lang} index holds {other} pages"


@pytest.mark.parametrize("lang", LANGS)
def test_material_fetches_the_settings_only_at_start_up(site_dir, lang):
    """What every page view downloads (search_index.json) holds the index's settings, not
    the language's text: the entries come with the first search (kb-search.js)."""
    settings, full = load(site_dir, lang, search_index.SETTINGS_INDEX), load(site_dir, lang)
    assert settings["docs"] == [] and settings["config"].items() >= full["config"].items()
    # where kb-search.js finds the rest, relative to itself
    worker = site_dir / search_index.WORKERS
    assert (worker / settings["config"]["kb_worker"]).is_file() and (worker / "kb-search.js").is_file()
    assert (worker / settings["config"]["kb_index"]).resolve() == (site_dir / PREFIX[lang] / search_index.FULL_INDEX).resolve()
    assert len(full["docs"]) > 50
    size = (site_dir / PREFIX[lang] / search_index.SETTINGS_INDEX).stat().st_size
    assert size < 1000 < (site_dir / PREFIX[lang] / search_index.FULL_INDEX).stat().st_size


def test_index_languages_and_chinese_segmentation(site_dir):
    assert load(site_dir, "el")["config"]["lang"] == ["el"]
    assert load(site_dir, "it")["config"]["lang"] == ["it"]
    zh = load(site_dir, "zh")
    text = " ".join(doc["text"] for doc in zh["docs"])
    # jieba with the Traditional dictionary keeps 顧客 whole, so a search for it matches.
    assert "\u200b顧客\u200b" in text
    assert "\u200b當顧\u200b" not in text


def material_worker(site):
    (site / search_index.WORKERS).mkdir(parents=True)
    (site / search_index.WORKERS / "search.0123abcd.min.js").write_text("")


def test_split_routes_entries_by_language_prefix(tmp_path):
    (tmp_path / "search").mkdir()
    material_worker(tmp_path)
    shared = {"config": {"lang": ["en", "it"], "separator": "x"}, "docs": [
        {"location": "", "title": "Home", "text": "a"},
        {"location": "it/storia/", "title": "Storia", "text": "b"},
        {"location": "zh/history/#x", "title": "歷史", "text": "c"},
    ]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(shared))
    counts = search_index.split(tmp_path, {"en": "", "it": "it/", "zh": "zh/"})
    assert counts == {"en": 1, "it": 1, "zh": 1}
    it = json.loads((tmp_path / "it" / "search" / "full_index.json").read_text())
    assert it["docs"][0]["location"] == "storia/" and it["config"]["lang"] == ["it"]
    assert json.loads((tmp_path / "it" / "search" / "search_index.json").read_text())["docs"] == []
    zh = json.loads((tmp_path / "zh" / "search" / "full_index.json").read_text())
    assert zh["docs"][0]["location"] == "history/#x"


def test_single_language_build_indexes_that_language_at_the_root(tmp_path):
    """make serve SITE_LANG=el puts Greek at the root: its index must use Greek rules."""
    (tmp_path / "search").mkdir()
    material_worker(tmp_path)
    shared = {"config": {"lang": ["en"]}, "docs": [{"location": "history/", "title": "Ιστορία", "text": "α"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(shared))
    assert search_index.split(tmp_path, {"el": ""}) == {"el": 1}
    for name in ("search_index.json", "full_index.json"):
        assert json.loads((tmp_path / "search" / name).read_text())["config"]["lang"] == ["el"]


def test_tuning_ranks_excludes_and_adds_synonyms(tmp_path):
    (tmp_path / "search.yml").write_text(
        "rank:\n  playbooks/: 4\n  playbooks/index.md: 2\n  glossary.md: 0.5\n"
        "exclude: [status.md]\n"
        "synonyms:\n  - pages: [playbooks/saying-no.md]\n    en: [refund, money back]\n    it: [rimborso]\n",
        encoding="utf-8")
    tuning = search_index.load_tuning(tmp_path / "search.yml", ["en", "it", "pt"])
    docs = [{"location": "playbooks/saying-no/", "title": "Saying no", "text": "a"},
            {"location": "playbooks/saying-no/#give-reason", "title": "Give the reason", "text": "b"},
            {"location": "playbooks/", "title": "Playbooks", "text": "c"},
            {"location": "glossary/#refund-policy", "title": "Refund policy", "text": "d"},
            {"location": "status/", "title": "Status", "text": "e"},
            {"location": "history/", "title": "History", "text": "f"}]
    out = {d["location"]: d for d in search_index.tune(docs, "en", tuning)}
    assert "status/" not in out
    assert out["playbooks/saying-no/"]["boost"] == 4 and out["playbooks/saying-no/#give-reason"]["boost"] == 4
    assert out["playbooks/"]["boost"] == 2 and out["glossary/#refund-policy"]["boost"] == 0.5
    assert "boost" not in out["history/"]
    assert out["playbooks/saying-no/"]["synonyms"] == "refund money back"
    assert "synonyms" not in out["playbooks/saying-no/#give-reason"]
    # a language being scaffolded (pt) has no synonyms yet: nothing added, no error
    assert "synonyms" not in {d["location"]: d for d in search_index.tune(docs, "pt", tuning)}["playbooks/saying-no/"]


@pytest.mark.parametrize("text, words", [
    ("rank:\n  playbooks/: -1\n", "positive number"),
    ("exclude: [status]\n", "must be a page"),
    ("synonyms:\n  - en: [refund]\n", "pages:"),
    ("synonyms:\n  - pages: [playbooks/saying-no.md]\n    it: [rimborso]\n", "words for 'en'"),
])
def test_bad_tuning_names_the_file_and_the_entry(tmp_path, text, words):
    (tmp_path / "search.yml").write_text(text, encoding="utf-8")
    with pytest.raises(search_index.SearchTuningError, match="data/search.yml") as err:
        search_index.load_tuning(tmp_path / "search.yml", ["en", "it"])
    assert words in str(err.value)


def test_synonyms_for_a_page_missing_from_the_index_stop_the_build(tmp_path):
    (tmp_path / "search.yml").write_text("synonyms:\n  - pages: [playbooks/gone.md]\n    en: [x]\n", encoding="utf-8")
    tuning = search_index.load_tuning(tmp_path / "search.yml", ["en"])
    with pytest.raises(search_index.SearchTuningError, match="playbooks/gone/"):
        search_index.tune([{"location": "", "title": "Home", "text": ""}], "en", tuning)


def test_staff_search_tuning_in_the_built_index(site_dir):
    for lang in LANGS:
        index = load(site_dir, lang)
        assert index["config"]["fields"]["synonyms"]["boost"] >= 100
        stemmed = "stemmer" in index["config"]["pipeline"]
        assert stemmed == (lang != "zh"), (lang, index["config"]["pipeline"])
        top = {d["location"]: d for d in index["docs"]}
        assert top["playbooks/abusive-customers/"]["boost"] > top["glossary/"]["boost"]
        assert top["playbooks/abusive-customers/"]["synonyms"]


def test_split_names_a_missing_material_worker(tmp_path):
    """Our worker loads Material's by the name the build finds: without one, the build says so."""
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": {"lang": ["en"]}, "docs": []}))
    with pytest.raises(search_index.SearchTuningError, match=r"assets/javascripts/workers/search\.\*\.min\.js"):
        search_index.split(tmp_path, {"en": ""})
