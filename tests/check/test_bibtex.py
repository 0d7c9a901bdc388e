"""scripts/check/bibtex.py: the field rules of data/bib/*.bib, on small fixture files.

Each bad fixture must give exactly the expected finding at the line of the
offending field, naming the entry's key; the real bibliography gives none."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.check.bibtex import field_problems
from scripts.check.citations import load_bib

REPO = Path(__file__).resolve().parents[2]

GOOD = """@online{good2015page,
  author   = {Writer, A.},
  title    = {A page},
  date     = {2015-10-06},
  year     = {2015},
  url      = {https://example.org/page},
  urldate  = {2026-11-30},
}
"""

BAD = [
    # (entry text, substring of the offending line, substring of the message)
    ("@online{nd2020page,\n  author = {A, B},\n  title = {T},\n  year = {n.d.},\n  url = {https://example.org}\n}\n",
     "year = {n.d.}", "4-digit year"),
    ("@online{web2020page,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n  urldate = {2026-01-02},\n  note = {No URL known}\n}\n",
     "urldate = {2026-01-02}", "urldate but no url"),
    ("@online{when2020page,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n  url = {https://example.org},\n  urldate = {last week}\n}\n",
     "urldate = {last week}", "urldate"),
    ("@article{date2020item,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  date = {1905-9-3},\n  year = {1905}\n}\n",
     "date = {1905-9-3}", "date"),
    ("@article{clash2020item,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  date = {1906-01},\n  year = {1905}\n}\n",
     "year = {1905}", "does not match"),
    ("@online{seen2026page,\n  author = {A, B},\n  title = {T},\n  year = {2026},\n  url = {https://example.org},\n  note = {Encyclopedia article, consulted 2026}\n}\n",
     "year = {2026}", "urldate"),
    ("@article{doi2020item,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {2020},\n  doi = {https://doi.org/10.1000/x}\n}\n",
     "doi = {https://doi.org/10.1000/x}", "DOI"),
    ("@online{link2020page,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n  url = {www.example.org}\n}\n",
     "url = {www.example.org}", "http"),
    ("@online{future2020page,\n  author = {A, B},\n  title = {T},\n  year = {2999},\n  url = {https://example.org}\n}\n",
     "year = {2999}", "future"),
]


def _run(tmp_path, text):
    bib = tmp_path / "bib"
    bib.mkdir()
    (bib / "x.bib").write_text(text, encoding="utf-8")
    _entries, findings = load_bib(bib, tmp_path)
    return [f for f in findings if f.code in ("C004", "C008")], text.splitlines()


def test_good_entry_has_no_problem(tmp_path):
    findings, _ = _run(tmp_path, GOOD)
    assert findings == []


@pytest.mark.parametrize("text,line_part,message_part", BAD, ids=[b[1] for b in BAD])
def test_each_rule_reports_file_line_and_key(tmp_path, text, line_part, message_part):
    findings, lines = _run(tmp_path, text)
    assert len(findings) == 1, findings
    finding = findings[0]
    key = text.split("{", 1)[1].split(",", 1)[0]
    assert finding.code == "C008" and finding.path == "bib/x.bib"
    assert line_part in lines[finding.line - 1], (finding, lines)
    assert key in finding.message and message_part.lower() in finding.message.lower(), finding.message


def test_missing_year_needs_a_note_saying_why(tmp_path):
    base = "@online{undated2020page,\n  author = {A, B},\n  title = {T},\n  url = {https://example.org},\n  urldate = {2026}%s\n}\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    findings, _ = _run(tmp_path / "a", base % "")
    assert [f.code for f in findings] == ["C004"] and "year/date" in findings[0].message
    findings, _ = _run(tmp_path / "b", base % ",\n  note = {Undated page, so the entry has no year}")
    assert findings == []


def test_the_real_bibliography_follows_the_rules():
    _entries, findings = load_bib(REPO / "data" / "bib", REPO)
    assert [f for f in findings if f.code in ("C004", "C008")] == []


def test_field_problems_is_usable_on_its_own():
    from pybtex.database import parse_string

    entry = parse_string("@misc{a, title={T}, year={n.d.}}", "bibtex").entries["a"]
    assert [field for field, _msg in field_problems(entry)] == ["year"]
