"""Terminology and style of translated pages and data (the `terms` check).

Reads the termbase (data/glossary/terms/, scripts/termbase.py), the word lists of
another region's usage (data/glossary/terms/<lang>-<region>.yml, e.g. zh-mainland.yml)
and the style data (data/style.yml):

K001  a page or data file of a language uses a form its termbase says to avoid
K002  a paragraph, list item, table row or heading whose English counterpart uses a
      concept (align: true) uses none of the concept's accepted forms (they align by
      order within each section; sections align by heading id, which the anchors
      check enforces; a section whose counts differ is compared as a whole)
K003  a page or data string uses a word of another region's usage (zh: Mainland-only
      words on Taiwan pages; always an error)
K004  a page mixes registers (tu/voi in Italian, 你/您 in Chinese) outside quotations
K005  a training page's link to a playbook step, whose English link names the step,
      does not use that step's heading in the same language
K006  quotation marks that are not the language's (data/style.yml)
K007  the termbase, word list or style data is invalid
K008  K002 in an outdated translation (a warning: its translator aligns it with the English)
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from scripts import termbase as tb
from scripts import yaml_loader
from scripts.check.markdown import INLINE_CODE
from scripts.check.report import Finding

SOURCE = "en"
# Markdown that is not running text: link targets, ids, citations, footnote refs, html, URLs;
# each with the strings one of which it needs, to skip the regex on the many lines without any.
NOT_TEXT = [(needles, re.compile(p)) for needles, p in (
    (("](",), r"\]\([^)]*\)"), (("{",), r"\{[:#.][^{}]*\}"), (("[@",), r"\[@[^\]]*\]"), (("[^",), r"\[\^[^\]]*\]"),
    (("<",), r"<[^>]+>"), (("://",), r"https?://\S+"),
    (("!!!", "???", "==="), r"^\s*(?:!!!|\?\?\?\+?|===)\s*\S*(?:\s+\"[^\"]*\")?"), (("*[",), r"^\s*\*\[[^\]]*\]:.*$"))]
# Quoted passages (speech to a customer, a quoted source) do not set the page's register.
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』|‘[^’]*’")
MENTION = re.compile(r"(?<![*\w])\*[^*\s]+\*(?!\*)|(?<![_\w])_[^_\s]+_(?![_\w])")
STEP_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)#\s]*playbooks/[^)#\s]+\.md)#(?P<frag>[^)\s]+)\)")
HEADING_NUMBER = re.compile(r"^\s*\d+[.)]\s*")


def _blank(m) -> str:
    return " " * len(m.group(0))


def text_of(line: str) -> str:
    """A line's running text, same length (so columns stay valid): code, links' targets and markup blanked."""
    if "`" in line:
        line = INLINE_CODE.sub(_blank, line)
    for needles, rx in NOT_TEXT:
        for n in needles:
            if n in line:
                line = rx.sub(_blank, line)
                break
    return line


def load_yaml(path: Path, display: str, out: list, expect=dict):
    try:
        value = yaml_loader.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        out.append(Finding(display, mark.line + 1 if mark else 1, "K007", f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None
    if not isinstance(value, expect):
        out.append(Finding(display, 1, "K007", f"expected a {'mapping' if expect is dict else 'list'} at the top level"))
        return None
    return value


def load_style(root: Path, out: list) -> dict:
    path = root / "data" / "style.yml"
    if not path.exists():
        return {}
    return load_yaml(path, "data/style.yml", out) or {}


REGIONAL = re.compile(r"^(?P<lang>[a-z]{2,3})-(?P<region>[a-z-]+)\.yml$")


def load_regional(root: Path, out: list) -> dict[str, list[dict]]:
    """Word lists of another region's usage, per language: data/glossary/terms/<lang>-<region>.yml
    (zh-mainland.yml: words a Taiwan page must not use). Each entry is {form, use, why}."""
    folder = root / "data" / "glossary" / "terms"
    lists: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*-*.yml")) if folder.is_dir() else []:
        m = REGIONAL.match(path.name)
        if not m:
            continue
        display = f"data/glossary/terms/{path.name}"
        items = load_yaml(path, display, out, expect=list) or []
        lines = path.read_text(encoding="utf-8").split("\n")
        for item in items:
            if not isinstance(item, dict) or set(item) != {"form", "use", "why"}:
                form = item.get("form") if isinstance(item, dict) else None
                line = next((i + 1 for i, l in enumerate(lines) if form and f"form: {form}" in l), 1)
                out.append(Finding(display, line, "K007", "each entry is {form, use, why} and nothing else"))
                continue
            lists.setdefault(m.group("lang"), []).append({k: str(v) for k, v in item.items()})
    return lists


# -- Data files of one language: (display, line, text) -------------------------------

def data_lines(root: Path, lang: str) -> list[tuple[str, int, str]]:
    """The lines of data/ that hold text of `lang`: its glossary, and its strings in ui.yml,
    timeline.yml and mkdocs.yml (its `- locale:` block)."""
    out = []
    glossary = root / "data" / "glossary" / f"{lang}.yml"
    if glossary.exists():
        for i, line in enumerate(glossary.read_text(encoding="utf-8").split("\n"), 1):
            if line.lstrip().startswith("#") or re.match(r"\s*(see|cite):|\s*- [a-z0-9]+$", line):
                continue
            out.append((f"data/glossary/{lang}.yml", i, line))
    own = re.compile(rf"^\s+{re.escape(lang)}:\s")
    for name in ("ui.yml", "timeline.yml"):
        path = root / "data" / name
        if path.exists():
            for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
                if own.match(line):
                    out.append((f"data/{name}", i, line.split(":", 1)[1]))
    mk = root / "mkdocs.yml"
    if mk.exists():
        inside, indent = False, 0
        for i, line in enumerate(mk.read_text(encoding="utf-8").split("\n"), 1):
            m = re.match(r"^(\s*)- locale:\s*(\S+)", line)
            if m:
                inside, indent = m.group(2) == lang, len(m.group(1))
                continue
            if inside and line.strip() and len(line) - len(line.lstrip()) <= indent:
                inside = False
            if inside and re.match(r"\s*(site_name|site_description|[A-Z][\w ]*):", line):
                out.append(("mkdocs.yml", i, line.split(":", 1)[1]))
    return out


def page_lines(src) -> list[tuple[int, str]]:
    lines, mask, first = src.body()
    return [(first + i, text_of(line)) for i, line in enumerate(lines) if not mask[i] and line.strip()]


# -- K001 avoided forms --------------------------------------------------------------

@lru_cache(maxsize=None)
def _matcher(form: str, lang: str) -> tb.Matcher:
    return tb.Matcher([form], lang)


class FirstWords:
    """Which of many matchers may match a text: those one of whose first words (Matcher.anchors)
    it contains. One pass over the first words instead of one test per matcher: most lines
    contain none, and the regexes run only for the few that may match."""

    def __init__(self, keyed: list):
        self.keys: dict[str, list] = {}
        for key, matcher in keyed:
            for anchor in matcher.anchors:
                self.keys.setdefault(anchor, []).append(key)

    def candidates(self, folded: str) -> set:
        return {k for anchor, keys in self.keys.items() if anchor in folded for k in keys}

    def __bool__(self) -> bool:
        return bool(self.keys)

    def within(self, folded: str) -> FirstWords:
        """The same, restricted to the first words found in `folded` (a whole page, whose lines
        are then tested against these few only; a word never spans two lines)."""
        sub = FirstWords([])
        sub.keys = {anchor: keys for anchor, keys in self.keys.items() if anchor in folded}
        return sub


_INDEX: dict[tuple[int, str, str], FirstWords] = {}


def avoid_index(base: tb.Termbase, lang: str) -> FirstWords:
    """Concept ids of `lang` by the first words of their avoided forms."""
    key = (id(base), lang, "avoid")
    if key not in _INDEX:
        _INDEX[key] = FirstWords([(cid, _matcher(a.form, lang)) for cid, e in base.entries[lang].items() for a in e.avoid])
    return _INDEX[key]


def concept_index(base: tb.Termbase, lang: str) -> FirstWords:
    """Concept ids of `lang` by the first words of their accepted forms."""
    key = (id(base), lang, "accept")
    if key not in _INDEX:
        _INDEX[key] = FirstWords([(cid, base.matcher(cid, lang)) for cid in base.entries[lang]])
    return _INDEX[key]


def avoided(base: tb.Termbase, lang: str, where: str, line: int, text: str, index: FirstWords | None = None) -> list[Finding]:
    out = []
    folded = text.casefold()
    maybe = (index or avoid_index(base, lang)).candidates(folded)
    if not maybe:
        return out
    for cid, entry in base.entries[lang].items():
        if cid not in maybe:
            continue
        hits = [(avoid, m) for avoid in entry.avoid for m in _matcher(avoid.form, lang).finditer(text, folded)]
        if not hits:
            continue
        accepted = [m.span() for m in base.matcher(cid, lang).finditer(text, folded)]
        for avoid, m in hits:
            if any(a <= m.start() and m.end() <= b for a, b in accepted):
                continue  # part of an accepted form of the same concept
            out.append(Finding(where, line, "K001", f"«{m.group(0)}» is avoided for {cid} ({avoid.why}): "
                                                    f"use «{entry.term}»"))
    return out


# -- K003 Mainland-only words --------------------------------------------------------------

def mainland(words: list[dict], where: str, line: int, text: str) -> list[Finding]:
    out = []
    for w in words:
        start = text.find(w["form"])
        while start >= 0:
            mention = text[start - 1:start] == "「" and text[start + len(w["form"]):start + len(w["form"]) + 1] == "」"
            if not mention:
                out.append(Finding(where, line, "K003", f"«{w['form']}» is another region's usage ({w['why']}): use «{w['use']}»"))
                break
            start = text.find(w["form"], start + 1)
    return out


# -- K002 alignment with the English page -------------------------------------------------

LIST_ITEM = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def units(lines, mask, first) -> list[tuple[str, int]]:
    """What aligns with the English one to one, in order: paragraphs, each list item and each
    table row (text, first line). Headings are compared by id (see sections)."""
    out, buf, start = [], [], 0

    def flush():
        if buf:
            out.append((" ".join(buf), first + start))
        buf.clear()

    for i, line in enumerate(lines):
        s = line.strip()
        if mask[i] or not s or s.startswith(("#", "<", "[^", "---", "===", "!!!", "???", "*[")):
            flush()
            continue
        if s.startswith("|"):
            flush()
            if not TABLE_RULE.match(s):
                out.append((s, first + i))
            continue
        if LIST_ITEM.match(line):
            flush()
        if not buf:
            start = i
        buf.append(s)
    flush()
    return out


def sections(src) -> dict[str, list[tuple[str, int]]]:
    """Paragraphs (text, line) per section: the key is the id of the heading above them
    ("" before the first heading); each heading's own text is the first item of its section."""
    lines, mask, first = src.body()
    heads = sorted((h.line, h.id or "", h.text) for h in src.headings)
    out: dict[str, list[tuple[str, int]]] = {"": []}
    for hline, hid, htext in heads:
        out.setdefault(hid, []).append((htext, hline))
    for text, line in units(lines, mask, first):
        key = ""
        for hline, hid, _t in heads:
            if hline <= line:
                key = hid
        out.setdefault(key, []).append((text, line))
    return {k: sorted(v, key=lambda p: p[1]) for k, v in out.items()}


