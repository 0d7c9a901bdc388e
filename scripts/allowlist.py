"""What a page's rendered HTML may contain: the one allowlist of elements,
attributes and URL schemes that our Markdown extensions and generated blocks
produce. Anything else is refused, not cleaned.

How it is judged: the page's HTML (after Markdown, before the theme) is
sanitised with nh3 (Rust's ammonia, an HTML5-parsing allowlist sanitiser)
using the lists below; both the input and nh3's output are parsed with
lexbor (a browser-grade HTML5 parser) and compared element by element. Any
difference other than formatting (quotes, attribute order, whitespace inside
tags, entity spelling) is an offence: the element or attribute nh3 removed.
Because both sides are parsed trees, parser tricks (mutation XSS with
<noscript>, <svg><style>, unclosed comments...) show up as differences too.

Used by the build (scripts.plugin.plugin, on_page_content) and by the
checker (scripts.check.model / markup): one implementation, two callers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial

import nh3
from selectolax.lexbor import LexborHTMLParser

# -- The allowlist ---------------------------------------------------------------
# Attributes allowed on every allowed element: identifiers and classes
# (attr_list `{#id .class}`, toc ids), language and direction of a quotation in
# another language, tooltips, and accessibility attributes.
GLOBAL_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "role", "hidden",
                     "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-live"}

ELEMENTS: dict[str, set[str]] = {
    # Core Markdown: paragraphs, headings, lists, quotes, rules, inline text.
    **{tag: set() for tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "blockquote", "hr", "br",
                              "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
                              "kbd", "q", "cite", "dfn", "var", "samp", "span", "div", "section", "aside")},
    "ol": {"start", "reversed", "type"},
    # Links (href checked by URL below) and local images (src checked below: same site only).
    "a": {"href", "hreflang", "rel", "target"},
    "img": {"src", "alt", "width", "height", "loading"},
    # Code: inline code, fenced code (superfences; code-copy needs <pre><code>).
    "pre": set(), "code": set(),
    # def_list.
    "dl": set(), "dt": set(), "dd": set(),
    # tables: alignment comes as style="text-align: ..." (checked below).
    "table": set(), "thead": set(), "tbody": set(), "tfoot": set(), "tr": set(), "caption": set(),
    "th": {"style", "align", "colspan", "rowspan", "scope"},
    "td": {"style", "align", "colspan", "rowspan"},
    # abbr: glossary tooltips (the abbr extension, fed from the glossary data) use title.
    "abbr": set(),
    # admonitions (div.admonition > p.admonition-title) and pymdownx.details (collapsible ones).
    "details": {"open"}, "summary": set(),
    # pymdownx.tabbed (alternate style): radio inputs + labels; pymdownx.tasklist: checkboxes.
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    # figures: the timeline figure (scripts.timeline; markdown="0" is md_in_html's marker).
    "figure": {"markdown"}, "figcaption": set(),
    # The timeline SVG (scripts.timeline): shapes and text only, no <use>, <image>,
    # <foreignObject>, <style>, <a> or animation.
    "svg": {"viewBox", "xmlns", "font-size", "width", "height", "preserveAspectRatio"},
    "title": set(), "desc": set(), "g": set(),
    "line": {"x1", "y1", "x2", "y2"},
    "circle": {"cx", "cy", "r"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "path": {"d"},
    "text": {"x", "y", "text-anchor"},
}

# data-* attributes our generated blocks write: bibliography entries (data-key),
# the status page (data-translation-status), tabbed sets (data-tabs), anchor
# aliases from data/anchors.yml (data-moved-to).
DATA_ATTRIBUTES = {"data-key", "data-translation-status", "data-tabs", "data-moved-to"}

# Links: the web, mail, and everything relative (other pages, #sections).
URL_SCHEMES = {"http", "https", "mailto"}

# Attributes that make the browser *fetch* something: only this site's own files.
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href"}
# ids the templates and scripts look up (Material's __config, __search, __drawer...,
# our kb-strings and cite box): content must not clobber them. Tabbed sets number theirs.
RESERVED_ID = re.compile(r"__(?!tabbed_\d+(_\d+)?$).*|kb-strings|kb-cite-plain|kb-cite-bibtex|cite-this-page")
TABLE_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center);?\s*")
ALIGN_VALUES = {"left", "right", "center"}
INPUT_TYPES = {"checkbox", "radio"}
# -------------------------------------------------------------------------------

_ATTRIBUTES = {tag: attrs | GLOBAL_ATTRIBUTES | DATA_ATTRIBUTES for tag, attrs in ELEMENTS.items()}
_FOREIGN = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)


def is_local(url: str) -> bool:
    """A URL of this site: relative, no scheme, no //host."""
    return not _FOREIGN.match(re.sub(r"[\x00-\x20]", "", url or ""))


def _attribute_filter(tag: str, name: str, value: str):
    if name in RESOURCE_ATTRIBUTES:
        return value if is_local(value) else None
    if name == "style":
        return value if TABLE_ALIGN.fullmatch(value) else None
    if name in ("id", "name", "for"):
        return None if RESERVED_ID.fullmatch(value) else value
    if name == "align":
        return value if value.lower() in ALIGN_VALUES else None
    if tag == "input" and name == "type":
        return value if value.lower() in INPUT_TYPES else None
    if name == "target":
        return value if value in ("_blank", "_self") else None
    return value


