"""A playbook's one-page print summary: the first printed sheet is what staff keep by the till.

A playbook opens with its "Do this now" box (`!!! do-now`). On paper the title and that box
are followed, on the same A4 page, by copies of the sections a worker needs at the counter:
the phrases table, the escalation ladder and the checklist. The copy is built here from the
page's own HTML (one source of truth: nothing is written twice in Markdown), hidden on screen
and shown only in print (print.css), where the original sections are hidden so nothing prints
twice. The steps, the background and the research follow on the next pages.

Called from the kb plugin's on_post_page, so neither the search index nor the table of
contents sees the copy; ids are removed from it so the page keeps unique anchors.
"""

from __future__ import annotations

import html as html_lib

from selectolax.lexbor import LexborHTMLParser

# The sections copied onto the summary sheet, in this order (ids of `##` headings).
SECTIONS = ("phrases", "escalate", "checklist")
# What belongs to a section after its heading: content blocks, never the next `##`, the
# footnotes or the cite box (an allowlist, so a new kind of block is left out, not swallowed).
CONTENT_TAGS = {"p", "ul", "ol", "table", "dl", "blockquote", "h3", "h4", "h5", "h6"}
SUMMARY_CLASS = "kb-print-summary"
ORIGINAL_CLASS = "kb-in-print-summary"  # the originals, hidden in print


def _section_nodes(heading) -> list:
    nodes, node = [heading], heading.next
    while node is not None:
        if node.tag == "-text":
            node = node.next
            continue
        classes = (node.attributes.get("class") or "").split()
        if node.tag in CONTENT_TAGS or (node.tag == "div" and "admonition" in classes):
            nodes.append(node)
            node = node.next
        else:
            break
    return nodes


def _add_class(node, name: str) -> None:
    classes = (node.attributes.get("class") or "").split()
    if name not in classes:
        node.attrs["class"] = " ".join([*classes, name])


def add(page_html: str, note: str) -> str:
    """`page_html` with the print summary after its do-now box; unchanged without a box."""
    parser = LexborHTMLParser(page_html)
    box = parser.css_first("article .admonition.do-now")
    if box is None:
        return page_html
    parts = []
    for section in SECTIONS:
        heading = parser.css_first(f"article h2#{section}")
        if heading is None:
            continue
        for node in _section_nodes(heading):
            parts.append(node.html)
            _add_class(node, ORIGINAL_CLASS)
    if not parts:
        return page_html
    copy = LexborHTMLParser(f"<div>{''.join(parts)}</div>").css_first("div")
    for node in copy.css("[id]"):
        del node.attrs["id"]
    for node in copy.css("a.headerlink, .kb-copy-link"):
        node.decompose()
    summary = (f'<div class="{SUMMARY_CLASS}">{copy.inner_html}'
               f'<p class="kb-print-summary-note">{html_lib.escape(note)}</p></div>')
    marker = "<!--kb-print-summary-->"
    box.insert_after(marker)  # inserted as text, escaped: replaced below by the markup
    out = parser.html
    escaped = html_lib.escape(marker, quote=False)
    if out.count(escaped) != 1:
        return page_html
    return out.replace(escaped, summary)