def concepts_in(base: tb.Termbase, lang: str, text: str, only=None) -> set[str]:
    found, folded = set(), text.casefold()
    cids = only if only is not None else base.entries[lang]
    if len(cids) > 8:  # many concepts (all English ones): keep those whose first words occur
        maybe = concept_index(base, lang).candidates(folded)
        cids = [cid for cid in cids if cid in maybe]
    for cid in cids:
        if cid in base.entries[lang] and base.matcher(cid, lang).search(text, folded):
            found.add(cid)
    return found


_ENGLISH: dict[tuple[str, int], set[str]] = {}


_SECTIONS: dict[str, dict] = {}


def alignment(base: tb.Termbase, src, english) -> list[Finding]:
    lang = src.lang
    aligned = [cid for cid, e in base.source.items() if e.align]
    if english.display not in _SECTIONS:   # an English page is compared with every translation
        _SECTIONS[english.display] = sections(english)
    mine, theirs = sections(src), _SECTIONS[english.display]
    out = []
    for key, en_paras in theirs.items():
        tr_paras = mine.get(key)
        if not tr_paras:
            continue
        if len(tr_paras) == len(en_paras):
            pairs = list(zip(en_paras, tr_paras))
        else:  # the section is compared as a whole, reported at its first line
            pairs = [((" ".join(t for t, _l in en_paras), en_paras[0][1]), (" ".join(t for t, _l in tr_paras), tr_paras[0][1]))]
        for (en_text, en_line), (tr_text, tr_line) in pairs:
            key = (en_text, len(aligned))
            if key not in _ENGLISH:   # the same English unit is compared with every translation
                _ENGLISH[key] = concepts_in(base, SOURCE, text_of(en_text), aligned)
            used = _ENGLISH[key]
            if not used:
                continue
            have = concepts_in(base, lang, text_of(tr_text), used)
            for cid in sorted(used - have):
                entry = base.entries[lang][cid]
                en_form = base.matcher(cid, SOURCE).search(text_of(en_text)).group(0)
                out.append(Finding(src.display, tr_line, "K002",
                                   f"the English ({english.display}:{en_line}) says «{en_form}» ({cid}); "
                                   f"use «{entry.term}» here (accepted: {', '.join(entry.forms[:6])})"))
    return out


