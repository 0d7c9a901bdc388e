"""The timeline figure: one data file, an SVG per language with a text alternative."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from scripts import timeline
from tests.conftest import LANGS, REPO, built_path


def test_every_event_has_a_label_in_every_language_and_a_citation():
    events = timeline.load(REPO / "data" / "timeline.yml")
    assert len(events) >= 10
    for event in events:
        assert set(LANGS) <= set(event.labels), event.id
        assert event.cite, f"{event.id} has no citation"


def test_bad_strength_is_a_clear_error(tmp_path):
    path = tmp_path / "timeline.yml"
    path.write_text("- id: x\n  year: 1900\n  strength: certain\n  label: {en: X}\n")
    with pytest.raises(timeline.TimelineError, match="strength"):
        timeline.load(path)


def test_cjk_labels_wrap_between_characters_and_keep_latin_words():
    lines = timeline.wrap("里茲被認為說過「le client n'a jamais tort」，並要求立即更換菜餚", 12)
    assert len(lines) > 1 and all(timeline._text_width(line) <= 12 for line in lines)
    assert "le client" in " ".join(lines) and any("client" in line for line in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_figure_is_drawn_in_the_page_language_with_a_text_alternative(site_dir, lang):
    page = LexborHTMLParser(built_path(site_dir, lang, "history/timeline.md").read_text(encoding="utf-8"))
    svg = page.css_first("svg.kb-timeline")
    assert svg is not None and svg.attributes.get("role") == "img"
    assert svg.css_first("title").text() and svg.css_first("desc").text()
    events = timeline.load(REPO / "data" / "timeline.yml")
    labels = " ".join(node.text() for node in svg.css("text.kb-tl-label"))
    assert events[0].labels[lang].split()[0][:4] in labels
    # The list below the figure repeats every event, with links to where the site discusses it.
    assert len(page.css("figure.kb-timeline-figure + ul > li")) == len(events)


# -- One evidence scale (data/evidence.yml) -----------------------------------

def test_every_grade_of_the_scale_has_a_name_definition_and_legend_in_every_language():
    from scripts import evidence, ui

    scale = evidence.load(REPO / "data")
    assert timeline.STRENGTHS == scale.ids
    strings = ui.strings(REPO / "data")
    for gid in scale.ids:
        for lang in LANGS:
            assert scale.names[gid].get(lang) and scale.definitions[gid].get(lang), (gid, lang)
            assert strings[f"evidence.{gid}"].get(lang), (gid, lang)
    for lang in LANGS:
        assert scale.hedges.get(lang), f"no hedging words for {lang}"


def test_every_event_is_graded_on_the_scale_and_agrees_with_the_evidence_tables():
    from scripts import evidence

    events = timeline.load(REPO / "data" / "timeline.yml")
    scale = evidence.load(REPO / "data")
    assert all(event.strength in scale.ids for event in events)
    # Events discussed on a page with an evidence table are linked to their row.
    assert all(event.claim for event in events if (event.page or "").startswith("history/origins.md"))
    assert evidence.timeline_problems(events, REPO / "docs" / "en", scale, LANGS) == []


TABLE_PAGE = """# Origins

| Claim | Earliest evidence found | Strength |
| --- | --- | --- |
| Ritz invented the English slogan (his widow's claim) | a 1938 review[@x] | Weak |
| Field held that "the customer is always right" | 1905 papers | **Strong** that it was said of him |
"""


def _fixture_events(tmp_path, label_en, strength="weak", claim="Ritz invented the English slogan (his widow's claim)"):
    (tmp_path / "docs" / "en" / "history").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "history" / "origins.md").write_text(TABLE_PAGE, encoding="utf-8")
    path = tmp_path / "timeline.yml"
    path.write_text(
        "- id: ritz-1938\n  year: 1938\n  strength: %s\n  cite: [x]\n  page: history/origins.md#ritz\n"
        "  claim: \"%s\"\n  label:\n    en: \"%s\"\n    it: \"La vedova dice che l'ha inventato lui\"\n"
        "    el: \"Η χήρα λέει ότι το επινόησε\"\n    zh: \"遺孀說是他發明的\"\n" % (strength, claim, label_en),
        encoding="utf-8")
    return timeline.load(path)


def test_a_weak_claim_stated_flatly_in_a_label_is_caught(tmp_path):
    from scripts import evidence

    events = _fixture_events(tmp_path, "Ritz invented the slogan")
    problems = evidence.timeline_problems(events, tmp_path / "docs" / "en", evidence.load(REPO / "data"), LANGS)
    assert len(problems) == 1 and problems[0].startswith("ritz-1938:") and "en label" in problems[0]


def test_a_hedged_label_of_a_weak_claim_passes(tmp_path):
    from scripts import evidence

    events = _fixture_events(tmp_path, "Ritz's widow says he invented the slogan")
    assert evidence.timeline_problems(events, tmp_path / "docs" / "en", evidence.load(REPO / "data"), LANGS) == []


def test_an_event_graded_otherwise_than_its_evidence_row_is_caught(tmp_path):
    from scripts import evidence

    events = _fixture_events(tmp_path, "Ritz's widow says he invented the slogan", strength="strong")
    problems = evidence.timeline_problems(events, tmp_path / "docs" / "en", evidence.load(REPO / "data"), LANGS)
    assert problems == ["ritz-1938: strength 'strong' but the evidence table on docs/en/history/origins.md "
                        "grades 'Ritz invented the English slogan (his widow's claim)' as 'weak'"]


def test_a_claim_that_is_not_a_row_is_caught(tmp_path):
    from scripts import evidence

    events = _fixture_events(tmp_path, "Ritz's widow says he invented it", claim="Ritz coined it")
    problems = evidence.timeline_problems(events, tmp_path / "docs" / "en", evidence.load(REPO / "data"), LANGS)
    assert len(problems) == 1 and "is not a row of an evidence table" in problems[0]


def test_the_scale_table_is_generated_on_the_history_overview(site_dir):
    from scripts import evidence

    scale = evidence.load(REPO / "data")
    for lang in LANGS:
        page = LexborHTMLParser(built_path(site_dir, lang, "history/index.md").read_text(encoding="utf-8"))
        h2 = page.css_first("h2#evidence-strength")
        assert h2 is not None
        cells = [node.text().strip() for node in page.css("table td strong")]
        assert [scale.names[g][lang] for g in scale.ids] == cells[: len(scale.ids)], lang
