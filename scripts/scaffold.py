"""Scaffold a new language: docs folder, mkdocs.yml entry, glossary to translate.

The new language builds at once: every page is served from English with the
untranslated notice (static-i18n's fallback) and counted as missing in the status.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import material

from scripts.languages import SOURCE_LANGUAGE, codes, languages

CODE = re.compile(r"^[a-z]{2}$")


class ScaffoldError(ValueError):
    pass


def _material_has_ui(code: str) -> bool:
    return (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{code}.html").exists()


def new_language(root: Path, code: str, name: str) -> list[str]:
    if not CODE.match(code):
        raise ScaffoldError(f"'{code}' is not a two-letter ISO 639-1 code")
    if code in codes(root):
        raise ScaffoldError(f"'{code}' is already configured in mkdocs.yml")
    if not name.strip():
        raise ScaffoldError("give the language's name, e.g. NAME=Português")
    done = []

    docs = root / "docs" / code
    docs.mkdir(parents=True, exist_ok=True)
    (docs / ".gitkeep").touch()
    done.append(f"created {docs.relative_to(root)}/ (pages fall back to English until translated)")

    glossary = root / "data" / "glossary"
    target = glossary / f"{code}.yml"
    if not target.exists():
        shutil.copyfile(glossary / f"{SOURCE_LANGUAGE}.yml", target)
        done.append(f"created {target.relative_to(root)} (English terms and definitions to translate)")

    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    ui = code if _material_has_ui(code) else SOURCE_LANGUAGE
    entry = (
        f"        - locale: {code}\n"
        f"          name: {name}\n"
        f"          build: true\n"
        f"          theme:\n            language: {ui}\n"
    )
    marker = "  - bibtex:\n"
    if marker not in text:
        raise ScaffoldError("mkdocs.yml: cannot find where the i18n languages end (the bibtex plugin entry)")
    config.write_text(text.replace(marker, entry + marker, 1), encoding="utf-8")
    languages.cache_clear()
    done.append(f"added {code} ({name}) to mkdocs.yml" + ("" if ui == code else f"; Material has no '{code}' UI, using English"))
    done.append(f"next: translate pages into docs/{code}/, then make mark-current FILE=docs/{code}/<page>.md")
    return done
