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
    out += strings(model)
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


TODO_MARK = "# TODO: translate"  # written by scripts/scaffold.py after every string copied from English


def strings(model) -> list[Finding]:
    """Interface strings (data/ui.yml) and timeline labels (data/timeline.yml) exist in
    every configured language (T007), and strings still marked as copied from English
    are listed, one warning per file (T006)."""
    import re

    import yaml

    out = []
    root = model.root
    langs = [lang for lang in model.langs]
    from scripts import yaml_loader
    ui_file, timeline_file = root / "data" / "ui.yml", root / "data" / "timeline.yml"
    if ui_file.exists():
        text = ui_file.read_text(encoding="utf-8")
        try:
            data = yaml_loader.load(text) or {}
        except yaml.YAMLError:
            data = {}  # reported at its line as D001 by the data check
        lines = text.splitlines()
        for key, values in data.items():
            absent = [lang for lang in langs if (values or {}).get(lang) is None]  # "" is a value: nothing to say
            if absent:
                line = next((i for i, l in enumerate(lines, 1) if l.startswith(f"{key}:")), 1)
                out.append(Finding("data/ui.yml", line, "T007",
                                   f"interface string '{key}' has no {', '.join(absent)} value"))
    if timeline_file.exists():
        text = timeline_file.read_text(encoding="utf-8")
        try:
            events = yaml_loader.load(text) or []
        except yaml.YAMLError:
            events = []  # reported at its line as D001 by the data check
        lines = text.splitlines()
        for event in events:
            if not isinstance(event, dict):
                continue
            absent = [lang for lang in langs if not (event.get("label") or {}).get(lang)]
            if absent:
                line = next((i for i, l in enumerate(lines, 1) if re.match(rf"^- id:\s*{re.escape(str(event.get('id')))}\s*$", l)), 1)
                out.append(Finding("data/timeline.yml", line, "T007",
                                   f"timeline event '{event.get('id')}' has no {', '.join(absent)} label"))
    marked = [root / "mkdocs.yml", ui_file, timeline_file, *sorted((root / "data" / "glossary").glob("*.yml"))]
    for path in marked:
        if not path.exists():
            continue
        hits = [i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if TODO_MARK in l]
        if hits:
            shown = path.relative_to(root).as_posix()
            out.append(Finding(shown, hits[0], "T006",
                               f"{len(hits)} string(s) copied from English still to translate (marked '{TODO_MARK}'), "
                               f"first on this line"))
    return out
