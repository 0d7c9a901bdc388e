"""The writer's install: the size of .venv after `make setup-build` on a fresh clone, and
again after a first `make build` (Python then writes __pycache__ for what the build imports).

    python3 bench/install_size.py [--rev HEAD] [--before REV] [--keep DIR]

Each revision is cloned from this repository (committed work only) into a temporary
directory. Sizes are `du -sb .venv` (bytes of the files) and `du -s --block-size=1 .venv`
(disk used, which counts each of Material's 14,000 icon files as a whole block).
Target: <= 150 MB (10^6 bytes) by both counts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 150e6


def du(path: Path, *args: str) -> int:
    return int(subprocess.run(["du", "-s", *args, str(path)], capture_output=True, text=True, check=True).stdout.split()[0])


def sizes(venv: Path) -> tuple[int, int]:
    """(bytes of the files, bytes of disk used)."""
    return du(venv, "-b"), du(venv, "--block-size=1")


def largest(venv: Path, count: int = 8) -> list[tuple[int, str]]:
    site = next(venv.glob("lib/python*/site-packages"))
    return sorted(((du(p, "-b"), p.name) for p in site.iterdir() if p.is_dir()), reverse=True)[:count]


def measure(rev: str, where: Path) -> dict:
    clone = where / rev.replace("/", "_")
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", rev], check=True)
    # As on a writer's machine: no PYTHONDONTWRITEBYTECODE, every language built.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SITE_LANG", "VIRTUAL_ENV")}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True}
    result = subprocess.run(["make", "setup-build"], cwd=clone, env=env, **quiet)
    if result.returncode:
        sys.exit(f"{rev}: make setup-build failed:\n{result.stderr[-2000:]}")
    installed = sizes(clone / ".venv")
    result = subprocess.run(["make", "build"], cwd=clone, env=env, **quiet)
    if result.returncode:
        sys.exit(f"{rev}: make build failed:\n{result.stderr[-2000:]}")
    return {"rev": subprocess.run(["git", "-C", str(clone), "rev-parse", "--short", "HEAD"], capture_output=True,
                                  text=True, check=True).stdout.strip(),
            "installed": installed, "built": sizes(clone / ".venv"), "largest": largest(clone / ".venv")}


def mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", default="HEAD", help="the revision to measure (default HEAD)")
    parser.add_argument("--before", help="a revision to measure in the same run, for comparison")
    parser.add_argument("--keep", type=Path, help="clone into DIR and keep the clones")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="install-size-") as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        runs = [measure(rev, where) for rev in ([args.before] if args.before else []) + [args.rev]]
    print("| revision | installed: files MB | installed: disk MB | after a build: files MB | after a build: disk MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for run in runs:
        print(f"| {run['rev']} | {mb(run['installed'][0])} | {mb(run['installed'][1])} | "
              f"{mb(run['built'][0])} | {mb(run['built'][1])} |")
    now = runs[-1]
    if args.before:
        first = runs[0]
        print(f"now / before, after a build: {now['built'][0] / first['built'][0]:.2f}x (files), "
              f"{now['built'][1] / first['built'][1]:.2f}x (disk)")
    print("largest packages now (files MB): " + ", ".join(f"{name} {mb(n)}" for n, name in now["largest"]))
    met = max(now["built"]) <= TARGET
    print(f"target <= {mb(TARGET)} MB after a build, by both counts: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
