"""Findings, their codes and hints, and the text/JSON output."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

CHECKS = ("links", "anchors", "citations", "translations", "language", "markup")

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
    "C008": ("citations", "warning", "the English page changed since this translation: cite the same keys when you update it, then make mark-current FILE=..."),
    "C007": ("citations", "error", "write citations as [@key] or [@key1; @key2]; page numbers and prefixes go in the sentence"),
    "T001": ("translations", "error", "create the translation with the same file name (see CONTRIBUTING.md), then make mark-current FILE=...; or mark the language partial in mkdocs.yml (extra: {status: partial}) while it is being launched"),
    "T005": ("translations", "warning", "translate it when you can: copy {english} to {path}, translate it, then make mark-current FILE={path}"),
    "T002": ("translations", "warning", "see what changed with make diff FILE={path}, update the translation, then run make mark-current FILE={path}"),
    "T003": ("translations", "error", "run make mark-current FILE=... once the translation matches its English page"),
    "T006": ("translations", "warning", "translate each line marked '# TODO: translate' in {path} and remove the mark (see CONTRIBUTING.md, 'Add a language')"),
    "U001": ("translations", "error", "every language needs every interface string and timeline label: add the missing language's line (English text marked '# TODO: translate' if you cannot translate it)"),
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
}


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
        return CODES[self.code][1]

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
