"""Front matter of a Markdown page: a YAML block between two `---` lines.

`parse(path)` returns a `Page` with `.meta` (dict), `.body` (the text after the
front matter) and `.body_line` (1-based line number of the body's first line).
Malformed YAML raises `FrontMatterError(path, line, message)` where `line` is
the line of the Markdown file (not of the YAML block), so messages point at
the right place.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from scripts import yaml_loader


# What to do about each kind of front-matter fault (shown under the message).
HINT_YAML = ("fix the YAML between the two --- lines: put a value that contains ': ' or ' #', "
             "or starts with a quote, [, {, *, &, !, %, @ or `, in double quotes, "
             'e.g. description: "Why: the short answer"')
HINT_CLOSE = "end the front matter with a line of three dashes (---) before the page's # title"
HINT_MAPPING = "write the front matter as `key: value` lines (title:, description:, source_hash:)"


class FrontMatterError(Exception):
    def __init__(self, path, line: int, message: str, hint: str = ""):
        super().__init__(f"{path}:{line}: {message}" + (f"\n    hint: {hint}" if hint else ""))
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint

    def __reduce__(self):  # picklable (the checker's worker processes send it back with the page)
        return type(self), (self.path, self.line, self.message, self.hint)


@dataclass
class Page:
    path: str
    text: str                      # whole file, line endings as on disk
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    # (start, end) character offsets of the YAML text inside `text`, or None
    meta_span: tuple[int, int] | None = None


def split(text: str) -> tuple[int, int, int] | None:
    """Offsets (yaml_start, yaml_end, body_start) or None without front matter."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return None
    start = text.index("\n") + 1
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl + 1
        if text[pos:end].rstrip("\r\n").rstrip() in ("---", "..."):
            return start, pos, end
        pos = end
    return None  # opening line without a closing one: treat as no front matter


def parse_text(text: str, path="<string>") -> Page:
    page = Page(path=str(path), text=text, body=text)
    parts = split(text)
    if parts is None:
        if text.startswith("---"):
            raise FrontMatterError(path, 1, "front matter is not closed by a '---' line", HINT_CLOSE)
        return page
    ystart, yend, bstart = parts
    try:
        meta = yaml_loader.load(text[ystart:yend])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 2) if mark is not None else 1  # +1 for 1-based, +1 for '---'
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(path, line, f"front matter is not valid YAML: {problem}", HINT_YAML) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(path, 2, "front matter must be a mapping of keys to values", HINT_MAPPING)
    page.meta = meta
    page.body = text[bstart:]
    page.body_line = text.count("\n", 0, bstart) + 1
    page.meta_span = (ystart, yend)
    return page


def parse(path) -> Page:
    with open(path, encoding="utf-8", newline="") as fh:  # keep \r\n visible
        return parse_text(fh.read(), path)


def front_matter_message(exc: FrontMatterError, root) -> str:
    """`docs/it/x.md:3: front matter is not valid YAML: ...` plus the hint, path relative to root."""
    from pathlib import Path
    path = Path(exc.path)
    try:
        path = path.resolve().relative_to(Path(root).resolve())
    except ValueError:
        pass
    return f"{path.as_posix()}:{exc.line}: {exc.message}" + (f"\n    hint: {exc.hint}" if exc.hint else "")
