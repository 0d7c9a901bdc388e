"""Page metadata escaped once, where it enters the templates.

MkDocs renders templates without autoescaping, and Material writes front matter
straight into attributes (`<meta name="description" content="{{ page.meta.description }}">`):
a description holding `"` split that tag into stray attributes. Before any
template is rendered (the `on_env` event, when every page's Markdown is read),
every string of every page's front matter and the site-wide strings of the
configuration become `markupsafe.Markup` holding their HTML-escaped text.
Jinja prints a Markup as it is, and escaping a Markup again is a no-op, so a
template that already escapes (`| e`) gets the same text once escaped, not twice.

`raw()` gives the original text back, for code that builds its own output from it
(the page citation, which its template escapes).
"""

from __future__ import annotations

from markupsafe import Markup, escape

CONFIG_KEYS = ("site_name", "site_description", "site_author", "copyright")


def _escaped(value):
    if isinstance(value, str):
        return escape(value)  # a Markup: escapes a str, returns a Markup unchanged
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def escape_meta(meta: dict) -> None:
    """Escape every string of a page's front matter, in place (idempotent)."""
    for key, value in list(meta.items()):
        meta[key] = _escaped(value)


def escape_config(config) -> None:
    for key in CONFIG_KEYS:
        if isinstance(config.get(key), str):
            config[key] = escape(config[key])


def unescape_config(config) -> None:
    """Back to plain text at the start of each build: mkdocs-static-i18n applies a language's
    site_name/site_description only over a value whose type is exactly str."""
    for key in CONFIG_KEYS:
        if isinstance(config.get(key), Markup):
            config[key] = config[key].unescape()


def raw(value):
    """The text as written (undoes `escape_meta`/`escape_config` on one value)."""
    return value.unescape() if isinstance(value, Markup) else value
