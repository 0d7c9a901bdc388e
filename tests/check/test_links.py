"""scripts/check/links.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_links_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "L") == expected(faulty_root, "L")


def test_links_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "L") == []
