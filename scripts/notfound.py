"""The site's one not-found page (overrides/404.html), in every language.

Static hosts answer every missing address with the single /404.html, and each
language's build writes that file again. The template gets every built
language's notice (`entries`), its language menu points at each language's home
(`alternates`), and after the whole build the source language's rendering is
the one left in site/404.html (the plugin keeps it as it is rendered);
kb-404.js then shows the notice of the language the missing address names.
"""

from __future__ import annotations

from scripts import ui

KEYS = ("notfound.title", "notfound.text", "notfound.home", "notfound.finder", "notfound.search",
        "notfound.search_button")


def entries(languages, prefixes: dict[str, str]) -> list[dict]:
    """One notice per built language, the source language first."""
    return [{"meta": {"code": lang.code, "prefix": prefixes[lang.code], "ui": lang.ui},
             "t": {key: ui.t(key, lang.code) for key in KEYS}}
            for lang in languages if lang.code in prefixes]


def alternates(languages, prefixes: dict[str, str], base_url: str) -> list[dict]:
    """The language menu on the not-found page: each language's home, absolute from the site root."""
    root = base_url.rstrip("/") + "/"
    return [{"name": lang.name, "link": root + prefixes[lang.code], "lang": lang.code}
            for lang in languages if lang.code in prefixes]
