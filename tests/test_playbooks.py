"""Playbooks and the trainers' path, read from the Markdown sources (no build needed).

Every playbook has the same shape in every language: a `#` title, then at once a
"Do this now" box (`!!! do-now "..."`: a bold safety line first where safety can be at
stake, then 3-5 numbered one-line actions, each a link to its step), then
`## ... {#steps}` with numbered `### N. ... {#id}` steps that each begin with a bold action
sentence, `## ... {#phrases}` with a two-column table, `## ... {#escalate}`, the background
`## ... {#when-to-use}`, `## ... {#why-it-works}` with a citation, and `## ... {#checklist}`
with 4-10 `- [ ]` items; the four languages have the same section ids in the same order,
and the same box (safety line, number of actions, their target steps).
Every link from a training page to another page names a section (`page.md#id`), and
that section exists in the target page.

The checks are plain functions that return a list of problems (file: what is wrong);
the tests at the end run them on modified copies in tmp_path, so each check is known
to fail when it should.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from scripts.check import markdown as md
from scripts.frontmatter import parse_text
from scripts import translations
from scripts.languages import languages
from tests.conftest import LANGS, REPO

PARTIAL = {lang.code for lang in languages(REPO) if lang.partial}

DOCS = REPO / "docs"
SECTIONS = ("steps", "phrases", "escalate", "when-to-use", "why-it-works", "checklist")
MIN_PLAYBOOKS = 8
MIN_STEPS = 4
CHECKLIST_ITEMS = (4, 10)
DO_NOW_ITEMS = (3, 5)
# Playbooks where someone's safety can be at stake: their box opens with a safety line.
SAFETY_PLAYBOOKS = ("abusive-customers.md", "experts-dilemma.md", "social-media.md")
DO_NOW_START = re.compile(r'^!!![ \t]+do-now[ \t]+"([^"]+)"[ \t]*$')
DO_NOW_ITEM = re.compile(r"^(\d+)\.[ \t]+\[(.+)\]\(#([A-Za-z0-9_:.-]+)\)[ \t]*$")
SAFETY_ATTR = re.compile(r"^\{:?[ \t]*\.do-now-safety[ \t]*\}$")
BOLD_START = re.compile(r"^\*\*(?=\S)([^*\n]{6,}?)\*\*")

ID_IN_ATTRS = re.compile(r"(?:^|\s)#([A-Za-z0-9_:.-]+)")
STEP_TITLE = re.compile(r"^(\d+)\.\s+\S")
CITATION = re.compile(r"\[@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*\]")
TASK_ITEM = re.compile(r"^[ \t]*[-*+][ \t]+\[ \][ \t]+\S")
COMMENT = re.compile(r"<!--.*?-->", re.S)
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REF_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
HTML_HREF = re.compile(r"""<a\s[^>]*href\s*=\s*["']([^"']+)["']""", re.I)
ANCHOR_IN_HTML = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.I)


# --------------------------------------------------------------------------- parsing


class Heading:
    def __init__(self, level: int, title: str, anchor: str | None, line: int):
        self.level, self.title, self.anchor, self.line = level, title, anchor, line
        self.body: list[str] = []  # lines up to the next heading of any level

    def text(self) -> str:
        return COMMENT.sub("", "\n".join(self.body)).strip()


def _lines_outside_code(text: str) -> list[tuple[int, str]]:
    """(line number, line) for every line not inside front matter or a fenced block,
    scanned with the checker's Markdown reader so both agree on what is content."""
    page = parse_text(text)
    lines = page.body.splitlines()
    mask = md.code_mask(lines)
    return [(page.body_line + i, line) for i, line in enumerate(lines) if not mask[i]]


def parse_headings(path: Path) -> tuple[list[str], list[Heading]]:
    """Text before the first heading, and every heading (level, title, id) with its body."""
    page = parse_text(path.read_text(encoding="utf-8"), path)
    lines = page.body.splitlines()
    mask = md.code_mask(lines)
    found = [Heading(h.level, h.text, h.id, h.line) for h in md.headings(lines, mask, page.body_line)]
    starts = [h.line for h in found]
    intro: list[str] = []
    for i, line in enumerate(lines):
        number = page.body_line + i
        if mask[i] or number in starts:
            continue
        owner = next((h for h in reversed(found) if h.line < number), None)
        (owner.body if owner else intro).append(line)
    return intro, found


