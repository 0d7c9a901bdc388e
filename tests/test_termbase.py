"""scripts/termbase.py (loader, validation, matching, fixed-terms table), scripts/locale_format.py
(Babel dates) and scripts/ui_localise.py (interface strings in the built HTML)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts import termbase

EN = """playbook:
  term: playbook
  forms: [playbook, playbooks]
escalate:
  term: escalate
  forms: [escalate, escalated]
"""


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    data = tmp_path / "data"
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


def problems(tmp_path, files) -> str:
    with pytest.raises(termbase.TermbaseError) as exc:
        termbase.load(write(tmp_path, files), tmp_path)
    return str(exc.value)


def test_unknown_key_unknown_concept_and_missing_concept_name_file_and_line(tmp_path):
    it = ("playbook:\n  term: guida operativa\n  forms: [guida operativa]\n  colour: red\n"
          "customer-journey:\n  term: percorso\n")
    text = problems(tmp_path, {"glossary/terms/en.yml": EN, "glossary/terms/it.yml": it})
    assert "data/glossary/terms/it.yml:4: unknown key `colour`" in text
    assert "data/glossary/terms/it.yml:5: `customer-journey` is not a concept of en.yml" in text
    assert "data/glossary/terms/it.yml:1: concepts of en.yml missing here: escalate" in text


def test_a_form_both_accepted_and_avoided_is_an_error(tmp_path):
    it = ("playbook:\n  term: guida operativa\n  avoid:\n    - form: guida operativa\n      why: one name\n"
          "escalate:\n  term: passare il caso\n")
    text = problems(tmp_path, {"glossary/terms/en.yml": EN, "glossary/terms/it.yml": it})
    assert "data/glossary/terms/it.yml:4: `guida operativa` is both accepted and avoided" in text


def test_glossary_headwords_must_agree_with_the_termbase(tmp_path):
    it = "playbook:\n  term: guida operativa\nescalate:\n  term: passare il caso\n"
    glossary = "playbook:\n  term: Procedura operativa\n  definition: x\nescalate:\n  term: Passare il caso (escalation)\n  definition: y\n"
    text = problems(tmp_path, {"glossary/terms/en.yml": EN, "glossary/terms/it.yml": it, "glossary/it.yml": glossary})
    assert "data/glossary/it.yml:2: glossary headword «Procedura operativa» disagrees" in text
    assert "Passare il caso" not in text   # main part agrees; the parenthesis is an alternative


def test_yaml_errors_have_a_line(tmp_path):
    text = problems(tmp_path, {"glossary/terms/en.yml": EN, "glossary/terms/it.yml": "playbook:\n  term: [oops\n"})
    assert "data/glossary/terms/it.yml:" in text and "not valid YAML" in text


def test_matching_whole_words_wildcards_greek_case_and_chinese_substrings():
    m = termbase.Matcher(["clienti aggressiv*"], "it")
    assert m.search("Con i clienti aggressivi serve calma") and m.search("CLIENTI AGGRESSIVE")
    assert not m.search("i clientiaggressivi")
    assert termbase.Matcher(["escalate"], "en").search("we escalated") is None
    greek = termbase.Matcher(["προϊστάμεν*"], "el")
    assert greek.search("Καλέστε τον ΠΡΟΪΣΤΆΜΕΝΟ") and greek.search("του προϊσταμένου") is None
    assert termbase.Matcher(["手冊"], "zh").search("請打開應對手冊")


def test_fixed_terms_table_comes_from_the_termbase():
    from scripts.languages import ROOT
    base = termbase.load(ROOT / "data", ROOT)
    names = {"en": "English", "it": "Italiano", "el": "Ελληνικά", "zh": "繁體中文"}
    en = termbase.fixed_terms_markdown(base, "en", names)
    assert en.splitlines()[0] == "| English | Italiano | Ελληνικά | 繁體中文 |"
    assert len(en.strip().splitlines()) == len(base.source) + 2
    it = termbase.fixed_terms_markdown(base, "it", names)
    row = next(line for line in it.splitlines() if line.startswith("| playbook |"))
    assert "guida operativa" in row and "playbook" in row.split("|")[3]   # avoided forms listed


@pytest.mark.parametrize("lang, iso, month, full", [
    ("en", "1905-09", "September 1905", "April 27, 1905"),
    ("it", "1905-09", "settembre 1905", "27 aprile 1905"),
    ("el", "1905-09", "Σεπτέμβριος 1905", "27 Απριλίου 1905"),
    ("zh", "1905-09", "1905年9月", "1905年4月27日"),
])
def test_dates_follow_each_language_with_babel(lang, iso, month, full):
    from scripts import locale_format
    assert locale_format.when(iso, lang) == month
    assert locale_format.when("1905-04-27", lang) == full
    assert locale_format.when("1603", lang) == "1603"
    assert locale_format.when("1972–73", lang) == "1972–73"


def test_timeline_list_prints_localised_dates_not_iso():
    from scripts import timeline
    from scripts.languages import ROOT
    events = timeline.load(ROOT / "data" / "timeline.yml")
    it = timeline.list_markdown(events, "it", 1)
    assert "**27 aprile 1905**" in it and "1905-04-27" not in it
    zh = timeline.list_markdown(events, "zh", 1)
    assert "**1905年4月27日**：" in zh and "（證據充分）" in zh


def test_permalink_and_footnote_titles_are_localised():
    from scripts import ui_localise
    html = ('<h2 id="a">A<a class="headerlink" href="#a" title="Link to this section">¶</a></h2>'
            '<a class="footnote-backref" href="#fnref:k" title="Jump back to footnote 3 in the text">↩</a>')
    out = ui_localise.content(html, "zh", "Link to this section")
    assert 'title="連到本節"' in out and 'title="回到內文第3個註腳"' in out and "Jump back" not in out
    assert ui_localise.content(html, "en", "Link to this section") == html


def test_palette_toggle_names_follow_the_language():
    from scripts import ui_localise
    theme = {"palette": [{"scheme": "default", "toggle": {"name": "Dark mode"}},
                         {"scheme": "slate", "toggle": {"name": "Light mode"}}]}
    ui_localise.palette(theme, "it")
    assert [p["toggle"]["name"] for p in theme["palette"]] == ["Tema scuro", "Tema chiaro"]
