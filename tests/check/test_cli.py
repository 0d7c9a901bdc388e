"""scripts/check/__main__.py and report.py: exit status, --only, --format, --help."""
import json

from tests.check.conftest import run_check


def test_help():
    import subprocess, sys
    from tests.check.conftest import REPO
    p = subprocess.run([sys.executable, "-m", "scripts.check", "--help"], cwd=REPO, capture_output=True, text=True)
    assert p.returncode == 0 and "--only" in p.stdout and "--external" in p.stdout


def test_text_format_and_summary_line(faulty_root):
    rc, out, _ = run_check(faulty_root, "--only", "links")
    assert rc == 1
    lines = out.strip().split("\n")
    assert lines[0].startswith("docs/") and ": L00" in lines[0]
    assert lines[1].strip().startswith("hint:")
    assert "error(s)" in lines[-1] and "links" in lines[-1]


def test_only_restricts_checks(faulty_root):
    rc, out, _ = run_check(faulty_root, "--only", "markup,language", "--format", "json")
    data = json.loads(out)
    assert set(data["summary"]) == {"markup", "language"}
    assert {f["check"] for f in data["findings"]} == {"markup", "language"}


def test_each_check_alone_finds_what_it_finds_in_the_full_run(faulty_root, faulty_result):
    """--only gathers only what the chosen checks read (no allowlist without markup, no
    language scan without language, ...): each check alone reports exactly its findings
    of the full run, so a skipped gathering never hides a fault."""
    by_check = {}
    for f in faulty_result["findings"]:
        if f["code"] != "C005":  # entries no page cites: judged in a whole run only (citations.py)
            by_check.setdefault(f["check"], []).append(f)
    assert {"links", "anchors", "markup", "language"} <= set(by_check)
    for check in faulty_result["summary"]:
        _rc, out, err = run_check(faulty_root, "--only", check, "--format", "json")
        alone = json.loads(out)["findings"]
        assert alone == by_check.get(check, []), (check, err[-2000:])


def test_unknown_check_and_missing_site_exit_2(tmp_path, clean_root):
    assert run_check(clean_root, "--only", "nope")[0] == 2
    (tmp_path / "docs" / "en").mkdir(parents=True)
    rc, _out, err = run_check(tmp_path)
    assert rc == 2 and "site" in err


def test_external_without_network_says_so(clean_root, monkeypatch):
    from scripts.check import external
    monkeypatch.setattr(external, "network_available", lambda hosts=(), timeout=3.0: False)
    findings, notes, listing = external.run({"https://example.org/": [("docs/en/a.md", 3)]}, clean_root)
    assert findings == [] and "NOT checked" in notes[0] and listing[0]["url"] == "https://example.org/"


def test_warnings_are_findings_unless_allowed(clean_root, tmp_path):
    import shutil
    root = tmp_path / "w"
    shutil.copytree(clean_root, root)
    bib = root / "data" / "bib" / "fixture.bib"
    bib.write_text(bib.read_text() + "\n@misc{unused2020x, organization = {X}, title = {Y}, year = {2020}, note = {No URL known}}\n")
    assert run_check(root, "--only", "citations")[0] == 0  # --only: unused entries are not judged
    assert run_check(root)[0] == 1
    assert run_check(root, "--allow-warnings")[0] == 0