# -- K004 register -----------------------------------------------------------------------

def register(style: dict, src, lines=None) -> list[Finding]:
    conf = (style.get(src.lang) or {}).get("register")
    if not conf:
        return []
    expect = (conf.get("pages") or {}).get(src.rel, conf.get("default"))
    if expect == "any":
        return []
    forms = conf.get("forms") or {}
    cjk = src.lang in tb.SUBSTRING_LANGS
    matchers = {}
    for name, words in forms.items():
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        matchers[name] = re.compile(f"(?:{alts})" if cjk else rf"(?<![\w'’])(?:{alts})(?![\w'’])", re.I)
    hits: dict[str, list[int]] = {name: [] for name in forms}
    # quotations and words in italics (a register named, not used: the *tu*) do not count
    texts = [(line, MENTION.sub(_blank, QUOTED.sub(_blank, text)) if ("*" in text or "_" in text) else QUOTED.sub(_blank, text))
             for line, text in (lines if lines is not None else page_lines(src))]
    page = "\n".join(t for _l, t in texts)   # a form never spans lines: one search tells which forms occur
    for name, rx in matchers.items():
        if rx.search(page):
            hits[name] = [line for line, text in texts if rx.search(text)]
    used = [name for name, lines in hits.items() if lines]
    if len(used) == 1 and expect in forms and used[0] != expect:
        first = hits[used[0]][0]
        return [Finding(src.display, first, "K004",
                        f"the page addresses the reader with «{used[0]}» (on {len(hits[used[0]])} line(s)); "
                        f"the {src.lang} style sheet's register is «{expect}»")]
    if len(used) < 2:
        return []
    wrong = [name for name in used if name != expect] if expect in used else \
        sorted(used, key=lambda n: len(hits[n]))[:-1]
    keep = expect if expect in used else max(used, key=lambda n: len(hits[n]))
    out = []
    for name in wrong:
        for line in hits[name]:
            out.append(Finding(src.display, line, "K004",
                               f"the page mixes registers: «{name}» here, «{keep}» elsewhere "
                               f"(on {len(hits[keep])} line(s)); address the reader with «{keep}» throughout"))
    return out


