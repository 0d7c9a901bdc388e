"""Translations: every English page exists in every language, each translation
records the English version it translates (source_hash), front matter parses
and has a title and description."""
from __future__ import annotations

from scripts import translations as tr
from scripts.check.report import Finding


def run(model, opts) -> list[Finding]:
    out = []
    hashes = {}
    for src in model.pages():
        if src.fm_error is not None:
            out.append(Finding(src.display, src.fm_error.line, "F001", src.fm_error.message))
        else:
            absent = [k for k in ("title", "description") if not src.meta.get(k)]
            if absent:
                out.append(Finding(src.display, 1, "F002", f"front matter lacks {' and '.join(absent)}"))
        if src.lang == "en":
            hashes[src.rel] = tr.hash_text(src.body_text)
    for src in model.pages():
        if src.lang == "en":
            continue
        if src.rel not in hashes:
            out.append(Finding(src.display, 1, "T004", f"no English page docs/en/{src.rel} for this translation"))
            continue
        if src.fm_error is not None:
            continue
        recorded = src.meta.get(tr.HASH_KEY)
        if recorded is None or recorded == "":
            out.append(Finding(src.display, 1, "T003", "translation does not record which English version it translates (no source_hash)"))
        elif str(recorded) != hashes[src.rel]:
            out.append(Finding(src.display, _hash_line(src), "T002",
                               f"outdated: docs/en/{src.rel} changed since this translation was marked current"))
    for rel in sorted(hashes):
        for lang in model.langs:
            if lang != "en" and (lang, rel) not in model.sources:
                if lang in model.partial:  # a language being launched: served from English meanwhile
                    out.append(Finding(f"docs/{lang}/{rel}", 1, "T005",
                                       f"not translated yet: docs/en/{rel} (served in English; {lang} is marked partial)"))
                else:
                    out.append(Finding(f"docs/{lang}/{rel}", 1, "T001", f"missing translation of docs/en/{rel}"))
    return out


def _hash_line(src) -> int:
    for i, line in enumerate(src.lines[: src.body_line]):
        if line.startswith(tr.HASH_KEY + ":"):
            return i + 1
    return 1
