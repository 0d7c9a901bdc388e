"""Parse docs/ and site/ once into a model that every check reads.

Markdown pages are scanned line by line (scripts.check.markdown); built HTML
pages are parsed with selectolax's lexbor parser, in worker processes when
there are many, keeping only what the checks need: ids, content links and
suspicious markup.
"""
from __future__ import annotations

import gc
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scripts.anchors import page_url
from scripts.check import markdown as md
from scripts.check.report import CHECKS as ALL_CHECKS
from scripts.frontmatter import FrontMatterError, Page, parse_text, split

SOURCE = "en"
CONTENT = "article.md-content__inner"  # Material's page content, without nav/header


@dataclass
class SrcPage:
    lang: str
    rel: str                       # language-neutral path: playbooks/saying-no.md
    path: Path
    lines: list[str]               # whole file
    meta: dict
    body_line: int
    fm_error: FrontMatterError | None
    mask: list[bool]
    headings: list[md.Heading]
    cites: list[md.Cite]
    links: list[tuple[str, int]]
    body_text: str = ""
    simplified: list = field(default_factory=list)   # zh: [(line, chars)] (language check)
    prose: list = field(default_factory=list)        # translations: [(line, text)] to classify

    @property
    def display(self) -> str:
        return f"docs/{self.lang}/{self.rel}"

    @property
    def url(self) -> str:      # site-relative URL, e.g. it/playbooks/saying-no/
        return ("" if self.lang == SOURCE else self.lang + "/") + page_url(self.rel)

    def body(self):
        """(lines, mask, first_line) of the body, front matter excluded."""
        i = self.body_line - 1
        return self.lines[i:], self.mask[i:], self.body_line

    def find(self, *needles: str, default: int | None = None) -> int:
        """First body line containing any needle (tried in order): maps HTML back to source."""
        lines, mask, first = self.body()
        for needle in needles:
            if not needle:
                continue
            for i, line in enumerate(lines):
                if needle in line and not mask[i]:
                    return first + i
        return default if default is not None else self.body_line


@dataclass
class HtmlPage:
    ids: set[str]
    links: list[tuple[str, str, str]]       # (tag:attr, url, text)
    unsafe: list[tuple[str, str, str]]      # (code, detail, needle for source lookup)
    has_content: bool
    ui: list[tuple[str, str]] | None = None  # (kind, text) of interface strings, when asked for


def load_source(docs: Path, lang: str, path: Path, language: bool = True) -> SrcPage:
    text = path.read_text(encoding="utf-8")
    meta, body_line, err, body_text = {}, 1, None, text
    try:
        page: Page = parse_text(text, path)
        meta, body_line, body_text = page.meta, page.body_line, page.body
    except FrontMatterError as exc:
        err = exc
        parts = split(text)  # still check the body of a page whose YAML is broken
        if parts:
            body_line = text.count("\n", 0, parts[2]) + 1
            body_text = text[parts[2]:]
    # split on \n only (not str.splitlines) so line numbers match every editor
    lines = text.replace("\r\n", "\n").split("\n")
    mask = md.code_mask(lines)
    # the front matter is not Markdown: mask it out
    for i in range(min(body_line - 1, len(mask))):
        mask[i] = True
    body, bmask = lines[body_line - 1:], mask[body_line - 1:]
    simplified, prose = [], []
    if language:  # the language check's material (not gathered when it does not run)
        # imported here: the build imports the checker's Markdown reader and needs no language models
        from scripts.check.language import scan as language_scan
        simplified, prose = language_scan(lang, body, bmask, body_line)
    return SrcPage(lang, path.relative_to(docs / lang).as_posix(), path, lines, meta, body_line, err,
                   mask, md.headings(body, bmask, body_line), md.citations(body, bmask, body_line),
                   md.link_targets(body, bmask, body_line), body_text, simplified, prose)