def anchors_in(path: Path) -> set[str]:
    """Every id a link can land on: `{#id}` / `{: #id}` attribute lists and raw `id="..."`."""
    text = "\n".join(line for _, line in _lines_outside_code(path.read_text(encoding="utf-8")))
    found = set()
    for attrs in re.findall(r"\{:?[ \t]*([^{}\n]*#[^{}\n]*)\}", text):
        found.update(ID_IN_ATTRS.findall(attrs))
    found.update(ANCHOR_IN_HTML.findall(text))
    return found


def _table_rows(lines: list[str]) -> list[list[str]]:
    """The first pipe table in `lines`, as rows of cells (header and delimiter row included)."""
    rows, started = [], False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") or (started and "|" in stripped):
            started = True
            cells = re.split(r"(?<!\\)\|", stripped.strip("|"))
            rows.append([c.strip() for c in cells])
        elif started:
            break
    return rows


def section_bodies(headings: list[Heading], index: int) -> list[str]:
    """Lines of a heading's whole section: its body and those of its deeper subheadings."""
    head = headings[index]
    lines = list(head.body)
    for sub in headings[index + 1:]:
        if sub.level <= head.level:
            break
        lines += sub.body
    return lines


def playbook_names(docs: Path = DOCS) -> list[str]:
    return sorted(p.name for p in (docs / "en" / "playbooks").glob("*.md") if p.name != "index.md")


def playbook_count_problems(docs: Path) -> list[str]:
    names = playbook_names(docs)
    if len(names) < MIN_PLAYBOOKS:
        return [f"docs/en/playbooks/: {len(names)} playbooks {names}, expected at least {MIN_PLAYBOOKS}"]
    return []


# --------------------------------------------------------------------------- checks


def playbook_problems(path: Path, rel: str | None = None) -> list[str]:
    """What is missing from one playbook's shape; [] when it has them all."""
    rel = rel or path.as_posix()
    if not path.exists():
        return [f"{rel}: file missing (every playbook exists in every language)"]
    _, headings = parse_headings(path)
    problems = []
    titles = [h for h in headings if h.level == 1]
    if len(titles) != 1 or not titles[0].title or headings[0] is not titles[0]:  # headings[0] exists if titles
        problems.append(f"{rel}: needs exactly one `#` title, before every other heading "
                        f"(found {len(titles)} `#` heading(s))")
    for h in headings:
        if h.level in (2, 3) and not h.anchor:
            problems.append(f"{rel}:{h.line}: heading {h.title!r} has no {{#id}}")

    h2 = [(i, h) for i, h in enumerate(headings) if h.level == 2]
    positions = {}
    for name in SECTIONS:
        found = [i for i, h in h2 if h.anchor == name]
        if not found:
            problems.append(f"{rel}: missing section `## ... {{#{name}}}`")
        elif len(found) > 1:
            problems.append(f"{rel}: section {{#{name}}} appears {len(found)} times")
        else:
            positions[name] = found[0]
    present = [n for n in SECTIONS if n in positions]
    if [positions[n] for n in present] != sorted(positions[n] for n in present):
        order = sorted(present, key=positions.get)
        problems.append(f"{rel}: sections out of order: {order}, expected {list(SECTIONS)}")

    if "steps" in positions:
        problems += _step_problems(rel, headings, positions["steps"])
    if "phrases" in positions:
        rows = _table_rows(section_bodies(headings, positions["phrases"]))
        if len(rows) < 3:
            problems.append(f"{rel}: section {{#phrases}} has no table (header, delimiter and at least one row)")
        elif any(len(r) != 2 for r in rows):
            widths = sorted({len(r) for r in rows})
            problems.append(f"{rel}: the table in {{#phrases}} must have two columns in every row (found {widths})")
        elif not all(re.fullmatch(r":?-{3,}:?", c) for c in rows[1]):
            problems.append(f"{rel}: the table in {{#phrases}} has no `| --- | --- |` delimiter row")
    for name in ("when-to-use", "escalate"):
        if name in positions and not COMMENT.sub("", "\n".join(section_bodies(headings, positions[name]))).strip():
            problems.append(f"{rel}: section {{#{name}}} is empty")
    if "why-it-works" in positions:
        if not CITATION.search("\n".join(section_bodies(headings, positions["why-it-works"]))):
            problems.append(f"{rel}: section {{#why-it-works}} has no citation [@key]")
    if "checklist" in positions:
        items = [l for l in section_bodies(headings, positions["checklist"]) if TASK_ITEM.match(l)]
        low, high = CHECKLIST_ITEMS
        if not low <= len(items) <= high:
            problems.append(f"{rel}: section {{#checklist}} has {len(items)} task items `- [ ]`, "
                            f"expected {low} to {high}")
    return problems


