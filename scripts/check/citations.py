"""Citations and the bibliography: every cited key exists, the .bib files parse
(pybtex), keys are unique across files, entries have the fields they need,
unused entries are reported, translations cite the keys of their English page."""
from __future__ import annotations

import re
from pathlib import Path

import pybtex.errors
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError

from scripts.check import bibtex
from scripts.check.report import Finding

NO_URL = re.compile(r"no\s+url\s+known", re.I)


def load_bib(bib_dir: Path, root: Path):
    """-> (entries {key: (display path, line, entry)}, findings)."""
    entries, out = {}, []
    for path in sorted(Path(bib_dir).rglob("*.bib")):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        # Key -> lines where an entry with that key starts (for messages only; parsing is pybtex's).
        starts = {}
        for i, line in enumerate(lines):
            m = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", line)
            if m:
                starts.setdefault(m.group(1).lower(), []).append(i + 1)
        with pybtex.errors.capture() as errors:
            try:
                data = Parser().parse_string(text)
            except PybtexSyntaxError as exc:
                out.append(Finding(shown, getattr(exc, "lineno", 1) or 1, "C002", f"BibTeX does not parse: {exc}"))
                continue
        # In a file with syntax errors, entries may be half-read: report the syntax
        # error once and do not judge those entries' fields or use.
        broken = any("repeated" not in str(e) for e in errors)
        for err in errors:
            msg = str(err)
            if "repeated" in msg:
                key = msg.rsplit(":", 1)[-1].strip()
                where = starts.get(key.lower(), [1])
                out.append(Finding(shown, where[-1], "C003", f"duplicate key '{key}' (also on line {where[0]})"))
            else:
                out.append(Finding(shown, getattr(err, "lineno", None) or 1, "C002", f"BibTeX problem: {msg}"))
        for key, entry in data.entries.items():
            line = starts.get(key.lower(), [1])[0]
            if key in entries:
                first = entries[key]
                out.append(Finding(shown, line, "C003", f"duplicate key '{key}' (also in {first[0]}:{first[1]})"))
                continue
            entries[key] = (shown, line, entry, broken)
            missing = [] if broken else missing_fields(entry)
            if missing:
                out.append(Finding(shown, line, "C004", f"entry '{key}' lacks {', '.join(missing)}"))
            for field, message in [] if broken else bibtex.field_problems(entry):
                out.append(Finding(shown, bibtex.field_line(lines, line, field), "C008", f"entry '{key}': {message}"))
    return entries, out


def missing_fields(entry) -> list[str]:
    f = {k.lower(): v for k, v in entry.fields.items()}
    persons = {k.lower() for k in entry.persons}
    missing = []
    if not ({"author", "editor"} & persons or {"author", "editor", "organization", "organisation"} & f.keys()):
        missing.append("author/editor/organization")
    if not f.get("title"):
        missing.append("title")
    if not (f.get("year") or f.get("date")) and not bibtex.undated_explained(entry):
        missing.append("year/date (or a note saying the work is undated)")
    if not ({"url", "doi", "publisher", "journal", "journaltitle"} & f.keys() or NO_URL.search(f.get("note", ""))):
        missing.append("url/doi/publisher/journal (or note = {No URL known})")
    return missing


def data_citations(root: Path) -> list[tuple[str, int, str]]:
    """(file, line, key) for every `cite` key of data/glossary/*.yml and data/timeline.yml."""
    from scripts import glossary, timeline  # the build's own loaders: same reading as the site

    data = Path(root) / "data"
    found = []

    def add(path: Path, keys):
        lines = path.read_text(encoding="utf-8").splitlines()
        for key in keys:
            line = next((n for n, text in enumerate(lines, 1) if re.search(rf"\b{re.escape(key)}\b", text)), 1)
            found.append((str(path.relative_to(root)), line, key))

    # A file that does not load is reported once, as D001 at its line (see run()).
    for path in sorted((data / "glossary").glob("*.yml")):
        try:
            add(path, [key for term in glossary.load(data, path.stem) for key in term.cite])
        except Exception:
            continue
    if (data / "timeline.yml").exists():
        try:
            add(data / "timeline.yml", [key for event in timeline.load(data / "timeline.yml") for key in event.cite])
        except Exception:
            pass
    return found


def run(model, opts) -> list[Finding]:
    from scripts.source_errors import data_yaml  # the build's own check: same message at the same line

    entries, out = load_bib(opts["bib_dir"], model.root)
    out += [Finding(p.path, p.line, p.code, p.message) for p in data_yaml(model.root, Path(model.root) / "data")]
    cited = set()
    for src in model.pages():
        for c in src.cites:
            cited.add(c.key)
            if c.affixed:
                out.append(Finding(src.display, c.line, "C007", f"citation with prefix or suffix: {c.raw}"))
            if c.key not in entries:
                out.append(Finding(src.display, c.line, "C001", f"unknown citation key '{c.key}'"))
        if src.lang != "en":
            en = model.sources.get(("en", src.rel))
            if en is None:
                continue
            # Unknown keys are C001's business; comparing them too would report one typo twice.
            mine = {c.key for c in src.cites if c.key in entries}
            theirs = {c.key for c in en.cites if c.key in entries}
            if mine != theirs:
                extra = sorted(mine - theirs)
                missing = sorted(theirs - mine)
                line = next((c.line for c in src.cites if c.key in extra), src.body_line)
                parts = ([f"missing {', '.join(missing)}"] if missing else []) + \
                        ([f"not in English {', '.join(extra)}"] if extra else [])
                if model.is_current(src):
                    out.append(Finding(src.display, line, "C006",
                                       f"cites other keys than docs/en/{en.rel}: " + "; ".join(parts)))
                else:  # the translator brings them in line when updating the page
                    out.append(Finding(src.display, line, "C009", f"outdated translation: cites other keys "
                                       f"than docs/en/{en.rel}: " + "; ".join(parts)))
    # Shared data files cite too: glossary definitions and timeline events are
    # rendered with their citations on the glossary and timeline pages.
    for shown, line, key in data_citations(model.root):
        cited.add(key)
        if key not in entries:
            out.append(Finding(shown, line, "C001", f"unknown citation key '{key}'"))
    if not opts.get("partial"):
        for key, (shown, line, _e, broken) in sorted(entries.items()):
            if key not in cited and not broken:
                out.append(Finding(shown, line, "C005", f"entry '{key}' is not cited by any page"))
    return out
