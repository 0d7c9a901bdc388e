"""Markup outside the allowlist (scripts/allowlist.py, the rules the build applies
too): scripts, frames, objects, event handlers, script/data URLs, resources from
other hosts, and anything else our Markdown extensions do not write; plus
target=_blank without rel=noopener.

Judged on the built HTML of each page's content (so code examples, which the
renderer escapes, are not flagged) and mapped back to the Markdown line, or to
the data file line when a generated block (glossary, timeline, bibliography)
wrote it."""
from __future__ import annotations

from html import unescape
from pathlib import Path

from scripts.check.report import Finding


def _data_sources(model, opts, lang: str) -> list[Path]:
    data = Path(opts["bib_dir"]).parent
    return [data / "glossary" / f"{lang}.yml", data / "glossary" / "en.yml", data / "timeline.yml",
            *sorted(Path(opts["bib_dir"]).glob("*.bib")), data / "ui.yml"]


def _in_data(model, opts, lang: str, needle: str) -> tuple[str, int] | None:
    needle = needle.lower()
    for path in _data_sources(model, opts, lang):
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").lower().split("\n")
        for test in (lambda t: needle in t, lambda t: needle in unescape(t)):
            line = next((i for i, t in enumerate(lines, 1) if test(t)), None)
            if line:
                try:
                    return path.resolve().relative_to(model.root).as_posix(), line
                except ValueError:
                    return str(path), line
    return None


def run(model, opts) -> list[Finding]:
    out = []
    for src in model.pages():
        page = model.html.get(src.url + "index.html")
        if page is None:
            continue
        seen = set()
        for code, detail, needle in page.unsafe:
            where = (src.display, src.find(needle, needle.lower(), default=0))
            if where[1] == 0:
                where = _in_data(model, opts, src.lang, needle) or (src.display, src.body_line)
            if (code, where, detail) in seen:
                continue
            seen.add((code, where, detail))
            out.append(Finding(where[0], where[1], code, f"unsafe markup: {detail}"))
    return out
