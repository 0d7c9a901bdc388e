"""One search index per language.

mkdocs-static-i18n writes a single index with every language in it, so a
reader of the Greek site would get English hits, and Material would search
Greek with English rules. After the build, this splits that index: each
language gets its own site/<prefix>search/search_index.json with its own
lunr language and separator, and the template points each language's pages
at their own index (overrides/main.html).

Each language's index is written twice: search_index.json, the file Material's
page script fetches at start-up, holds the settings only (a few hundred bytes:
what it needs to highlight ?h= words), plus where our search worker finds the
rest; full_index.json holds the entries too, and our search worker
(kb-search.js) fetches it, with Material's worker, once the reader searches.
So a page view does not download the whole language's text, and no browser
API has to be patched to hold Material's request back. (The worker learns the
two file names from the settings Material sends it: a URL fragment would be
lost when the offline worker answers from its cache.)

It also tunes each index for staff searching mid-shift, from data/search.yml:
pages ranked by section of the site (playbooks first), contributors' pages left
out, and per-language synonyms added to the playbooks' entries in a hidden
field. Stemming is switched on for the languages lunr stems; the query side of
it is in overrides/assets/javascripts/workers/kb-search.js.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from scripts import yaml_loader
from scripts.anchors import page_url
from scripts.languages import SOURCE_LANGUAGE


# lunr languages Material ships. Chinese is segmented at build time by jieba
# (word boundaries become U+200B, which the separator splits on), so its
# index uses the language-neutral pipeline and no stemmer.
LUNR_LANG = {"en": "en", "it": "it", "el": "el", "zh": "ja"}
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：「」（）]+"
# The lunr languages whose index is stemmed (lunr ships stemmers for them, and
# kb-search.js stems the query words the same way).
STEMMED = {"en", "it", "el"}
SYNONYMS_FIELD = "synonyms"
# As strong as a title word (Material weights titles 1000 to 1 for text): these are the
# words staff use for the situation the playbook is about.
SYNONYMS_BOOST = 1000.0
# Site-relative to each language's root: what Material fetches, and what the worker fetches.
SETTINGS_INDEX = "search/search_index.json"
FULL_INDEX = "search/full_index.json"
# Where Material puts its search worker, and ours beside it (overrides/assets/javascripts/workers/).
WORKERS = "assets/javascripts/workers/"
MATERIAL_WORKER = "search.*.min.js"


class SearchTuningError(ValueError):
    pass


def load_tuning(path: Path, langs: list[str]) -> dict:
    """data/search.yml, validated: {"rank": {url_prefix: boost}, "exclude": [url],
    "synonyms": {lang: {url: [words]}}}. Errors name the file and the entry."""
    if not path.exists():
        return {"rank": {}, "exclude": [], "synonyms": {}}
    try:
        raw = yaml_loader.load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise SearchTuningError(f"{path.name}: not valid YAML: {exc}") from exc
    where = f"data/{path.name}"

    def url(page, key):
        if not isinstance(page, str) or not (page.endswith(".md") or page.endswith("/")):
            raise SearchTuningError(f"{where}: {key}: '{page}' must be a page (x.md) or a folder (x/) under docs/<lang>/")
        return page if page.endswith("/") else page_url(page)

    rank = {}  # a page's exact URL, or a folder's URL followed by "*"
    for page, boost in (raw.get("rank") or {}).items():
        if not isinstance(boost, (int, float)) or boost <= 0:
            raise SearchTuningError(f"{where}: rank: {page}: the boost must be a positive number")
        rank[url(page, "rank") + ("*" if page.endswith("/") else "")] = float(boost)
    exclude = [url(page, "exclude") for page in raw.get("exclude") or []]
    synonyms: dict[str, dict[str, list[str]]] = {lang: {} for lang in langs}
    for i, group in enumerate(raw.get("synonyms") or [], 1):
        pages = group.get("pages") if isinstance(group, dict) else None
        if not pages:
            raise SearchTuningError(f"{where}: synonyms, group {i}: list the pages it leads to under `pages:`")
        for lang in langs:
            words = group.get(lang)
            if words is None and lang != SOURCE_LANGUAGE:
                continue  # a language being translated: no synonyms yet
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise SearchTuningError(f"{where}: synonyms, group {i} ({pages[0]}): add a list of words for '{lang}'")
            for page in pages:
                synonyms[lang].setdefault(url(page, f"synonyms, group {i}"), []).extend(w.strip() for w in words)
    return {"rank": rank, "exclude": exclude, "synonyms": synonyms}


def tune(docs: list[dict], lang: str, tuning: dict) -> list[dict]:
    """Leave out excluded pages, weight pages by rank, add the synonyms' hidden field."""
    def page_of(location):
        return location.split("#", 1)[0]

    out = []
    for doc in docs:
        page = page_of(doc["location"])
        if page in tuning["exclude"]:
            continue
        best = page if page in tuning["rank"] else max(
            (p for p in tuning["rank"] if p.endswith("*") and page.startswith(p[:-1])), key=len, default=None)
        if best is not None:
            doc = {**doc, "boost": tuning["rank"][best]}
        words = tuning["synonyms"].get(lang, {}).get(page)
        if words and "#" not in doc["location"]:
            doc = {**doc, SYNONYMS_FIELD: " ".join(words)}
        out.append(doc)
    pages = {page_of(d["location"]) for d in docs}
    missing = sorted(set(tuning["synonyms"].get(lang, {})) - pages)
    if missing:
        raise SearchTuningError(f"data/search.yml: synonyms name pages that are not in the '{lang}' search index: "
                                + ", ".join(missing))
    return out


