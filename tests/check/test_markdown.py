"""scripts/check/markdown.py: the Markdown scanner."""
from scripts.check import markdown as md


def scan(text):
    lines = text.split("\n")
    return lines, md.code_mask(lines)


def test_headings_ids_and_code_blocks():
    lines, mask = scan("## A {#a}\n```\n## B\n```\n### C {: #c .x}\n## D\n")
    hs = md.headings(lines, mask)
    assert [(h.level, h.id, h.line) for h in hs] == [(2, "a", 1), (3, "c", 5), (2, None, 6)]


def test_citations_and_affixes():
    lines, mask = scan("One.[@a2000x] Two.[@b2001y; @c2002z] `[@code]` [see @d2003w, p. 4] mail [me@x.org]")
    cites = md.citations(lines, mask)
    assert [(c.key, c.affixed) for c in cites] == [("a2000x", False), ("b2001y", False), ("c2002z", False), ("d2003w", True)]


def test_link_targets():
    lines, mask = scan('[a](x.md#y) <a href="z.html">z</a>')
    assert md.link_targets(lines, mask) == [("x.md#y", 1), ("z.html", 1)]


def test_indented_and_setext_headings():
    text = '!!! note "Box"\n\n    ## Inside {#inside}\n\nA title\n-------\n\n| a | b |\n| --- | --- |\n\n---\n'
    lines, mask = scan(text)
    assert [(h.level, h.id, h.line) for h in md.headings(lines, mask)] == [(2, "inside", 3), (2, None, 5)]
