"""Unsafe markup in pages: raw <script>/<iframe>/<object>, inline event
handlers, javascript:/data: URLs, and target=_blank without rel=noopener.

Judged on the built HTML of each page's content (so code examples, which the
renderer escapes, are not flagged) and mapped back to the Markdown line."""
from __future__ import annotations

from scripts.check.report import Finding


def run(model, opts) -> list[Finding]:
    out = []
    for src in model.pages():
        page = model.html.get(src.url + "index.html")
        if page is None:
            continue
        seen = set()
        for code, detail, needle in page.unsafe:
            line = src.find(needle, needle.lower(), default=src.body_line)
            if (code, line, detail) in seen:
                continue
            seen.add((code, line, detail))
            out.append(Finding(src.display, line, code, f"unsafe markup: {detail}"))
    return out
