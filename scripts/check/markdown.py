"""Line-oriented scanning of Markdown source: headings, citations, links.

This is not a Markdown renderer: it finds what the checks need and *where* it
is (line numbers), skipping fenced code blocks and inline code so that examples
in the contributing guide are not mistaken for content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
# attr_list at the end of a heading: `{#id}`, `{: #id .class}`
HEADING_ATTRS = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# Same block/part grammar as mkdocs-bibtex, so we see what it renders.
CITE_BLOCK = re.compile(r"\[(.*?)\]")
CITE_PART = re.compile(r"(?:(?P<prefix>[^@;]*?)\s*)?@(?P<key>[\w-]+)(?:,\s*(?P<suffix>[^;]+))?")
EMAIL = re.compile(r"[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}")
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
HTML_URL_ATTR = re.compile(r"""\b(?:href|src)\s*=\s*["']?([^"'\s>]+)""", re.I)
GOOD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class Cite:
    key: str
    line: int
    raw: str
    affixed: bool  # prefix or suffix present: not allowed by CONTRIBUTING


def code_mask(lines: list[str]) -> list[bool]:
    """True for lines inside (or delimiting) fenced code blocks."""
    mask, fence = [], None
    for line in lines:
        m = FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)[0] * len(m.group(1))
                mask.append(True)
                continue
            mask.append(False)
        else:
            mask.append(True)
            if m and m.group(1).startswith(fence) and line.strip() == m.group(1):
                fence = None
    return mask


def strip_inline_code(line: str) -> str:
    if "`" not in line:  # most lines: no regex
        return line
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")


def headings(lines, mask, first_line=1) -> list[Heading]:
    """ATX headings (also indented inside admonitions, tabs and lists) and
    setext headings (a text line underlined with === or ---)."""
    out = []
    for i, line in enumerate(lines):
        if mask[i]:
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped.startswith("#") and indent % 4 == 0:
            m = HEADING.match(stripped)
            if not m:
                continue
            text, hid = m.group(2), None
            a = HEADING_ATTRS.search(text)
            if a:
                ids = ATTR_ID.findall(a.group(1))
                hid = ids[-1] if ids else None
                text = text[: a.start()].rstrip()
            out.append(Heading(len(m.group(1)), text, hid, first_line + i))
        elif i > 0 and stripped[:1] in ("=", "-") and SETEXT.match(line) and lines[i - 1].strip() and not mask[i - 1] \
                and not lines[i - 1].lstrip().startswith(("|", "#", "-", "*", ">", "!!!", "???", "===", "<")) \
                and (i < 2 or not lines[i - 2].strip() or mask[i - 2]):
            # a paragraph of one line underlined: Python-Markdown makes it <h1>/<h2>
            text, hid = lines[i - 1].strip(), None
            a = HEADING_ATTRS.search(text)
            if a:
                ids = ATTR_ID.findall(a.group(1))
                hid = ids[-1] if ids else None
                text = text[: a.start()].rstrip()
            out.append(Heading(1 if line.strip()[0] == "=" else 2, text, hid, first_line + i - 1))
    return out


def citations(lines, mask, first_line=1) -> list[Cite]:
    out = []
    for i, line in enumerate(lines):
        if mask[i] or "@" not in line:
            continue
        clean = strip_inline_code(line)
        for block in CITE_BLOCK.finditer(clean):
            inner = block.group(1)
            if "@" not in inner or inner.startswith("^"):
                continue
            for part in inner.split(";"):
                if EMAIL.match(part):
                    continue
                m = CITE_PART.match(part)
                if m:
                    affixed = bool((m.group("prefix") or "").strip() or m.group("suffix"))
                    out.append(Cite(m.group("key"), first_line + i, block.group(0), affixed))
    return out


def link_targets(lines, mask, first_line=1) -> list[tuple[str, int]]:
    """(target, line) of Markdown and raw-HTML links: used to map HTML findings back."""
    out = []
    for i, line in enumerate(lines):
        if mask[i]:
            continue
        for m in MD_LINK.finditer(line):
            out.append((m.group(1), first_line + i))
        if "=" in line:
            for m in HTML_URL_ATTR.finditer(line):
                out.append((m.group(1), first_line + i))
    return out


def paragraphs(lines, mask, first_line=1) -> list[tuple[str, int]]:
    """Prose paragraphs (text, first line): no headings, tables, code, html, lists markers kept."""
    out, buf, start = [], [], 0
    def flush():
        if buf:
            out.append((" ".join(buf), first_line + start))
        buf.clear()
    for i, line in enumerate(lines):
        s = line.strip()
        if mask[i] or not s or s.startswith(("#", "|", "<", "[^", "---", "===", "!!!", "???", "*[")):
            flush()
            continue
        if line.startswith("    ") and not buf:
            s = s  # indented content of admonitions/lists is prose too
        if not buf:
            start = i
        buf.append(s)
    flush()
    return out
