"""Internal links and #fragments, judged on the built HTML.

Every <a href>/<img src> in the content of every built page is resolved
against the site: the target file must exist and, with a fragment, the target
page must have an element with that id. Findings are mapped back to the
Markdown line that wrote the link.
"""
from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from scripts.anchors import page_url
from scripts.check.report import Finding



def resolve(model, base_url: str, href: str):
    """(site file or None, fragment) for an internal href seen on page base_url."""
    path, _, frag = href.partition("#")
    path = unquote(path.partition("?")[0])
    frag = unquote(frag)
    if not path:
        target = base_url
    elif path.startswith("/"):
        target = path.lstrip("/")
    else:
        target = posixpath.normpath(posixpath.join(base_url or ".", path))
        if target == ".":
            target = ""
        if path.endswith("/") and target:
            target += "/"
    if target.startswith("../"):
        return None, frag  # climbs above the site root
    if target == "" or target.endswith("/"):
        candidates = [target + "index.html"]
    else:
        candidates = [target, target + "/index.html"]
    for c in candidates:
        if c in model.site_files:
            return c, frag
    return None, frag


def md_target_url(src, target: str):
    """(site file, fragment) a Markdown .md link target becomes, for mapping back."""
    path, _, frag = target.partition("#")
    if not path.endswith(".md"):
        return None
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(src.rel), path))
    return (("" if src.lang == "en" else src.lang + "/") + page_url(rel) + "index.html", frag)


def locate(src, href: str, text: str, resolved=None) -> int:
    """Markdown line of a link seen in HTML: by raw target, converted target, fragment, text."""
    for target, line in src.links:
        if target == href:
            return line
    if resolved:
        for target, line in src.links:
            if md_target_url(src, target) == resolved:
                return line
    frag = urlsplit(href).fragment
    if frag:
        for target, line in src.links:
            if target.endswith("#" + frag):
                return line
    return src.find(href, f"[{text}]" if text else "", text)


def run(model, opts) -> list[Finding]:
    out = []
    external = opts.setdefault("external_links", {})
    cache = {}
    for src in model.pages():
        base = src.url  # a property: computed once per page
        file = base + "index.html"
        page = model.html.get(file)
        if page is None:
            if model.site_files:
                out.append(Finding(src.display, src.body_line, "L003",
                                   f"no built page {file} in the site"))
            continue
        for tag, href, text in page.links:
            href = href.strip()
            if not href:
                continue
            if href[0] == "#":  # fast path: most links are footnotes, permalinks, toc
                frag = unquote(href[1:])
                if frag and frag not in page.ids:
                    out.append(Finding(src.display, locate(src, href, text, (file, frag)), "L002",
                                       f"broken fragment: {href} (no id '{frag}' on this page)"))
                continue
            head = href.split("/", 1)[0]
            scheme = head.partition(":")[0].lower() if ":" in head else ""
            if scheme in ("http", "https") or href.startswith("//"):
                external.setdefault(href, []).append((src, text))  # located only with --external
                continue
            if scheme:
                continue  # mailto: etc.; javascript:/data: are the markup check's business
            key = (base, href)
            if key not in cache:
                cache[key] = resolve(model, base, href)
            target, frag = cache[key]
            if target is None:
                out.append(Finding(src.display, locate(src, href, text, None), "L001",
                                   f"broken link: {href} (no such page or file in the site)"))
                continue
            if frag and target.endswith(".html"):
                tpage = model.html_for(target)
                if tpage is not None and frag not in tpage.ids:
                    out.append(Finding(src.display, locate(src, href, text, (target, frag)), "L002",
                                       f"broken fragment: {href} ({target} has no id '{frag}')"))
    return out
