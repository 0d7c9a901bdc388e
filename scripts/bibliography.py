"""The bibliography: every BibTeX file in data/bib, parsed with pybtex.

The bibliography page is generated from it (grouped by the `keywords` field),
and every citation footnote links to its entry there.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.database import BibliographyData, Entry, parse_file
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence

from scripts.ui import t

GROUPS = ("primary", "secondary", "article", "research")
GROUP_ANCHORS = {
    "primary": "primary-sources",
    "secondary": "secondary-sources",
    "article": "source-articles",
    "research": "research",
    "other": "other-works",
}


_LOADED: dict[tuple, BibliographyData] = {}


def load(bib_dir: Path) -> BibliographyData:
    """All entries of all .bib files; a key defined twice is an error (pybtex raises).

    Parsed once per build: a four-language build configures the plugin four times,
    and the files are parsed again only when one of them changed (mkdocs serve)."""
    paths = sorted(bib_dir.glob("*.bib"))
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if signature not in _LOADED:
        merged = BibliographyData()
        for path in paths:
            for key, entry in parse_file(str(path)).entries.items():
                merged.add_entry(key, entry)
        _LOADED.clear()
        _LOADED[signature] = merged
    return _LOADED[signature]


def group_of(entry: Entry) -> str:
    keywords = {k.strip().lower() for k in entry.fields.get("keywords", "").split(",")}
    for group in GROUPS:
        if group in keywords:
            return group
    return "other"


def anchor(key: str) -> str:
    return "ref-" + re.sub(r"[^a-z0-9-]+", "-", key.lower())


def _sort_key(entry: Entry) -> tuple:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    name = str(people[0]) if people else entry.fields.get("organization", entry.fields.get("title", ""))
    return (name.strip("{}").lower(), entry.fields.get("year", ""))


class CaseKeepingStyle(PlainStyle):
    """pybtex's plain style, but titles keep their case (it would lower-case "Marshall Field")
    and web pages (@online) format like @misc."""

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def get_online_template(self, e):
        return self.get_misc_template(e)


_STYLE = CaseKeepingStyle()
_BACKEND = HtmlBackend()


def _fingerprint(entry: Entry) -> tuple:
    persons = tuple((role, tuple(str(p) for p in people)) for role, people in entry.persons.items())
    return (entry.key, entry.type, tuple(entry.fields.items()), persons)


class FormattedEntries:
    """Formatted entries, kept for the whole build and between builds.

    pybtex takes ~10-40 ms to format an entry, and every page that cites it, in
    every language, asks again (twice: mkdocs-bibtex's footnote and ours). Each
    result is stored under the entry's content (an edited entry is formatted
    anew) and the kind of formatting; `use(cache_dir)` keeps them in
    .cache/bibtex/, in a file named after the versions of pybtex, mkdocs-bibtex
    and this module, so a change of style starts afresh."""

    def __init__(self):
        self.path: Path | None = None
        self.done: dict[str, str] = {}
        self.dirty = False

    def use(self, cache_dir: Path) -> None:
        import hashlib
        import json
        from importlib.metadata import version

        salt = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:10]
        path = Path(cache_dir) / "bibtex" / f"formatted-{version('pybtex')}-{version('mkdocs-bibtex')}-{salt}.json"
        if path == self.path:
            return
        self.save()
        self.path = path
        try:
            self.done = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.done = {}

    def get(self, kind: str, entry: Entry, make) -> str:
        key = f"{kind}\t{_fingerprint(entry)!r}"
        text = self.done.get(key)
        if text is None:
            text = self.done[key] = make()
            self.dirty = True
        return text

    def save(self) -> None:
        import json
        import os

        if not (self.dirty and self.path):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.done, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path)
        self.dirty = False


FORMATTED = FormattedEntries()


# The English words pybtex's plain style writes, put in the page's language (data/ui.yml).
_PAGES = re.compile(r"\b(pages?) (\d+(?:[\u2013\u2014-]+\d+)?)")


def render_entry_html(entry: Entry, lang: str = "en") -> str:
    """One entry as a single line of HTML (footnotes need one line), its labels in `lang`;
    pybtex formats each entry once (FORMATTED)."""
    def make():
        return " ".join(_STYLE.format_entry(entry.key, entry).text.render(_BACKEND).split())

    text = FORMATTED.get("kb-html", entry, make)
    if lang == "en":
        return text
    url = t("bib.url", lang)
    text = text.replace("URL: <a", url + ("" if url.endswith("：") else " ") + "<a").replace("No URL known", t("bib.no_url", lang))
    return _PAGES.sub(lambda m: t("bib." + m.group(1), lang).replace("{p}", m.group(2)), text)


def memoize_bibtex_footnotes(bibtex_plugin) -> None:
    """mkdocs-bibtex formats the footnote of every citation on every page (its own
    text, which the kb plugin replaces afterwards): with its simple (pybtex)
    registry, each entry is formatted once (FORMATTED); it builds a new registry
    when a .bib file changes."""
    registry = getattr(bibtex_plugin, "registry", None)
    if registry is None or getattr(registry, "_kb_memoized", False) or type(registry).__name__ != "SimpleRegistry":
        return
    original = registry.reference_text
    kind = f"mkdocs-bibtex\t{registry.footnote_format}"

    def reference_text(citation):
        entry = registry.bib_data.entries.get(citation.key)
        if entry is None:
            return original(citation)
        return FORMATTED.get(kind, entry, lambda: original(citation))

    registry.reference_text = reference_text
    registry._kb_memoized = True


def page_markdown(data: BibliographyData, lang: str) -> str:
    """The bibliography page body: one section per group, one anchored paragraph per entry."""
    grouped: dict[str, list[Entry]] = {}
    for entry in data.entries.values():
        grouped.setdefault(group_of(entry), []).append(entry)
    parts = []
    for group in (*GROUPS, "other"):
        entries = sorted(grouped.get(group, []), key=_sort_key)
        if not entries:
            continue
        parts.append(f"## {t('bib.group.' + group, lang)} {{#{GROUP_ANCHORS[group]}}}")
        items = []
        for entry in entries:
            body = render_entry_html(entry, lang)
            items.append(
                f'<li id="{anchor(entry.key)}" class="kb-ref" data-key="{html.escape(entry.key)}">{body}</li>'
            )
        parts.append('<ol class="kb-bibliography">\n' + "\n".join(items) + "\n</ol>")
    return "\n\n".join(parts) + "\n"
