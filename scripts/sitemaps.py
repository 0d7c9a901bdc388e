"""One sitemap per language root.

Material's language selector reads <language root>/sitemap.xml to find the
same page in the other language; mkdocs-static-i18n writes only the root one,
so the others answered 404 (a console error on every page). Each language
gets a sitemap of its own pages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path


NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def split(site_dir: Path, site_url: str, prefixes: dict[str, str]) -> dict[str, int]:
    for prefix, uri in NS.items():
        ET.register_namespace("" if prefix == "sm" else prefix, uri)
    tree = ET.parse(site_dir / "sitemap.xml")
    urls = tree.getroot().findall("sm:url", NS)
    base = site_url.rstrip("/") + "/"
    counts = {}
    for code, prefix in prefixes.items():
        if not prefix:
            continue
        root = ET.Element(f"{{{NS['sm']}}}urlset")
        for url in urls:
            if url.findtext("sm:loc", "", NS).startswith(base + prefix):
                root.append(url)
        ET.ElementTree(root).write(site_dir / prefix / "sitemap.xml", encoding="UTF-8", xml_declaration=True)
        counts[code] = len(root)
    return counts
