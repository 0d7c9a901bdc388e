"""Interface strings that Python-Markdown and the theme write once for every language,
put in the language being built (strings from data/ui.yml):

- the palette toggle names (mkdocs.yml `theme.palette[].toggle.name`, one string for all
  languages): set per page before the header is rendered;
- the permalink title of headings (toc `permalink_title`) and the footnote back-link
  titles ("Jump back to footnote 1 in the text"): replaced in the page's HTML.

The checker's `ui` check (scripts/check/ui_strings.py) reports any English string left.
"""
from __future__ import annotations

import html
import re

from scripts.ui import t

# Python-Markdown's footnotes extension (BACKLINK_TITLE), with the number.
BACKLINK = re.compile(r'(<a[^>]*class="footnote-backref"[^>]*\stitle=")Jump back to footnote (\d+) in the text(")')
SCHEME_KEY = {"slate": "palette.to_light"}   # the toggle shown in a scheme names the other one


def palette(theme, lang: str) -> None:
    """Name each palette toggle in `lang` (called for every page: the config is shared by languages)."""
    for option in theme.get("palette") or []:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if toggle:
            toggle["name"] = t(SCHEME_KEY.get(option.get("scheme"), "palette.to_dark"), lang)


def content(page_html: str, lang: str, permalink_title: str | None) -> str:
    """Permalink and footnote back-link titles of one page's HTML, in `lang`."""
    if permalink_title:
        own = html.escape(t("toc.permalink_title", lang), quote=True)
        page_html = page_html.replace(f'title="{html.escape(permalink_title, quote=True)}"', f'title="{own}"')
    pattern = t("footnote.backlink", lang)
    return BACKLINK.sub(lambda m: m.group(1) + html.escape(pattern.replace("{n}", m.group(2)), quote=True) + m.group(3),
                        page_html)
