"""scripts/check/language.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_language_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "G") == expected(faulty_root, "G")


def test_language_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "G") == []
