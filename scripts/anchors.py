"""Registry of published section anchors (data/anchors.yml) and alias injection.

Trainers send links such as `playbooks/saying-no/#offer-alternatives`. Once an
id is published it must keep answering. The registry lists, per page, the ids
that are published, and declares where renamed or removed ids now live:

    pages:
      playbooks/saying-no.md: [when-to-use, acknowledge, offer-alternatives]
    moved:
      - from: playbooks/saying-no.md#alternatives      # the old link
        to: playbooks/saying-no.md#offer-alternatives  # where it lives now

Page paths are language-neutral (relative to docs/<lang>/); ids are the same
in every language, so one registry covers all four.

`python -m scripts.anchors update` adds new ids from docs/en and refuses to
drop an id that has no `moved` entry. `inject_aliases()` is called by the
build plugin so that the site still answers every old link: an empty
`<span id="old">` before the element that now has the id (same page), or a
hidden `<a id="old" data-moved-to="...">` that anchor-aliases.js follows
(other page).
"""
from __future__ import annotations

import argparse
import html as htmllib
import posixpath
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from scripts import yaml_loader
from scripts.check.markdown import code_mask, headings
from scripts.frontmatter import parse

REGISTRY = Path("data/anchors.yml")

HEADER = """\
# Registry of published section anchors. Trainers and other sites link to
# these ids, so they must keep working.
#
# pages:  page (path relative to docs/<lang>/, same in every language)
#         -> list of its published section ids, in page order.
# moved:  list of {from: "page.md#old-id", to: "page.md#new-id"}. Declare one
#         before renaming or removing a published id; the build then adds an
#         alias anchor (same page) or a redirecting anchor (other page), so the
#         old link still lands on the right section.
#
# Regenerate the page lists with `python -m scripts.anchors update`: it adds
# new ids and refuses to drop an id that has no `moved` entry.
"""


@dataclass
class Registry:
    pages: dict[str, list[str]] = field(default_factory=dict)
    moved: list[dict] = field(default_factory=list)  # [{"from": ..., "to": ..., "line": n}]

    def moved_from(self, page: str, anchor: str) -> dict | None:
        for m in self.moved:
            if m["from"] == f"{page}#{anchor}":
                return m
        return None


class RegistryError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def load(path=REGISTRY) -> Registry:
    path = Path(path)
    if not path.exists():
        return Registry()
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml_loader.load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RegistryError(mark.line + 1 if mark else 1, f"not valid YAML: {exc}") from None
    lines = text.splitlines()
    reg = Registry(pages={k: list(v or []) for k, v in (data.get("pages") or {}).items()})
    for item in data.get("moved") or []:
        if not isinstance(item, dict) or "from" not in item or "to" not in item \
                or "#" not in str(item["from"]) or "#" not in str(item["to"]):
            raise RegistryError(1, f"moved entry needs from: page.md#id and to: page.md#id, got {item!r}")
        frm = str(item["from"])
        line = next((i + 1 for i, l in enumerate(lines) if frm in l and not l.lstrip().startswith("#")), 1)
        reg.moved.append({"from": frm, "to": str(item["to"]), "line": line})
    return reg


def dump(reg: Registry, path=REGISTRY) -> None:
    out = [HEADER, "pages:\n"]
    for page in sorted(reg.pages):
        ids = reg.pages[page]
        out.append(f"  {page}:\n" if ids else f"  {page}: []\n")
        out += [f"    - {i}\n" for i in ids]
    out.append("moved:" + ("\n" if reg.moved else " []\n"))
    for m in reg.moved:
        out.append(f"  - from: {m['from']}\n    to: {m['to']}\n")
    Path(path).write_text("".join(out), encoding="utf-8")


def page_ids(md_path) -> list[str]:
    """Ids of the ## and ### headings of a Markdown page, in order."""
    page = parse(md_path)
    lines = page.body.splitlines()
    return [h.id for h in headings(lines, code_mask(lines)) if h.level in (2, 3) and h.id]


def current_ids(docs_dir) -> dict[str, list[str]]:
    base = Path(docs_dir) / "en"
    return {p.relative_to(base).as_posix(): page_ids(p) for p in sorted(base.rglob("*.md"))}


