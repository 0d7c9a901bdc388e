"""Bad input stops the build with a clear message, never a half-built site."""

from __future__ import annotations

import pytest

from tests.repo_copy import make_copy, run


@pytest.fixture
def copy(tmp_path):
    return make_copy(tmp_path / "kb")


def build(copy):
    return run(copy, "-m", "mkdocs", "build", "--strict", "--clean", check=False)


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_raw_script_in_markdown_stops_the_build_with_file_and_line(copy):
    page = copy / "docs" / "it" / "glossary.md"
    line = len(page.read_text(encoding="utf-8").splitlines()) + 2
    append(page, '\n<script>alert("x")</script>\n\n[trap](javascript:alert(1))\n')
    result = build(copy)
    assert result.returncode != 0
    assert f"it/glossary.md:{line}: M001: unsafe markup: <script>" in result.stderr
    assert "M005" in result.stderr


def test_unknown_citation_key_fails_the_strict_build(copy):
    append(copy / "docs" / "el" / "history" / "myths.md", "\nΈνας ισχυρισμός.[@nosuchkey1999]\n")
    result = build(copy)
    assert result.returncode != 0 and "nosuchkey1999" in result.stderr


def test_malformed_glossary_stops_the_build(copy):
    append(copy / "data" / "glossary" / "zh.yml", "\nbroken: [unclosed\n")
    result = build(copy)
    assert result.returncode != 0
    assert "data/glossary/zh.yml:" in result.stderr and "D001" in result.stderr


def test_malformed_front_matter_stops_the_build_with_its_line(copy):
    page = copy / "docs" / "zh" / "status.md"
    text = page.read_text(encoding="utf-8").replace("title: 翻譯狀態", "title: 翻譯狀態: 壞掉", 1)
    page.write_text(text, encoding="utf-8")
    result = build(copy)
    assert result.returncode != 0 and "docs/zh/status.md:2" in result.stderr


def test_a_termbase_headword_disagreement_stops_the_build_with_file_and_line(copy):
    glossary = copy / "data" / "glossary" / "it.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("  term: Divario di competenza\n", "  term: Divario di competenze\n", 1), encoding="utf-8")
    line = text.split("\n").index("  term: Divario di competenza") + 1
    result = build(copy)
    assert result.returncode != 0
    assert f"data/glossary/it.yml:{line}: glossary headword «Divario di competenze» disagrees" in result.stderr