# -- K005 step links in training pages ------------------------------------------------------

def norm_heading(text: str) -> str:
    text = HEADING_NUMBER.sub("", text)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split()).strip(" .:;,!?。：；，！？").casefold()


def step_links(model, src, english) -> list[Finding]:
    if not src.rel.startswith("training/"):
        return []

    def links(page):
        found = []
        lines, mask, first = page.body()
        for i, line in enumerate(lines):
            if mask[i]:
                continue
            for m in STEP_LINK.finditer(INLINE_CODE.sub(lambda x: " " * len(x.group(0)), line)):
                rel = m.group("target").split("playbooks/", 1)[1]
                found.append((f"playbooks/{rel}", m.group("frag"), m.group("text"), first + i))
        return found

    def heading(lang, rel, frag):
        page = model.sources.get((lang, rel))
        return next((h.text for h in page.headings if h.id == frag), None) if page else None

    seen: dict[tuple[str, str], int] = {}
    en_links: dict[tuple[str, str, int], str] = {}
    for rel, frag, text, _line in links(english):
        k = seen.get((rel, frag), 0)
        en_links[(rel, frag, k)] = text
        seen[(rel, frag)] = k + 1
    seen.clear()
    out = []
    for rel, frag, text, line in links(src):
        k = seen.get((rel, frag), 0)
        seen[(rel, frag)] = k + 1
        en_text, en_head = en_links.get((rel, frag, k)), heading(SOURCE, rel, frag)
        if en_text is None or en_head is None or norm_heading(en_text) != norm_heading(en_head):
            continue  # the English link does not name the step: its words are free
        head = heading(src.lang, rel, frag)
        if head is not None and norm_heading(text) != norm_heading(head):
            out.append(Finding(src.display, line, "K005",
                               f"link text «{text}» names the step {rel}#{frag}: use its heading "
                               f"«{HEADING_NUMBER.sub('', head)}»"))
    return out


