"""scripts/check/translations.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_translations_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "T", "F") == expected(faulty_root, "T", "F")


def test_translations_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "T", "F") == []
