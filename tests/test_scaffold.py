"""`make new-language` scaffolds a language counted as missing page by page; the build
of a scaffolded language (fallback pages, notice, search, footer) is tested in
tests/test_contributor_workflow.py, on a repository with history."""

from __future__ import annotations

import json

import pytest

from tests.repo_copy import make_copy, run
from tests.test_contributor_workflow import NEW, NEW_NAME


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    copy = make_copy(tmp_path_factory.mktemp("repo") / "kb")
    result = run(copy, "-m", "scripts.cli", "new-language", NEW, NEW_NAME)
    assert f"added {NEW} ({NEW_NAME}) to mkdocs.yml, marked partial" in result.stdout
    return copy


def test_scaffolded_language_is_tracked_as_missing(scaffolded):
    data = json.loads(run(scaffolded, "-m", "scripts.cli", "status", "--format", "json").stdout)
    assert data["summary"][NEW]["missing"] == data["summary"]["it"]["current"] + data["summary"]["it"]["outdated"]
    assert (scaffolded / "data" / "glossary" / f"{NEW}.yml").exists()


def test_bad_language_code_is_refused(scaffolded):
    result = run(scaffolded, "-m", "scripts.cli", "new-language", "portuguese", "X", check=False)
    assert result.returncode == 2 and "ISO 639-1" in result.stderr
    result = run(scaffolded, "-m", "scripts.cli", "new-language", "it", "Italiano", check=False)
    assert result.returncode == 2 and "already configured" in result.stderr
