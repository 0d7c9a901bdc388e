"""bench/check_vs_lychee.py: the corpus generator (the timed run itself is `make bench`)."""
import importlib.util

from tests.check.conftest import REPO


def test_generate_small_corpus(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_cvl", REPO / "bench" / "check_vs_lychee.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.generate(tmp_path, 12)
    for lang in ("en", "it", "el", "zh"):
        assert (tmp_path / "docs" / lang / "synthetic" / "sec00" / "page005.md").exists()
    assert "synthetic/sec00/page005.md" in (tmp_path / "data" / "anchors.yml").read_text()
    assert "Synthetic" in (tmp_path / "mkdocs.yml").read_text()
