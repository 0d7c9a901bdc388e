"""The whole fixture: every fault reported once with file, line and code; the clean site gives nothing."""
import json

from tests.check.conftest import expected_findings, found, run_check


def test_clean_site_has_no_finding(clean_result):
    rc, result, err = clean_result
    assert result["findings"] == [], result["findings"]
    assert rc == 0, err


def test_faulty_site_reports_each_fault_once(faulty_root, faulty_result):
    got = found(faulty_result, "")
    want = expected_findings(faulty_root)
    assert len(got) == len(set(got)), "a fault was reported twice"
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    assert not missing and not extra, f"missing {missing}\nextra {extra}"


def test_every_finding_has_hint_check_and_severity(faulty_result):
    for f in faulty_result["findings"]:
        assert f["hint"] and f["check"] and f["severity"] in ("error", "warning")


def test_worker_processes_find_the_same(faulty_root, faulty_result):
    # The fixture is checked in one process; --jobs 2 takes the path of a large site:
    # pages parsed by workers (and by the main process, whatever they have not started),
    # source checks while they parse, terms and inputs in a forked process.
    rc, out, err = run_check(faulty_root, "--format", "json", "--jobs", "2", "--timings")
    assert rc == 1, err
    assert "(forked, waited)" in err, err
    assert json.loads(out)["findings"] == faulty_result["findings"]