def split(site_dir: Path, prefixes: dict[str, str], tuning: dict | None = None) -> dict[str, int]:
    """Rewrite the shared index into one index per language; returns entry counts.

    `prefixes` maps each built language to its URL prefix ("" for the one at the
    site root: English, or the only language of a SITE_LANG build)."""
    shared_path = site_dir / SETTINGS_INDEX
    shared = json.loads(shared_path.read_text(encoding="utf-8"))
    nested = sorted((code for code, prefix in prefixes.items() if prefix), key=lambda code: -len(prefixes[code]))
    root = next(code for code, prefix in prefixes.items() if not prefix)
    buckets: dict[str, list[dict]] = {code: [] for code in prefixes}
    for doc in shared["docs"]:
        owner = next((code for code in nested if doc["location"].startswith(prefixes[code])), root)
        if prefixes[owner]:
            doc = {**doc, "location": doc["location"][len(prefixes[owner]):]}
        buckets[owner].append(doc)
    workers = sorted((site_dir / WORKERS).glob(MATERIAL_WORKER))
    if len(workers) != 1:
        raise SearchTuningError(f"expected one Material search worker {site_dir / WORKERS / MATERIAL_WORKER}, "
                                f"found {len(workers)}: is the theme mkdocs-material?")
    to_root = "../" * WORKERS.count("/")
    counts = {}
    for code, prefix in prefixes.items():
        config = dict(shared.get("config", {}))
        config["lang"] = [lunr_language(code)]
        config["separator"] = SEPARATOR
        docs = buckets[code]
        if tuning is not None:
            docs = tune(docs, code, tuning)
            if config["lang"][0] in STEMMED:
                config["pipeline"] = ["stopWordFilter", "stemmer"]
            config["fields"] = {**config.get("fields", {}), SYNONYMS_FIELD: {"boost": SYNONYMS_BOOST}}
        # For kb-search.js: Material's worker, and the entries relative to our worker's URL.
        settings = {**config, "kb_worker": workers[0].name, "kb_index": to_root + prefix + FULL_INDEX}
        for name, index in ((FULL_INDEX, {"config": config, "docs": docs}), (SETTINGS_INDEX, {"config": settings, "docs": []})):
            target = site_dir / prefix / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[code] = len(docs)
    return counts


def lunr_language(code: str) -> str:
    """The lunr language Material ships for `code`, or English rules for one it lacks."""
    if code in LUNR_LANG:
        return LUNR_LANG[code]
    import material

    shipped = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{code}.min.js"
    return code if shipped.exists() else "en"