def _step_problems(rel: str, headings: list[Heading], steps_index: int) -> list[str]:
    problems = []
    steps = []
    for h in headings[steps_index + 1:]:
        if h.level <= 2:
            break
        if h.level == 3:
            steps.append(h)
    if len(steps) < MIN_STEPS:
        problems.append(f"{rel}: section {{#steps}} has {len(steps)} `### N. ...` step(s), expected at least {MIN_STEPS}")
    for expected, step in enumerate(steps, start=1):
        match = STEP_TITLE.match(step.title)
        if not match:
            problems.append(f"{rel}:{step.line}: step heading {step.title!r} is not numbered `### {expected}. ...`")
        elif int(match.group(1)) != expected:
            problems.append(f"{rel}:{step.line}: step {step.title!r} is numbered {match.group(1)}, expected {expected}")
        if not step.anchor:
            problems.append(f"{rel}:{step.line}: step {step.title!r} has no {{#step-id}}")
        if not step.text():
            problems.append(f"{rel}:{step.line}: step {step.anchor or step.title!r} is empty")
        elif not BOLD_START.match(step.text()):
            problems.append(f"{rel}:{step.line}: step {step.anchor or step.title!r} must begin with a bold "
                            f"action sentence (`**Do this.** ...`), found {step.text()[:40]!r}")
    return problems


class DoNowBox:
    """The do-now box right under a playbook's title, as written in the Markdown."""

    def __init__(self, line: int, title: str):
        self.line, self.title = line, title
        self.safety: str | None = None
        self.items: list[tuple[int, int, str, str]] = []  # (line, number, text, target id)
        self.problems: list[str] = []


def do_now_box(path: Path, rel: str) -> DoNowBox | str:
    """The parsed box, or a problem (str) when the page does not open with one."""
    _, headings = parse_headings(path)
    if not headings or headings[0].level != 1:
        return f"{rel}: no `#` title, so no do-now box under it"
    title = headings[0]
    # Comments out, line count kept, so reported line numbers stay right.
    body = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), "\n".join(title.body)).split("\n")
    number = lambda i: title.line + 1 + i  # noqa: E731
    content = [i for i, line in enumerate(body) if line.strip()]
    start = DO_NOW_START.match(body[content[0]]) if content else None
    if not start:
        found = body[content[0]].strip()[:60] if content else "the first section"
        where = number(content[0]) if content else title.line
        return (f"{rel}:{where}: the page must open with the do-now box `!!! do-now \"...\"` right under "
                f"the title, above any background (found {found!r})")
    box = DoNowBox(number(content[0]), start.group(1).strip())
    blocks, current, end = [], [], len(body)
    for i in range(content[0] + 1, len(body)):
        line = body[i]
        if line.strip() and not line.startswith("    "):
            end = i
            break
        if line.strip():
            current.append((number(i), line[4:].rstrip()))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    later = [i for i in content if i >= end]
    if later:
        box.problems.append(f"{rel}:{number(later[0])}: text between the do-now box and the steps "
                            f"({body[later[0]].strip()[:40]!r}); background goes under {{#when-to-use}}")
    for n, block in enumerate(blocks):
        lines = [text for _, text in block]
        if len(lines) >= 2 and SAFETY_ATTR.match(lines[-1].strip()):
            text = " ".join(lines[:-1]).strip()
            if n != 0:
                box.problems.append(f"{rel}:{block[0][0]}: the safety line must come first in the do-now box")
            if not (text.startswith("**") and text.endswith("**") and len(text) > 10):
                box.problems.append(f"{rel}:{block[0][0]}: the safety line must be one bold sentence `**...**`")
            box.safety = text.strip("*")
            continue
        for line, text in block:
            item = DO_NOW_ITEM.match(text)
            if item:
                box.items.append((line, int(item.group(1)), item.group(2).strip(), item.group(3)))
            else:
                box.problems.append(f"{rel}:{line}: the do-now box holds a bold safety line and one-line "
                                    f"actions `1. [Do this](#step-id)`; found {text.strip()[:50]!r}")
    return box


