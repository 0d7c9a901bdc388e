"""Benchmark: our build against a plain Material + static-i18n build of the same pages.

    .venv/bin/python bench/build_speed.py [--runs 3] [--lang el]

Times, alternately and RUNS times each, in the same run (the machine is shared:
load comes and goes, so the fastest run of each is kept):

- ours: `mkdocs build --strict --clean` of every language (the real mkdocs.yml);
- plain: the same docs/ and nav with `theme: material` at its defaults, the
  search plugin with our separator, mkdocs-static-i18n with our language list,
  and our Markdown extensions; no kb plugin, no mkdocs-bibtex, no minify, no
  overrides (the pages' citation brackets stay as text);
- one language: `SITE_LANG=LANG mkdocs build --strict --clean` (the edit loop).

Targets (ratios, never asserted): ours <= 1.5x plain; one language <= 2 s.
Every build writes into a temporary folder; site/ is not touched.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
TARGET_RATIO, TARGET_ONE = 1.5, 2.0


def plain_config(tmp: Path) -> Path:
    """mkdocs.yml of the plain build: Material and static-i18n at their defaults, our pages."""
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as fh:
        ours = yaml_load(fh)
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in ours["plugins"]}
    i18n = dict(plugins["i18n"]["i18n"], build_only_locale=None)
    for lang in i18n["languages"]:
        lang.pop("theme", None)  # our zh UI language lives in overrides/, which the plain build lacks
    extensions = ours["markdown_extensions"]
    config = {
        "site_name": ours["site_name"],
        "docs_dir": str(REPO / "docs"),
        "site_dir": str(tmp / "plain-site"),
        "use_directory_urls": True,
        "theme": {"name": "material"},
        "markdown_extensions": extensions,
        "plugins": [{"search": plugins["search"]["search"]}, {"i18n": i18n}],
        "nav": ours["nav"],
    }
    path = tmp / "plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed(cmd, env=None) -> tuple[float, float]:
    """(wall s, CPU s: user + system of the build process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_LANG": "", **(env or {})})
    seconds = time.perf_counter() - t0
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"build failed: {' '.join(map(str, cmd))}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each build, alternating (fastest kept)")
    ap.add_argument("--lang", default="el", help="language of the one-language build (default el)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-build-bench-") as tmp:
        tmp = Path(tmp)
        builds = {
            "ours (all languages, strict)": (MKDOCS + ["build", "--strict", "--clean", "-q", "-d", str(tmp / "ours")], {}),
            "plain Material + static-i18n": (MKDOCS + ["build", "--clean", "-q", "-f", str(plain_config(tmp))], {}),
            f"ours, one language (SITE_LANG={args.lang})":
                (MKDOCS + ["build", "--strict", "--clean", "-q", "-d", str(tmp / "one")], {"SITE_LANG": args.lang}),
        }
        times = {name: [] for name in builds}
        for run in range(args.runs):
            for name, (cmd, env) in builds.items():
                times[name].append(timed(cmd, env))
            print(f"run {run + 1}/{args.runs}: " + "; ".join(f"{n} {t[-1][0]:.1f} s" for n, t in times.items()), flush=True)
        pages = sum(1 for _ in (tmp / "ours").rglob("index.html"))
    wall = {name: min(w for w, _ in t) for name, t in times.items()}
    cpu = {name: min(c for _, c in t) for name, t in times.items()}
    (ours, plain, one), (ours_cpu, plain_cpu, one_cpu) = wall.values(), cpu.values()
    print(f"\nfastest of {args.runs} runs, alternated ({pages} HTML pages in our build); "
          "CPU = user + system, the smallest of the runs (steadier than wall time on a shared machine)")
    print(f"{'build':<42} {'wall s':>7} {'CPU s':>7}")
    for name in wall:
        print(f"{name:<42} {wall[name]:7.2f} {cpu[name]:7.2f}")
    verdict = lambda ok: "met" if ok else "NOT met"
    print(f"ours / plain: wall {ours / plain:.2f}x, CPU {ours_cpu / plain_cpu:.2f}x "
          f"(target <= {TARGET_RATIO}x: {verdict(ours / plain <= TARGET_RATIO)})")
    print(f"one language: wall {one:.2f} s, CPU {one_cpu:.2f} s (target <= {TARGET_ONE} s: {verdict(one <= TARGET_ONE)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
