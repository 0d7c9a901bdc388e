"""Word segmentation for the Traditional Chinese search index.

Material segments Chinese with jieba at build time, but jieba's dictionary is
Simplified: Traditional text such as 當顧客錯了 comes out as 當顧/客錯, and a
search for 顧客 finds nothing. We convert jieba's dictionary to Traditional
(Taiwan) with OpenCC once, cache it, and hand it to Material's search plugin.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

import jieba
import opencc


def traditional_dictionary(cache_dir: Path, extra_words: list[str] = ()) -> Path:
    source = Path(jieba.__file__).parent / "dict.txt"
    # Named after the words themselves, not their count: a renamed glossary term gets a new dictionary.
    words = hashlib.sha1("\n".join(sorted(extra_words)).encode("utf-8")).hexdigest()[:12]
    target = cache_dir / f"jieba-zh-hant-{jieba.__version__}-{words}.txt"
    if target.exists():
        return target
    entries = [line.split(" ") for line in source.read_text(encoding="utf-8").splitlines() if line]
    converted = opencc.OpenCC("s2twp").convert("\n".join(e[0] for e in entries)).split("\n")
    freq: Counter[str] = Counter()
    tags: dict[str, str] = {}
    for (word, count, *tag), trad in zip(entries, converted):
        for form in {word, trad}:
            freq[form] += int(count)
            tags.setdefault(form, tag[0] if tag else "n")
    for word in (w for w in extra_words if w and not any(ch.isspace() for ch in w)):  # glossary terms must stay whole
        freq[word] += 1000
        tags.setdefault(word, "n")
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text("".join(f"{w} {c} {tags[w]}\n" for w, c in freq.items()), encoding="utf-8")
    tmp.replace(target)
    return target


def use_dictionary(path: Path) -> None:
    """Hand the dictionary to jieba unless it already has it: set_dictionary makes
    jieba load it again (about a second) on the next segmentation, and the plugin
    is configured once per language of a build."""
    path = Path(path).resolve()
    if jieba.dt.dictionary is None or Path(jieba.dt.dictionary).resolve() != path:
        jieba.set_dictionary(str(path))


class SegmentCache:
    """jieba's segmentation of each run of Han characters, kept between builds.

    Material's search plugin hands every run of Han characters to `jieba.cut`,
    and jieba first loads its dictionary (15 MB, seconds) in every build process,
    even for a Greek-only build that holds a few Chinese names. Segmentation is
    deterministic for one dictionary, so the results are kept in
    .cache/jieba/segments-<dictionary hash>.json: a build whose Han text was all
    seen before never loads the dictionary, and writes the same index.
    """

    def __init__(self, path: Path):
        import json

        self.path = path
        try:
            self.known: dict[str, list[str]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.added = 0

    @staticmethod
    def path_for(cache_dir: Path, dictionary: Path) -> Path:
        import hashlib

        return Path(cache_dir) / f"segments-{hashlib.sha1(Path(dictionary).read_bytes()).hexdigest()[:16]}.json"

    def cut(self, sentence, *args, **kwargs):
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        if args or kwargs:  # not the call Material makes: no caching
            return jieba.cut(sentence, *args, **kwargs)
        words = self.known.get(text)
        if words is None:
            words = self.known[text] = list(jieba.cut(text))
            self.added += 1
        return iter(words)

    def __getattr__(self, name):  # everything else is jieba's
        return getattr(jieba, name)

    def save(self) -> None:
        import json

        if not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.known, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(self.path)
        self.added = 0


def cache_material_segmentation(cache_dir: Path, dictionary: Path) -> SegmentCache | None:
    """Route Material's search plugin through a SegmentCache (once per process and dictionary)."""
    try:
        from material.plugins.search import plugin as search_plugin
    except ImportError:  # pragma: no cover
        return None
    current = getattr(search_plugin, "jieba", None)
    if current is None:
        return None  # Material found no jieba: it does not segment
    path = SegmentCache.path_for(cache_dir, dictionary)
    if isinstance(current, SegmentCache):
        if current.path == path:
            return current
        current.save()
    cache = SegmentCache(path)
    search_plugin.jieba = cache
    return cache
