"""One search index per language.

mkdocs-static-i18n writes a single index with every language in it, so a
reader of the Greek site would get English hits, and Material would search
Greek with English rules. After the build, this splits that index: each
language gets its own site/<prefix>search/search_index.json with its own
lunr language and separator, and the template points each language's pages
at their own index (overrides/main.html).
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.languages import Language

# lunr languages Material ships. Chinese is segmented at build time by jieba
# (word boundaries become U+200B, which the separator splits on), so its
# index uses the language-neutral pipeline and no stemmer.
LUNR_LANG = {"en": "en", "it": "it", "el": "el", "zh": "ja"}
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：「」（）]+"


def split(site_dir: Path, langs: tuple[Language, ...]) -> dict[str, int]:
    """Rewrite the shared index into one index per language; returns entry counts."""
    shared_path = site_dir / "search" / "search_index.json"
    shared = json.loads(shared_path.read_text(encoding="utf-8"))
    prefixes = sorted((lang for lang in langs if lang.prefix), key=lambda lang: -len(lang.prefix))
    buckets: dict[str, list[dict]] = {lang.code: [] for lang in langs}
    source = next(lang for lang in langs if not lang.prefix)
    for doc in shared["docs"]:
        owner = next((lang for lang in prefixes if doc["location"].startswith(lang.prefix)), source)
        if owner.prefix:
            doc = {**doc, "location": doc["location"][len(owner.prefix):]}
        buckets[owner.code].append(doc)
    counts = {}
    for lang in langs:
        config = dict(shared.get("config", {}))
        config["lang"] = [LUNR_LANG.get(lang.code, lang.code)]
        config["separator"] = SEPARATOR
        target = site_dir / lang.prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": buckets[lang.code]}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
        counts[lang.code] = len(buckets[lang.code])
    return counts
