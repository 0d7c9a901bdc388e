"""A temporary copy of the repository, with its own git history, for tests that edit
content or configuration (they never touch the working tree). make_copy commits the
working tree as the first commit; commit() adds the test's own edits as later commits,
so tools that read history (status, diff) see a real one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".venv", "site", ".cache", ".git", "__pycache__", ".pytest_cache", "*.egg-info", ".mkdocs.*")


def _git(target: Path) -> list[str]:
    return ["git", "-C", str(target), "-c", "user.name=test", "-c", "user.email=test@example.invalid",
            "-c", "commit.gpgsign=false"]


def make_copy(target: Path) -> Path:
    shutil.copytree(REPO, target, ignore=IGNORED)
    subprocess.run([*_git(target), "init", "-q"], check=True)
    commit(target, "copy")
    return target


def commit(target: Path, message: str) -> None:
    subprocess.run([*_git(target), "add", "-A"], check=True)
    subprocess.run([*_git(target), "commit", "-qm", message, "--allow-empty"], check=True)


def run(copy: Path, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run a Python module inside the copy (its own scripts/ package comes first on sys.path)."""
    env = {**os.environ, "SITE_LANG": "", "PYTHONPATH": str(copy)}
    return subprocess.run([sys.executable, *argv], cwd=copy, env=env, capture_output=True, text=True, check=check)


def build(copy: Path) -> Path:
    result = run(copy, "-m", "mkdocs", "build", "--strict", "--clean", check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return copy / "site"
