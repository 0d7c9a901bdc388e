"""scripts/check/citations.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_citations_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "C") == expected(faulty_root, "C")


def test_citations_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "C") == []
