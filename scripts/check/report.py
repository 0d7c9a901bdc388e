"""Findings, their codes and hints, and the text/JSON output."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

CHECKS = ("links", "anchors", "citations", "translations", "language", "markup", "terms", "ui", "finder", "inputs")

# code: (check, severity, hint)
CODES = {
    "L001": ("links", "error", "the linked page or file does not exist: link to an existing .md file with a relative path"),
    "L002": ("links", "error", "the page exists but has no such #id: use an id from its headings ({#id}) or from data/anchors.yml"),
    "L003": ("links", "error", "this page has no built HTML: the site is stale or the page failed to build; rebuild (make check)"),
    "L004": ("links", "warning", "the external link did not answer successfully; check it in a browser and update or remove it"),
    "A001": ("anchors", "error", "end the heading with an explicit id, e.g. `## Offer alternatives {#offer-alternatives}`"),
    "A002": ("anchors", "error", "ids are lowercase ASCII words joined by hyphens, in English, in every language"),
    "A003": ("anchors", "error", "ids must be unique on a page: rename one (and declare a move if it was published)"),
    "A004": ("anchors", "error", "a translation has exactly the ## and ### ids of its English page, in the same order"),
    "A009": ("anchors", "warning", "the English page changed since this translation: bring its sections in line when you update it, then make mark-current FILE=..."),
    "A005": ("anchors", "error", "a published anchor disappeared: restore it or add a `moved` entry to data/anchors.yml"),
    "A006": ("anchors", "error", "the `to:` of a moved entry must name an existing page and id"),
    "A007": ("anchors", "error", "the built page does not answer the old anchor: the build plugin must call scripts.anchors.inject_aliases"),
    "A008": ("anchors", "error", "data/anchors.yml must be valid YAML in the documented format"),
    "C001": ("citations", "error", "cite a key that exists in data/bib/*.bib, or add the entry to your area's .bib file"),
    "C002": ("citations", "error", "fix the BibTeX syntax so that the file parses"),
    "C003": ("citations", "error", "keys are unique across all data/bib/*.bib files: rename one entry or remove the copy"),
    "C004": ("citations", "error", "an entry needs author/editor/organization, title, year or date, and url, doi, publisher, journal or note = {No URL known}"),
    "C005": ("citations", "warning", "no page cites this entry: cite it or remove it"),
    "C006": ("citations", "error", "a translation cites exactly the keys of its English page"),
    "C009": ("citations", "warning", "the English page changed since this translation: cite the same keys when you update it, then make mark-current FILE=..."),
    "C007": ("citations", "error", "write citations as [@key] or [@key1; @key2]; page numbers and prefixes go in the sentence"),
    "C008": ("citations", "error", "fix the field: year is a 4-digit publication year, dates are ISO 8601, the access date goes in urldate (with a url), DOIs are bare 10.xxxx/..."),
    "D001": ("citations", "error", "fix the YAML of this data file at that line (indent with spaces; quote values that contain ': ')"),
    "T001": ("translations", "error", "create the translation with the same file name (see CONTRIBUTING.md), then make mark-current FILE=...; or mark the language partial in mkdocs.yml (extra: {status: partial}) while it is being launched"),
    "T005": ("translations", "warning", "translate it when you can: copy {english} to {path}, translate it, then make mark-current FILE={path}"),
    "T002": ("translations", "warning", "see what changed with make diff FILE={path}, update the translation, then run make mark-current FILE={path}"),
    "T003": ("translations", "error", "run make mark-current FILE=... once the translation matches its English page"),
    "T006": ("translations", "warning", "translate each line marked '# TODO: translate' in {path} and remove the mark (see CONTRIBUTING.md, 'Add a language')"),
    "T007": ("translations", "error", "every language needs every interface string and timeline label: add the missing language's line (English text marked '# TODO: translate' if you cannot translate it)"),
    "T004": ("translations", "error", "every translated page needs an English page with the same file name"),
    "F001": ("translations", "error", "fix the YAML between the --- lines (quote values that contain a colon)"),
    "F002": ("translations", "error", "front matter needs `title:` and `description:` in the page's language"),
    "G001": ("language", "error", "Chinese pages use Traditional characters (Taiwan): replace the Simplified-only characters"),
    "G002": ("language", "error", "this paragraph is not in the page's language: translate it"),
    "M001": ("markup", "error", "no raw <script> in pages: site behaviour belongs in overrides/ or the kb plugin"),
    "M002": ("markup", "error", "no <iframe> in pages: link to the content instead"),
    "M003": ("markup", "error", "no <object>/<embed> in pages: link to the file instead"),
    "M004": ("markup", "error", "no inline event handlers (on...=) in pages"),
    "M005": ("markup", "error", "no javascript: or data: URLs: link to a real page or file"),
    "M006": ("markup", "error", 'links opened in a new tab need rel="noopener" (or drop target="_blank")'),
    "M007": ("markup", "error", "this element is not in the allowlist (scripts/allowlist.py): write Markdown instead"),
    "M008": ("markup", "error", "this attribute is not in the allowlist (scripts/allowlist.py): drop it, or use {#id .class}"),
    "M009": ("markup", "error", "nothing is loaded from another host: put the file in docs/ and use a relative path, or link to it"),
    "S001": ("inputs", "error", "symbolic links are not published: copy the file into docs/ or data/ instead"),
    "S002": ("inputs", "error", "save the file as UTF-8"),
    "S003": ("inputs", "error", "the file is over the size limit of scripts/inputs.py: split or shrink it"),
    "S004": ("inputs", "error", "data is plain text: no HTML tags or entities in front matter, data/*.yml or BibTeX fields"),
    "S005": ("inputs", "error", "BibTeX url/doi fields are https:// addresses or bare DOIs: no javascript:, data: or other schemes"),
    "S006": ("inputs", "error", "remove committed build caches from the pull request (git rm -r --cached .cache): the build writes them itself"),
    "K001": ("terms", "warning", "use the termbase's preferred term (data/glossary/terms/<lang>.yml) instead of the avoided form"),
    "K002": ("terms", "warning", "the English paragraph uses a termbase concept: use one of its accepted forms in this paragraph (or add a genuine inflected form to the termbase)"),
    "K003": ("terms", "error", "write the Taiwan form (data/glossary/terms/zh-mainland.yml lists the Mainland-only words)"),
    "K004": ("terms", "warning", "address the reader in one register per page (data/style.yml and the style sheet on contributing.md)"),
    "K005": ("terms", "warning", "a link that names a playbook step uses the step's heading, word for word, in the same language"),
    "K006": ("terms", "warning", "use the quotation marks of the language's style sheet (data/style.yml)"),
    "K007": ("terms", "error", "fix the termbase, word list or style data in data/ (format: data/glossary/terms/README.md)"),
    "K008": ("terms", "warning", "the English page changed since this translation: use the termbase's terms when you update it (make diff FILE={path})"),
    "U001": ("ui", "error", "a built page of this language shows an English interface string: translate it (data/ui.yml, mkdocs.yml, overrides/)"),
    "U002": ("ui", "error", "a built zh page shows a Mainland interface string: override it in overrides/partials/languages/kb-zh-Hant.html or data/ui.yml"),
    "N001": ("finder", "error", "fix data/finder.yml as the message says (see the comment at the top of the file)"),
    "N002": ("finder", "error", "a finder target names a page missing in this language: fix the target or add the page"),
    "N003": ("finder", "error", "a finder target names a section the page lacks in this language: use a step's {#id}"),
    "N004": ("finder", "warning", "translate the finder text: until then the English text is shown"),
}

# Severity set by the project (data/checks.yml), e.g. page-text rules kept as warnings
# while a translation pass is under way: {code: "error" | "warning"}.
SEVERITY: dict[str, str] = {}


def configure(root) -> list[str]:
    """Read data/checks.yml (`severity: {CODE: error|warning}`); return problems as file:line messages."""
    import yaml
    from pathlib import Path
    path = Path(root) / "data" / "checks.yml"
    SEVERITY.clear()
    if not path.exists():
        return []
    problems = []
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [f"data/checks.yml:{mark.line + 1 if mark else 1}: not valid YAML"]
    for key, value in (node.value if isinstance(node, yaml.MappingNode) else []):
        if key.value != "severity" or not isinstance(value, yaml.MappingNode):
            problems.append(f"data/checks.yml:{key.start_mark.line + 1}: expected only `severity:` with CODE: error|warning")
            continue
        for code, sev in value.value:
            line = code.start_mark.line + 1
            if code.value not in CODES:
                problems.append(f"data/checks.yml:{line}: unknown finding code {code.value} (see --codes)")
            elif sev.value not in ("error", "warning"):
                problems.append(f"data/checks.yml:{line}: severity of {code.value} is error or warning, not {sev.value!r}")
            else:
                SEVERITY[code.value] = sev.value
    return problems


@dataclass
class Finding:
    path: str
    line: int
    code: str
    message: str

    @property
    def check(self):
        return CODES[self.code][0]

    @property
    def severity(self):
        return SEVERITY.get(self.code, CODES[self.code][1])

    @property
    def hint(self):
        """The code's hint, with this finding's own file where the hint names a command."""
        english = "docs/en/" + self.path.split("/", 2)[-1] if self.path.startswith("docs/") else self.path
        return (CODES[self.code][2].replace("FILE=...", f"FILE={self.path}")
                .replace("{path}", self.path).replace("{english}", english))

    def key(self):
        return (self.path, self.line, self.code, self.message)


def summary(findings, checks):
    out = {c: {"errors": 0, "warnings": 0} for c in checks}
    for f in findings:
        out.setdefault(f.check, {"errors": 0, "warnings": 0})
        out[f.check]["errors" if f.severity == "error" else "warnings"] += 1
    return out


def text(findings, checks, seconds, pages, hints=True, notes=()):
    lines = []
    for f in findings:
        lines.append(f"{f.path}:{f.line}: {f.code}: {f.message}")
        if hints:
            lines.append(f"    hint: {f.hint}")
    lines += list(notes)
    s = summary(findings, checks)
    e = sum(v["errors"] for v in s.values())
    w = sum(v["warnings"] for v in s.values())
    per = ", ".join(f"{c} {v['errors']}/{v['warnings']}" for c, v in s.items())
    lines.append(f"{e} error(s), {w} warning(s) in {pages} pages, {seconds:.2f} s "
                 f"(errors/warnings per check: {per})")
    return "\n".join(lines)


def as_json(findings, checks, seconds, pages, notes=(), external=None):
    data = {
        "findings": [dict(asdict(f), check=f.check, severity=f.severity, hint=f.hint) for f in findings],
        "summary": summary(findings, checks),
        "pages": pages,
        "seconds": round(seconds, 3),
        "notes": list(notes),
    }
    if external is not None:
        data["external"] = external
    return json.dumps(data, ensure_ascii=False, indent=2)