def do_now_problems(path: Path, rel: str | None = None) -> list[str]:
    """What is wrong with a playbook's do-now box; [] when it is right."""
    rel = rel or path.as_posix()
    if not path.exists():
        return [f"{rel}: file missing (every playbook exists in every language)"]
    box = do_now_box(path, rel)
    if isinstance(box, str):
        return [box]
    problems = list(box.problems)
    if not box.title:
        problems.append(f"{rel}:{box.line}: the do-now box has no title")
    if path.name in SAFETY_PLAYBOOKS and box.safety is None:
        problems.append(f"{rel}:{box.line}: safety can be at stake here: the do-now box must open with a bold "
                        f"safety line followed by `{{ .do-now-safety }}`")
    low, high = DO_NOW_ITEMS
    if not low <= len(box.items) <= high:
        problems.append(f"{rel}:{box.line}: the do-now box has {len(box.items)} action(s), expected {low} to {high}")
    steps = [s for s in step_ids(path) if s]
    order = []
    for expected, (line, number, text, target) in enumerate(box.items, start=1):
        if number != expected:
            problems.append(f"{rel}:{line}: do-now action {text[:30]!r} is numbered {number}, expected {expected}")
        if target not in steps:
            problems.append(f"{rel}:{line}: do-now action {text[:30]!r} links to #{target}, which is not a step "
                            f"of this page ({steps})")
        else:
            order.append(steps.index(target))
    if order != sorted(set(order)):
        problems.append(f"{rel}:{box.line}: the do-now actions must follow the steps' order, each step once")
    return problems


def do_now_summary(path: Path) -> tuple[bool, list[str]]:
    box = do_now_box(path, path.as_posix())
    return (False, []) if isinstance(box, str) else (box.safety is not None, [item[3] for item in box.items])


def step_ids(path: Path) -> list[str | None]:
    _, headings = parse_headings(path)
    ids, inside = [], False
    for h in headings:
        if h.level == 2:
            inside = h.anchor == "steps"
        elif h.level == 3 and inside:
            ids.append(h.anchor)
    return ids


def heading_ids(path: Path) -> list[str | None]:
    return [h.anchor for h in parse_headings(path)[1] if h.level in (2, 3)]


