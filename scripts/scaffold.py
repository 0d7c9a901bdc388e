"""Scaffold a new language: docs folder, mkdocs.yml entry (site name, description,
section names and footer copied from English), interface strings (data/ui.yml),
timeline labels (data/timeline.yml) and glossary, all to translate.

Every string copied from English is marked with TODO_MARK at the end of its line, so
`grep -rn "TODO: translate" mkdocs.yml data/` lists what is left and the checker warns
about each one. The language starts as `status: partial`: pages not translated yet are
served from English with the untranslated notice and are warnings, not errors, until
the language is marked complete.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material

from scripts.languages import SOURCE_LANGUAGE, codes, languages, load_mkdocs_config

CODE = re.compile(r"^[a-z]{2}$")
TODO_MARK = "# TODO: translate"


def _q(value: str) -> str:
    """A YAML scalar that is always valid: a JSON string is a double-quoted YAML string."""
    return json.dumps(value, ensure_ascii=False)


def add_language_lines(text: str, parent_indent: str, code: str) -> tuple[str, int]:
    """After every English line `<indent>en: value` whose language block is indented
    `parent_indent` + 2 spaces (ui.yml keys, timeline labels), add `<indent><code>: value`
    marked TODO_MARK, after the block's last language line. Returns (text, lines added)."""
    indent = parent_indent + "  "
    lang_line = re.compile(rf"^{re.escape(indent)}([a-z]{{2}}(?:-[A-Za-z]+)?):\s")
    lines = text.splitlines(keepends=True)
    out, added, english = [], 0, None
    for i, line in enumerate(lines):
        out.append(line)
        match = lang_line.match(line)
        if not match:
            continue
        if match.group(1) == SOURCE_LANGUAGE:
            english = line
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if english is not None and not lang_line.match(following):  # last language line of the block
            value = english[len(indent) + len(SOURCE_LANGUAGE) + 1:].rstrip("\r\n")
            value = re.sub(r"\s+#.*$", "", value) if not value.lstrip().startswith(("'", '"')) else value
            out.append(f"{indent}{code}:{value}  {TODO_MARK}\n")
            added, english = added + 1, None
    return "".join(out), added


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
        english = (glossary / f"{SOURCE_LANGUAGE}.yml").read_text(encoding="utf-8")
        header = (f"# Glossary terms ({name}), copied from English to translate: same keys, same order as\n"
                  f"# {SOURCE_LANGUAGE}.yml. Translate each term and definition, keep keys and citations.\n")
        body = "".join(line for line in english.splitlines(keepends=True)[_header_lines(english):])
        target.write_text(header + body, encoding="utf-8")
        done.append(f"created {target.relative_to(root)} (English terms and definitions to translate)")

    for rel, indent in (("data/ui.yml", ""), ("data/timeline.yml", "  ")):
        path = root / rel
        if path.exists():
            text, added = add_language_lines(path.read_text(encoding="utf-8"), indent, code)
            path.write_text(text, encoding="utf-8")
            done.append(f"added {added} English strings for {code} to {rel}, marked '{TODO_MARK}'")

    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    english = load_mkdocs_config(root)
    ui = code if _material_has_ui(code) else SOURCE_LANGUAGE
    entry = [
        f"        - locale: {code}",
        f"          name: {name}",
        "          build: true",
        "          # partial: untranslated pages are served in English and are warnings;",
        "          # set complete once every page is translated (then a missing page fails).",
        "          extra:",
        "            status: partial",
        "          theme:",
        f"            language: {ui}",
    ]
    for key in ("site_name", "site_description", "copyright"):
        if english.get(key):
            entry.append(f"          {key}: {_q(english[key])}  {TODO_MARK}")
    sections = [next(iter(item)) for item in english.get("nav") or [] if isinstance(item, dict)]
    if sections:
        entry.append("          nav_translations:")
        entry += [f"            {_q(title)}: {_q(title)}  {TODO_MARK}" for title in sections]
    marker = "  - bibtex:\n"
    if marker not in text:
        raise ScaffoldError("mkdocs.yml: cannot find where the i18n languages end (the bibtex plugin entry)")
    config.write_text(text.replace(marker, "\n".join(entry) + "\n" + marker, 1), encoding="utf-8")
    languages.cache_clear()
    done.append(f"added {code} ({name}) to mkdocs.yml, marked partial; site name, description, footer and "
                f"{len(sections)} section names to translate" + ("" if ui == code else f"; Material has no '{code}' UI, using English"))
    done.append(f"next: translate docs/{SOURCE_LANGUAGE}/index.md into docs/{code}/index.md, then "
                f"make mark-current FILE=docs/{code}/index.md; then the lines marked '{TODO_MARK}' "
                f"(grep -rn 'TODO: translate' mkdocs.yml data/); see CONTRIBUTING.md, 'Add a language'")
    return done


def _header_lines(text: str) -> int:
    """Number of leading comment lines (the file's header, which names its language)."""
    count = 0
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        count += 1
    return count
