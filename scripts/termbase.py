"""The termbase: data/glossary/terms/<lang>.yml, one entry per concept (see README.md there).

`load(data_dir)` reads every language's file, validates it (unknown keys,
concept ids not in en.yml, missing concepts, an avoided form that is also an
accepted form, glossary headwords that disagree with the termbase) and raises
TermbaseError listing every problem as `file:line: message`.

`Matcher` finds a form in text: case-insensitive whole words (a trailing `*`
matches any ending) for alphabetic languages, substrings for Chinese.

python -m scripts.termbase            validate and print a summary
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts import yaml_loader
from scripts.languages import ROOT, SOURCE_LANGUAGE

TERMS_DIR = Path("glossary") / "terms"
EN_KEYS = {"term", "forms", "note", "align"}
LANG_KEYS = {"term", "forms", "avoid", "note"}
AVOID_KEYS = {"form", "why"}
# Languages whose forms match as substrings (no spaces between words).
SUBSTRING_LANGS = {"zh", "ja"}


class TermbaseError(ValueError):
    pass


@dataclass
class Avoid:
    form: str
    why: str
    line: int


@dataclass
class Entry:
    concept: str
    lang: str
    term: str
    forms: list[str]                # accepted forms, the term first
    line: int                       # line of the concept id in its file
    path: str                       # display path of the file
    note: str = ""
    align: bool = True              # en only
    avoid: list[Avoid] = field(default_factory=list)


# -- YAML with line numbers ------------------------------------------------------

def _value(node):
    """A composed YAML node to Python values (mappings keep (value, line) per key)."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: (_value(v), k.start_mark.line + 1) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [(_value(v), v.start_mark.line + 1) for v in node.value]
    return _SCALARS.construct_object(node, deep=True)


_LOADER = yaml_loader.SafeLoader
_SCALARS = yaml.SafeLoader("")  # constructs scalars (true, 3, strings) as yaml.safe_load would


def _compose(path: Path, display: str):
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise TermbaseError(f"{display}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc


def _strings(value, line, display, key, errors) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v, _l in value):
        errors.append(f"{display}:{line}: `{key}` must be a list of non-empty strings")
        return []
    return [v.strip() for v, _l in value]


def _entries(path: Path, display: str, lang: str, known: set[str] | None, errors: list[str]) -> dict[str, Entry]:
    root = _compose(path, display)
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        errors.append(f"{display}:1: the file must map concept ids to entries")
        return {}
    allowed = EN_KEYS if lang == SOURCE_LANGUAGE else LANG_KEYS
    out: dict[str, Entry] = {}
    for knode, vnode in root.value:
        cid, line = knode.value, knode.start_mark.line + 1
        if cid in out:
            errors.append(f"{display}:{line}: concept `{cid}` is listed twice")
            continue
        if known is not None and cid not in known:
            errors.append(f"{display}:{line}: `{cid}` is not a concept of en.yml: add it there first or fix the id")
            continue
        if not isinstance(vnode, yaml.MappingNode):
            errors.append(f"{display}:{line}: `{cid}` needs a mapping with `term` and `forms`")
            continue
        raw = _value(vnode)
        for key, (_v, kline) in raw.items():
            if key not in allowed:
                errors.append(f"{display}:{kline}: unknown key `{key}` in `{cid}` (allowed: {', '.join(sorted(allowed))})")
        term = raw.get("term", (None, line))[0]
        if not isinstance(term, str) or not term.strip():
            errors.append(f"{display}:{line}: `{cid}` needs a `term` (the preferred term)")
            continue
        forms = _strings(*raw["forms"], display, "forms", errors) if "forms" in raw else []
        entry = Entry(cid, lang, term.strip(), [term.strip()] + [f for f in forms if f.lower() != term.strip().lower()],
                      line, display, note=str(raw.get("note", ("", 0))[0] or ""))
        if "align" in raw:
            if not isinstance(raw["align"][0], bool):
                errors.append(f"{display}:{raw['align'][1]}: `align` is true or false")
            else:
                entry.align = raw["align"][0]
        if "avoid" in raw:
            value, aline = raw["avoid"]
            if not isinstance(value, list):
                errors.append(f"{display}:{aline}: `avoid` is a list of {{form, why}}")
                value = []
            for item, iline in value:
                if not isinstance(item, dict):
                    errors.append(f"{display}:{iline}: an `avoid` item is a mapping with `form` and `why`")
                    continue
                for key, (_v, kline) in item.items():
                    if key not in AVOID_KEYS:
                        errors.append(f"{display}:{kline}: unknown key `{key}` in an `avoid` item of `{cid}` (allowed: form, why)")
                form, why = item.get("form", ("", iline))[0], item.get("why", ("", iline))[0]
                if not isinstance(form, str) or not form.strip() or not isinstance(why, str) or not why.strip():
                    errors.append(f"{display}:{iline}: an `avoid` item of `{cid}` needs a `form` and a `why`")
                    continue
                entry.avoid.append(Avoid(form.strip(), why.strip(), iline))
        out[cid] = entry
    return out