def cross_language_problems(docs: Path, name: str) -> list[str]:
    """The step ids (and all section ids) of one playbook are the same, in the same order, in every language."""
    problems = []
    english = docs / "en" / "playbooks" / name
    en_steps, en_ids = step_ids(english), heading_ids(english)
    for lang in LANGS[1:]:
        path = docs / lang / "playbooks" / name
        rel = f"docs/{lang}/playbooks/{name}"
        if not path.exists():
            if lang not in PARTIAL:  # a language being launched serves missing pages from English
                problems.append(f"{rel}: file missing")
            continue
        if translations.state_of(path, translations.source_hash(english))[0] == "outdated":
            continue  # its translator brings it in line; the checker lists it as a warning (A009)
        if do_now_summary(path) != do_now_summary(english):
            (safety, targets), (en_safety, en_targets) = do_now_summary(path), do_now_summary(english)
            problems.append(f"{rel}: do-now box (safety line: {safety}, actions to {targets}) differs from "
                            f"docs/en/playbooks/{name} (safety line: {en_safety}, actions to {en_targets})")
        steps = step_ids(path)
        if steps != en_steps:
            problems.append(f"{rel}: step ids {steps} differ from docs/en/playbooks/{name}: {en_steps}")
        elif heading_ids(path) != en_ids:
            problems.append(f"{rel}: section ids {heading_ids(path)} differ from docs/en/playbooks/{name}: {en_ids}")
    return problems


def links_in(path: Path) -> list[tuple[int, str]]:
    """(line, target) of every Markdown link, reference definition and raw <a href> outside code."""
    found = []
    for number, line in _lines_outside_code(path.read_text(encoding="utf-8")):
        line = re.sub(r"`[^`]*`", "", line)
        for pattern in (INLINE_LINK, REF_DEFINITION, HTML_HREF):
            found += [(number, m.group(1)) for m in pattern.finditer(line)]
    return found


def training_link_problems(docs: Path, lang: str) -> list[str]:
    """Links from docs/<lang>/training/*.md to another page carry an #anchor that exists there."""
    problems = []
    root = (docs / lang).resolve()
    for page in sorted((root / "training").glob("*.md")):
        rel = page.relative_to(docs.parent).as_posix()
        for line, target in links_in(page):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
                continue  # external (http:, mailto:, ...)
            path_part, _, anchor = target.partition("#")
            path_part = path_part.split("?")[0]
            if not path_part:  # a section of this page
                if anchor and anchor not in anchors_in(page):
                    problems.append(f"{rel}:{line}: link {target!r}: no {{#{anchor}}} on this page")
                continue
            suffix = Path(path_part).suffix
            if suffix and suffix != ".md":
                continue  # an image or a download, not a page
            candidates = [page.parent / path_part] if suffix == ".md" else \
                [page.parent / (path_part.rstrip("/") + ".md"), page.parent / path_part / "index.md"]
            dest = next((c.resolve() for c in candidates if c.resolve().is_file()), None)
            if dest is None:
                problems.append(f"{rel}:{line}: link {target!r}: target page not found")
                continue
            if dest == page.resolve():
                if anchor and anchor not in anchors_in(page):
                    problems.append(f"{rel}:{line}: link {target!r}: no {{#{anchor}}} on this page")
                continue
            if not anchor:
                problems.append(f"{rel}:{line}: link {target!r} points to a whole page; "
                                f"trainers link to a section: add #section-id")
            elif anchor not in anchors_in(dest):
                problems.append(f"{rel}:{line}: link {target!r}: {dest.relative_to(root).as_posix()} "
                                f"has no {{#{anchor}}}")
    return problems


# --------------------------------------------------------------------------- tests on the real content


