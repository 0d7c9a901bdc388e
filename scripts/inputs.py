"""What a contributor sends besides page bodies: files and data, judged before anything is built.

- files under docs/ and data/: no symbolic links (a link can publish any file of
  the machine), text files in UTF-8 (the error names the line), no file over the
  size limits below;
- data is plain text, never markup: front-matter values, data/ui.yml strings,
  glossary and timeline YAML, BibTeX fields. A tag (`<b`, `</`, `<!`) or an HTML
  entity (`&lt;`) in them is refused: templates put these strings into titles,
  attributes and navigation, where markup would run on every page;
- BibTeX `url`/`doi` fields are http(s) addresses (or a bare DOI), nothing else;
- nothing under .cache/ is committed (the build trusts its own caches only).

Every finding names the file and line of the data (data/glossary/el.yml:42),
never the page generated from it. Used by the build (on_config) and by
`make check` (scripts.check.inputs): one implementation, two callers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts import yaml_loader

TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".bib", ".txt", ".css", ".js", ".json", ".svg", ".html", ".csv"}
MAX_TEXT_BYTES = 512 * 1024          # the longest page is ~40 kB; the biggest data file ~60 kB
MAX_OTHER_BYTES = 5 * 1024 * 1024    # an image or PDF under docs/
MARKUP = re.compile(r"<[A-Za-z/!?]|&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
BIB_URL_FIELDS = ("url", "doi")
WEB_URL = re.compile(r"https?://[^\s<>\"']+\Z", re.IGNORECASE)
BARE_DOI = re.compile(r"10\.\d{4,9}/\S+\Z")


@dataclass(frozen=True)
class Finding:
    path: str     # relative to the repository root
    line: int
    code: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.code}: {self.message}"


HINTS = {
    "S001": "symbolic links are not published: copy the file into docs/ or data/ instead",
    "S002": "save the file as UTF-8 (most editors: 'Save with encoding' / 'Reopen with encoding')",
    "S003": "split the page, or shrink the file (images: compress them; data: split the file)",
    "S004": "data is plain text: write the characters themselves (< or &), no HTML tags or entities",
    "S005": "url = {https://...} and doi = {10.xxxx/...}: no javascript:, data: or other schemes",
    "S006": "remove them from the pull request (git rm -r --cached .cache): the build writes its caches itself",
}


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check_files(root: Path, folders=("docs", "data")) -> list[Finding]:
    """Symbolic links, non-UTF-8 text and oversized files under docs/ and data/."""
    out = []
    for name in folders:
        base = root / name
        if base.is_symlink():
            out.append(Finding(name, 1, "S001", f"{name}/ is a symbolic link"))
            continue
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = _rel(path, root)
            if path.is_symlink():
                out.append(Finding(rel, 1, "S001", f"symbolic link (to {path.readlink()}): not published"))
                continue
            if not path.is_file():
                continue
            size = path.stat().st_size
            text = path.suffix.lower() in TEXT_SUFFIXES
            limit = MAX_TEXT_BYTES if text else MAX_OTHER_BYTES
            if size > limit:
                out.append(Finding(rel, 1, "S003", f"{size // 1024} kB is over the {limit // 1024} kB limit"))
                continue
            if text:
                data = path.read_bytes()
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    line = data.count(b"\n", 0, exc.start) + 1
                    out.append(Finding(rel, line, "S002", f"not UTF-8 (byte 0x{data[exc.start]:02x} on this line)"))
    return out


def _yaml_strings(text: str):
    """(line, string) for every scalar (keys and values) of a YAML document, 1-based lines."""
    try:
        root = yaml.compose(text, Loader=yaml_loader.SafeLoader)
    except yaml.YAMLError:
        return  # malformed YAML is reported by its own loader, with its line
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            line = node.start_mark.line + 1
            m = MARKUP.search(text, node.start_mark.index, node.end_mark.index)
            if m:  # the line of the markup itself (block scalars span several lines)
                line += text.count("\n", node.start_mark.index, m.start())
            yield line, node.value
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def _may_hold_markup(text: str) -> bool:
    """YAML values are the text's own characters, joined by folding (with a space) or changed
    by escapes (with a backslash): text with neither markup nor a backslash holds no markup
    in any value, and need not be parsed (most pages and data files)."""
    return "\\" in text or MARKUP.search(text) is not None


def _markup_findings(rel: str, strings, what: str) -> list[Finding]:
    out = []
    for line, value in strings:
        m = MARKUP.search(value)
        if m:
            out.append(Finding(rel, line, "S004", f"markup in {what}: {value[max(0, m.start() - 10):m.end() + 20]!r}"))
    return out


def front_matter_findings(path: Path, root: Path, text: str | None = None) -> list[Finding]:
    from scripts.frontmatter import split
    text = path.read_text(encoding="utf-8") if text is None else text
    parts = split(text)
    if not parts:
        return []
    if not _may_hold_markup(text[parts[0]:parts[1]]):
        return []
    offset = text.count("\n", 0, parts[0])  # lines before the YAML block
    strings = ((line + offset, value) for line, value in _yaml_strings(text[parts[0]:parts[1]]))
    return _markup_findings(_rel(path, root), strings, "front matter")


def yaml_findings(path: Path, root: Path) -> list[Finding]:
    text = path.read_text(encoding="utf-8")
    if not _may_hold_markup(text):
        return []
    return _markup_findings(_rel(path, root), _yaml_strings(text), "data")


ENTRY = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
FIELD = re.compile(r"^\s*(\w+)\s*=", re.MULTILINE)


def _bib_fields(text: str):
    """(key, field name, line, raw value) of every field, by a light scan (lines for messages)."""
    entries = list(ENTRY.finditer(text))
    for n, entry in enumerate(entries):
        end = entries[n + 1].start() if n + 1 < len(entries) else len(text)
        body = text[entry.end():end]
        fields = list(FIELD.finditer(body))
        for k, f in enumerate(fields):
            stop = fields[k + 1].start() if k + 1 < len(fields) else len(body)
            value = body[f.end():stop].strip().rstrip(",}").strip()
            value = value.strip("{}\"").strip()
            line = text.count("\n", 0, entry.end() + f.start() + (len(f.group(0)) - len(f.group(0).lstrip()))) + 1
            yield entry.group(2), f.group(1).lower(), line, value


def bib_findings(path: Path, root: Path) -> list[Finding]:
    rel, out = _rel(path, root), []
    for key, name, line, value in _bib_fields(path.read_text(encoding="utf-8")):
        if name in BIB_URL_FIELDS:
            plain = re.sub(r"[\s\x00-\x1f{}]", "", value)
            if not (WEB_URL.match(plain) or (name == "doi" and BARE_DOI.match(plain))):
                scheme = plain.split(":")[0].lower() + ":" if ":" in plain else "no http(s)"
                out.append(Finding(rel, line, "S005", f"entry {key}: {name} is not a web address ({scheme})"))
        elif MARKUP.search(value):
            out.append(Finding(rel, line, "S004", f"entry {key}: markup in {name}"))
    return out


def check_data(root: Path, docs: Path | None = None, data: Path | None = None) -> list[Finding]:
    """Markup in front matter and data files; script URLs in BibTeX."""
    docs, data = docs or root / "docs", data or root / "data"
    out = []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        if path.is_symlink():
            continue
        try:
            out += front_matter_findings(path, root)
        except UnicodeDecodeError:
            continue  # reported by check_files
    for path in sorted(data.rglob("*")) if data.is_dir() else []:
        if path.is_symlink() or not path.is_file():
            continue
        try:
            if path.suffix in (".yml", ".yaml"):
                out += yaml_findings(path, root)
            elif path.suffix == ".bib":
                out += bib_findings(path, root)
        except UnicodeDecodeError:
            continue
    return out


def check_committed_cache(root: Path, cache_dir: str = ".cache") -> list[Finding]:
    """Build caches are the build's own: a committed one could hand the build compiled
    templates or clean verdicts it never made. Only a git work tree can tell."""
    import subprocess

    if not (root / ".git").exists():
        return []
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", cache_dir],
                                capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [Finding(name, 1, "S006", f"a generated cache file is committed (under {cache_dir}/)")
            for name in sorted(listed.decode("utf-8", "replace").split("\0")) if name]


def check(root: Path, cache_dir: str = ".cache") -> list[Finding]:
    return check_committed_cache(root, cache_dir) + check_files(root) + check_data(root)


def report(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        lines.append(f"  {f}\n      {HINTS[f.code]}")
    return "\n".join(lines)
