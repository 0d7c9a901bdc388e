"""Builds the fixture corpus twice (clean, faulty) and runs the checker on each.

tests/fixtures/check/clean is a tiny four-language site with no fault;
tests/fixtures/check/faulty is an overlay copied on top of it that adds one
fault of each kind, in each language where it applies (see EXPECTED).
Both are built once per session with the real `mkdocs build` (not strict).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "check"
MKDOCS = Path(sys.executable).with_name("mkdocs")

# (file, code, a substring of the expected line, or None for line 1)
EXPECTED = [
    ("data/anchors.yml", "A006", "from: variant.md#third"),
    ("data/anchors.yml", "A007", "from: guide.md#old-name"),
    ("data/anchors.yml", "A007", "from: guide.md#gone"),
    ("data/bib/broken.bib", "C002", "{Unclosed brace,"),
    ("data/bib/more.bib", "C003", "@online{popik2004customer,"),
    ("data/bib/more.bib", "C004", "@book{partial2019entry,"),
    ("data/bib/more.bib", "C005", "@online{unused2020entry,"),
    ("docs/en/guide.md", "A005", "# Guide"),
]
for lang in ("en", "it", "el", "zh"):
    f = f"docs/{lang}/faults.md"
    EXPECTED += [
        (f, "F002", None),
        (f, "A001", "## "),          # refined below: the heading without id
        (f, "L001", ".md)"),
        (f, "L002", ".md)"),
        (f, "A002", "{#"),
        (f, "C001", "nosuchkey2001"),
        (f, "C007", "@popik2004customer, "),
        (f, "A003", "## "),
        (f, "M001", "<script>"),
        (f, "M002", "<iframe"),
        (f, "M003", "<object"),
        (f, "M004", "onclick="),
        (f, "M005", "javascript:"),
        (f, "M006", 'target="_blank"'),
        (f"docs/{lang}/frontmatter.md", "F001", "title:"),
        # outside the allowlist (scripts/allowlist.py), and markup in front matter
        (f, "M009", "tracker.example.net/pixel-"),
        (f, "M007", "<noscript>"),
        (f, "M008", "background:url("),
        (f, "M007", "<base href"),
        (f, "S004", "subtitle:"),
    ]
    if lang != "en":
        EXPECTED += [
            (f, "T003", None),
            (f, "G002", "This paragraph was left in English"),
            (f"docs/{lang}/lonely.md", "T001", None),
            (f"docs/{lang}/orphan.md", "T004", None),
            (f"docs/{lang}/stale.md", "T002", "source_hash:"),
            (f"docs/{lang}/variant.md", "A004", "{#"),
            (f"docs/{lang}/variant.md", "C006", "partial2019entry"),
        ]
EXPECTED.append(("docs/zh/faults.md", "G001", "个顾客"))
EXPECTED.append(("data/glossary/en.yml", "S004", "Money given back."))

# Markers that need more than "first line containing": the n-th heading etc.
SPECIAL = {
    ("A001", "en"): "## Heading without an id", ("A001", "it"): "## Titolo senza",
    ("A001", "el"): "## Επικεφαλίδα χωρίς", ("A001", "zh"): "## 沒有識別碼",
    ("A003", "en"): "## Summary again", ("A003", "it"): "## Di nuovo",
    ("A003", "el"): "## Ξανά σύνοψη", ("A003", "zh"): "## 再次摘要",
    ("A002", "en"): "{#café}", ("A002", "it"): "{#caffè}", ("A002", "el"): "{#καφές}", ("A002", "zh"): "{#咖啡}",
    ("A004", "it"): "{#seconda}", ("A004", "el"): "{#deuteri}", ("A004", "zh"): "{#di-er}",
}


def expected_findings(root: Path) -> list[tuple[str, int, str]]:
    out = []
    for path, code, marker in EXPECTED:
        lang = path.split("/")[1] if path.startswith("docs/") else None
        marker = SPECIAL.get((code, lang), marker)
        line = 1
        if marker is not None:
            lines = (root / path).read_text(encoding="utf-8").split("\n")
            line = next(i + 1 for i, l in enumerate(lines) if marker in l)
        out.append((path, line, code))
    return sorted(out)


def _build(src_dirs: list[Path], dest: Path) -> Path:
    for d in src_dirs:
        shutil.copytree(d, dest, dirs_exist_ok=True)
    js = dest / "overrides" / "assets" / "javascripts"
    js.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "overrides" / "assets" / "javascripts" / "anchor-aliases.js", js)
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([str(MKDOCS), "build", "-q", "-d", "site"], cwd=dest, env=env,
                          capture_output=True, text=True, timeout=300)
    assert (dest / "site" / "index.html").exists(), proc.stderr[-3000:]
    return dest


def run_check(root: Path, *args: str) -> tuple[int, str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(root), *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="session")
def clean_root(tmp_path_factory) -> Path:
    return _build([FIXTURES / "clean"], tmp_path_factory.mktemp("clean"))


@pytest.fixture(scope="session")
def faulty_root(tmp_path_factory) -> Path:
    return _build([FIXTURES / "clean", FIXTURES / "faulty"], tmp_path_factory.mktemp("faulty"))


@pytest.fixture(scope="session")
def faulty_result(faulty_root):
    rc, out, err = run_check(faulty_root, "--format", "json")
    assert rc == 1, err
    return json.loads(out)


@pytest.fixture(scope="session")
def clean_result(clean_root):
    rc, out, err = run_check(clean_root, "--format", "json")
    return rc, json.loads(out), err


def found(result, *codes_prefix: str) -> list[tuple[str, int, str]]:
    return sorted((f["path"], f["line"], f["code"]) for f in result["findings"]
                  if f["code"].startswith(codes_prefix))


def expected(root, *codes_prefix: str) -> list[tuple[str, int, str]]:
    return [e for e in expected_findings(root) if e[2].startswith(codes_prefix)]
