"""The one evidence scale (data/evidence.yml) and the checks that keep its uses consistent.

- `load` reads the scale: grade ids, their names and definitions per language, and
  the hedging words a weakly supported timeline label must contain.
- `table_markdown` renders the scale's table for history/index.md#evidence-strength
  (marker <!-- kb:evidence-scale -->), so the definitions live in one place.
- `table_grades` reads the evidence tables of an English page (tables whose last
  column is "Strength"): claim text -> grade id.
- `timeline_problems` checks data/timeline.yml against both: an event linked to an
  evidence-table row (`claim:`) carries that row's grade, and the label of a weak or
  disputed event says who makes the claim, in every language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts import yaml_loader

ROOT = Path(__file__).resolve().parent.parent
HEDGED = ("weak", "disputed")


class EvidenceError(ValueError):
    pass


@dataclass(frozen=True)
class Scale:
    ids: tuple[str, ...]
    names: dict[str, dict[str, str]]
    definitions: dict[str, dict[str, str]]
    hedges: dict[str, tuple[str, ...]]


@lru_cache(maxsize=8)
def load(data_dir: Path = ROOT / "data") -> Scale:
    path = Path(data_dir) / "evidence.yml"
    try:
        raw = yaml_loader.load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise EvidenceError(f"{path}: {exc}") from exc
    grades = raw.get("grades") or []
    ids = tuple(str(g.get("id")) for g in grades)
    if not ids or len(set(ids)) != len(ids) or any(not re.fullmatch(r"[a-z]+", i) for i in ids):
        raise EvidenceError(f"{path}: `grades` needs unique lowercase ids, got {list(ids)}")
    for grade in grades:
        if not (grade.get("name") or {}).get("en") or not (grade.get("definition") or {}).get("en"):
            raise EvidenceError(f"{path}: grade '{grade['id']}' needs name.en and definition.en")
    return Scale(
        ids=ids,
        names={g["id"]: dict(g["name"]) for g in grades},
        definitions={g["id"]: dict(g["definition"]) for g in grades},
        hedges={lang: tuple(str(w).lower() for w in words) for lang, words in (raw.get("hedges") or {}).items()},
    )


def table_markdown(scale: Scale, lang: str) -> str:
    from scripts.ui import t

    rows = [f"| {t('evidence.table.grade', lang)} | {t('evidence.table.meaning', lang)} |", "| --- | --- |"]
    for gid in scale.ids:
        name = scale.names[gid].get(lang) or scale.names[gid]["en"]
        text = scale.definitions[gid].get(lang) or scale.definitions[gid]["en"]
        rows.append(f"| **{name}** | {text} |")
    return "\n".join(rows) + "\n"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _plain(text: str) -> str:
    text = re.sub(r"\[@[^\]]*\]", "", text)          # citations
    text = re.sub(r"[*_]", "", text)                  # emphasis
    return " ".join(text.split()).strip()


def table_grades(markdown: str, scale: Scale) -> dict[str, str]:
    """Claim (plain text of the first cell) -> grade id, for every row of every table whose
    last header cell is "Strength"; the grade is the first word of the last cell."""
    out: dict[str, str] = {}
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines) and re.match(r"\s*\|[\s:|-]+\|\s*$", lines[i + 1]):
            header = _cells(lines[i])
            i += 2
            body = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                body.append(_cells(lines[i]))
                i += 1
            if header and header[-1].lower() == "strength":
                for cells in body:
                    first = re.match(r"[A-Za-z]+", _plain(cells[-1]))
                    grade = first.group(0).lower() if first else ""
                    out[_plain(cells[0])] = grade if grade in scale.ids else f"?{_plain(cells[-1])}"
            continue
        i += 1
    return out


def timeline_problems(events, docs_en: Path, scale: Scale, langs) -> list[str]:
    """Messages (event id first) for every inconsistency between the timeline and the scale."""
    problems = []
    tables: dict[str, dict[str, str]] = {}
    for event in events:
        if event.strength not in scale.ids:
            problems.append(f"{event.id}: strength '{event.strength}' is not a grade of data/evidence.yml {scale.ids}")
        if event.claim:
            page = (event.page or "").split("#")[0]
            if page not in tables:
                path = Path(docs_en) / page
                tables[page] = table_grades(path.read_text(encoding="utf-8"), scale) if page and path.exists() else {}
            grade = tables[page].get(_plain(event.claim))
            if grade is None:
                problems.append(f"{event.id}: claim '{event.claim}' is not a row of an evidence table on docs/en/{page}")
            elif grade != event.strength:
                problems.append(f"{event.id}: strength '{event.strength}' but the evidence table on docs/en/{page} "
                                f"grades '{event.claim}' as '{grade}'")
        if event.strength in HEDGED:
            for lang in langs:
                label = (event.labels.get(lang) or "").lower()
                words = scale.hedges.get(lang, ())
                if not any(w in label for w in words):
                    problems.append(f"{event.id}: graded {event.strength}, so its {lang} label must say who makes the "
                                    f"claim (use one of {list(words)}), not state it as fact: '{event.labels.get(lang)}'")
    return problems
