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