def parse_html(path: str, ui: bool = False, markup: bool = True) -> HtmlPage:
    with open(path, "rb") as fh:
        tree = LexborHTMLParser(fh.read())
    ids, config = set(), None
    for node in tree.css("[id]"):
        ids.add(node.id)
        if config is None and node.id == "__config":
            config = node   # Material's settings: the ui check reads its translations
    content = tree.css_first(CONTENT) or tree.css_first(".md-content") or tree.body
    links, unsafe = [], []
    if content is not None:
        # alias anchors (scripts.anchors) are judged by the anchors check (A006/A007)
        # and the theme's "edit this page" button is not the author's link
        for node in content.css("a[href]:not(.kb-alias):not(.md-content__button), img[src], link[href]"):
            attrs, tag = node.attributes, node.tag  # .attributes builds a dict: once
            url = attrs.get("src" if tag == "img" else "href") or ""
            # the link text only helps to find the Markdown line of a finding;
            # in-page #links are found by their fragment, so skip the text there
            text = "" if url.startswith("#") else (node.text(strip=True) or "")[:80]
            links.append((tag, sys.intern(url), text))
            if tag == "a" and (attrs.get("target") or "").lower() == "_blank":
                rel = (attrs.get("rel") or "").lower().split()
                if "noopener" not in rel and "noreferrer" not in rel:
                    href = url
                    unsafe.append(("M006", f'target="_blank" without rel="noopener" on link to {href}', href or "_blank"))
        if markup:  # the allowlist (nh3) is most of a page's parse: only when the markup check runs
            unsafe += unsafe_elements(content, template_parts=True)
    ids.discard(None)
    # the ui check reads the same tree: one parse per page
    texts = None
    if ui:
        from scripts.check.ui_strings import ui_texts
        # Pages repeat the same strings (menus, ids): one object each, so that a worker's
        # results are pickled (sent to the main process) once per string, not once per use.
        texts = [(sys.intern(kind), sys.intern(text)) for kind, text in ui_texts(tree, config)]
    return HtmlPage({sys.intern(i) for i in ids}, links, unsafe, content is not None, texts)


# What Material and our partials add around a page's content in <article>: not the
# author's markup, so not judged (only at their own place, once each). Each is a child
# of <article> with this tag and class (or id): aside.kb-banner, a.md-content__button,
# details#cite-this-page; tested on the children directly (a CSS query per part costs
# as much as the rest of the test).
TEMPLATE_PARTS = (("first", "aside", "class", "kb-banner"), ("first", "a", "class", "md-content__button"),
                  ("last", "details", "id", "cite-this-page"))
HTML_SPACE = re.compile(r"[ \t\n\f\r]+")


def _is_part(node, tag: str, attr: str, value: str) -> bool:
    if node.tag != tag:
        return False
    found = node.attributes.get(attr) or ""
    return value in HTML_SPACE.split(found) if attr == "class" else found == value


def unsafe_elements(content, template_parts=False) -> list[tuple[str, str, str]]:
    """Markup outside the allowlist (scripts/allowlist.py) in rendered content:
    (code, detail, needle to find the Markdown line). The build plugin runs the
    same allowlist on each page before the theme, so `mkdocs build` stops on it too."""
    from scripts.allowlist import offences
    children = [n for n in content.iter() if n.tag not in ("-text", "-comment")]
    if template_parts:
        for end, *test in TEMPLATE_PARTS:
            candidates = [i for i, n in enumerate(children) if _is_part(n, *test)]
            if candidates:
                del children[candidates[0] if end == "first" else candidates[-1]]
    html = "".join(n.html or "" for n in children) if template_parts else (content.html or "")
    return [(o.code, o.detail, o.needle) for o in offences(html)]


def _work(kind: str, base: str, items: list, needs: frozenset) -> list:
    """One chunk of work for a worker process: Markdown pages or HTML pages."""
    gc.disable()  # inherited by fork anyway; explicit for spawn platforms
    if kind == "md":
        return [load_source(Path(base), lang, Path(p), "language" in needs) for lang, p in items]
    return [parse_html(os.path.join(base, f), ui, "markup" in needs) for f, ui in items]


