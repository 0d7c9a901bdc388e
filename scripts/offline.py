"""Offline reading: the service worker's precache manifest, each language's offline
pack, the offline page per language and the web app manifests.

Called by the plugin after the build (after minification, so that every hash is
the hash of the file that is served). Deterministic: the same site gives the same
files, byte for byte.

- Every file of the site gets a revision: the first 16 hex digits of the SHA-256 of
  its bytes. A page's revision is written into the page itself
  (`<meta name="kb-revision">`, hashed with the placeholder in place), so a page can
  tell the worker which version of it the reader has.
- A language's *offline pack* is: every playbook, the training handout and role
  plays, the glossary, the situation finder (when the page exists), the language's
  search index, Material's search worker and the lunr files it loads for that
  language, the assets those pages link, the language's offline page.
- `offline-manifest.<hash>.js` holds all of that; `sw.js` (scripts/offline_sw.js,
  with the manifest's file name filled in) is written at the site root, so its scope
  is the site root wherever the site is served (/ or /knowledge-base/).
- In a one-language (SITE_LANG) build and in `mkdocs serve` no worker is wanted:
  `sw.js` is then a worker that removes itself and its caches (pages do not
  register it either; see offline.js).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from posixpath import normpath
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from scripts import csp
from scripts.search_index import FULL_INDEX, SETTINGS_INDEX

WORKER_SOURCE = Path(__file__).with_name("offline_sw.js")
WORKER = "sw.js"
REVISION_PLACEHOLDER = "kb-revision-pending"
# The pages of a language's offline pack, relative to the language root
# (directory URLs). "finder/" is included when the page exists.
PACK_PAGES = ("playbooks/", "training/handout/", "training/role-plays/", "glossary/", "finder/")
PACK_SECTIONS = ("playbooks/",)  # every page under these
OPTIONAL_PAGES = {"finder/"}
SKIPPED = re.compile(r"(\.map|\.gz|^sitemap\.xml|^sw\.js|^offline-manifest\.[0-9a-f]+\.js|/\.built|^\.built)$")
THEME_COLOR = "#4051b5"  # Material's indigo, the primary colour in mkdocs.yml
ICONS = (("assets/images/icon-192.png", "192x192", "any"), ("assets/images/icon-512.png", "512x512", "any"),
         ("assets/images/icon-maskable-512.png", "512x512", "maskable"))

STUB_WORKER = """\
/* No offline support in this build (one language, or mkdocs serve): a worker left
   by a full build of the same origin removes its caches and itself. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("kb-") === 0; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""


class OfflineError(Exception):
    pass


@dataclass
class Result:
    packs: dict[str, dict]  # lang -> {"files": n, "urls": [...], "bytes": raw}


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def page_url(rel: str) -> str:
    """a/b/index.html -> a/b/ ; index.html -> "" ; 404.html -> 404.html"""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


REVISION_META = re.compile(rb'(name="?kb-revision"? content="?)(' + REVISION_PLACEHOLDER.encode() + rb'|[0-9a-f]{16})')


def stamp_revisions(site: Path) -> dict[str, str]:
    """Write each page's own revision into its kb-revision meta tag: the hash of the
    page with the placeholder in place (idempotent: a page edited after a build is
    hashed again)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        data = path.read_bytes()
        match = REVISION_META.search(data)
        if not match:
            continue
        pending = data[: match.start(2)] + REVISION_PLACEHOLDER.encode() + data[match.end(2):]
        rev = revision(pending)
        if match.group(2) != rev.encode():
            path.write_bytes(data[: match.start(2)] + rev.encode() + data[match.end(2):])
        found[page_url(path.relative_to(site).as_posix())] = rev
    return found


def revisions(site: Path) -> dict[str, str]:
    stamped = stamp_revisions(site)
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if SKIPPED.search(rel):
            continue
        url = page_url(rel) if rel.endswith(".html") else rel
        files[url] = stamped.get(url) or revision(path.read_bytes())
    return files


def _local(base: str, ref: str) -> str | None:
    """A reference in a page at `base` (site-relative) as a site-relative path, or None if external."""
    if not ref or ref.startswith(("data:", "#", "mailto:", "javascript:")):
        return None
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    joined = urlsplit(urljoin("https://x.invalid/" + base, parts.path)).path.lstrip("/")
    joined = normpath(joined) + ("/" if joined.endswith("/") else "") if joined else ""
    return "" if joined in (".", "./") else joined


# The search worker kb-config.js names in Material's settings (overrides/assets/javascripts/workers/):
# it loads Material's worker, so both belong to a language's offline pack.
SEARCH_WRAPPER = "kb-search.js"


def file_of(site: Path, url: str) -> Path:
    """The built file a site URL serves (a folder URL serves its index.html)."""
    return site / (url + "index.html" if url == "" or url.endswith("/") else url)


def page_assets(site: Path, url: str, base: str | None = None) -> set[str]:
    """Stylesheets, scripts, icons, images and the search worker a built page uses
    (its links resolved against `base`, by default the page's own URL)."""
    base = url if base is None else base
    tree = LexborHTMLParser(file_of(site, url).read_text(encoding="utf-8"))
    found = set()
    selectors = (("link[rel~=stylesheet]", "href"), ("link[rel~=icon]", "href"), ("script[src]", "src"),
                 ("img[src]", "src"))
    for selector, attr in selectors:
        for node in tree.css(selector):
            target = _local(base, node.attributes.get(attr) or "")
            if target is not None:
                found.add(target)
    config = tree.css_first("#__config")
    if config is not None:
        worker = json.loads(config.text()).get("search")
        if worker:
            found.add(_local(base, worker))
            # kb-config.js points Material at our worker beside it (word endings), which loads Material's.
            found.add(_local(base, worker.rsplit("/", 1)[0] + "/" + SEARCH_WRAPPER))
    return found


def lunr_files(index: dict) -> set[str]:
    """The lunr scripts Material's search worker imports for the index's languages."""
    langs = index.get("config", {}).get("lang") or ["en"]
    base = "assets/javascripts/lunr/"
    files = set()
    for lang in langs:
        if lang == "ja":
            files.add(base + "tinyseg.js")
        elif lang in ("hi", "th"):
            files.add(base + "wordcut.js")
        if lang != "en":
            files.add(f"{base}min/lunr.{lang}.min.js")
    if len(langs) > 1:
        files.add(base + "min/lunr.multi.min.js")
    if files:
        files.add(base + "min/lunr.stemmer.support.min.js")
    return files


def pack(site: Path, prefix: str, files: dict[str, str]) -> list[str]:
    """The site-relative URLs of one language's offline pack, sorted."""
    pages = []
    for page in PACK_PAGES:
        url = prefix + page
        if url in files:
            pages.append(url)
        elif page not in OPTIONAL_PAGES:
            raise OfflineError(f"offline pack: {url} is not built (expected {site / url / 'index.html'}); "
                               f"update PACK_PAGES in scripts/offline.py if the page moved")
    for section in PACK_SECTIONS:
        pages += [u for u in files if u.startswith(prefix + section) and u.endswith("/") and u not in pages]
    urls = set(pages)
    for url in pages:
        urls |= page_assets(site, url)
    # Material reads the index's settings at start-up; our worker reads the entries on first search.
    for index in (prefix + SETTINGS_INDEX, prefix + FULL_INDEX):
        if index not in files:
            raise OfflineError(f"offline pack: {site / index} is missing (the per-language search index)")
        urls.add(index)
    urls |= lunr_files(json.loads((site / prefix / FULL_INDEX).read_text(encoding="utf-8")))
    offline = prefix + "offline.html"
    urls.add(offline)
    urls |= page_assets(site, offline, base="")  # its <base> is the site root
    missing = sorted(u for u in urls if u not in files)
    if missing:
        raise OfflineError(f"offline pack for /{prefix}: these files are linked but not built: {', '.join(missing)}")
    return sorted(urls)


def size_of(site: Path, urls: list[str]) -> tuple[int, int]:
    raw = packed = 0
    for url in urls:
        data = file_of(site, url).read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6, mtime=0))
    return raw, packed


def page_title(site: Path, url: str) -> str:
    tree = LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8"))
    h1 = tree.css_first("article h1") or tree.css_first("h1")
    return " ".join((h1.text() if h1 else url).split()).replace("¶", "").strip()


# The offline page's <base>, replaced by the worker (offline_sw.js) with its scope.
SCOPE_TOKEN = "/kb-offline-scope/"


def offline_page(lang, t, site_name: str, entries: list[tuple[str, str]], assets: dict[str, str]) -> str:
    """The page shown offline in place of a page not saved on the device. The worker
    fills in the site root (SCOPE_TOKEN, a valid URL until then), so links work whatever
    URL it answers."""
    items = "".join(f'<li><a href="{html.escape(url)}">{html.escape(title)}</a></li>' for url, title in entries)
    css = "".join(f'<link rel="stylesheet" href="{html.escape(h)}">' for h in assets["css"])
    page = (
        f'<!doctype html><html lang="{lang.ui}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<base href="{SCOPE_TOKEN}"><title>{html.escape(t("offline.title"))} - {html.escape(site_name)}</title>{css}'
        f'<meta name="theme-color" content="{THEME_COLOR}"><meta name="kb-offline" content="on"></head>'
        f'<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">'
        f'<header class="md-header"><nav class="md-header__inner md-grid"><div class="md-header__title">'
        f'<div class="md-header__ellipsis"><div class="md-header__topic"><span class="md-ellipsis">'
        f'{html.escape(site_name)}</span></div></div></div></nav></header>'
        f'<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">'
        f'<article class="md-content__inner md-typeset" id="kb-offline-page" data-kb-lang-prefix="{html.escape(lang.prefix)}">'
        f'<h1>{html.escape(t("offline.title"))}</h1><p>{html.escape(t("offline.intro"))}</p>'
        f'<h2>{html.escape(t("offline.pack"))}</h2><ul id="kb-offline-pack">{items}</ul>'
        f'<h2 id="kb-offline-read-title" hidden>{html.escape(t("offline.read"))}</h2><ul id="kb-offline-read"></ul>'
        f'<p><a href="{html.escape(lang.prefix)}">{html.escape(t("offline.home"))}</a></p>'
        f'</article></div></div></main></div>'
        f'<script src="{html.escape(assets["js"])}"></script></body></html>'
    )
    # The same policy as every page (no inline script at all); its own <base> needs base-uri 'self'.
    return csp.apply(page, [], f"{lang.prefix}offline.html", base_uri="'self'")


def web_manifest(lang, t, site_name: str, description: str) -> str:
    up = "../" if lang.prefix else ""
    # No "id": it would be resolved against the origin, one id for every language;
    # without it the id is start_url, so each language is its own app.
    manifest = {
        "name": site_name,
        "short_name": t("app.short_name"),
        "description": description,
        "lang": lang.ui,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [{"src": up + src, "sizes": sizes, "type": "image/png", "purpose": purpose} for src, sizes, purpose in ICONS],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"


def write_manifests(site: Path, languages, prefixes: dict[str, str], names: dict[str, tuple[str, str]], t) -> None:
    """One web app manifest per built language, at its root (linked from every page)."""
    for lang in languages:
        if lang.code not in prefixes:
            continue
        name, description = names[lang.code]
        target = site / prefixes[lang.code] / "manifest.webmanifest"
        target.write_text(web_manifest(lang, lambda key: t(key, lang.code), name, description), encoding="utf-8")


def build(site: Path, languages, prefixes: dict[str, str], names: dict[str, tuple[str, str]], t, enabled: bool) -> Result:
    """Everything offline reading needs, after the build. With enabled=False (one-language
    build, mkdocs serve) only the manifests and the self-removing worker are written."""
    write_manifests(site, languages, prefixes, names, t)
    if not enabled:
        (site / WORKER).write_text(STUB_WORKER, encoding="utf-8")
        return Result({})
    for old in site.glob("offline-manifest.*.js"):
        old.unlink()
    # The offline pages, one per language, before anything is hashed.
    for lang in languages:
        prefix = prefixes[lang.code]
        sample = prefix + "playbooks/"
        assets = sorted(a for a in page_assets(site, sample) if a.endswith(".css"))
        entries = []
        for page in PACK_PAGES:
            if (site / prefix / page / "index.html").exists():
                entries.append(page)
                if page in PACK_SECTIONS:
                    entries += sorted(p.parent.relative_to(site / prefix).as_posix() + "/"
                                      for p in (site / prefix / page).glob("*/index.html"))
        listed = [(prefix + e, page_title(site, prefix + e)) for e in entries]
        js = next((a for a in page_assets(site, sample) if re.search(r"assets/javascripts/offline(\.min)?\.js$", a)), None)
        if js is None:
            raise OfflineError(f"offline: {site / sample}index.html does not load assets/javascripts/offline.js "
                               "(is it in extra_javascript in mkdocs.yml?)")
        (site / prefix / "offline.html").write_text(
            offline_page(lang, lambda key, c=lang.code: t(key, c), names[lang.code][0], listed, {"css": assets, "js": js}),
            encoding="utf-8")
    files = revisions(site)
    packs = {lang.code: pack(site, prefixes[lang.code], files) for lang in languages}
    manifest = {
        "source": languages[0].code,
        "langs": {lang.code: prefixes[lang.code] for lang in languages},
        "files": files,
        "packs": packs,
    }
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    name = f"offline-manifest.{revision(body.encode())}.js"
    (site / name).write_text(f"self.KB_MANIFEST={body};\n", encoding="utf-8")
    worker = (WORKER_SOURCE.read_text(encoding="utf-8").replace("__KB_MANIFEST_FILE__", name)
              .replace("__KB_SCOPE_TOKEN__", SCOPE_TOKEN))
    (site / WORKER).write_text(worker, encoding="utf-8")
    # Files and bytes for the build's log; gzipped sizes cost a tenth of a build: `python -m
    # scripts.offline` and bench/page_weight.py print them (size_of).
    result = {code: {"files": len(urls), "urls": urls, "bytes": sum(file_of(site, u).stat().st_size for u in urls)}
              for code, urls in packs.items()}
    return Result(result)


def main(argv: list[str] | None = None) -> int:
    """Re-run the post-build step over a built site: python -m scripts.offline [site]
    (used by the update test, and handy after editing a built file by hand)."""
    import sys

    from scripts import ui
    from scripts.languages import languages

    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    langs = languages()
    prefixes = {lang.code: lang.prefix for lang in langs}
    names = {}
    for lang in langs:
        data = json.loads((site / lang.prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        names[lang.code] = (data["name"], data["description"])
    for code, info in build(site, langs, prefixes, names, ui.t, True).packs.items():
        raw, packed = size_of(site, info["urls"])
        print(f"{code}: {info['files']} files, {raw:,} bytes, {packed:,} gzipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
