"""The glossary: data/glossary/<lang>.yml, the same keys in every language.

Rendered twice by the build: as the glossary page, and as abbreviation
definitions appended to every page so that terms show as tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml

from scripts import yaml_loader
from scripts.locale_format import punct
from scripts.ui import t


@dataclass
class Term:
    key: str
    term: str
    definition: str
    abbr: list[str] = field(default_factory=list)
    cite: list[str] = field(default_factory=list)
    see: str | None = None


class GlossaryError(ValueError):
    pass


def load(data_dir: Path, lang: str) -> list[Term]:
    path = data_dir / "glossary" / f"{lang}.yml"
    if not path.exists():
        return []
    try:
        raw = yaml_loader.load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{path}: {exc}") from exc
    terms = []
    for key, entry in raw.items():
        if not isinstance(entry, dict) or "term" not in entry or "definition" not in entry:
            raise GlossaryError(f"{path}: term '{key}' needs 'term' and 'definition'")
        terms.append(
            Term(
                key=key,
                term=str(entry["term"]),
                definition=" ".join(str(entry["definition"]).split()),
                abbr=[str(a) for a in entry.get("abbr") or []],
                cite=list(entry.get("cite") or []),
                see=entry.get("see"),
            )
        )
    return terms


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """Tooltip of every surface form, for the abbr extension's `glossary` option.

    Handed to the extension rather than appended to each page as `*[form]: text`
    lines, which Python-Markdown would parse as blocks on every page (a quarter of
    the build's Markdown time). Brackets become parentheses, as in the tooltips
    before (a definition line could not hold them)."""
    out = {}
    for term in terms:
        tooltip = term.definition.replace("]", ")").replace("[", "(")
        for form in term.abbr:
            out[form] = tooltip
    return out


def page_markdown(terms: list[Term], lang: str, page_dir_depth: int) -> str:
    """The glossary page body: one section per term, with a stable id."""
    up = "../" * page_dir_depth
    parts = []
    for term in terms:
        # Data, never markup: escaped (Markdown passes the entities through as text).
        parts.append(f"## {escape(term.term, quote=False)} {{#{term.key}}}\n\n{escape(term.definition, quote=False)}")
        if term.cite:
            parts[-1] += "[" + "; ".join(f"@{key}" for key in term.cite) + "]"
        if term.see:
            parts.append(f"{t('glossary.see', lang)}{punct(lang, 'colon')}[{term.term}]({up}{term.see})")
    return "\n\n".join(parts) + "\n"

