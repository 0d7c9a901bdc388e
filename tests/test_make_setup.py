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
