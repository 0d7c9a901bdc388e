"""Integrity checker for the knowledge base: `python -m scripts.check --help`.

One model of docs/ and site/ (model.py) is read by one module per concern:
links, anchors, citations, translations, language, markup. report.py holds the
finding codes, their hints and the text/JSON output (`--codes` lists them).

What is judged where:
- links, fragments and unsafe markup are judged on the built HTML (lexbor
  parser), then mapped back to the Markdown line that wrote them;
- headings/ids, citations, front matter and language are read from the
  Markdown, skipping fenced code and inline code;
- the bibliography is parsed with pybtex; the anchor registry is
  data/anchors.yml (see scripts/anchors.py).

Severity follows the translation workflow: errors are what breaks readers
(broken links and anchors, unknown keys, unsafe markup, wrong language or
script, a *current* translation whose ids or citations differ from English, a
page missing in a language marked complete); warnings are work for someone
else (an outdated translation and its differing ids or citations, A009/C009;
a page missing in a language marked partial, T005; strings still marked
"# TODO: translate", T006; unused bibliography entries; failing external
links). Both are findings; --allow-warnings (what `make check` passes)
lets warnings pass. Exit status 0 clean,
1 findings, 2 the checker could not run (no docs/, no built site/, a
crash). A fault is reported once: a page whose ids are malformed is not also
compared with its English page, unknown citation keys are not also reported
as differing from English, entries of a .bib file that does not parse are not
judged field by field.
"""
