"""A contributor's mistake stops the build at once with file:line, a code and a hint,
and no Python traceback: all of them in one run (scripts/source_errors.py)."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.repo_copy import REPO, make_copy, run


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A copy of the repository with one mistake of each kind; built once."""
    copy = make_copy(tmp_path_factory.mktemp("broken") / "kb")
    faults = {}

    def edit(rel, old, new):
        path = copy / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
        return text[: text.index(new)].count("\n") + 1

    # a typo in a citation key
    faults["cite"] = edit("docs/it/index.md", "[@otoole2015customer; @mcbain1944customers]",
                          "[@otoole2015custmer; @mcbain1944customers]")
    # a typo in a citation key of the glossary data
    faults["data_cite"] = edit("data/glossary/en.yml", "  - herald1905field", "  - herald1905feld")
    # a link to a page that was renamed
    faults["link"] = edit("docs/el/history/myths.md", "[απαρχές](origins.md)", "[απαρχές](origin.md)")
    # a BibTeX entry without its closing brace, and a key defined twice
    bib = copy / "data" / "bib" / "training.bib"
    start = len(bib.read_text(encoding="utf-8").splitlines()) + 2
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{broken2020entry,\n  title = {Unclosed,\n  year = 2020\n",
                   encoding="utf-8")
    faults["bib"] = start
    dup = copy / "data" / "bib" / "variants.bib"
    faults["dup"] = len(dup.read_text(encoding="utf-8").splitlines()) + 2
    dup.write_text(dup.read_text(encoding="utf-8") + "\n@misc{otoole2015customer,\n  title = {Again},\n"
                   "  organization = {X},\n  year = {2015},\n  url = {https://example.org/}\n}\n", encoding="utf-8")
    # front matter that is not YAML
    faults["front"] = edit("docs/zh/status.md", "title: 翻譯狀態", "title: 翻譯狀態: 壞掉")
    # data YAML that is not YAML
    faults["data"] = edit("data/timeline.yml", '  when: "1603"', '  when: "1603" and later')
    result = run(copy, "-m", "mkdocs", "build", "--strict", "--clean", check=False)
    return copy, faults, result


def test_the_build_stops(broken):
    _, _, result = broken
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "KeyError" not in result.stderr, result.stderr[-3000:]


def test_unknown_citation_key_names_file_line_and_the_nearest_key(broken):
    _, faults, result = broken
    assert (f"docs/it/index.md:{faults['cite']}: C001: unknown citation key 'otoole2015custmer': "
            "did you mean 'otoole2015customer'?") in result.stderr
    assert "hint: cite a key that exists in data/bib" in result.stderr


def test_unknown_citation_key_in_data_names_file_and_line(broken):
    _, faults, result = broken
    assert (f"data/glossary/en.yml:{faults['data_cite']}: C001: unknown citation key 'herald1905feld': "
            "did you mean 'herald1905field'?") in result.stderr


def test_link_to_a_renamed_page_names_the_line_and_the_closest_page(broken):
    _, faults, result = broken
    assert (f"docs/el/history/myths.md:{faults['link']}: L001: link to 'origin.md': no page el/history/origin.md; "
            "closest existing page: origins.md") in result.stderr


def test_malformed_and_duplicate_bibtex_name_file_line_and_key(broken):
    _, faults, result = broken
    assert re.search(r"data/bib/training\.bib:\d+: C002: ", result.stderr), result.stderr[-3000:]
    assert f"data/bib/variants.bib:{faults['dup']}: C003: duplicate key 'otoole2015customer'" in result.stderr


def test_broken_front_matter_names_its_line(broken):
    _, faults, result = broken
    assert f"docs/zh/status.md:{faults['front']}: F001: front matter is not valid YAML" in result.stderr


def test_broken_data_yaml_names_its_line(broken):
    _, faults, result = broken
    assert re.search(rf"data/timeline\.yml:{faults['data']}: D001: not valid YAML", result.stderr), \
        result.stderr[-3000:]


def test_make_check_runs_the_checker_over_the_sources_when_the_build_fails(broken):
    copy, faults, _ = broken
    env = {**os.environ, "SITE_LANG": "", "PYTHONPATH": str(copy)}
    result = subprocess.run(["make", "--no-print-directory", "check", f"VENV={REPO / '.venv'}"], cwd=copy,
                            env=env, capture_output=True, text=True)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "checking the sources without a built site" in out, out[-3000:]
    # the checker's own finding, after the build's
    assert re.search(rf"docs/it/index\.md:{faults['cite']}: C001", result.stdout), out[-3000:]
