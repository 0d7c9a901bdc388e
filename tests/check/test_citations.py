"""scripts/check/citations.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_citations_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "C") == expected(faulty_root, "C")


def test_citations_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "C") == []


def test_glossary_and_timeline_citations_count_as_used(tmp_path):
    """Keys cited only by the shared data files are used (and checked) too."""
    from scripts.check.citations import data_citations

    (tmp_path / "data" / "glossary").mkdir(parents=True)
    (tmp_path / "data" / "glossary" / "en.yml").write_text(
        "clv:\n  term: CLV\n  definition: Worth.\n  cite:\n    - reichheld2003number\n", encoding="utf-8")
    (tmp_path / "data" / "timeline.yml").write_text(
        "- id: a\n  year: 1905\n  strength: strong\n  cite: [otoole2015customer]\n  label: {en: A}\n", encoding="utf-8")
    assert data_citations(tmp_path) == [
        ("data/glossary/en.yml", 5, "reichheld2003number"),
        ("data/timeline.yml", 4, "otoole2015customer"),
    ]
