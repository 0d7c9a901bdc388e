"""Which English version each translation translates.

A translation records, in its front matter, `source_hash`: a content hash of
its English page. When the English page changes, the hash no longer matches and
the translation is *outdated*.

What the hash covers (decision): the English page's **body only**, i.e. the
Markdown after the front matter, with line endings normalised to `\\n`,
trailing whitespace removed from every line and leading/trailing blank lines
dropped. Front matter is excluded so that fixing a `description:` typo or
adding a field does not mark every translation outdated; the page title is in
the body's `# Title` line anyway, so renaming a page still counts as a change.

    python -m scripts.translations mark docs/it/playbooks/saying-no.md ...
    python -m scripts.translations mark --all it
    python -m scripts.translations status [--docs docs]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from scripts.frontmatter import parse, split

from scripts.languages import SOURCE_LANGUAGE as SOURCE_LANG
from scripts.languages import translation_codes

HASH_KEY = "source_hash"


def hash_text(body: str) -> str:
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    norm = "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def source_hash(english_path) -> str:
    """Hash of the English page's body (see module docstring)."""
    return hash_text(parse(english_path).body)


def _split_lang(path: Path) -> tuple[Path, str, Path]:
    """docs/it/a/b.md -> (docs, 'it', a/b.md): the language folder is the one
    whose parent also holds the English folder (so new languages work too)."""
    path = Path(path).resolve()
    for i in range(1, len(path.parts) - 1):
        parent = Path(*path.parts[:i])
        if (parent / SOURCE_LANG).is_dir() and (parent / path.parts[i]).is_dir():
            return parent, path.parts[i], Path(*path.parts[i + 1:])
    raise ValueError(f"{path}: not inside a docs/<lang>/ folder next to docs/{SOURCE_LANG}/")


def translation_langs(docs_dir) -> list[str]:
    """Language folders of docs/ other than English (configured ones first, in mkdocs.yml order)."""
    found = [d.name for d in Path(docs_dir).iterdir() if d.is_dir() and d.name != SOURCE_LANG]
    try:
        order = translation_codes(Path(docs_dir).resolve().parent)
    except (OSError, ValueError):  # a docs/ tree without mkdocs.yml beside it (test fixtures)
        order = []
    return sorted(found, key=lambda c: (order.index(c) if c in order else len(order), c))


def english_of(translated_path) -> Path:
    docs, _lang, rel = _split_lang(Path(translated_path))
    return docs / SOURCE_LANG / rel


def set_meta_line(text: str, key: str, value: str) -> str:
    """Set a top-level `key: value` line in the front matter, touching nothing else."""
    nl = "\r\n" if "\r\n" in text[:200] else "\n"
    parts = split(text)
    if parts is None:
        return f"---{nl}{key}: {value}{nl}---{nl}" + text
    ystart, yend, _ = parts
    block = text[ystart:yend]
    out, found = [], False
    for line in block.splitlines(keepends=True):
        if line.startswith(key + ":"):
            ending = line[len(line.rstrip("\r\n")):] or nl
            line, found = f"{key}: {value}{ending}", True
        out.append(line)
    if not found:
        if out and not out[-1].endswith("\n"):
            out[-1] += nl
        out.append(f"{key}: {value}{nl}")
    return text[:ystart] + "".join(out) + text[yend:]


def mark_current(translated_path) -> str:
    """Record the current English hash in a translation; returns the hash."""
    translated_path = Path(translated_path)
    digest = source_hash(english_of(translated_path))
    raw = translated_path.read_bytes().decode("utf-8")
    new = set_meta_line(raw, HASH_KEY, digest)
    if new != raw:
        translated_path.write_bytes(new.encode("utf-8"))
    return digest


def english_pages(docs_dir) -> list[str]:
    base = Path(docs_dir) / SOURCE_LANG
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def state_of(translated: Path, english_digest: str, strict: bool = False) -> tuple[str, str | None]:
    """(state, recorded hash) of one translation: missing, current or outdated.
    Front matter that does not parse counts as outdated, or raises when strict."""
    if not translated.exists():
        return "missing", None
    try:
        recorded = parse(translated).meta.get(HASH_KEY)
    except Exception:
        if strict:
            raise
        recorded = None
    return ("current" if recorded == english_digest else "outdated"), recorded


def status(docs_dir) -> list[tuple[str, str, str]]:
    """(lang, page, state) for every translation; state: current/outdated/missing."""
    docs_dir = Path(docs_dir)
    rows = []
    for page in english_pages(docs_dir):
        digest = source_hash(docs_dir / SOURCE_LANG / page)
        for lang in translation_langs(docs_dir):
            rows.append((lang, page, state_of(docs_dir / lang / page, digest)[0]))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scripts.translations",
                                 description="Record or report which English version translations match.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    mk = sub.add_parser("mark", help="record the current English hash in translations")
    mk.add_argument("files", nargs="*", type=Path)
    mk.add_argument("--all", metavar="LANG", help="mark every page of LANG (a folder of docs/)")
    mk.add_argument("--docs", type=Path, default=Path("docs"))
    st = sub.add_parser("status", help="list missing and outdated translations")
    st.add_argument("--docs", type=Path, default=Path("docs"))
    args = ap.parse_args(argv)

    if args.cmd == "mark":
        files = list(args.files)
        if args.all:
            if args.all == SOURCE_LANG or not (args.docs / args.all).is_dir():
                ap.error(f"--all: no translation folder {args.docs / args.all}")
            files += [args.docs / args.all / p for p in english_pages(args.docs)
                      if (args.docs / args.all / p).exists()]
        if not files:
            ap.error("give FILE... or --all LANG")
        rc = 0
        for f in files:
            try:
                if _split_lang(f)[1] == SOURCE_LANG:
                    raise ValueError("is an English page: only translations are marked")
                english = os.path.relpath(english_of(f))
                if not os.path.exists(english):
                    raise ValueError(f"there is no English page {english} with the same file name")
                if not Path(f).exists():
                    raise ValueError(f"does not exist: copy {english} to {f} and translate it first")
                print(f"{f}: source_hash {mark_current(f)}")
            except (OSError, ValueError) as exc:
                print(f"{f}: {exc}", file=sys.stderr)
                rc = 2
        return rc

    rows = status(args.docs)
    for lang, page, state in rows:
        if state != "current":
            print(f"{lang}\t{state}\t{page}")
    counts = {}
    for lang, _p, state in rows:
        counts.setdefault(lang, {}).setdefault(state, 0)
        counts[lang][state] += 1
    for lang in translation_langs(args.docs):
        c = counts.get(lang, {})
        print(f"{lang}: {c.get('current', 0)} current, {c.get('outdated', 0)} outdated, "
              f"{c.get('missing', 0)} missing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
