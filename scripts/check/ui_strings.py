"""Interface strings of the built pages (the `ui` check).

U001  a built page of a non-English language shows an English interface string:
      an aria-label, title, placeholder or alt attribute, the text of a button,
      label, summary or of the theme's skip link, back-to-top, footer and cite box,
      or a string of Material's runtime translations (the __config JSON).
U002  a built page shows an interface string of another region's usage
      (data/glossary/terms/<lang>-<region>.yml: Mainland forms on the Taiwan zh pages).

"English" is known, not guessed: the English strings of data/ui.yml, of Material's
English language file, and of mkdocs.yml (palette toggle names, permalink title),
plus the few strings the theme and Python-Markdown write in English whatever the
language (ENGLISH_ONLY). A string that is the same in both languages (BibTeX) is
not reported. Each string is reported once per language, on the first page that
shows it, with the number of pages.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scripts import yaml_loader
from scripts.check.report import Finding

SOURCE = "en"
ATTRS = ("aria-label", "title", "placeholder", "alt")
TEXT_SELECTORS = ("button, label, summary, .md-skip, .md-top, .md-copyright, .md-footer__direction, "
                  ".md-nav__title, .kb-cite strong, .kb-banner, .md-search-result__meta")
# Written in English by the theme or by Python-Markdown in every language (N = a number).
ENGLISH_ONLY = ("Made with Material for MkDocs", "Made with", "Jump back to footnote N in the text",
                "Back to top", "Skip to content")
ENTRY = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', re.M)


def norm(text: str) -> str:
    return re.sub(r"\d+", "N", " ".join((text or "").split()))


@lru_cache(maxsize=None)
def material_strings(ui: str, overrides: str) -> dict[str, str]:
    """Material's strings for a UI language, with the site's kb-<ui> override on top."""
    import material
    base = Path(material.__file__).parent / "templates" / "partials" / "languages"
    out = {}
    for path in (base / f"{ui}.html", Path(overrides) / f"kb-{ui}.html"):
        if path.exists():
            out.update({k: bytes(v, "utf-8").decode("unicode_escape") if "\\u" in v else v
                        for k, v in ENTRY.findall(path.read_text(encoding="utf-8"))})
    return out


def ui_table(root: Path) -> dict:
    """data/ui.yml: string key -> {language: text}."""
    ui = root / "data" / "ui.yml"
    return (yaml_loader.load(ui.read_text(encoding="utf-8")) or {}) if ui.exists() else {}


def english_strings(root: Path, table: dict | None = None) -> set[str]:
    found = set(ENGLISH_ONLY)
    found |= {norm(v) for v in material_strings("en", str(root / "overrides" / "partials" / "languages")).values()}
    table = ui_table(root) if table is None else table
    found |= {norm(str(entry.get(SOURCE, ""))) for entry in table.values()}
    try:
        from scripts.languages import load_mkdocs_config
        config = load_mkdocs_config(root)
        for option in (config.get("theme") or {}).get("palette") or []:
            if (option.get("toggle") or {}).get("name"):
                found.add(norm(option["toggle"]["name"]))
        for ext in config.get("markdown_extensions") or []:
            if isinstance(ext, dict) and "toc" in ext:
                found.add(norm(str((ext["toc"] or {}).get("permalink_title", ""))))
    except Exception:
        pass
    found.discard("")
    return found


def own_strings(root: Path, lang: str, ui_lang: str, table: dict | None = None) -> set[str]:
    """Strings that this language has too (identical in English and here: not a fault)."""
    out = {norm(v) for v in material_strings(ui_lang, str(root / "overrides" / "partials" / "languages")).values()}
    table = ui_table(root) if table is None else table
    out |= {norm(str(entry.get(lang, ""))) for entry in table.values()}
    return out


def ui_texts(tree, config=False):
    """(kind, text) of every interface string of a built page (a parsed tree or its HTML);
    `config`: its #__config element (None: it has none), when the caller found it already."""
    if isinstance(tree, str):
        tree = LexborHTMLParser(tree)
    for node in tree.css("[aria-label], [title], [placeholder], [alt]"):
        attrs = node.attributes
        if node.tag == "abbr":
            continue  # glossary tooltips: the definitions, in the page's language
        for name in ATTRS:
            if attrs.get(name):
                yield f"{name}= on <{node.tag}>", attrs[name]
    for node in tree.css(TEXT_SELECTORS):
        text = node.text(separator=" ", strip=True)
        if text:
            yield f"text of <{node.tag} class={node.attributes.get('class') or ''}>", text
    if config is False:
        config = tree.css_first("#__config")
    if config is not None:
        yield from _config_strings(config.text())