_OPTIONS = dict(tags=set(ELEMENTS), clean_content_tags={"script", "style", "noscript", "template"},
                attributes=_ATTRIBUTES, attribute_filter=_attribute_filter, strip_comments=True,
                link_rel=None, url_schemes=URL_SCHEMES)
# Configured once: nh3.clean() converts these sets on every call (a third of its time on a page).
_clean = nh3.Cleaner(**_OPTIONS).clean if hasattr(nh3, "Cleaner") else partial(nh3.clean, **_OPTIONS)


def sanitise(html: str) -> str:
    return _clean(html)


# -- Comparison ------------------------------------------------------------------

@dataclass(frozen=True)
class Offence:
    code: str      # checker code: M001 script ... M007 element, M008 attribute, M009 other host
    detail: str    # what is wrong
    needle: str    # text to find the source line with
    hint: str      # what to write instead


def _walk(html: str):
    """Elements of the parsed HTML in document order: (depth, tag, attributes),
    and the whole text. Comments and whitespace are formatting."""
    # The doctype and <body> put every input element in body context, as in the page.
    tree = LexborHTMLParser("<!DOCTYPE html><html><head></head><body>" + html)
    elements, text = [], []

    def visit(node, depth):
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text.append(child.text_content or "")
            elif tag == "-comment":
                continue
            else:
                attrs = tuple(sorted((k, v or "") for k, v in (child.attributes or {}).items()))
                elements.append((depth, tag, attrs))
                visit(child, depth + 1)

    visit(tree.root, 0)
    return elements, " ".join("".join(text).split())


HINTS = {
    "script": "no scripts in pages: site behaviour belongs in overrides/ or the kb plugin",
    "iframe": "no frames: link to the page instead",
    "object": "no embedded objects: link to the file instead",
    "embed": "no embedded objects: link to the file instead",
    "img": "images must be files of this site (docs/.../images/x.png), not from another host",
    "style": "no <style> or style=: use the classes of kb.css (ask for a new one in overrides/)",
    "link": "no <link>: stylesheets belong in mkdocs.yml extra_css",
    "base": "no <base>: links are relative to the page",
    "meta": "no <meta>: page metadata goes in the front matter",
    "form": "no forms: link to the form's page instead",
    "noscript": "no <noscript>: pages work without scripts already",
}
ELEMENT_CODES = {"script": "M001", "iframe": "M002", "frame": "M002", "object": "M003", "embed": "M003"}


def _element_offence(tag: str, attrs: dict) -> Offence:
    code = ELEMENT_CODES.get(tag, "M007")
    hint = HINTS.get(tag, "write Markdown (or an allowed element of scripts/allowlist.py)")
    return Offence(code, f"<{tag}> is not allowed", f"<{tag}", hint)


def _attribute_offence(tag: str, name: str, value: str) -> Offence:
    plain = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    if name.startswith("on"):
        return Offence("M004", f"{name}= on <{tag}>", f"{name}=", "no inline event handlers: behaviour belongs in overrides/")
    if ":" in plain and plain.split(":")[0] in ("javascript", "data", "vbscript") and (
            name in RESOURCE_ATTRIBUTES or name == "href"):
        return Offence("M005", f"{plain.split(':')[0]}: URL in {name}= on <{tag}>", value.strip()[:30] or f"{name}=",
                       "link to a real page or file (https://... or a relative path)")
    if name in RESOURCE_ATTRIBUTES and value and not is_local(value):
        return Offence("M009", f"{name}= on <{tag}> loads {value.strip()[:60]} from another host",
                       value.strip()[:30], "put the file in docs/ and refer to it by a relative path, "
                       "or link to it with [text](https://...)")
    if name in ("id", "name", "for") and RESERVED_ID.fullmatch(value):
        return Offence("M008", f'{name}="{value}" on <{tag}> is reserved for the site\'s templates', f'{value}',
                       "choose another id (ids starting with __ and the kb-/cite ids are the templates')")
    if name == "style" or name.startswith("style"):
        return Offence("M008", f'style="{value[:40]}" on <{tag}>', "style=", HINTS["style"])
    return Offence("M008", f"{name}= on <{tag}> is not allowed", f"{name}=",
                   "drop the attribute (allowed ones are listed in scripts/allowlist.py)")


def offences(html: str) -> list[Offence]:
    """What the allowlist refuses in this HTML fragment (empty when it may be published)."""
    clean = sanitise(html)
    if clean == html:  # nothing removed (the usual case): no need to compare parsed trees
        return []
    before, text_before = _walk(html)
    after, text_after = _walk(clean)
    if before == after and text_before == text_after:
        return []
    found: list[Offence] = []
    # Align the elements by (depth, tag); attributes are compared on aligned pairs.
    matcher = SequenceMatcher(a=[e[:2] for e in before], b=[e[:2] for e in after], autojunk=False)
    removed_depth = None  # descendants of a removed element are not reported again
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for k, (depth, tag, attrs) in enumerate(before[i1:i2]):
            if removed_depth is not None:
                if depth > removed_depth:
                    continue
                removed_depth = None
            if op == "equal":
                kept = dict(after[j1 + k][2])
                for name, value in attrs:
                    if kept.get(name) != value:
                        found.append(_attribute_offence(tag, name, value))
            elif tag not in ("html", "head", "body"):
                found.append(_element_offence(tag, dict(attrs)))
                removed_depth = depth
    if not found:  # same elements, different text: something was parsed differently
        found.append(Offence("M007", "markup that a browser would read differently", "<",
                             "write Markdown instead of raw HTML here"))
    unique = list(dict.fromkeys(found))
    return unique
