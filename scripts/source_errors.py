"""Contributor mistakes found before the build renders anything, each named at file:line.

The kb plugin runs `scan()` first thing (before mkdocs-bibtex reads the .bib
files or sees a citation), and stops the build with every problem at once:

- D001 a YAML file in data/ does not parse;
- C002 / C003 a .bib file does not parse, or a key is defined twice (the
  checker's own reading of data/bib, so both say the same);
- F001 a page's front matter is not valid YAML;
- C001 a page, or the glossary or timeline data, cites a key that no .bib file
  defines ("did you mean ...?");
- L001 a page links to a .md page that does not exist (with the closest
  existing page).

Codes and hints are the checker's (scripts/check/report.py), so the build and
`make check` speak the same language.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from scripts import yaml_loader
from scripts.check import markdown as md
from scripts.frontmatter import FrontMatterError, parse as parse_front_matter

BIB_START = re.compile(r"\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    def format(self) -> str:
        from scripts.check.report import CODES

        hint = CODES[self.code][2]
        return f"  {self.path}:{self.line}: {self.code}: {self.message}\n      hint: {hint}"


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def data_yaml(root: Path, data_dir: Path) -> list[Problem]:
    """D001: every .yml/.yaml file under data/ parses."""
    out = []
    for path in sorted([*data_dir.rglob("*.yml"), *data_dir.rglob("*.yaml")]):
        try:
            yaml_loader.load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            context = getattr(exc, "context", None)
            detail = f"{problem} ({context})" if context else problem
            out.append(Problem(_shown(path, root), mark.line + 1 if mark else 1, "D001", f"not valid YAML: {detail}"))
        except UnicodeDecodeError as exc:
            out.append(Problem(_shown(path, root), 1, "D001", f"not UTF-8 text: {exc.reason}"))
    return out


def bibtex(root: Path, bib_dir: Path) -> tuple[set[str], list[Problem]]:
    """(every key, C002/C003 problems) with the checker's reading of data/bib."""
    from scripts.check.citations import load_bib

    entries, findings = load_bib(bib_dir, root)
    problems = []
    for f in findings:
        if f.code == "C002":  # name the entry the syntax error is in: the last one opened before it
            starts = [(n, m.group(1)) for n, line in enumerate((root / f.path).read_text(encoding="utf-8").splitlines(), 1)
                      if (m := BIB_START.match(line)) and n <= f.line]
            problems.append(Problem(f.path, f.line, f.code, f.message + (f" (entry '{starts[-1][1]}' from line {starts[-1][0]})" if starts else "")))
        elif f.code == "C003":
            problems.append(Problem(f.path, f.line, f.code, f.message))
    return set(entries), problems


def did_you_mean(word: str, choices, n: int = 2, cutoff: float = 0.75) -> str:
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)
    return f": did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def pages(root: Path, docs_dir: Path, langs, source_lang: str, keys: set[str]) -> list[Problem]:
    """F001, C001 and L001 in the Markdown pages of the given languages."""
    out = []
    existing = {lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")}
                for lang in {*langs, source_lang} if (docs_dir / lang).is_dir()}
    for lang in langs:
        for path in sorted((docs_dir / lang).rglob("*.md")):
            shown = _shown(path, root)
            try:
                page = parse_front_matter(path)
            except FrontMatterError as exc:
                out.append(Problem(shown, exc.line, "F001", exc.message))
                continue
            except UnicodeDecodeError as exc:
                out.append(Problem(shown, 1, "F001", f"not UTF-8 text: {exc.reason}"))
                continue
            lines = page.body.splitlines()
            mask = md.code_mask(lines)
            for cite in md.citations(lines, mask, page.body_line):
                if cite.key not in keys:
                    out.append(Problem(shown, cite.line, "C001",
                                       f"unknown citation key '{cite.key}'{did_you_mean(cite.key, keys)}"))
            rel = path.relative_to(docs_dir / lang).as_posix()
            here = existing.get(lang, set()) | existing.get(source_lang, set())  # English pages stand in
            for target, line in md.link_targets(lines, mask, page.body_line):
                missing = _missing_page(rel, target, here)
                if missing:
                    closest = difflib.get_close_matches(missing, sorted(here), n=1, cutoff=0.0)
                    hint = f"; closest existing page: {posixpath.relpath(closest[0], posixpath.dirname(rel) or '.')}" \
                        if closest else ""
                    out.append(Problem(shown, line, "L001", f"link to '{target}': no page {lang}/{missing}{hint}"))
    return out


def _missing_page(page: str, target: str, existing: set[str]) -> str | None:
    """The docs-relative path a relative .md link points to, if that page does not exist."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if not path.endswith(".md"):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return None if resolved in existing else resolved


def data_citations(root: Path, keys: set[str]) -> list[Problem]:
    """C001 for the `cite` keys of the glossary and timeline data (the checker's reading)."""
    from scripts.check.citations import data_citations as cited_in_data

    return [Problem(path, line, "C001", f"unknown citation key '{key}'{did_you_mean(key, keys)}")
            for path, line, key in cited_in_data(root) if key not in keys]


def scan(root: Path, docs_dir: Path, data_dir: Path, langs, source_lang: str) -> list[Problem]:
    problems = data_yaml(root, data_dir)
    keys, bib_problems = bibtex(root, data_dir / "bib")
    problems += bib_problems
    problems += data_citations(root, keys)
    problems += pages(root, docs_dir, langs, source_lang, keys)
    return problems


def report(problems: list[Problem]) -> str:
    lines = [p.format() for p in sorted(problems, key=lambda p: (p.path, p.line, p.code))]
    return (f"kb: {len(problems)} problem(s) in the sources; fix each at the file and line given, "
            "then build again:\n" + "\n".join(lines))
