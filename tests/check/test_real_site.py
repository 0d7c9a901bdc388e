"""`make test`: the checker over the real docs/ and the built site/ gives no error.

The Makefile's test target builds the site first; without a built site this
test is skipped (run `make test`, or `mkdocs build` then pytest).
"""
import json

import pytest

from tests.check.conftest import REPO, run_check


@pytest.mark.skipif(not (REPO / "site" / "index.html").exists(), reason="site/ not built: run make test")
def test_real_site_has_no_error():
    rc, out, err = run_check(REPO, "--format", "json")
    assert rc in (0, 1), err
    errors = [f"{f['path']}:{f['line']}: {f['code']}: {f['message']}"
              for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert not errors, "\n".join(errors[:50])
