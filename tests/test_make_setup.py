"""`make test` on a machine without the system packages the tests need: it installs them
with apt-get as root, and otherwise stops once, before any test, with the command to run."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import REPO


def make(*argv: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *argv], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, **env})


def test_without_chromium_make_test_stops_at_once_with_one_line():
    # -n: should the check ever pass, make prints the build and test commands instead of running them
    result = make("-n", "test", KB_CHROMIUM="/nonexistent/chromium", KB_NO_INSTALL="1")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "sudo apt-get install -y chromium" in lines[0]
    assert "mkdocs" not in result.stdout and "pytest" not in result.stdout  # nothing built, no test run


def test_without_java_the_line_names_java():
    result = make("system-deps", KB_JAVA="/nonexistent/java", KB_NO_INSTALL="1")
    assert result.returncode != 0 and "apt-get install -y default-jre-headless" in result.stderr


def test_with_everything_present_nothing_is_installed():
    result = make("-s", "system-deps")  # this machine has them (the other tests need them too)
    assert result.returncode == 0, result.stderr
    assert "installing" not in result.stdout


def test_ci_installs_nothing_itself():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" not in script and "make test" in script


COMPILED_PROBE = """
import importlib.util, json, os, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "-q", "-d", sys.argv[1]])
except SystemExit as end:
    if end.code:
        raise
lib = os.path.realpath(os.path.join(sys.prefix, "lib"))
print(json.dumps(sorted(
    name for name, module in list(sys.modules.items())
    if (getattr(module, "__file__", None) or "").endswith(".py")
    and os.path.realpath(module.__file__).startswith(lib)
    and "/pygments/lexers/" not in module.__file__  # left out on purpose: the Makefile's -x pattern
    and not os.path.exists(importlib.util.cache_from_source(module.__file__)))))
"""


def test_every_installed_module_a_build_imports_is_byte_compiled(tmp_path):
    """The install is byte-compiled by make (PYTHONDONTWRITEBYTECODE is set here and in CI):
    a module left uncompiled is compiled again on every build (a fresh clone once lost
    0.25 s of its 2 s one-language build when the test set reinstalled Babel and jieba)."""
    import json
    import sys

    result = subprocess.run([sys.executable, "-c", COMPILED_PROBE, str(tmp_path / "site")], cwd=REPO,
                            capture_output=True, text=True,
                            env={**os.environ, "SITE_LANG": "el", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.splitlines()[-1]) == []
