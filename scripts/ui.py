"""Interface strings that the build renders, from data/ui.yml (one file, a line per language)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scripts import yaml_loader
from scripts.languages import ROOT, SOURCE_LANGUAGE


@lru_cache(maxsize=None)
def strings(data_dir: Path = ROOT / "data") -> dict[str, dict[str, str]]:
    return yaml_loader.load((data_dir / "ui.yml").read_text(encoding="utf-8"))


def t(key: str, lang: str, data_dir: Path = ROOT / "data") -> str:
    """The string in `lang`, falling back to English for a language still being scaffolded."""
    entry = strings(data_dir)[key]
    return entry.get(lang) or entry[SOURCE_LANGUAGE]
