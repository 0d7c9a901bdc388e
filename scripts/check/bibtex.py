"""Field rules for data/bib/*.bib, beyond "the entry has the fields it needs".

A web page's access date goes in `urldate`, its publication date (if it has one)
in `year`/`date`; `year` is a four-digit year, never "n.d." (an undated work has
no year and says why in `note`); dates are ISO 8601 (YYYY, YYYY-MM or
YYYY-MM-DD); a `urldate` without a `url` dates nothing; DOIs are bare
("10.xxxx/..."), URLs absolute. Each problem is (field, message); citations.py
reports them as C008 at the field's line, naming the entry's key.
"""
from __future__ import annotations

import datetime
import re

YEAR = re.compile(r"\d{4}")
ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
DATE_RANGE = re.compile(rf"{ISO_DATE.pattern}(/({ISO_DATE.pattern})?)?")
DOI = re.compile(r"10\.\d{4,9}/\S+")
URL = re.compile(r"https?://\S+")
# A note that mentions consulting or accessing the work in a given year is an
# access date: it belongs in urldate, not in year.
CONSULTED = re.compile(r"\b(consulted|accessed|visited)\b[^.;]*\b\d{4}\b|\byear (is|=) the year consulted\b", re.I)
# What a note must say when an entry has neither year nor date.
UNDATED = re.compile(r"\b(undated|date unknown|not dated|no date|has no year)\b", re.I)


def _this_year() -> int:
    return datetime.date.today().year


def field_problems(entry) -> list[tuple[str, str]]:
    f = {k.lower(): str(v).strip() for k, v in entry.fields.items()}
    out: list[tuple[str, str]] = []
    year = f.get("year")
    if year is not None:
        if not YEAR.fullmatch(year):
            out.append(("year", f"year '{year}' is not a 4-digit year: give the publication year, "
                                "or leave year out and say in note why the work is undated"))
        elif int(year) > _this_year():
            out.append(("year", f"year {year} is in the future"))
    date = f.get("date")
    if date is not None:
        if not DATE_RANGE.fullmatch(date):
            out.append(("date", f"date '{date}' is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)"))
        elif year and YEAR.fullmatch(year) and not date.startswith(year):
            out.append(("year", f"year {year} does not match date {date}"))
    urldate = f.get("urldate")
    if urldate is not None:
        if not ISO_DATE.fullmatch(urldate):
            out.append(("urldate", f"urldate '{urldate}' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"))
        elif int(urldate[:4]) > _this_year():
            out.append(("urldate", f"urldate {urldate} is in the future"))
        if not f.get("url"):
            out.append(("urldate", "has a urldate but no url: an access date needs the address that was accessed"))
    elif year and CONSULTED.search(f.get("note", "")):
        out.append(("year", "the note gives the year the page was consulted: put that in urldate, "
                            "and keep year for the publication year (or leave it out for an undated page)"))
    doi = f.get("doi")
    if doi is not None and not DOI.fullmatch(doi):
        out.append(("doi", f"DOI '{doi}' is not a bare DOI: write it as 10.xxxx/..., without https://doi.org/"))
    url = f.get("url")
    if url is not None and not URL.fullmatch(url):
        out.append(("url", f"url '{url}' is not an absolute http(s) address"))
    return out


def undated_explained(entry) -> bool:
    """An entry without year or date is fine if its note says it is undated."""
    return bool(UNDATED.search(str(entry.fields.get("note", ""))))


def field_line(lines: list[str], start: int, field: str) -> int:
    """Line (1-based) of `field = ...` in the entry starting at line `start`; the entry's line if absent."""
    pattern = re.compile(rf"\s*{re.escape(field)}\s*=", re.I)
    for number in range(start, len(lines) + 1):
        text = lines[number - 1]
        if number > start and re.match(r"\s*@\s*\w+\s*[{(]", text):
            break
        if pattern.match(text):
            return number
    return start