# -- Matching ----------------------------------------------------------------------

class Matcher:
    """Finds any of a list of forms in a line of text of one language.

    A cheap test comes first: a form can only match where the case-folded text contains
    its first word (or, for Chinese, the form itself without `*`); only then the regex runs.
    Callers that test many forms against one text pass `folded=text.casefold()` once."""

    def __init__(self, forms: list[str], lang: str):
        self.forms = forms
        parts, self.anchors = [], set()
        for form in sorted(set(forms), key=len, reverse=True):
            star = form.endswith("*")
            words = form.rstrip("*").split()
            if not words:
                continue
            body = r"\s+".join(re.escape(w) for w in words)
            self.anchors.add(words[0].casefold())
            if lang in SUBSTRING_LANGS:
                parts.append(body + (r"\w*" if star else ""))
            else:
                parts.append(r"(?<![\w])" + body + (r"\w*" if star else r"(?![\w])"))
        self.rx = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def possible(self, folded: str) -> bool:
        return any(anchor in folded for anchor in self.anchors)

    def finditer(self, text: str, folded: str | None = None):
        if self.rx is None or not self.possible(folded if folded is not None else text.casefold()):
            return iter(())
        return self.rx.finditer(text)

    def search(self, text: str, folded: str | None = None):
        if self.rx is None or not self.possible(folded if folded is not None else text.casefold()):
            return None
        return self.rx.search(text)


# -- Loading -------------------------------------------------------------------------

@dataclass
class Termbase:
    entries: dict[str, dict[str, Entry]]       # lang -> concept -> entry

    @property
    def source(self) -> dict[str, Entry]:
        return self.entries.get(SOURCE_LANGUAGE, {})

    def langs(self) -> list[str]:
        return list(self.entries)

    def preferred(self, concept: str, lang: str) -> str:
        return self.entries[lang][concept].term

    def matcher(self, concept: str, lang: str) -> Matcher:
        key = (concept, lang)
        if key not in self._matchers:
            self._matchers[key] = Matcher(self.entries[lang][concept].forms, lang)
        return self._matchers[key]

    def __post_init__(self):
        self._matchers = {}


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def load(data_dir: Path = ROOT / "data", root: Path | None = None, check_glossary: bool = True) -> Termbase:
    """Every language's termbase, validated; raises TermbaseError (all problems at once)."""
    root = root or data_dir.parent
    folder = data_dir / TERMS_DIR
    en_path = folder / f"{SOURCE_LANGUAGE}.yml"
    if not en_path.exists():
        return Termbase({})
    errors: list[str] = []
    source = _entries(en_path, _display(en_path, root), SOURCE_LANGUAGE, None, errors)
    entries = {SOURCE_LANGUAGE: source}
    for path in sorted(folder.glob("*.yml")):
        lang = path.stem
        if lang == SOURCE_LANGUAGE or not re.fullmatch(r"[a-z]{2,3}", lang):
            continue  # e.g. zh-mainland.yml: not a language's termbase
        display = _display(path, root)
        found = _entries(path, display, lang, set(source), errors)
        missing = [cid for cid in source if cid not in found]
        if missing:
            errors.append(f"{display}:1: concepts of en.yml missing here: {', '.join(missing)}")
        for entry in found.values():
            accepted = Matcher(entry.forms, lang)
            for avoid in entry.avoid:
                m = accepted.search(avoid.form.rstrip("*"))
                if m and m.group(0).lower() == avoid.form.rstrip("*").lower():
                    errors.append(f"{display}:{avoid.line}: `{avoid.form}` is both accepted and avoided for `{entry.concept}`")
        entries[lang] = found
    if check_glossary:
        errors += glossary_disagreements(entries, data_dir, root)
    if errors:
        raise TermbaseError("termbase problems:\n" + "\n".join(f"  {e}" for e in errors))
    return Termbase(entries)


