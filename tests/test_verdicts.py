"""Clean verdicts (scripts/verdicts.py): what was judged clean is found again only for
the same input judged by the same code; anything else is judged anew."""

from __future__ import annotations

import os

from scripts import verdicts


def test_a_recorded_verdict_holds_for_that_input_only(tmp_path):
    judged = verdicts.Verdicts(tmp_path, "allowlist")
    assert not judged.clean(b"<p>hello</p>")
    judged.record(b"<p>hello</p>")
    assert judged.clean(b"<p>hello</p>")
    assert not judged.clean(b"<p>hello</p><script>alert(1)</script>")
    assert not verdicts.Verdicts(tmp_path, "sources").clean(b"<p>hello</p>")  # one folder per judge


def test_changed_judging_code_forgets_every_verdict(tmp_path, monkeypatch):
    judged = verdicts.Verdicts(tmp_path, "allowlist")
    judged.record(b"<p>x</p>")
    monkeypatch.setattr(verdicts, "_judges", lambda: b"another version of scripts/")
    assert not judged.clean(b"<p>x</p>")


def test_the_judges_include_every_module_of_scripts():
    names = {p.name for p in verdicts.SCRIPTS.rglob("*.py")}
    assert {"allowlist.py", "inputs.py", "source_errors.py", "verdicts.py"} <= names


def test_the_sources_fingerprint_sees_edits_new_files_and_links(tmp_path):
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    page = tmp_path / "docs" / "en" / "index.md"
    page.write_text("# Home\n", encoding="utf-8")

    def fingerprint(extra="['en']"):
        return verdicts.sources_fingerprint(tmp_path, ["data", "docs"], extra)

    seen = {fingerprint()}
    assert fingerprint() in seen                      # stable
    assert fingerprint("['en', 'it']") not in seen    # other languages judged
    page.write_text("# Home!\n", encoding="utf-8")
    seen.add(fingerprint())
    assert len(seen) == 2
    (tmp_path / "data" / "ui.yml").write_text("a: b\n", encoding="utf-8")
    seen.add(fingerprint())
    assert len(seen) == 3
    secret = tmp_path / "secret.md"
    secret.write_text("# Home!\n", encoding="utf-8")  # the same bytes, now through a link
    page.unlink()
    os.symlink(secret, page)
    seen.add(fingerprint())
    assert len(seen) == 4
