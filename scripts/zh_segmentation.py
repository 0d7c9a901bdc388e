"""Word segmentation for the Traditional Chinese search index.

Material segments Chinese with jieba at build time, but jieba's dictionary is
Simplified: Traditional text such as 當顧客錯了 comes out as 當顧/客錯, and a
search for 顧客 finds nothing. We convert jieba's dictionary to Traditional
(Taiwan) with OpenCC once, cache it, and hand it to Material's search plugin.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jieba
import opencc


def traditional_dictionary(cache_dir: Path, extra_words: list[str] = ()) -> Path:
    source = Path(jieba.__file__).parent / "dict.txt"
    target = cache_dir / f"jieba-zh-hant-{jieba.__version__}-{len(extra_words)}.txt"
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