def update(docs_dir="docs", path=REGISTRY) -> list[str]:
    """Merge current ids into the registry; returns problems (then nothing is written)."""
    reg = load(path)
    now = current_ids(docs_dir)
    problems, pages = [], {}
    for page in sorted(set(reg.pages) | set(now)):
        have = now.get(page, [])
        kept = list(have)
        for old in reg.pages.get(page, []):
            if old in have:
                continue
            if reg.moved_from(page, old) is None:
                problems.append(f"{page}#{old}: published anchor is gone; add a moved entry "
                                f"(from: {page}#{old}, to: <page.md>#<new-id>) to {path}")
                kept.append(old)
        if page in now or kept:
            pages[page] = kept
    if problems:
        return problems
    reg.pages = pages
    dump(reg, path)
    return []


# --- alias injection (called by the build plugin for every page) -------------

@lru_cache(maxsize=1)
def _lang_codes() -> frozenset:
    from scripts.languages import codes  # the build's languages (mkdocs.yml), one source of truth
    return frozenset(codes())


def _neutral(src_uri: str) -> str:
    """'it/playbooks/saying-no.md' or 'playbooks/saying-no.md' -> 'playbooks/saying-no.md'."""
    head, _, rest = src_uri.replace("\\", "/").partition("/")
    return rest if head in _lang_codes() and rest else src_uri


def page_url(page: str) -> str:
    """Directory URL of a page (use_directory_urls): a/b.md -> a/b/, a/index.md -> a/."""
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def relative_url(from_page: str, to_page: str, anchor: str) -> str:
    src, dst = page_url(from_page), page_url(to_page)
    rel = posixpath.relpath(dst or ".", src or ".")
    rel = "" if rel == "." else rel
    return (rel + "/" if rel and not rel.endswith("/") else rel or "./") + "#" + anchor


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> Registry:
    return load(path)


def _resolve(reg: Registry, target: str, depth=0) -> str:
    """Follow chains a -> b -> c so an old link lands on the newest place."""
    page, _, anchor = target.partition("#")
    nxt = reg.moved_from(page, anchor)
    return _resolve(reg, nxt["to"], depth + 1) if nxt and depth < 20 else target


def inject_aliases(html: str, src_uri: str, registry: Registry | str | Path = REGISTRY) -> str:
    """Add alias anchors for ids that moved away from (or within) this page."""
    if not isinstance(registry, Registry):
        p = Path(registry)
        if not p.exists():
            return html
        registry = _cached(str(p), p.stat().st_mtime)
    page = _neutral(src_uri)
    prefix = page + "#"
    hidden = []
    for m in registry.moved:
        if not m["from"].startswith(prefix):
            continue
        old = m["from"][len(prefix):]
        if re.search(r'\bid="%s"' % re.escape(old), html):
            continue  # the id still exists here: nothing to alias
        to_page, _, new = _resolve(registry, m["to"]).partition("#")
        if to_page == page:
            # Insert an empty anchor right before the element carrying the new id.
            hit = re.search(r'<[a-zA-Z][^<>]*\bid="%s"' % re.escape(new), html)
            if hit:
                html = (html[: hit.start()] + f'<span id="{htmllib.escape(old)}" class="kb-alias"></span>'
                        + html[hit.start():])
                continue
        href = relative_url(page, to_page, new)
        hidden.append(f'<a id="{htmllib.escape(old)}" class="kb-alias" '
                      f'data-moved-to="{htmllib.escape(href)}" href="{htmllib.escape(href)}" hidden></a>')
    return "".join(hidden) + html


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scripts.anchors",
                                 description="Maintain data/anchors.yml, the registry of published anchors.")
    ap.add_argument("cmd", choices=["update", "list"])
    ap.add_argument("--docs", default="docs")
    ap.add_argument("--registry", default=str(REGISTRY))
    args = ap.parse_args(argv)
    if args.cmd == "list":
        reg = load(args.registry)
        for page, ids in sorted(reg.pages.items()):
            for i in ids:
                print(f"{page}#{i}")
        return 0
    problems = update(args.docs, args.registry)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{args.registry} not written: {len(problems)} published anchor(s) would be dropped",
              file=sys.stderr)
        return 1
    print(f"{args.registry} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
