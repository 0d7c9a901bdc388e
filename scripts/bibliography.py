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


def load(bib_dir: Path) -> BibliographyData:
    """All entries of all .bib files; a key defined twice is an error (pybtex raises)."""
    merged = BibliographyData()
    for path in sorted(bib_dir.glob("*.bib")):
        for key, entry in parse_file(str(path)).entries.items():
            merged.add_entry(key, entry)
    return merged


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


# The English words pybtex's plain style writes, put in the page's language (data/ui.yml).
_PAGES = re.compile(r"\b(pages?) (\d+(?:[\u2013\u2014-]+\d+)?)")


def render_entry_html(entry: Entry, lang: str = "en") -> str:
    """One entry as a single line of HTML (footnotes need one line), its labels in `lang`."""
    text = " ".join(_STYLE.format_entry(entry.key, entry).text.render(_BACKEND).split())
    if lang == "en":
        return text
    url = t("bib.url", lang)
    text = text.replace("URL: <a", url + ("" if url.endswith("：") else " ") + "<a").replace("No URL known", t("bib.no_url", lang))
    return _PAGES.sub(lambda m: t("bib." + m.group(1), lang).replace("{p}", m.group(2)), text)


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
