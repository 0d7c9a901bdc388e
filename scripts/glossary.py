"""The glossary: data/glossary/<lang>.yml, the same keys in every language.

Rendered twice by the build: as the glossary page, and as abbreviation
definitions appended to every page so that terms show as tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

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
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
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


def abbreviations_markdown(terms: list[Term]) -> str:
    """Markdown abbreviation definitions (`*[form]: definition`) for the abbr extension."""
    lines = []
    for term in terms:
        tooltip = term.definition.replace("]", ")").replace("[", "(")
        for form in term.abbr:
            lines.append(f"*[{form}]: {tooltip}")
    return "\n".join(lines) + "\n"


def page_markdown(terms: list[Term], lang: str, page_dir_depth: int) -> str:
    """The glossary page body: one section per term, with a stable id."""
    up = "../" * page_dir_depth
    parts = []
    for term in terms:
        parts.append(f"## {term.term} {{#{term.key}}}\n\n{term.definition}")
        if term.cite:
            parts[-1] += "[" + "; ".join(f"@{key}" for key in term.cite) + "]"
        if term.see:
            parts.append(f"{t('glossary.see', lang)}: [{term.term}]({up}{term.see})")
    return "\n\n".join(parts) + "\n"


def fixed_terms_markdown(glossaries: dict[str, list[Term]], lang: str, names: dict[str, str]) -> str:
    """The agreed term per language: English beside the page's language (all languages on English)."""
    source = glossaries["en"]
    shown = [code for code in names if glossaries.get(code)] if lang == "en" else ["en", lang]
    by_lang = {code: {term.key: term.term for term in glossaries.get(code, [])} for code in shown}
    rows = ["| " + " | ".join(names[code] for code in shown) + " |", "|" + " --- |" * len(shown)]
    for term in source:
        rows.append("| " + " | ".join(by_lang[code].get(term.key, "") for code in shown) + " |")
    return "\n".join(rows) + "\n"
