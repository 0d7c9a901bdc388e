"""scripts/print_summary.py: the print-only copy of a playbook's phrases, escalation and
checklist goes right after the do-now box, without ids, and the originals are marked so
print.css hides them; a page without a box is left alone. (The PDF itself is measured in
tests/browser/test_print.py.)"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scripts import print_summary

PAGE = """<!doctype html><html><head><script>var a = "<b>";</script></head><body><article class="md-content__inner">
<h1 id="t">Title</h1>
<div class="admonition do-now"><p class="admonition-title">Do this now</p><ol><li><a href="#s1">Act</a></li></ol></div>
<h2 id="steps">Steps<a class="headerlink" href="#steps">¶</a></h2><h3 id="s1">1. Act</h3><p><strong>Act.</strong> More.</p>
<h2 id="phrases">Phrases</h2><table><tr><td>Say</td><td>Avoid</td></tr></table>
<h2 id="escalate">Escalate</h2><p>Ladder:<sup id="fnref:k"><a href="#fn:k">1</a></sup></p><ol><li>Manager</li></ol>
<h2 id="when-to-use">When</h2><p>Background.</p>
<h2 id="checklist">Checklist</h2><ul class="task-list"><li>I acted.</li></ul>
<div class="footnote"><ol><li id="fn:k">Source.</li></ol></div>
</article></body></html>"""


def test_summary_follows_the_box_with_copies_of_the_three_sections():
    out = LexborHTMLParser(print_summary.add(PAGE, "Steps follow."))
    summary = out.css_first(".kb-print-summary")
    assert summary is not None
    assert summary.prev.tag == "div" and "do-now" in summary.prev.attributes["class"]
    assert [h.text() for h in summary.css("h2")] == ["Phrases", "Escalate", "Checklist"]
    assert summary.css_first("table") and summary.css_first(".task-list") and "Manager" in summary.text()
    assert "Background" not in summary.text() and "Source." not in summary.text(), "only the three sections"
    assert summary.css("[id]") == [], "the copy must not repeat the page's ids"
    assert summary.css_first(".kb-print-summary-note").text() == "Steps follow."
    hidden = [n.attributes.get("id") or n.tag for n in out.css(".kb-in-print-summary")]
    assert hidden == ["phrases", "table", "escalate", "p", "ol", "checklist", "ul"], hidden
    assert out.css_first("#when-to-use").attributes.get("class") is None
    assert len(out.css("#phrases")) == 1
    assert out.css_first("script").text() == 'var a = "<b>";'


def test_a_page_without_a_do_now_box_is_unchanged():
    page = PAGE.replace("admonition do-now", "admonition note")
    assert print_summary.add(page, "x") == page


def test_the_note_is_escaped():
    out = print_summary.add(PAGE, "<script>alert(1)</script>")
    assert "<script>alert(1)" not in out and "&lt;script&gt;" in out