def test_at_least_eight_playbooks():
    problems = playbook_count_problems(DOCS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", playbook_names())
def test_playbook_has_the_common_shape(lang, name):
    if lang in PARTIAL and not (DOCS / lang / "playbooks" / name).exists():
        pytest.skip(f"{lang} is marked partial in mkdocs.yml: docs/{lang}/playbooks/{name} is served from English")
    problems = playbook_problems(DOCS / lang / "playbooks" / name, f"docs/{lang}/playbooks/{name}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", playbook_names())
def test_playbook_opens_with_a_do_now_box(lang, name):
    problems = do_now_problems(DOCS / lang / "playbooks" / name, f"docs/{lang}/playbooks/{name}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", playbook_names())
def test_playbook_has_the_same_steps_in_every_language(name):
    problems = cross_language_problems(DOCS, name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_training_links_name_an_existing_section(lang):
    pages = list((DOCS / lang / "training").glob("*.md"))
    if lang in PARTIAL and not pages:
        pytest.skip(f"{lang} is marked partial in mkdocs.yml: its training pages are served from English")
    assert pages, f"docs/{lang}/training/ has no pages"
    assert any(links_in(p) for p in pages), f"docs/{lang}/training/: no links found (is the link parser broken?)"
    problems = training_link_problems(DOCS, lang)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- each check can fail


@pytest.fixture
def docs_copy(tmp_path) -> Path:
    """docs/<lang>/{playbooks,training,perspectives,history} copied to tmp_path/docs."""
    for lang in LANGS:
        for folder in ("playbooks", "training", "perspectives", "history"):
            if (DOCS / lang / folder).is_dir():  # a partial language may not have them yet
                shutil.copytree(DOCS / lang / folder, tmp_path / "docs" / lang / folder)
    return tmp_path / "docs"


@pytest.fixture
def frozen_docs(tmp_path) -> Path:
    """saying-no.md in en, it, el, zh as snapshotted in tests/fixtures/playbooks: the
    self-tests below break it on purpose and must not depend on the live content."""
    shutil.copytree(REPO / "tests" / "fixtures" / "playbooks" / "docs", tmp_path / "docs")
    return tmp_path / "docs"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: fixture text {old!r} not found; update the self-test"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


MUTATIONS = [
    # (what it breaks, edit(text) -> text, expected message fragment)
    ("no title", lambda t: re.sub(r"^# .*\n", "", t, count=1, flags=re.M), "exactly one `#` title"),
    ("no when-to-use", lambda t: t.replace("{#when-to-use}", "{#when}"), "missing section `## ... {#when-to-use}`"),
    ("no escalate", lambda t: t.replace("{#escalate}", "{#escalation}"), "missing section `## ... {#escalate}`"),
    ("sections swapped", lambda t: t.replace("{#escalate}", "{#tmp}").replace("{#phrases}", "{#escalate}")
     .replace("{#tmp}", "{#phrases}"), "sections out of order"),
    ("step unnumbered", lambda t: re.sub(r"^### 2\. ", "### ", t, count=1, flags=re.M), "is not numbered `### 2. ...`"),
    ("step misnumbered", lambda t: re.sub(r"^### 3\. ", "### 4. ", t, count=1, flags=re.M), "expected 3"),
    ("too few steps", lambda t: re.sub(r"^### [4-9]\. .*\n", "", t, flags=re.M), "expected at least 4"),
    ("empty step", lambda t: re.sub(r"(^### 2\. [^\n]*\n)(?:(?!^#)[^\n]*\n)*", r"\1\n", t, count=1, flags=re.M),
     "is empty"),
    ("step without id", lambda t: re.sub(r"^(### 1\. [^{\n]*?)\s*\{#[^}]*\}", r"\1", t, count=1, flags=re.M),
     "has no {#"),
    ("phrases without table", lambda t: re.sub(r"^\|.*\n", "", t, flags=re.M), "{#phrases} has no table"),
    ("phrases with three columns", lambda t: re.sub(r"^(\|.*\|)[ \t]*$", r"\1 x |", t, flags=re.M), "two columns"),
    ("no citation", lambda t: re.sub(r"(\{#why-it-works\}.*?)(?=\n## )",
                                     lambda m: CITATION.sub("", m.group(1)), t, count=1, flags=re.S),
     "{#why-it-works} has no citation"),
    ("too few checklist items", lambda t: re.sub(r"^- \[ \] .*\n", "", t, count=4, flags=re.M), "task items `- [ ]`"),
    ("too many checklist items", lambda t: t.rstrip("\n") + "\n" + "- [ ] One more thing.\n" * 5, "expected 4 to 10"),
    ("step without a bold start", lambda t: re.sub(r"(^### 2\. [^\n]*\n\n)\*\*([^*]+)\*\*", r"\1\2", t, count=1, flags=re.M),
     "must begin with a bold action sentence"),
    # The do-now box.
    ("no do-now box", lambda t: re.sub(r"^!!! do-now.*\n(?:(?:    .*)?\n)*", "", t, count=1, flags=re.M),
     "must open with the do-now box"),
    ("background above the box", lambda t: re.sub(r"^(# .*\n)", r"\1\nIl contesto.\n", t, count=1, flags=re.M),
     "must open with the do-now box"),
    ("background between box and steps", lambda t: re.sub(r"^(## .*\{#steps\})", r"Il contesto.\n\n\1", t, count=1,
                                                           flags=re.M), "text between the do-now box and the steps"),
    ("too many actions", lambda t: re.sub(r"^(    5\. .*\n)", r"\1    6. [Altro](#close-warmly)\n", t, count=1,
                                          flags=re.M), "expected 3 to 5"),
    ("too few actions", lambda t: re.sub(r"^    [3-9]\. .*\n", "", t, flags=re.M), "expected 3 to 5"),
    ("action on two lines", lambda t: re.sub(r"^(    1\. .*\n)", r"\1    e poi un'altra riga\n", t, count=1, flags=re.M),
     "one-line actions"),
    ("action without a step link", lambda t: re.sub(r"^(    2\. \[[^\]]*\])\(#[^)]*\)", r"\1(#nowhere)", t, count=1,
                                                    flags=re.M), "#nowhere, which is not a step"),
    ("action misnumbered", lambda t: re.sub(r"^    3\. ", "    4. ", t, count=1, flags=re.M), "expected 3"),
    ("actions out of order", lambda t: re.sub(r"^(    1\. .*\n)(    2\. .*\n)", r"\2\1", t, count=1, flags=re.M)
     .replace("    2. [", "    X. [", 1).replace("    1. [", "    2. [", 1).replace("    X. [", "    1. [", 1),
     "follow the steps' order"),
]


@pytest.mark.parametrize("what, edit, expected", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_shape_check_fails_on_a_broken_playbook(frozen_docs, what, edit, expected):
    path = frozen_docs / "it" / "playbooks" / "saying-no.md"
    assert playbook_problems(path) + do_now_problems(path) == [], "the unmodified copy must pass"
    text = path.read_text(encoding="utf-8")
    broken = edit(text)
    assert broken != text, f"mutation {what!r} changed nothing"
    path.write_text(broken, encoding="utf-8")
    rel = "docs/it/playbooks/saying-no.md"
    problems = playbook_problems(path, rel) + do_now_problems(path, rel)
    assert any(expected in p and "docs/it/playbooks/saying-no.md" in p for p in problems), (what, problems)


SAFETY_BLOCK = re.compile(r"^    \*\*.*\*\*\n    \{ \.do-now-safety \}\n\n", re.M)


def test_do_now_check_requires_the_safety_line_first_where_safety_is_at_stake(docs_copy):
    path = docs_copy / "el" / "playbooks" / "abusive-customers.md"
    rel = "docs/el/playbooks/abusive-customers.md"
    text = path.read_text(encoding="utf-8")
    assert do_now_problems(path, rel) == [] and SAFETY_BLOCK.search(text), "fixture: the box has a safety line"
    path.write_text(SAFETY_BLOCK.sub("", text, count=1), encoding="utf-8")
    problems = do_now_problems(path, rel)
    assert any(f"{rel}:" in p and "must open with a bold safety line" in p for p in problems), problems
    assert any("docs/el/playbooks/abusive-customers.md: do-now box (safety line: False" in p
               for p in cross_language_problems(docs_copy, "abusive-customers.md"))
    # After the actions instead of before them.
    block = SAFETY_BLOCK.search(text).group(0)
    moved = SAFETY_BLOCK.sub("", text, count=1).replace("\n## ", "\n" + block.rstrip("\n") + "\n\n## ", 1)
    moved = re.sub(r"^(    4\. .*\n)\n(    \*\*)", r"\1\n\2", moved, count=1, flags=re.M)
    path.write_text(moved, encoding="utf-8")
    problems = do_now_problems(path, rel)
    assert any("the safety line must come first" in p for p in problems), problems


def test_do_now_check_compares_the_box_across_languages(docs_copy):
    assert cross_language_problems(docs_copy, "saying-no.md") == []
    _edit(docs_copy / "zh" / "playbooks" / "saying-no.md", "](#offer-alternative)", "](#close-warmly)")
    problems = cross_language_problems(docs_copy, "saying-no.md")
    assert any("docs/zh/playbooks/saying-no.md: do-now box" in p and "close-warmly" in p for p in problems), problems


def test_shape_check_reports_a_missing_translation(docs_copy):
    (docs_copy / "zh" / "playbooks" / "saying-no.md").unlink()
    problems = playbook_problems(docs_copy / "zh" / "playbooks" / "saying-no.md", "docs/zh/playbooks/saying-no.md")
    assert problems and "file missing" in problems[0]
    assert any("docs/zh/playbooks/saying-no.md: file missing" in p for p in cross_language_problems(docs_copy, "saying-no.md"))


def test_cross_language_check_fails_on_reordered_or_renamed_steps(frozen_docs, monkeypatch):
    docs_copy = frozen_docs
    monkeypatch.setattr(sys.modules[__name__], "LANGS", ("en", "it", "el", "zh"))  # the snapshot's languages
    assert cross_language_problems(docs_copy, "saying-no.md") == []
    el = docs_copy / "el" / "playbooks" / "saying-no.md"
    _edit(el, "{#give-reason}", "{#tmp}")
    _edit(el, "{#offer-alternative}", "{#give-reason}")
    _edit(el, "{#tmp}", "{#offer-alternative}")
    problems = cross_language_problems(docs_copy, "saying-no.md")
    assert any("docs/el/playbooks/saying-no.md: step ids" in p for p in problems), problems
    zh = docs_copy / "zh" / "playbooks" / "saying-no.md"
    _edit(zh, "{#close-warmly}", "{#close-kindly}")
    problems = cross_language_problems(docs_copy, "saying-no.md")
    assert any("docs/zh/playbooks/saying-no.md" in p and "close-kindly" in p for p in problems), problems


def test_playbook_count_check_fails_with_fewer_than_eight(docs_copy):
    assert playbook_count_problems(docs_copy) == []
    names = playbook_names(docs_copy)
    for name in names[: len(names) - MIN_PLAYBOOKS + 1]:
        (docs_copy / "en" / "playbooks" / name).unlink()
    problems = playbook_count_problems(docs_copy)
    assert problems and "expected at least 8" in problems[0], problems


@pytest.mark.parametrize("old, new, expected", [
    ("(../playbooks/saying-no.md#acknowledge-request)", "(../playbooks/saying-no.md)", "points to a whole page"),
    ("(../playbooks/saying-no.md#acknowledge-request)", "(../playbooks/saying-no.md#no-such-step)",
     "playbooks/saying-no.md has no {#no-such-step}"),
    ("(role-plays.md#roleplay-saying-no)", "(role-plays.md#roleplay-gone)", "training/role-plays.md has no {#roleplay-gone}"),
    ("(role-plays.md#roleplay-saying-no)", "(role-plays/)", "points to a whole page"),
    ("(../playbooks/saying-no.md#acknowledge-request)", "(../playbooks/saying-yes.md#acknowledge-request)",
     "target page not found"),
    ("(role-plays.md#roleplay-saying-no)", "(#no-section-here)", "no {#no-section-here} on this page"),
])
def test_training_link_check_fails_on_a_bad_link(docs_copy, old, new, expected):
    page = docs_copy / "it" / "training" / "session-plans.md"
    assert training_link_problems(docs_copy, "it") == []
    _edit(page, old, new)
    problems = training_link_problems(docs_copy, "it")
    assert any(expected in p and "session-plans.md:" in p for p in problems), problems


def test_training_link_check_fails_when_the_target_section_is_renamed(docs_copy):
    _edit(docs_copy / "el" / "playbooks" / "saying-no.md", "{#look-for-yes}", "{#look-for-a-yes}")
    problems = training_link_problems(docs_copy, "el")
    assert any("#look-for-yes" in p and "has no {#look-for-yes}" in p for p in problems), problems
