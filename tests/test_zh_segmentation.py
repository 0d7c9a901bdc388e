"""scripts/zh_segmentation.py: jieba's dictionary in Traditional characters, with the glossary's terms."""

from scripts import zh_segmentation


def test_a_changed_glossary_term_gets_its_own_dictionary(tmp_path):
    """The cached dictionary is named after the terms, not their count: renaming one
    term (same count) must not reuse the dictionary built for the old term."""
    before = zh_segmentation.traditional_dictionary(tmp_path, ["顧客", "應對手冊"])
    after = zh_segmentation.traditional_dictionary(tmp_path, ["顧客", "呈報層級"])
    assert before != after
    words = {line.split(" ")[0] for line in after.read_text(encoding="utf-8").splitlines()}
    assert "呈報層級" in words and "應對手冊" not in words
    assert zh_segmentation.traditional_dictionary(tmp_path, ["呈報層級", "顧客"]) == after  # order does not matter
