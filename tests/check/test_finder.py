"""The checker's finder check (scripts/check/finder.py) on a tiny two-language corpus:
clean data passes; a target missing in one language, a missing page and malformed
data are each reported with data/finder.yml and the line that names them."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scripts import finder
from scripts.check import finder as finder_check
from scripts.check import model as check_model

PAGE_EN = "# Guide\n\n## Steps {#steps}\n\n### 1. Listen {#listen-first}\n\nText.\n"
PAGE_IT = "# Guida\n\n## Passi {#steps}\n\n### 1. Ascoltare {#listen-first}\n\nTesto.\n"

CLEAN = """\
heading: {en: What now, it: E adesso}
not_sure: {en: Not sure, it: Non sai}
situations:
  - target: playbooks/guide.md#listen-first
    text: {en: Wrong facts, it: Fatti sbagliati}
questions:
  - id: now
    text: {en: What, it: Cosa}
    answers:
      - next: more
        text: {en: More, it: Altro}
  - id: more
    text: {en: Which, it: Quale}
    answers:
      - target: playbooks/guide.md#steps
        text: {en: Steps, it: Passi}
"""


def corpus(tmp_path: Path, data: str, it_page: str = PAGE_IT) -> Path:
    for lang, text in (("en", PAGE_EN), ("it", it_page)):
        (tmp_path / "docs" / lang / "playbooks").mkdir(parents=True)
        (tmp_path / "docs" / lang / "playbooks" / "guide.md").write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "finder.yml").write_text(data, encoding="utf-8")
    return tmp_path


def findings(root: Path):
    m = check_model.build(root, root / "docs", None)
    assert m.langs == ("en", "it")
    return [(f.path, f.line, f.code) for f in finder_check.run(m, {})]


def test_clean_finder_passes(tmp_path):
    assert findings(corpus(tmp_path, CLEAN)) == []


def test_target_missing_in_one_language_is_reported_with_its_line(tmp_path):
    root = corpus(tmp_path, CLEAN, it_page=PAGE_IT.replace("{#listen-first}", "{#ascoltare}"))
    assert findings(root) == [("data/finder.yml", 4, "N003")]


def test_missing_page_and_bad_section_are_reported(tmp_path):
    data = CLEAN.replace("playbooks/guide.md#steps", "playbooks/nowhere.md#steps")
    data = data.replace("guide.md#listen-first", "guide.md#no-such-step")
    got = findings(corpus(tmp_path, data))
    assert ("data/finder.yml", 4, "N003") in got
    assert ("data/finder.yml", 15, "N002") in got
    assert len(got) == 4  # each fault once per language


@pytest.mark.parametrize("change, line, words", [
    (("      - next: more\n", "      - next: more\n        target: playbooks/guide.md#steps\n"), 10, "exactly one of"),
    (("next: more", "next: elsewhere"), 10, "not the id of a question"),
    (("{en: Wrong facts, it: Fatti sbagliati}", "{it: Fatti sbagliati}"), 5, "no text in 'en'"),
    (("target: playbooks/guide.md#listen-first", "target: guide"), 4, "must look like"),
])
def test_malformed_data_is_reported_with_line_and_remedy(tmp_path, change, line, words):
    data = CLEAN.replace(*change)
    assert data != CLEAN
    root = corpus(tmp_path, data)
    got = finder_check.run(check_model.build(root, root / "docs", None), {})
    assert [(f.line, f.code) for f in got] == [(line, "N001")], [f.message for f in got]
    assert words in got[0].message
    with pytest.raises(finder.FinderError, match=rf"data/finder.yml:{line}: "):
        finder.load(root / "data" / "finder.yml", ["en", "it"])


def test_the_real_finder_reaches_a_step_within_two_answers():
    """The project's own data: every answer of a follow-up question is a step."""
    root = Path(__file__).resolve().parents[2]
    data = finder.load(root / "data" / "finder.yml", ["en", "it", "el", "zh"])
    follow_ups = {a.next for a in data.questions[0].answers if a.next}
    for q in data.questions[1:]:
        assert q.id in follow_ups
        assert all(a.target for a in q.answers)
    assert len(data.situations) >= 7


def test_text_missing_in_a_translation_is_a_warning_and_shows_english(tmp_path):
    root = corpus(tmp_path, CLEAN.replace("{en: Wrong facts, it: Fatti sbagliati}", "{en: Wrong facts}"))
    got = finder_check.run(check_model.build(root, root / "docs", None), {})
    assert [(f.line, f.code, f.severity) for f in got] == [(5, "N004", "warning")]
    data = finder.load(root / "data" / "finder.yml", ["en", "it"])
    assert "- [Wrong facts](playbooks/guide.md#listen-first)" in finder.situations_markdown(data, "it", 0)
