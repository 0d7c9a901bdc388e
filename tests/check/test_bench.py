"""The benchmarks' own machinery, at a small size, so that `make bench` cannot silently break
(the timed runs themselves are `make bench`; no timing is asserted here)."""
import importlib.util
import os
import subprocess
import sys

from tests.check.conftest import REPO


def load(name):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_builds_and_checks(tmp_path):
    """What `make bench` does with the scaled site, with 12 synthetic pages per language: generate,
    build with the corpus's own mkdocs.yml (a fresh clone once failed here on `watch:` paths), check."""
    bench = load("check_vs_lychee")
    bench.generate(tmp_path, 12)
    for lang in ("en", "it", "el", "zh"):
        assert (tmp_path / "docs" / lang / "synthetic" / "sec00" / "page005.md").exists()
    assert "synthetic/sec00/page005.md" in (tmp_path / "data" / "anchors.yml").read_text()
    assert "Synthetic" in (tmp_path / "mkdocs.yml").read_text()
    env = {**os.environ, "PYTHONPATH": str(REPO), "SITE_LANG": "", "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-3000:]
    assert (tmp_path / "site" / "zh" / "synthetic" / "sec00" / "page005" / "index.html").exists()
    check = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(tmp_path), "--no-hints"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert check.returncode in (0, 1), check.stderr[-3000:]  # it ran (findings or none), not crashed


def test_plain_material_config_of_the_build_benchmark(tmp_path):
    """bench/build_speed.py's baseline: the same pages and languages, none of our plugins."""
    import yaml

    config = yaml.safe_load(load("build_speed").plain_config(tmp_path).read_text(encoding="utf-8"))
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["search", "i18n"]
    assert config["theme"] == {"name": "material"}
    from scripts.languages import codes

    assert [lang["locale"] for lang in config["plugins"][1]["i18n"]["languages"]] == codes(REPO)
