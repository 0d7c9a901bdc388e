"""Link previews: Open Graph and Twitter card tags for every page, in the page's language.

A chat app (Teams, WhatsApp, Slack) reads these from the page's <head> when a
trainer pastes a link. The template writes each (attribute, name, content) triple
as a <meta> tag, escaping the content.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

CARD = "assets/images/card-{code}.png"  # 1200 x 630, one per language (scripts/cards.py)
CARD_SIZE = (1200, 630)
MAX_DESCRIPTION = 200


def first_paragraph(html: str) -> str:
    """The text of the page's first paragraph (admonitions and tables skipped)."""
    if not html:
        return ""
    tree = LexborHTMLParser(html)
    for node in tree.css("p"):
        parent, inside = node.parent, False
        while parent is not None:
            if parent.tag in ("table", "details", "figure", "nav") or "admonition" in (parent.attributes.get("class") or ""):
                inside = True
                break
            parent = parent.parent
        text = " ".join(node.text(deep=True).split())
        if not inside and len(text) > 20:
            return text
    return ""


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # Cut at a word boundary where there are spaces (not in Chinese).
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return re.sub(r"[\s,;:.，、；：]+$", "", cut) + "…"


def description(page, config) -> str:
    meta = (page.meta or {}).get("description")
    return shorten(str(meta)) if meta else shorten(first_paragraph(page.content) or config.site_description or "")


def tags(page, config, lang, languages, og_locale, t) -> list[tuple[str, str, str]]:
    """The (attribute, name, content) of each <meta> tag of the link preview."""
    site_url = (config.site_url or "/").rstrip("/") + "/"
    url = (page.canonical_url or site_url).split("#")[0]
    title = page.title or config.site_name
    if page.is_homepage or url.rstrip("/") == (site_url + lang.prefix).rstrip("/"):
        title, kind = config.site_name, "website"
    else:
        kind = "article"
    text = description(page, config)
    image = site_url + CARD.format(code=lang.code)
    alt = t("card.alt", lang.code)
    out = [
        ("property", "og:type", kind),
        ("property", "og:site_name", config.site_name),
        ("property", "og:title", title),
        ("property", "og:description", text),
        ("property", "og:url", url),
        ("property", "og:locale", og_locale(lang.code)),
    ]
    out += [("property", "og:locale:alternate", og_locale(other.code)) for other in languages if other.code != lang.code]
    out += [
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(CARD_SIZE[0])),
        ("property", "og:image:height", str(CARD_SIZE[1])),
        ("property", "og:image:alt", alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", text),
        ("name", "twitter:image", image),
        ("name", "twitter:image:alt", alt),
    ]
    return out
