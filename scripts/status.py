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
