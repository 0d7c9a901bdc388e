"""One command-line entry for every contributor task.

    python -m scripts.cli status [--format json] [--lang it]
    python -m scripts.cli diff docs/it/page.md
    python -m scripts.cli mark-current FILE...
    python -m scripts.cli new-language CODE NAME
    python -m scripts.cli serve [--lang xx]
    python -m scripts.cli live LANG
    python -m scripts.cli build
    python -m scripts.cli check [checker options...]
    python -m scripts.cli bench
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from scripts.languages import ROOT


def _status(args) -> int:
    from scripts import status

    rows = status.report(ROOT)
    if args.lang:
        from scripts.languages import translation_codes
        if args.lang not in translation_codes(ROOT):
            print(f"status: '{args.lang}' is not a translated language in mkdocs.yml; choose one of "
                  f"{', '.join(translation_codes(ROOT))}", file=sys.stderr)
            return 2
        rows = [r for r in rows if r.lang == args.lang]
        if args.format != "json":
            print(status.format_needs_work(rows, args.lang))
            return 0
        print(json.dumps({"summary": status.summary(rows), "pages": [r.as_dict() for r in rows if r.state != "current"]},
                         ensure_ascii=False, indent=2))
        return 0
    if args.format == "json":
        print(json.dumps({"summary": status.summary(rows), "pages": [r.as_dict() for r in rows]}, ensure_ascii=False, indent=2))
    else:
        print(status.format_text(rows))
    return 0


def _diff(args) -> int:
    from scripts import status
    from scripts.frontmatter import FrontMatterError, front_matter_message

    try:
        rc, text = status.english_diff(ROOT, args.file)
    except FrontMatterError as exc:
        rc, text = 2, front_matter_message(exc, ROOT)
    print(text, file=sys.stderr if rc == 2 else sys.stdout)
    return 0 if rc in (0, 1) else rc


def _mark_current(args) -> int:
    from scripts import translations

    return translations.main(["mark", *map(str, args.files)])


def _new_language(args) -> int:
    from scripts import scaffold

    try:
        for line in scaffold.new_language(ROOT, args.code, args.name):
            print(line)
    except scaffold.ScaffoldError as exc:
        print(f"new-language: {exc}", file=sys.stderr)
        return 2
    return 0


def _mkdocs(*argv: str, lang: str | None = None) -> int:
    env = {**os.environ, "SITE_LANG": lang or ""}
    return subprocess.call([sys.executable, "-m", "mkdocs", *argv], cwd=ROOT, env=env)


def _serve(args) -> int:
    return _mkdocs("serve", "--dev-addr", args.addr, lang=args.lang)


def _live(args) -> int:
    from scripts import live

    return live.serve(ROOT, args.lang, args.addr)


def _build(args) -> int:
    return _mkdocs("build", "--strict", "--clean")


def _check(args) -> int:
    return subprocess.call([sys.executable, "-m", "scripts.check", *args.rest], cwd=ROOT)


def _bench(args) -> int:
    rc = 0
    for script in sorted((ROOT / "bench").glob("*.py")):
        print(f"== {script.name}", flush=True)
        rc |= subprocess.call([sys.executable, str(script)], cwd=ROOT)
    return rc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.cli", description="Contributor tasks for the knowledge base.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("status", help="translation status per language: current, outdated (with changed sections), missing")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", help="only this language, only the pages that need work")
    p.set_defaults(run=_status)

    p = sub.add_parser("diff", help="the English changes since the version a translation records (unified diff, sections named)")
    p.add_argument("file", type=Path, help="a translated page, e.g. docs/it/playbooks/saying-no.md")
    p.set_defaults(run=_diff)

    p = sub.add_parser("mark-current", help="record that translations match their current English page")
    p.add_argument("files", nargs="+", type=Path)
    p.set_defaults(run=_mark_current)

    p = sub.add_parser("new-language", help="scaffold a new language (docs folder, config entry, glossary to translate)")
    p.add_argument("code", help="ISO 639-1 code, e.g. pt")
    p.add_argument("name", help="the language's own name, e.g. Português")
    p.set_defaults(run=_new_language)

    p = sub.add_parser("serve", help="live preview, optionally of one language only")
    p.add_argument("--lang", default=os.environ.get("SITE_LANG") or None)
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.set_defaults(run=_serve)

    p = sub.add_parser("live", help="live preview of one language at its real path (/el/): rebuilds only what changed")
    p.add_argument("lang", help="language code, e.g. el")
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.set_defaults(run=_live)

    p = sub.add_parser("build", help="strict build of every language into site/")
    p.set_defaults(run=_build)

    p = sub.add_parser("check", help="integrity checks over docs/ and site/ (see python -m scripts.check --help)")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(run=_check)

    p = sub.add_parser("bench", help="run every benchmark in bench/ and print the figures")
    p.set_defaults(run=_bench)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
