"""scripts/check/markup.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_markup_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "M") == expected(faulty_root, "M")


def test_markup_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "M") == []