# -- K006 quotation marks -------------------------------------------------------------------

def quotes(style: dict, lang: str, where: str, line: int, text: str) -> list[Finding]:
    conf = style.get(lang) or {}
    bad = [q for q in conf.get("forbidden") or [] if q in text]
    if not bad:
        return []
    primary = conf.get("quotes", {}).get("primary", ["", ""])
    nested = conf.get("quotes", {}).get("nested", ["", ""])
    return [Finding(where, line, "K006", f"quotation mark(s) {' '.join(bad)} in {lang} text: quote with "
                                         f"{primary[0]}…{primary[1]} (inside a quotation {nested[0]}…{nested[1]})")]


# -- the check ---------------------------------------------------------------------------

def run(model, opts) -> list[Finding]:
    root = model.root
    out: list[Finding] = []
    _ENGLISH.clear()
    _SECTIONS.clear()
    _INDEX.clear()
    try:
        base = tb.load(root / "data", root)
    except tb.TermbaseError as exc:
        for item in str(exc).split("\n")[1:]:
            m = re.match(r"\s*(.+?):(\d+): (.*)$", item)
            if m:
                out.append(Finding(m.group(1), int(m.group(2)), "K007", m.group(3)))
        base = None
    style = load_style(root, out)
    regional = load_regional(root, out)
    for lang in model.langs:
        if lang == SOURCE:
            continue
        has_terms = base is not None and lang in base.entries
        for src in model.pages(lang):
            english = model.sources.get((SOURCE, src.rel))
            lines = page_lines(src)
            # What the page as a whole contains decides what its lines are searched for.
            page = "\n".join(text for _l, text in lines)
            index = avoid_index(base, lang).within(page.casefold()) if has_terms else None
            words = [w for w in regional.get(lang, []) if w["form"] in page]
            quoting = any(q in page for q in (style.get(lang) or {}).get("forbidden") or [])
            for line, text in lines:
                if index:
                    out += avoided(base, lang, src.display, line, text, index)
                if words:
                    out += mainland(words, src.display, line, text)
                if quoting:
                    out += quotes(style, lang, src.display, line, text)
            if has_terms and english is not None:
                found = alignment(base, src, english)
                if not model.is_current(src):  # the English moved on: its translator aligns it (a warning)
                    found = [Finding(f.path, f.line, "K008", "outdated translation: " + f.message) for f in found]
                out += found
            out += register(style, src, lines)
            if english is not None:
                out += step_links(model, src, english)
        for where, line, text in data_lines(root, lang):
            text = text_of(text)
            if has_terms:
                out += avoided(base, lang, where, line, text)
            out += mainland(regional.get(lang, []), where, line, text)
    return out
