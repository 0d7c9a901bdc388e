"""The situation finder, from data/finder.yml.

Staff in a hurry start from what is happening to them, not from a page title:
the home page's first screen lists situations (<!-- kb:situations -->), each a
plain link to step 1 of the right playbook, and the finder page
(<!-- kb:finder -->) asks at most two questions, each answer a plain link to a
playbook step or to the next question's section. No JavaScript is involved.

Texts, questions and targets live once in the data file; `load` validates its
shape and reports problems as "data/finder.yml:LINE: message" (the build stops
on them, the checker reports them; a text missing in a language being
translated shows the English one and is a checker warning); the checker also verifies that every target
page and section exists in every language (scripts/check/finder.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts import yaml_loader
from scripts.languages import SOURCE_LANGUAGE

FILE = "finder.yml"
TARGET = re.compile(r"^(?P<page>[a-z0-9][a-z0-9/_-]*\.md)#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)$")
QUESTION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FinderError(ValueError):
    """Problems in the data file, one "path:line: message" per line."""


@dataclass
class Choice:
    text: dict[str, str]
    line: int
    target: str | None = None   # "page.md#id"
    next: str | None = None     # a question id
    safety: bool = False
    id: str = ""


@dataclass
class Question:
    id: str
    text: dict[str, str]
    line: int
    answers: list[Choice] = field(default_factory=list)


@dataclass
class Finder:
    heading: dict[str, str]
    not_sure: dict[str, str]
    situations: list[Choice]
    questions: list[Question]
    path: str = "data/finder.yml"
    untranslated: list[str] = field(default_factory=list)  # "path:line: message" per missing text

    def targets(self) -> list[tuple[str, int]]:
        """Every playbook target with the line that names it."""
        out = [(c.target, c.line) for c in self.situations if c.target]
        for q in self.questions:
            out += [(a.target, a.line) for a in q.answers if a.target]
        return out


class _LineLoader(yaml_loader.SafeLoader):
    """Records the line of every mapping under the key "__line__"."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load(path: Path, langs: list[str], display: str | None = None) -> Finder:
    """Read and validate the finder data; raises FinderError listing every problem."""
    display = display or f"data/{path.name}"
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise FinderError(f"{display}:{line}: not valid YAML ({getattr(exc, 'problem', exc)}): "
                          "check the indentation and quote texts that contain a colon") from exc
    problems: list[str] = []
    untranslated: list[str] = []

    def problem(line, message):
        problems.append(f"{display}:{line}: {message}")

    if not isinstance(raw, dict):
        raise FinderError(f"{display}:1: expected the keys heading, situations, not_sure and questions")

    def texts(node, where, line) -> dict[str, str]:
        if not isinstance(node, dict):
            problem(line, f"{where} needs one line per language ({', '.join(langs)})")
            return {}
        out = {k: v for k, v in node.items() if k != "__line__"}
        for lang in langs:
            if not isinstance(out.get(lang), str) or not out[lang].strip():
                message = f"{where} has no text in '{lang}': add a line `{lang}: ...`"
                if lang == SOURCE_LANGUAGE:
                    problem(node.get("__line__", line), message)
                else:  # a language being translated shows the English text meanwhile
                    untranslated.append(f"{display}:{node.get('__line__', line)}: {message}")
        for extra in sorted(set(out) - set(langs)):
            problem(node.get("__line__", line), f"{where} has a text in '{extra}', which is not a site language")
        return {k: str(v).strip() for k, v in out.items() if isinstance(v, str)}

    def choice(node, where) -> Choice | None:
        if not isinstance(node, dict):
            problem(raw.get("__line__", 1), f"{where} must be a mapping with text and target (or next)")
            return None
        line = node["__line__"]
        c = Choice(texts(node.get("text"), where, line), line, node.get("target"), node.get("next"),
                   bool(node.get("safety")), str(node.get("id") or ""))
        if bool(c.target) == bool(c.next):
            problem(line, f"{where} needs exactly one of `target: page.md#step-id` or `next: question-id`")
        if c.target and not TARGET.match(str(c.target)):
            problem(line, f"{where}: target '{c.target}' must look like playbooks/page.md#step-id")
        unknown = set(node) - {"__line__", "text", "target", "next", "safety", "id"}
        if unknown:
            problem(line, f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        return c

    heading = texts(raw.get("heading"), "heading", 1)
    not_sure = texts(raw.get("not_sure"), "not_sure", 1)
    situations = [c for i, node in enumerate(raw.get("situations") or [], 1)
                  if (c := choice(node, f"situation {i}")) is not None]
    for c in situations:
        if c.next:
            problem(c.line, "a home-page situation leads straight to a step: use `target:`, not `next:`")
    if not situations:
        problem(raw.get("__line__", 1), "add at least one entry under `situations:`")
    questions: list[Question] = []
    for i, node in enumerate(raw.get("questions") or [], 1):
        if not isinstance(node, dict) or not QUESTION_ID.match(str(node.get("id", ""))):
            problem(node.get("__line__", 1) if isinstance(node, dict) else 1,
                    f"question {i} needs an `id:` of lowercase ASCII words joined by hyphens")
            continue
        q = Question(node["id"], texts(node.get("text"), f"question '{node['id']}'", node["__line__"]), node["__line__"])
        q.answers = [c for j, a in enumerate(node.get("answers") or [], 1)
                     if (c := choice(a, f"question '{q.id}', answer {j}")) is not None]
        if not q.answers:
            problem(q.line, f"question '{q.id}' has no answers")
        questions.append(q)
    ids = [q.id for q in questions]
    for q in questions:
        if ids.count(q.id) > 1:
            problem(q.line, f"question id '{q.id}' is used twice")
        for a in q.answers:
            if a.next and a.next not in ids:
                problem(a.line, f"next: '{a.next}' is not the id of a question ({', '.join(ids)})")
            if a.next == questions[0].id:
                problem(a.line, "an answer cannot lead back to the first question")
            if a.next and q is not questions[0]:
                problem(a.line, "only the first question leads to another question: answers of a follow-up "
                                "question lead to a step (`target:`), so that every step is two taps away")
    if not questions:
        problem(raw.get("__line__", 1), "add at least one entry under `questions:`")
    if problems:
        raise FinderError("\n".join(problems))
    return Finder(heading, not_sure, situations, questions, display, untranslated)


def _t(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts[SOURCE_LANGUAGE]


def anchor(question_id: str) -> str:
    return f"q-{question_id}"


def _item(choice: Choice, lang: str, up: str) -> str:
    href = f"{up}{choice.target}" if choice.target else f"#{anchor(choice.next)}"
    css = ".kb-safety" if choice.safety else (".kb-next" if choice.next else "")
    attrs = f"{{ {css} }}" if css else ""
    return f"- [{_t(choice.text, lang)}]({href}){attrs}"


def situations_markdown(finder: Finder, lang: str, depth: int) -> str:
    """The home page block: the question, the situations, and the way to the finder."""
    up = "../" * depth
    lines = [f"## {_t(finder.heading, lang)} {{#now}}", "", '<div class="kb-situations" markdown>', ""]
    lines += [_item(c, lang, up) for c in finder.situations]
    first = anchor(finder.questions[0].id)
    lines += [f"- [{_t(finder.not_sure, lang)}]({up}finder.md#{first}){{ .kb-next }}", "", "</div>", ""]
    return "\n".join(lines)


def page_markdown(finder: Finder, lang: str, depth: int) -> str:
    """The finder page: one section per question, each answer a link."""
    up = "../" * depth
    out = []
    for q in finder.questions:
        out += [f"## {_t(q.text, lang)} {{#{anchor(q.id)}}}", "", '<div class="kb-finder" markdown>', ""]
        out += [_item(a, lang, up) for a in q.answers]
        out += ["", "</div>", ""]
    return "\n".join(out)