@lru_cache(maxsize=64)
def _config_strings(text: str) -> tuple:
    """Material's runtime translations in its __config JSON (the same on most pages: parsed once)."""
    try:
        translations = json.loads(text).get("translations", {})
    except ValueError:
        translations = {}
    return tuple((f"Material translation {key}", value) for key, value in translations.items() if isinstance(value, str))


def locate(raw: str, text: str) -> int:
    for needle in (text, text.replace('"', "&quot;"), text.split()[0] if text.split() else text):
        at = raw.find(needle)
        if at >= 0:
            return raw.count("\n", 0, at) + 1
    return 1


def run(model, opts) -> list[Finding]:
    root, site = model.root, model.site
    if site is None or not (root / "data" / "ui.yml").exists():
        return []  # no interface-string table (data/ui.yml): nothing to compare against
    try:
        from scripts.languages import languages
        langs = {l.code: l for l in languages(root)}
    except Exception:
        return []
    table = ui_table(root)   # read once for every language
    english = english_strings(root, table)
    from scripts.check.terms import load_regional
    regional = load_regional(root, [])   # malformed lists are reported by the terms check
    out = []
    for code, lang in langs.items():
        if code == SOURCE or not (site / lang.prefix).is_dir():
            continue
        if lang.partial:  # being launched: its strings are English until translated (T006 lists them)
            continue
        own = own_strings(root, code, lang.ui, table)
        seen: dict[tuple[str, str], list] = {}
        files = sorted(f for f in model.site_files if f.startswith(lang.prefix) and f.endswith(".html"))
        words = regional.get(code, [])
        # Pages repeat the same strings: what a string is (normalised; English?; which
        # regional words it holds) is worked out once per string, not once per page.
        known: dict[str, tuple] = {}
        for rel in files:
            page = model.html_for(rel)   # the model's parse gathered the strings already
            texts = page.ui if page is not None and page.ui is not None else \
                list(ui_texts((site / rel).read_text(encoding="utf-8", errors="replace")))
            for kind, text in texts:
                if text not in known:
                    n = norm(text)
                    known[text] = (n, n in english and n not in own, [w for w in words if w["form"] in text])
                n, is_english, found = known[text]
                if is_english:
                    key = ("U001", n)
                    if key not in seen:
                        seen[key] = [rel, text, f"English interface string «{text}» ({kind})", set()]
                    seen[key][3].add(rel)
                for w in found:
                    key = ("U002", w["form"] + "|" + n)
                    if key not in seen:
                        seen[key] = [rel, text,
                                     f"«{w['form']}» in «{text}» ({kind}) is another region's usage "
                                     f"({w['why']}): use «{w['use']}»", set()]
                    seen[key][3].add(rel)
        raws: dict[str, str] = {}  # only the pages that show a finding are read again, for its line
        for (code_, _n), (rel, text, message, pages) in seen.items():
            if rel not in raws:
                raws[rel] = (site / rel).read_text(encoding="utf-8", errors="replace")
            more = f"; on {len(pages)} pages of /{lang.prefix}" if len(pages) > 1 else ""
            out.append(Finding(f"site/{rel}", locate(raws[rel], text), code_, message + more))
    return out
