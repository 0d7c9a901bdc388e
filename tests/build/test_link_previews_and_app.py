"""Link previews, the installable app and the offline pack, read from the built site.

- A link preview is read as a chat app reads it: only the <head>, with an HTML
  parser (selectolax), taking og:* then twitter:* then <title>/<meta name=description>.
  Every page must give a title, a description, an image and a locale in the
  page's language.
- Each language's web app manifest is valid and linked from every page of it.
- Each language's offline pack stays within 1.5 MB transferred.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import hanzidentifier
import pytest
from selectolax.lexbor import LexborHTMLParser

from scripts import ui
from scripts.check.language import candidates, clean, detector, lingua_language, own_script_share
from scripts.frontmatter import parse as parse_front_matter
from scripts.languages import languages
from scripts.link_preview import shorten
from tests.conftest import LANGS, PREFIX, REPO, built_path

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url (KB_SITE_URL unset in tests)

BUDGET = 1_500_000  # bytes transferred per language pack


def preview(html: str) -> dict:
    """What a chat app takes from a page: the head only."""
    head = LexborHTMLParser(html).head
    props: dict[str, list[str]] = {}
    for meta in head.css("meta"):
        key = meta.attributes.get("property") or meta.attributes.get("name")
        if key and meta.attributes.get("content") is not None:
            props.setdefault(key, []).append(meta.attributes["content"])
    first = lambda *keys: next((props[k][0] for k in keys if k in props), None)  # noqa: E731
    title = head.css_first("title")
    return {
        "title": first("og:title", "twitter:title") or (title.text() if title else None),
        "description": first("og:description", "twitter:description", "description"),
        "image": first("og:image", "twitter:image"),
        "locale": first("og:locale"),
        "alternates": props.get("og:locale:alternate", []),
        "url": first("og:url"),
        "type": first("og:type"),
        "card": first("twitter:card"),
    }


def pages(lang: str) -> list[tuple[str, Path]]:
    base = REPO / "docs" / lang
    return [(p.relative_to(base).as_posix(), p) for p in sorted(base.rglob("*.md"))]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def in_language(text: str, lang: str) -> bool:
    """As the checker tells a paragraph's language: script share for Greek and Chinese
    (Traditional characters for zh), lingua on the text without names and quotes for
    the others (unsure counts as yes; another language as no)."""
    if lang == "zh":
        han = "".join(re.findall(r"[\u4e00-\u9fff]", text))
        return own_script_share(text, lang) >= 0.5 and hanzidentifier.identify(han) in (
            hanzidentifier.TRADITIONAL, hanzidentifier.BOTH)
    if lang == "el":
        return own_script_share(text, lang) >= 0.5
    found = detector(candidates(LANGS), high_accuracy=True).detect_language_of(clean(text))
    return found is None or found == lingua_language(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_a_link_preview_in_its_language(site_dir, lang):
    problems = []
    locale = ui.t("og.locale", lang)
    others = {ui.t("og.locale", other) for other in LANGS if other != lang}
    for rel, source in pages(lang):
        file = built_path(site_dir, lang, rel)
        html = file.read_text(encoding="utf-8")
        card = preview(html)
        tree = LexborHTMLParser(html)
        where = f"{file.relative_to(site_dir)}"
        for key in ("title", "description", "image", "locale", "url", "type", "card"):
            if not card[key]:
                problems.append(f"{where}: no {key}")
        if problems:
            continue
        if card["locale"] != locale or set(card["alternates"]) != others:
            problems.append(f"{where}: locale {card['locale']} alternates {card['alternates']}")
        canonical = tree.css_first("link[rel=canonical]").attributes["href"]
        if card["url"] != canonical or "#" in card["url"]:
            problems.append(f"{where}: og:url {card['url']} is not the canonical URL {canonical}")
        image = urlsplit(card["image"]).path.lstrip("/")
        if card["image"] != SITE_URL + f"assets/images/card-{lang}.png" or png_size(site_dir / image) != (1200, 630):
            problems.append(f"{where}: image {card['image']}")
        h1 = tree.css_first("article h1")
        if rel != "index.md" and h1 is not None and card["title"] != h1.text().replace("¶", "").strip():
            problems.append(f"{where}: title {card['title']!r} is not the page's heading")
        # The description is the page's own, exactly as written (quotes and all), in its language.
        meta = parse_front_matter(source).meta.get("description")
        if meta and card["description"] != shorten(str(meta)):
            problems.append(f"{where}: description {card['description']!r} != front matter {meta!r}")
        if not in_language(card["description"], lang):
            problems.append(f"{where}: description not in {lang}: {card['description']!r}")
    assert problems == []


def test_link_preview_parser_reads_what_it_should():
    """The parser above is the test's instrument: it must fail on a page without tags
    and unescape what the page escaped."""
    html = ('<html><head><title>T</title><meta property="og:title" content="Say &quot;no&quot; &amp; mean it">'
            '</head><body><meta property="og:image" content="x.png"></body></html>')
    card = preview(html)
    assert card["title"] == 'Say "no" & mean it'
    assert card["image"] is None and card["locale"] is None  # the body does not count


@pytest.mark.parametrize("lang", LANGS)
def test_web_app_manifest_is_valid_and_linked_from_every_page(site_dir, lang):
    manifest_file = site_dir / PREFIX[lang] / "manifest.webmanifest"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest_url = SITE_URL + PREFIX[lang] + "manifest.webmanifest"
    root = SITE_URL + PREFIX[lang]
    assert urljoin(manifest_url, manifest["start_url"]) == root
    assert urljoin(manifest_url, manifest["scope"]) == root
    assert manifest["display"] in ("standalone", "fullscreen", "minimal-ui")
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"]) and manifest["background_color"]
    lang_entry = next(l for l in languages() if l.code == lang)
    assert manifest["lang"] == lang_entry.ui
    assert manifest["short_name"] == ui.t("app.short_name", lang) and len(manifest["short_name"]) <= 12  # fits under a home-screen icon
    assert manifest["name"] and (lang == "en" or in_language(manifest["name"], lang))
    sizes = set()
    for icon in manifest["icons"]:
        path = urlsplit(urljoin(manifest_url, icon["src"])).path.lstrip("/")
        width, height = png_size(site_dir / path)
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        sizes.add((width, icon.get("purpose", "any")))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes  # Chrome's installability needs 192 and 512
    unlinked = []
    for rel, _ in pages(lang):
        file = built_path(site_dir, lang, rel)
        link = LexborHTMLParser(file.read_text(encoding="utf-8")).head.css_first("link[rel=manifest]")
        folder = file.parent.relative_to(site_dir).as_posix()
        page_url = SITE_URL + ("" if folder == "." else folder + "/")
        if link is None or urljoin(page_url, link.attributes["href"]) != manifest_url:
            unlinked.append(str(file.relative_to(site_dir)))
    assert unlinked == []


def manifest(site_dir: Path) -> dict:
    found = sorted(site_dir.glob("offline-manifest.*.js"))
    assert len(found) == 1, found
    return json.loads(found[0].read_text(encoding="utf-8").removeprefix("self.KB_MANIFEST=").rstrip().rstrip(";"))


@pytest.mark.parametrize("lang", LANGS)
def test_offline_pack_holds_what_staff_need_within_budget(site_dir, lang):
    import gzip

    data = manifest(site_dir)
    pack = data["packs"][lang]
    prefix = PREFIX[lang]
    expected = {prefix + "playbooks/", prefix + "training/handout/", prefix + "training/role-plays/",
                prefix + "glossary/", prefix + "search/search_index.json", prefix + "search/full_index.json",
                prefix + "offline.html"}
    expected |= {prefix + f"playbooks/{p.stem}/" for p in (REPO / "docs" / lang / "playbooks").glob("*.md") if p.stem != "index"}
    if (REPO / "docs" / lang / "finder.md").exists():
        expected.add(prefix + "finder/")
    assert expected <= set(pack), sorted(expected - set(pack))
    assert any(re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", u) for u in pack)
    assert any(re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", u) for u in pack)
    # No page of another language, nothing outside the language's playbooks/training/glossary.
    pages_in_pack = [u for u in pack if u.endswith("/") or u.endswith(".json") or u.endswith(".html")]
    assert all(u.startswith(prefix) for u in pages_in_pack), pages_in_pack
    transferred = 0
    for url in pack:
        body = (site_dir / (url + "index.html" if url.endswith("/") else url)).read_bytes()
        transferred += len(gzip.compress(body, 6))
        assert data["files"][url], url
    print(f"{lang}: pack {len(pack)} files, {transferred:,} bytes gzipped")
    assert transferred <= BUDGET


def test_revisions_are_content_hashes(site_dir):
    import hashlib

    data = manifest(site_dir)
    css = next(u for u in data["files"] if u.startswith("assets/stylesheets/main."))
    assert data["files"][css] == hashlib.sha256((site_dir / css).read_bytes()).hexdigest()[:16]
    page = (site_dir / "playbooks" / "saying-no" / "index.html").read_text(encoding="utf-8")
    stamped = re.search(r'name="?kb-revision"? content="?([0-9a-f]{16})', page).group(1)
    assert data["files"]["playbooks/saying-no/"] == stamped
    assert (site_dir / "sw.js").read_text(encoding="utf-8").count("offline-manifest.") == 1
