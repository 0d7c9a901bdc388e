"""Translation status: for every language, which pages are current, outdated or missing,
and for outdated ones which English sections changed since the translated version.

The changed sections come from git: the English file's history is searched for the
version whose hash the translation recorded, and the two versions are compared
section by section (sections are keyed by their language-neutral ids).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from scripts import translations
from scripts.frontmatter import parse_text
from scripts.languages import ROOT, SOURCE_LANGUAGE, translation_codes

HEADING = re.compile(r"^(#{2,3})\s+.*?\{#(?P<id>[A-Za-z0-9_-]+)\}\s*$", re.MULTILINE)
STATES = ("current", "outdated", "missing")


@dataclass
class PageStatus:
    lang: str
    page: str
    state: str
    changed_sections: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def sections(body: str) -> dict[str, str]:
    """Section id -> its text; the text before the first section is keyed ''. """
    found, last_id, last_end = {}, "", 0
    for match in HEADING.finditer(body):
        found[last_id] = body[last_end:match.start()].strip()
        last_id, last_end = match.group("id"), match.start()
    found[last_id] = body[last_end:].strip()
    return found


def changed_sections(old_body: str, new_body: str) -> list[str]:
    old, new = sections(old_body), sections(new_body)
    ids = list(new) + [i for i in old if i not in new]
    return [i or "(intro)" for i in ids if old.get(i) != new.get(i)]


@lru_cache(maxsize=None)
def _english_versions(root: Path, rel: str) -> tuple[tuple[str, str], ...]:
    """(hash, body) of every committed version of an English page, newest first."""
    path = f"docs/{SOURCE_LANGUAGE}/{rel}"
    try:
        commits = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%H", "--", path],
            capture_output=True, text=True, check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return ()
    versions = []
    for commit in commits:
        shown = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{path}"], capture_output=True, text=True)
        if shown.returncode == 0:
            body = parse_text(shown.stdout).body
            versions.append((translations.hash_text(body), body))
    return tuple(versions)


def report(root: Path = ROOT) -> list[PageStatus]:
    docs = root / "docs"
    langs = translation_codes(root)
    rows = []
    for page in translations.english_pages(docs):
        english = translations.parse(docs / SOURCE_LANGUAGE / page).body
        digest = translations.hash_text(english)
        for lang in langs:
            # strict: a translation whose front matter does not parse stops the build with its line
            state, recorded = translations.state_of(docs / lang / page, digest, strict=True)
            changed = []
            if state == "outdated":
                old_body = next((body for d, body in _english_versions(root, page) if d == recorded), None)
                changed = changed_sections(old_body, english) if old_body is not None else ["(unknown version)"]
            rows.append(PageStatus(lang, page, state, changed))
    order = {lang: i for i, lang in enumerate(langs)}
    return sorted(rows, key=lambda row: order[row.lang])


def summary(rows: list[PageStatus]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row.lang, dict.fromkeys(STATES, 0))[row.state] += 1
    return counts


def format_text(rows: list[PageStatus]) -> str:
    lines = []
    for lang, counts in summary(rows).items():
        lines.append(f"{lang}: " + ", ".join(f"{counts[s]} {s}" for s in STATES))
        for row in (r for r in rows if r.lang == lang):
            detail = f"  (changed: {', '.join(row.changed_sections)})" if row.changed_sections else ""
            lines.append(f"  {row.state:<8} {row.page}{detail}")
    return "\n".join(lines)


def format_needs_work(rows: list[PageStatus], lang: str) -> str:
    """One language's pages that need work (outdated with their changed sections, then missing),
    each with the command that helps next."""
    mine = [r for r in rows if r.lang == lang]
    counts = summary(mine).get(lang, dict.fromkeys(STATES, 0))
    lines = [f"{lang}: " + ", ".join(f"{counts[s]} {s}" for s in STATES)]
    for state in ("outdated", "missing"):
        for row in (r for r in mine if r.state == state):
            path = f"docs/{lang}/{row.page}"
            if state == "outdated":
                lines.append(f"  outdated {path}  (changed: {', '.join(row.changed_sections)})")
                lines.append(f"           see the English changes: make diff FILE={path}")
            else:
                lines.append(f"  missing  {path}  (translate docs/{SOURCE_LANGUAGE}/{row.page})")
    if len(lines) == 1:
        lines.append("  nothing to do: every page is current")
    return "\n".join(lines)


def english_diff(root: Path, translated: Path) -> tuple[int, str]:
    """(exit status, text): the English page's changes since the version a translation
    records, as a unified diff of the page body whose hunks name their section."""
    import difflib

    root = Path(root).resolve()
    translated = (root / translated) if not Path(translated).is_absolute() else Path(translated)
    try:
        docs, lang, rel = translations._split_lang(translated)
    except ValueError as exc:
        return 2, f"{exc}\n    hint: give a translated page, e.g. make diff FILE=docs/it/playbooks/saying-no.md"
    shown = f"docs/{lang}/{rel.as_posix()}"
    english_path = docs / SOURCE_LANGUAGE / rel
    english_shown = f"docs/{SOURCE_LANGUAGE}/{rel.as_posix()}"
    if lang == SOURCE_LANGUAGE:
        return 2, f"{shown} is an English page\n    hint: give its translation, e.g. make diff FILE=docs/it/{rel.as_posix()}"
    if not english_path.exists():
        return 2, f"{shown}: there is no English page {english_shown}"
    english = translations.parse(english_path).body
    state, recorded = translations.state_of(translated, translations.hash_text(english), strict=True)
    if state == "missing":
        return 2, (f"{shown} does not exist yet\n    hint: copy {english_shown} to {shown}, translate it, "
                   f"then make mark-current FILE={shown}")
    if state == "current":
        return 0, f"{shown} is current: {english_shown} has not changed since it was translated"
    old = next((body for digest, body in _english_versions(root, rel.as_posix()) if digest == recorded), None)
    if old is None:
        return 1, (f"{shown} records source_hash {recorded or '(none)'}, which no committed version of "
                   f"{english_shown} has, so the changes cannot be shown\n"
                   f"    hint: compare the whole page with {english_shown}; in a shallow clone run "
                   f"git fetch --unshallow first; once it matches, make mark-current FILE={shown}")
    new_lines = english.splitlines(keepends=True)
    section_at = []  # section id of every line of the current English body
    current = "(intro)"
    for line in new_lines:
        match = HEADING.match(line.rstrip("\n"))
        if match:
            current = match.group("id")
        section_at.append(current)
    out = [f"{shown}: English changes since the translated version (changed sections: "
           f"{', '.join(changed_sections(old, english)) or 'none'})"]
    diff = list(difflib.unified_diff(old.splitlines(keepends=True), new_lines,
                                     f"{english_shown} (translated version {recorded})",
                                     f"{english_shown} (now)", n=3))
    header, new_no = None, 0  # index in out of the current hunk's @@ line; line number in the new body
    for line in diff:
        if line.startswith("@@"):
            new_no = int(line.split("+")[1].split(",")[0].split(" ")[0])
            header = len(out)
            out.append(line.rstrip("\n"))
            continue
        if header is not None and line[:1] in "+-" and not line.startswith(("+++", "---")):
            # name the hunk after the section of its first changed line
            out[header] += f" section {section_at[min(max(new_no - 1, 0), len(section_at) - 1)] if section_at else '(intro)'}"
            header = None
        if line[:1] in " +" and not line.startswith("+++"):
            new_no += 1
        out.append(line.rstrip("\n"))
    out.append(f"When the translation matches again: make mark-current FILE={shown}")
    return 1, "\n".join(out)
