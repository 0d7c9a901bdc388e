"""Every built page is valid HTML for the Nu Html Checker (the W3C validator).

The checker is the npm package `vnu-jar`, pinned in package.json/package-lock.json
and installed into node_modules/ by `make setup`/`make test` (`npm ci`); it runs
on the system Java (KB_JAVA, default /usr/bin/java). Any error fails the test,
except the few that Material's own templates produce, each listed below with
why it is there; an entry matches one message on one named element only, so an
error of the site's own making is never hidden by it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

JAVA = os.environ.get("KB_JAVA", "/usr/bin/java")
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, extract pattern, reason). Material 9's templates, not ours.
MATERIAL_OWN = [
    (r"^Attribute “autocomplete” is only allowed when the input type is",
     r"<input class=\"?md-toggle\"? data-md-toggle=\"?(drawer|search)\"? type=\"?checkbox\"? id=\"?__(drawer|search)\"?",
     "base.html: the drawer and search toggles are checkboxes with autocomplete=off, so that Firefox does not "
     "restore them open on Back; harmless, and changing it means copying Material's base.html"),
    (r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.",
     r"<label class=\"?md-nav__title\"? for=\"?__toc\"?>",
     "partials/toc.html: the table of contents' title label points at the #__toc toggle, which Material only "
     "renders on pages that have a table of contents (our section index pages have none)"),
]


def validate(paths: list[Path]) -> list[dict]:
    """Nu Html Checker errors (not warnings) for the given files or folders."""
    if not Path(JAVA).exists():
        pytest.fail(f"{JAVA} not found: run `make test` (it installs Java with apt-get), or "
                    "`sudo apt-get install default-jre-headless`, or set KB_JAVA")
    if not VNU.exists():
        pytest.fail(f"{VNU.relative_to(REPO)} not found: run `make setup` (npm ci, pinned in package-lock.json)")
    result = subprocess.run([JAVA, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             *map(str, paths)], capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu Html Checker did not run (exit {result.returncode}): {result.stderr[-2000:]}")
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def materials_own(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(re.search(m, text) and re.search(e, extract) for m, e, _ in MATERIAL_OWN)


def describe(message: dict, site: Path) -> str:
    where = message.get("url", "").removeprefix("file:").removeprefix(str(site.resolve()) + "/")
    return f"{where}:{message.get('lastLine', '?')}: {message.get('message')} [{message.get('extract', '').strip()[:120]}]"


def test_every_built_page_is_valid_html(site_dir):
    errors = validate([site_dir])
    ours = [describe(m, site_dir) for m in errors if not materials_own(m)]
    assert not ours, f"{len(ours)} HTML error(s) of the site's own making:\n" + "\n".join(ours[:40])
    # Every entry of the list is still needed: drop it when Material fixes its template.
    for pattern, extract, _ in MATERIAL_OWN:
        assert any(re.search(pattern, m["message"]) and re.search(extract, m.get("extract", "")) for m in errors), pattern


def test_no_markdown_attribute_is_left_in_the_output(site_dir):
    leaked = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
              if re.search(r"<[a-z][^>]*\smarkdown(=|\s|>)", p.read_text(encoding="utf-8"))]
    assert not leaked, leaked


def test_the_checker_catches_what_the_filter_must_not_hide(tmp_path):
    """The test above can fail: an unescaped description and a markdown= attribute are reported,
    and the Material list does not match them."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
                    '<meta name="description" content="the slogan "the customer is always right"">'
                    '</head><body><figure markdown="0"><figcaption>x</figcaption></figure>'
                    '<input class="md-toggle" type="checkbox" id="__other" autocomplete="off"></body></html>',
                    encoding="utf-8")
    errors = validate([page])
    assert any("“customer”" in m["message"] for m in errors)
    assert any("“markdown”" in m["message"] for m in errors)
    assert not any(materials_own(m) for m in errors), "the Material list hides an error of ours"


def test_front_matter_reaches_the_page_unchanged(site_dir):
    """Descriptions come out whole, as written, quotes included (search engines and link
    previews read them): every page of every language."""
    from selectolax.lexbor import LexborHTMLParser

    from scripts.frontmatter import parse
    from scripts.languages import languages

    quoted = 0
    for lang in languages(REPO):
        for source in sorted((REPO / "docs" / lang.code).rglob("*.md")):
            description = parse(source).meta.get("description")
            if not description:
                continue
            rel = source.relative_to(REPO / "docs" / lang.code).with_suffix("")
            built = site_dir / lang.prefix / (rel.parent if rel.name == "index" else rel) / "index.html"
            tree = LexborHTMLParser(built.read_text(encoding="utf-8"))
            assert tree.css_first("meta[name=description]").attributes["content"] == description, built
            quoted += '"' in description
    assert quoted, "no description with a double quote left: the test no longer tests quoting"


def test_any_character_in_front_matter_is_safe_in_an_attribute():
    """scripts.escaping on Material's own template line, rendered as MkDocs does (no autoescape)."""
    import jinja2
    from selectolax.lexbor import LexborHTMLParser

    from scripts import escaping

    nasty = 'A "quoted" <b>bold</b> & \'single\' &amp; text'
    meta = {"description": nasty, "hide": ["toc"], "title": nasty}
    escaping.escape_meta(meta)
    escaping.escape_meta(meta)  # twice: still escaped once
    template = jinja2.Environment(autoescape=False).from_string(
        '<meta name="description" content="{{ page.meta.description }}"><title>{{ page.meta.title | e }}</title>')
    tree = LexborHTMLParser(template.render(page={"meta": meta}))
    assert tree.css_first("meta").attributes == {"name": "description", "content": nasty}
    assert tree.css_first("title").text() == nasty
    assert "toc" in meta["hide"] and escaping.raw(meta["title"]) == nasty
