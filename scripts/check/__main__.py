"""python -m scripts.check [--only NAME[,NAME]] [--format text|json] [--external]

Runs every check over docs/ and the already built site/ (it does not build:
`make check` does that first). Exit status: 0 clean, 1 findings (errors or
warnings; --allow-warnings lets warnings pass), 2 the checker could not run.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import signal
import sys
import time
from pathlib import Path

from scripts.check import report
from scripts.check.report import CHECKS

NEEDS_SITE = {"links", "markup", "ui"}
# Checks that read the built pages (model.html); the others read only docs/ and data/
# and run while the worker processes are still parsing the built pages.
READS_HTML = {"links", "anchors", "markup", "ui"}
# The longest of those run at the same time in a process of their own, forked once the
# Markdown pages are read (it inherits the model: nothing is copied but the findings).
FORKED = ("terms", "inputs")
_INHERITED: dict = {}


def module(name: str):
    # imported on first use: after the workers have forked, so not in each of them
    return importlib.import_module(f"scripts.check.{'ui_strings' if name == 'ui' else name}")


def _run_inherited(names: list[str]) -> list:
    m, opts = _INHERITED["model"], _INHERITED["opts"]
    return [f for name in names for f in module(name).run(m, opts)]


def fork_checks(m, opts, names: list[str]):
    """Start these checks in a forked process: (pool, future of their findings), or None
    where processes cannot be forked (then they run in this one)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    if not names or "fork" not in multiprocessing.get_all_start_methods():
        return None
    _INHERITED.update(model=m, opts=opts)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return pool, pool.submit(_run_inherited, names)


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="python -m scripts.check",
        description="Check links, anchors, citations, translations, language and markup "
                    "of docs/ and the built site/. Findings are printed as path:line: CODE: message.",
        epilog="Exit status: 0 clean, 1 findings (errors, or warnings unless --allow-warnings), 2 checker could not run.")
    ap.add_argument("--only", metavar="NAME", action="append",
                    help=f"run only these checks (repeat or comma-separate): {', '.join(CHECKS)}")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ap.add_argument("--external", action="store_true", help="also check external links (network, cached)")
    ap.add_argument("--allow-warnings", action="store_true", help="exit 0 when there are warnings but no errors")
    ap.add_argument("--no-hints", action="store_true", help="do not print a hint under each finding")
    ap.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    ap.add_argument("--docs", type=Path, help="default: ROOT/docs")
    ap.add_argument("--site", type=Path, help="built site (default: ROOT/site)")
    ap.add_argument("--bib-dir", type=Path, help="default: ROOT/data/bib")
    ap.add_argument("--registry", type=Path, help="anchor registry (default: ROOT/data/anchors.yml)")
    ap.add_argument("--jobs", type=int, default=None,
                    help="worker processes for parsing (default: one per CPU on a large site, none on a small one)")
    ap.add_argument("--timings", action="store_true", help="print the time of each phase on stderr")
    ap.add_argument("--codes", action="store_true", help="list the finding codes with their hints and exit")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if hasattr(signal, "SIGPIPE"):  # `... | head` should end quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    problems = report.configure(args.root.resolve())
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    if args.codes:
        for code, (check, severity, hint) in report.CODES.items():
            print(f"{code}  {check:<12} {report.SEVERITY.get(code, severity):<7} {hint}")
        return 0
    t0 = time.perf_counter()
    # A short-lived run that builds many small objects and frees none of them:
    # the cyclic garbage collector would only rescan them again and again.
    gc.disable()
    root = args.root.resolve()
    docs = (args.docs or root / "docs").resolve()
    site = (args.site or root / "site").resolve()
    checks = list(CHECKS)
    if args.only:
        checks = [c.strip() for o in args.only for c in o.split(",") if c.strip()]
        bad = [c for c in checks if c not in CHECKS]
        if bad:
            print(f"unknown check(s): {', '.join(bad)}; choose from {', '.join(CHECKS)}", file=sys.stderr)
            return 2
    if not docs.is_dir():
        print(f"error: no docs folder at {docs}", file=sys.stderr)
        return 2
    if NEEDS_SITE & set(checks) and not (site / "index.html").exists():
        print(f"error: no built site at {site}: run `make check` (it builds first) or `mkdocs build`",
              file=sys.stderr)
        return 2

    from scripts.check import model
    registry = (args.registry or root / "data" / "anchors.yml")
    opts = {
        "bib_dir": (args.bib_dir or root / "data" / "bib"),
        "registry": registry,
        "registry_display": registry.resolve().relative_to(root).as_posix()
        if registry.resolve().is_relative_to(root) else str(registry),
        "partial": bool(args.only),
    }
    phases, findings = [], []
    since, forked = t0, None

    def run(m, names, waited):
        """Run these checks here; `waited` names what ended just before."""
        nonlocal since
        phases.append((waited, time.perf_counter() - since))
        for name in names:
            t1 = time.perf_counter()
            findings.extend(module(name).run(m, opts))
            phases.append((name, time.perf_counter() - t1))
        since = time.perf_counter()

    def on_sources(m):
        nonlocal forked
        here = [c for c in checks if c not in READS_HTML]
        if m.jobs > 1:  # a large site (or --jobs): worth a process of their own
            forked = fork_checks(m, opts, [c for c in here if c in FORKED])
        run(m, [c for c in here if not (forked and c in FORKED)], "parse sources")

    try:
        m = model.build(root, docs, site if site.is_dir() else None,
                        progress=sys.stderr.isatty() and args.format == "text", jobs=args.jobs,
                        meanwhile=on_sources, checks=checks if args.only else None)
        run(m, [c for c in checks if c in READS_HTML], "parse pages")
        if forked:
            pool, future = forked
            findings += future.result()
            pool.shutdown()
            phases.append(("+".join(c for c in checks if c in FORKED) + " (forked, waited)",
                           time.perf_counter() - since))
        if args.timings:
            print("timings: " + ", ".join(f"{n} {s:.2f} s" for n, s in phases), file=sys.stderr)
        notes, listing = [], None
        if args.external and "links" in checks:
            from scripts.check.links import locate
            where = {url: [(src.display, locate(src, url, text)) for src, text in uses]
                     for url, uses in opts.get("external_links", {}).items()}
            from scripts.check import external
            ext, notes, listing = external.run(where, root)
            findings += ext
            if args.format == "text":  # the list itself; JSON carries it under "external"
                notes = [f"external: {item['url']} ({item.get('status') or 'not checked'}; "
                         f"{len(item['where'])} use(s), first {item['where'][0]})" for item in listing] + notes
    except Exception as exc:  # the checker itself failed: not a finding about the site
        import traceback
        traceback.print_exc()
        print(f"error: the checker could not run: {exc}", file=sys.stderr)
        return 2

    # Each fault once, in file/line order.
    unique = {f.key(): f for f in findings}
    findings = sorted(unique.values(), key=lambda f: (f.path, f.line, f.code, f.message))
    seconds = time.perf_counter() - t0
    pages = len(m.sources)
    if args.format == "json":
        print(report.as_json(findings, checks, seconds, pages, notes, listing))
    else:
        print(report.text(findings, checks, seconds, pages, hints=not args.no_hints, notes=notes))
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    return 1 if errors or (warnings and not args.allow_warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