HEAD_PARTS = re.compile(r"^(?P<main>.*?)\s*[（(](?P<paren>[^)）]*)[)）]\s*$")


def headword_agrees(headword: str, term: str) -> bool:
    """The glossary headword is the preferred term, or has it as its main part or in parentheses
    (`Customer lifetime value (CLV)`, `Service level (time frame)`)."""
    norm = lambda s: " ".join(s.split()).casefold()
    candidates = {norm(headword)}
    m = HEAD_PARTS.match(headword)
    if m:
        candidates |= {norm(m.group("main")), norm(m.group("paren"))}
    return norm(term) in candidates


def glossary_disagreements(entries: dict[str, dict[str, Entry]], data_dir: Path, root: Path) -> list[str]:
    """Glossary ids are concepts, and each headword agrees with the termbase's preferred term."""
    errors = []
    for lang, concepts in entries.items():
        path = data_dir / "glossary" / f"{lang}.yml"
        if not path.exists():
            continue
        display = _display(path, root)
        node = _compose(path, display)
        if not isinstance(node, yaml.MappingNode):
            continue
        for knode, vnode in node.value:
            cid, line = knode.value, knode.start_mark.line + 1
            if cid not in entries[SOURCE_LANGUAGE]:
                errors.append(f"{display}:{line}: glossary entry `{cid}` is not a termbase concept: add it to "
                              f"data/glossary/terms/en.yml")
                continue
            if cid not in concepts or not isinstance(vnode, yaml.MappingNode):
                continue
            head = next(((v.value, v.start_mark.line + 1) for k, v in vnode.value if k.value == "term"), None)
            if head and not headword_agrees(head[0], concepts[cid].term):
                errors.append(f"{display}:{head[1]}: glossary headword «{head[0]}» disagrees with the termbase's "
                              f"preferred term «{concepts[cid].term}» ({concepts[cid].path}:{concepts[cid].line}): "
                              f"change one of them")
    return errors


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def fixed_terms_markdown(base: Termbase, lang: str, names: dict[str, str]) -> str:
    """The contributing page's table of fixed terms, from the termbase: on the English page the
    preferred term in every language; on a translation English, this language's term and the
    forms to avoid."""
    source = base.source
    if lang == SOURCE_LANGUAGE:
        shown = [code for code in names if code in base.entries]
        rows = ["| " + " | ".join(names[code] for code in shown) + " |", "|" + " --- |" * len(shown)]
        for cid, entry in source.items():
            rows.append("| " + " | ".join(_cell(base.entries[code][cid].term) for code in shown) + " |")
        return "\n".join(rows) + "\n"
    own = base.entries.get(lang)
    if not own:
        return ""
    from scripts.ui import t
    avoid_label = t("terms.avoid", lang)
    rows = [f"| {names.get(SOURCE_LANGUAGE, 'English')} | {names.get(lang, lang)} | {avoid_label} |", "| --- | --- | --- |"]
    for cid, entry in source.items():
        mine = own[cid]
        avoid = ", ".join(_cell(a.form.rstrip("*")) for a in mine.avoid)
        rows.append(f"| {_cell(entry.term)} | {_cell(mine.term)} | {avoid} |")
    return "\n".join(rows) + "\n"


def main(argv=None) -> int:
    try:
        tb = load()
    except TermbaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    for lang, concepts in tb.entries.items():
        avoided = sum(len(e.avoid) for e in concepts.values())
        print(f"{lang}: {len(concepts)} concepts, {sum(len(e.forms) for e in concepts.values())} accepted forms, "
              f"{avoided} avoided forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
