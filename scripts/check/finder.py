"""The situation finder's targets (data/finder.yml): the file is well formed, and
every target page and section exists in every language, so that no situation or
answer leads a reader of any language to a missing page or to the top of a page
instead of the step."""
from __future__ import annotations

import re

from scripts import finder
from scripts.check.report import Finding

LOCATED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<message>.*)$")


def run(model, opts) -> list[Finding]:
    path = model.root / "data" / finder.FILE
    display = f"data/{finder.FILE}"
    if not path.exists():
        return []  # no finder on this site: nothing links to it
    try:
        data = finder.load(path, list(model.langs), display)
    except finder.FinderError as exc:
        out = []
        for line in str(exc).splitlines():
            m = LOCATED.match(line)
            out.append(Finding(display, int(m["line"]) if m else 1, "N001", m["message"] if m else line))
        return out
    out = []
    for note in data.untranslated:
        m = LOCATED.match(note)
        out.append(Finding(display, int(m["line"]), "N004", m["message"]))
    from scripts.languages import SOURCE_LANGUAGE, languages
    try:
        partial = {lang.code for lang in languages(model.root) if lang.partial}
    except (OSError, ValueError):  # no mkdocs.yml (a bare fixture): every language complete
        partial = set()
    for target, line in data.targets():
        page, _, section = target.partition("#")
        for lang in model.langs:
            src = model.sources.get((lang, page))
            if src is None and lang in partial:  # a language being launched serves the English page
                src = model.sources.get((SOURCE_LANGUAGE, page))
            if src is None:
                out.append(Finding(display, line, "N002", f"target {target}: docs/{lang}/{page} does not exist"))
                continue
            ids = {h.id for h in src.headings if h.id}
            if section not in ids:
                out.append(Finding(display, line, "N003", f"target {target}: docs/{lang}/{page} has no section #{section}"))
    return out