class Progress:
    """A one-line counter on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str, total: int, enabled: bool):
        self.label, self.total, self.n = label, total, 0
        self.enabled = enabled and total > 200

    def step(self, k=1):
        self.n += k
        if self.enabled:
            sys.stderr.write(f"\r{self.label}: {self.n}/{self.total}")
            sys.stderr.flush()

    def done(self):
        if self.enabled:
            sys.stderr.write("\r" + " " * (len(self.label) + 24) + "\r")


@dataclass
class Model:
    root: Path
    docs: Path
    site: Path | None
    sources: dict[tuple[str, str], SrcPage] = field(default_factory=dict)
    html: dict[str, HtmlPage] = field(default_factory=dict)   # key: site-relative file path
    site_files: set[str] = field(default_factory=set)
    langs: tuple[str, ...] = ()
    partial: frozenset = frozenset()  # languages marked `status: partial` in mkdocs.yml
    jobs: int = 1                     # worker processes that parsed it (1: this process alone)
    needs: frozenset = frozenset(ALL_CHECKS)  # the checks it is built for: what they read is gathered

    def is_current(self, src) -> bool:
        """A translation that records its English page's current version (source_hash).
        Parity of ids and citations is an error only for these: an outdated translation
        waits for its translator, and English authors must be able to land their edits."""
        en = self.sources.get((SOURCE, src.rel))
        if en is None or src.lang == SOURCE:
            return True
        from scripts.translations import HASH_KEY, hash_text
        return str(src.meta.get(HASH_KEY) or "") == hash_text(en.body_text)

    def pages(self, lang=None):
        return [p for (l, _r), p in sorted(self.sources.items()) if lang is None or l == lang]

    def html_for(self, rel_file: str) -> HtmlPage | None:
        """Parsed page by site-relative file path; parses pages outside docs/ lazily."""
        if rel_file not in self.html and rel_file in self.site_files and rel_file.endswith(".html"):
            self.html[rel_file] = parse_html(str(self.site / rel_file), markup="markup" in self.needs)
        return self.html.get(rel_file)


def site_langs(root: Path, docs: Path) -> tuple[str, ...]:
    """Languages from mkdocs.yml (as the build sees them), else the docs/ folders
    (English first, then alphabetical: checker fixtures have no mkdocs.yml)."""
    if (root / "mkdocs.yml").exists():
        from scripts.languages import languages
        return tuple(lang.code for lang in languages(root))
    found = [d.name for d in docs.iterdir() if d.is_dir()] if docs.is_dir() else []
    return tuple(sorted(found, key=lambda c: (c != SOURCE, c)))


def partial_langs(root: Path) -> frozenset:
    if not (root / "mkdocs.yml").exists():
        return frozenset()
    from scripts.languages import languages
    return frozenset(lang.code for lang in languages(root) if lang.partial)


def build(root: Path, docs: Path, site: Path | None, progress=False, jobs: int | None = None,
          meanwhile=None, checks=None) -> Model:
    """The model of docs/ and site/. `meanwhile(model)`, if given, is called as soon as the
    Markdown pages are in the model, while worker processes still parse the built pages:
    the checks that read only the sources run then, on the otherwise idle main process."""
    model = Model(root, docs, site)
    if checks is not None:  # --only: what the other checks alone read is not gathered
        model.needs = frozenset(checks)
    model.langs = site_langs(root, docs)
    model.partial = partial_langs(root)
    targets: list[tuple[str, Path]] = []
    for lang in model.langs:
        base = docs / lang
        if base.is_dir():
            targets += [(lang, p) for p in sorted(base.rglob("*.md"))]

    html_jobs: list[str] = []
    translated = tuple(lang + "/" for lang in model.langs if lang != SOURCE)
    if site is not None and site.is_dir():
        for dirpath, _dirs, files in os.walk(site):
            rel_dir = os.path.relpath(dirpath, site)
            rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
            for f in files:
                model.site_files.add(rel_dir + f)
        for lang, p in targets:
            f = (("" if lang == SOURCE else lang + "/") + page_url(p.relative_to(docs / lang).as_posix())
                 + "index.html")
            if f in model.site_files:
                html_jobs.append(f)
        if "ui" in model.needs:
            # The ui check reads every page of the other languages (404, offline too): same parse.
            listed = set(html_jobs)
            html_jobs += sorted(f for f in model.site_files
                                if f.endswith(".html") and f.startswith(translated) and f not in listed)

    # Worker processes pay off on a large site only, unless asked for (--jobs).
    items = len(targets) + len(html_jobs)
    jobs = jobs or ((os.cpu_count() or 1) if items >= 400 else 1)
    model.jobs = jobs
    bar = Progress("parsing", items, progress)
    # (kind, base, items): Markdown and HTML pages, in chunks for the workers
    n = max(20, items // (jobs * 8))
    needs, ui = model.needs, "ui" in model.needs
    md_chunks = [("md", str(docs), [(lang, str(p)) for lang, p in targets[i:i + n]], needs)
                 for i in range(0, len(targets), n)]
    html_chunks = [("html", str(site), [(f, ui and f.startswith(translated)) for f in html_jobs[i:i + n]], needs)
                   for i in range(0, len(html_jobs), n)]

    def add(chunk, res):
        kind, _base, items, _needs = chunk
        if kind == "md":
            for page in res:
                model.sources[(page.lang, page.rel)] = page
        else:
            model.html.update(zip((f for f, _ui in items), res))
        bar.step(len(items))

    if jobs > 1:
        # Parsing is most of the run: spread it over processes (fork is cheap). What the
        # workers use is imported first, once, rather than in each of them.
        from scripts.check import language, ui_strings  # noqa: F401
        from scripts import allowlist  # noqa: F401
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [(c, pool.submit(_work, *c)) for c in md_chunks + html_chunks]
            for c, f in futures[:len(md_chunks)]:
                add(c, f.result())
            if meanwhile is not None:
                meanwhile(model)
            # Rather than wait, this process parses the pages no worker has started yet
            # (taken from the end of the queue while the workers take from its front).
            pending = futures[len(md_chunks):]
            for c, f in reversed(pending):
                if not f.cancel():
                    break
                add(c, _work(*c))
            for c, f in pending:
                if not f.cancelled():
                    add(c, f.result())
    else:
        for c in md_chunks:
            add(c, _work(*c))
        if meanwhile is not None:
            meanwhile(model)
        for c in html_chunks:
            add(c, _work(*c))
    bar.done()
    return model
