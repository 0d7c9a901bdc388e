"""The writer's install trims jieba and Babel of data the build never reads
(scripts/slim_install.py): the site built with the trimmed packages must be the same,
byte for byte, and a language added later must get its data back."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts import slim_install
from tests.conftest import REPO
from tests.repo_copy import make_copy, run
from tests.test_contributor_workflow import NEW, NEW_NAME

INSTALLED = Path(importlib.util.find_spec("babel").origin).parent.parent  # the test set: nothing trimmed


def digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_the_site_built_with_the_trimmed_packages_is_byte_identical(tmp_path):
    """Trimmed copies of babel and jieba come first on the path of one build; both builds
    start with no cache (.cache, jieba's temporary files), so each segments the Chinese
    pages with jieba and formats every language's dates with Babel."""
    assert not slim_install.MARKER.exists(), "this environment is trimmed itself: `make setup` restores it"
    trimmed = tmp_path / "trimmed-packages"
    for name in slim_install.TRIMMED:
        shutil.copytree(INSTALLED / name, trimmed / name, ignore=shutil.ignore_patterns("__pycache__"))
    removed, freed = slim_install.trim(trimmed, slim_install.site_languages(REPO))
    assert {p.name for p in removed} >= set(slim_install.JIEBA_UNUSED)
    assert len([p for p in removed if p.suffix == ".dat"]) > 900 and freed > 50e6, (len(removed), freed)

    copy = make_copy(tmp_path / "repo")
    sites = {}
    for label, path in (("trimmed", [trimmed, copy]), ("whole", [copy])):
        shutil.rmtree(copy / ".cache", ignore_errors=True)
        (tmp_path / f"tmp-{label}").mkdir()
        env = {**os.environ, "SITE_LANG": "", "PYTHONPATH": os.pathsep.join(map(str, path)),
               "TMPDIR": str(tmp_path / f"tmp-{label}")}
        where = subprocess.run([sys.executable, "-c", "import babel, jieba; print(babel.__file__, jieba.__file__)"],
                               env=env, capture_output=True, text=True, check=True).stdout.split()
        assert all(Path(f).is_relative_to(trimmed) == (label == "trimmed") for f in where), where
        sites[label] = tmp_path / f"site-{label}"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(sites[label])],
                                cwd=copy, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{label}: {result.stderr[-3000:]}"
        assert list((copy / ".cache" / "jieba").glob("segments-*.json")), f"{label}: jieba segmented nothing"
    trimmed_site, whole_site = digests(sites["trimmed"]), digests(sites["whole"])
    assert len(whole_site) > 100
    differ = sorted(k for k in trimmed_site.keys() | whole_site.keys() if trimmed_site.get(k) != whole_site.get(k))
    assert not differ, f"the trimmed install builds another site: {differ[:10]}"


def test_a_new_language_reinstalls_and_keeps_its_locales(tmp_path):
    """`make new-language` changes the build set's install stamp, so the next `make serve`
    reinstalls Babel whole and trims it for the new language list."""
    copy = make_copy(tmp_path / "repo")

    def build_stamp():
        return subprocess.run(["make", "-s", "--no-print-directory", "--eval", "print-stamp: ; @echo $(BUILD_STAMP)",
                               "print-stamp"], cwd=copy, capture_output=True, text=True, check=True).stdout.strip()

    before = build_stamp()
    assert before.startswith(".venv/.build-")
    run(copy, "-m", "scripts.cli", "new-language", NEW, NEW_NAME)
    assert build_stamp() != before
    langs = slim_install.site_languages(copy)
    assert langs == slim_install.site_languages(REPO) | {NEW}
    kept = slim_install.kept_locales(INSTALLED / "babel" / "locale-data", langs)
    assert NEW in kept and NEW not in slim_install.kept_locales(INSTALLED / "babel" / "locale-data",
                                                              slim_install.site_languages(REPO))


def test_a_kept_locale_keeps_what_it_inherits_from():
    locale_dir = INSTALLED / "babel" / "locale-data"
    assert {"zh", "zh_Hant", "zh_Hant_TW", "root"} <= slim_install.kept_locales(locale_dir, {"zh"})
    norwegian = slim_install.kept_locales(locale_dir, {"nb"})
    assert "no" in norwegian and "de" not in norwegian  # Babel merges nb with no (CLDR's parent)
    assert slim_install.site_languages(REPO) >= {"en", "it", "el", "zh"}


def test_restoring_reinstalls_exactly_the_trimmed_packages_with_their_hashes():
    requirements = slim_install.pins(REPO / "requirements" / "build.lock")
    names = [line.split("==")[0] for line in requirements.splitlines() if "==" in line]
    assert names == ["babel", "jieba"]
    assert requirements.count("--hash=sha256:") >= 2
