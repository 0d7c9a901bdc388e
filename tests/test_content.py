"""The research content's own rules: enough sources and words, and no text pasted
from the source articles (only a slogan or a few words may be quoted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.frontmatter import parse
from tests.conftest import LANGS, REPO

DOCS = REPO / "docs"
SOURCES = REPO.parent / "shared" / "sources"
SOURCE_OF = {"it": "000_*.txt", "el": "001_*.txt", "zh": "002_*.txt"}
CITE = re.compile(r"\[@([^\]]+)\]")


def prose(path: Path) -> str:
    body = parse(path).body
    body = CITE.sub("", body)
    body = re.sub(r"\{#[^}]+\}", "", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets
    return body


def english_words(folder: str) -> int:
    return sum(len(re.findall(r"[A-Za-z][A-Za-z'’-]*", prose(p))) for p in (DOCS / "en" / folder).glob("*.md"))


def test_research_pages_have_at_least_6000_english_words():
    words = sum(english_words(f) for f in ("history", "perspectives", "sources"))
    assert words >= 6000, words


def test_playbooks_and_training_have_at_least_5000_english_words():
    words = english_words("playbooks") + english_words("training")
    assert words >= 5000, words


def test_history_cites_at_least_15_distinct_sources():
    keys = {k.strip().lstrip("@") for p in (DOCS / "en" / "history").glob("*.md")
            for block in CITE.findall(p.read_text(encoding="utf-8")) for k in block.split(";")}
    assert len(keys) >= 15, sorted(keys)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_front_matter_title_and_description(lang):
    for path in (DOCS / lang).rglob("*.md"):
        meta = parse(path).meta
        assert meta.get("title") and meta.get("description"), path


# Quotations and cited titles are allowed: a slogan, a few words, an article's title.
QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|«[^»]*»|\"[^\"\n]*\"|\*[^*\n]+\*")


def _shared_runs(page: str, source: str, size: int, unit: str) -> list[str]:
    page = QUOTED.sub(" ", page)
    if unit == "word":
        tokens = lambda text: re.findall(r"\w+", text.lower())
        join = " ".join
    else:  # Chinese: CJK characters only (Latin names are not evidence of copying)
        tokens = lambda text: [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
        join = "".join
    src = tokens(source)
    grams = {tuple(src[i:i + size]) for i in range(len(src) - size + 1)}
    mine = tokens(page)
    return sorted({join(mine[i:i + size]) for i in range(len(mine) - size + 1) if tuple(mine[i:i + size]) in grams})


@pytest.mark.skipif(not SOURCES.exists(), reason="the source articles (../shared/sources) are not beside this checkout")
@pytest.mark.parametrize("lang", ("it", "el", "zh"))
def test_no_text_is_pasted_from_the_source_article(lang):
    source = next(SOURCES.glob(SOURCE_OF[lang])).read_text(encoding="utf-8")
    size, unit = (15, "char") if lang == "zh" else (8, "word")
    found = {}
    for path in (DOCS / lang).rglob("*.md"):
        runs = _shared_runs(prose(path), source, size, unit)
        if runs:
            found[str(path.relative_to(REPO))] = runs[:3]
    assert not found, f"passages shared with the source article (write them in your own words): {found}"


def test_shared_run_detection_finds_pasted_sentences_but_not_quotes():
    source = "Lavori in un campo particolare e dopo un periodo di tempo relativamente breve incontri la maggior parte delle richieste."
    pasted = "Come dice la fonte, lavori in un campo particolare e dopo un periodo di tempo relativamente breve."
    quoted = 'Come dice la fonte, "lavori in un campo particolare e dopo un periodo di tempo".'
    assert _shared_runs(pasted, source, 8, "word")
    assert not _shared_runs(quoted, source, 8, "word")
    assert _shared_runs("他說顧客永遠是對的嗎這句話的起源要歸功於零售商", "顧客永遠是對的嗎這句話的起源要歸功於零售商。", 15, "char")
