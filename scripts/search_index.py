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


# lunr languages Material ships. Chinese is segmented at build time by jieba
# (word boundaries become U+200B, which the separator splits on), so its
# index uses the language-neutral pipeline and no stemmer.
LUNR_LANG = {"en": "en", "it": "it", "el": "el", "zh": "ja"}
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：「」（）]+"


def split(site_dir: Path, prefixes: dict[str, str]) -> dict[str, int]:
    """Rewrite the shared index into one index per language; returns entry counts.

    `prefixes` maps each built language to its URL prefix ("" for the one at the
    site root: English, or the only language of a SITE_LANG build)."""
    shared_path = site_dir / "search" / "search_index.json"
    shared = json.loads(shared_path.read_text(encoding="utf-8"))
    nested = sorted((code for code, prefix in prefixes.items() if prefix), key=lambda code: -len(prefixes[code]))
    root = next(code for code, prefix in prefixes.items() if not prefix)
    buckets: dict[str, list[dict]] = {code: [] for code in prefixes}
    for doc in shared["docs"]:
        owner = next((code for code in nested if doc["location"].startswith(prefixes[code])), root)
        if prefixes[owner]:
            doc = {**doc, "location": doc["location"][len(prefixes[owner]):]}
        buckets[owner].append(doc)
    counts = {}
    for code, prefix in prefixes.items():
        config = dict(shared.get("config", {}))
        config["lang"] = [lunr_language(code)]
        config["separator"] = SEPARATOR
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": buckets[code]}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
        counts[code] = len(buckets[code])
    return counts


def lunr_language(code: str) -> str:
    """The lunr language Material ships for `code`, or English rules for one it lacks."""
    if code in LUNR_LANG:
        return LUNR_LANG[code]
    import material

    shipped = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{code}.min.js"
    return code if shipped.exists() else "en"
