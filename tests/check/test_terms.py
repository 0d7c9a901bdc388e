"""The terms and ui checks (scripts/check/terms.py, ui_strings.py) on their fixture,
tests/fixtures/check/terms: a four-language mini site with one fault per rule, and
hand-written built pages in site/ (no mkdocs build needed)."""
from __future__ import annotations

import json
import shutil

import pytest

from tests.check.conftest import FIXTURES, REPO, run_check

TERMS = FIXTURES / "terms"

# (file, code, a substring of the line): every finding the fixture must give, and no other.
EXPECTED = [
    ("docs/it/guide.md", "K001", "procedura operativa"),
    ("docs/it/guide.md", "K002", "procedura operativa"),
    ("docs/el/guide.md", "K001", "κλίμακα κλιμάκωσης"),
    ("docs/el/guide.md", "K002", "κλίμακα κλιμάκωσης"),
    ("docs/zh/guide.md", "K001", "應對指南"),
    ("docs/zh/guide.md", "K002", "應對指南"),
    ("docs/zh/guide.md", "K003", "信息"),          # 「視頻」 on the same line is a mention: not reported
    ("docs/it/guide.md", "K004", "tu lo sai"),
    ("docs/zh/guide.md", "K004", "請您"),
    ("docs/it/tone.md", "K004", "Tu conosci"),     # one register throughout, not the style sheet's
    ("docs/it/training/drill.md", "K005", "[Ascoltate prima]"),
    ("docs/zh/training/drill.md", "K005", "[先聽]"),
    ("docs/it/guide.md", "K006", '"no"'),
    ("docs/zh/guide.md", "K006", '"這點"'),
    ("site/it/index.html", "U001", 'title="Dark mode"'),
    ("site/zh/index.html", "U002", "跳轉至"),
]


def line_of(root, path, marker):
    lines = (root / path).read_text(encoding="utf-8").split("\n")
    return next(i + 1 for i, line in enumerate(lines) if marker in line)


def expected(root, codes=""):
    return sorted((p, line_of(root, p, m), c) for p, c, m in EXPECTED if c.startswith(codes))


def check(root, *args):
    rc, out, err = run_check(root, "--only", "terms,ui", "--format", "json", *args)
    assert rc in (0, 1), err
    return rc, json.loads(out)


@pytest.fixture(scope="module")
def result():
    return check(TERMS)[1]


def found(result, codes=""):
    return sorted((f["path"], f["line"], f["code"]) for f in result["findings"] if f["code"].startswith(codes))


def test_fixture_gives_exactly_the_expected_findings(result):
    assert found(result) == expected(TERMS)


@pytest.mark.parametrize("code", ["K001", "K002", "K003", "K004", "K005", "K006", "U001", "U002"])
def test_each_rule_fails_its_fixture_at_the_right_line(result, code):
    want = expected(TERMS, code)
    assert want and found(result, code) == want


def test_messages_name_the_preferred_term(result):
    by_code = {f["code"]: f["message"] for f in result["findings"] if f["path"] == "docs/it/guide.md"}
    assert "«guida operativa»" in by_code["K001"] and "«guida operativa»" in by_code["K002"]
    k003 = next(f["message"] for f in result["findings"] if f["code"] == "K003")
    assert "«資訊»" in k003


def test_page_text_rules_default_to_warnings_and_ui_rules_to_errors(result):
    """Without a data/checks.yml (as in the fixture) the page-text rules only warn."""
    severity = {f["code"]: f["severity"] for f in result["findings"]}
    assert {severity[c] for c in ("K001", "K002", "K004", "K005", "K006")} == {"warning"}
    assert {severity[c] for c in ("K003", "U001", "U002")} == {"error"}


def test_the_project_fails_on_every_page_text_rule():
    """Since the translation pass, the site's own data/checks.yml makes them errors: a pull
    request that brings back an avoided term, a quote mark or a register mix is refused."""
    import yaml

    from tests.conftest import REPO
    severity = yaml.safe_load((REPO / "data" / "checks.yml").read_text(encoding="utf-8"))["severity"]
    assert {severity[c] for c in ("K001", "K002", "K003", "K004", "K005", "K006", "U001", "U002")} == {"error"}
    assert severity.get("K008", "warning") == "warning"


def test_an_outdated_translation_gets_a_warning_not_an_error(tmp_path):
    """An English edit leaves its translations outdated: the term they miss is K008, a warning."""
    root = tmp_path / "site"
    shutil.copytree(TERMS, root)
    (root / "data" / "checks.yml").write_text("severity:\n  K002: error\n", encoding="utf-8")
    english = root / "docs" / "en" / "guide.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    _rc, data = check(root)
    codes = {(f["path"], f["code"], f["severity"]) for f in data["findings"] if f["path"] == "docs/it/guide.md"}
    assert ("docs/it/guide.md", "K008", "warning") in codes
    assert not any(code == "K002" for _p, code, _s in codes)


def test_severity_is_configurable(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(TERMS, root)
    (root / "data" / "checks.yml").write_text("severity:\n  K001: error\n", encoding="utf-8")
    _rc, data = check(root)
    assert {f["severity"] for f in data["findings"] if f["code"] == "K001"} == {"error"}
    (root / "data" / "checks.yml").write_text("severity:\n  K001: error\n  K999: warning\n", encoding="utf-8")
    rc, _out, err = run_check(root, "--only", "terms")
    assert rc == 2 and "data/checks.yml:3: unknown finding code K999" in err


def test_an_invalid_termbase_is_reported_with_file_and_line(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(TERMS, root)
    it = root / "data" / "glossary" / "terms" / "it.yml"
    it.write_text(it.read_text(encoding="utf-8")
                  + "customer-journey:\n  term: percorso del cliente\n", encoding="utf-8")
    text = it.read_text(encoding="utf-8").replace("  term: scala di escalation\n",
                                                  "  term: scala di escalation\n  colour: red\n")
    it.write_text(text, encoding="utf-8")
    _rc, data = check(root)
    k007 = sorted((f["path"], f["line"]) for f in data["findings"] if f["code"] == "K007")
    lines = text.split("\n")
    assert k007 == sorted([
        ("data/glossary/terms/it.yml", lines.index("  colour: red") + 1),
        ("data/glossary/terms/it.yml", lines.index("customer-journey:") + 1),
    ])


def test_the_real_termbase_covers_every_concept_in_every_language():
    from scripts import termbase
    from scripts.languages import codes
    base = termbase.load(REPO / "data", REPO)   # raises on any problem, glossary headwords included
    assert len(base.source) >= 40
    for code in codes(REPO):
        assert set(base.entries[code]) == set(base.source), code


@pytest.mark.skipif(not (REPO / "site" / "index.html").exists(), reason="site/ not built: run make test")
def test_real_site_has_no_mainland_word_and_no_english_interface_string():
    rc, out, err = run_check(REPO, "--only", "terms,ui", "--format", "json")
    assert rc in (0, 1), err
    errors = [f"{f['path']}:{f['line']}: {f['code']}: {f['message']}"
              for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert not errors, "\n".join(errors[:30])
