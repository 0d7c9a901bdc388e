"""scripts/check/anchors.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_anchors_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "A") == expected(faulty_root, "A")


def test_anchors_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "A") == []
