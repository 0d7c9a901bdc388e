"""Dates and numbers in a language's conventions, with Babel (CLDR data), never by hand.

The locale and the date patterns of each language are in data/style.yml (the style sheet's
data); a language without an entry there gets Babel's own defaults for its code.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from scripts import yaml_loader
from scripts.languages import ROOT

PARTIAL = re.compile(r"^(?P<y>-?\d{1,4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


@lru_cache(maxsize=None)
def style(lang: str, data_dir: Path = ROOT / "data") -> dict:
    path = data_dir / "style.yml"
    data = yaml_loader.load(path.read_text(encoding="utf-8")) if path.exists() else {}
    entry = dict((data or {}).get(lang) or {})
    entry.setdefault("locale", lang)
    entry.setdefault("date", "long")
    entry.setdefault("month", "MMMM y")
    return entry


PUNCTUATION = {"colon": ": ", "comma": ", ", "period": ". ", "open": " (", "close": ")"}


def punct(lang: str, name: str) -> str:
    """A separator the build writes between generated parts: ": " in English, "：" in Chinese."""
    return (style(lang).get("punctuation") or {}).get(name, PUNCTUATION[name])


def quote(text: str, lang: str) -> str:
    """Text in the language's primary quotation marks (data/style.yml)."""
    marks = (style(lang).get("quotes") or {}).get("primary") or ["“", "”"]
    return f"{marks[0]}{text}{marks[1]}"


def day(value: str | date, lang: str) -> str:
    """A full date: 2026-03-01 -> "1 marzo 2026", "1 Μαρτίου 2026", "2026年3月1日"."""
    d = value if isinstance(value, date) else date.fromisoformat(str(value))
    s = style(lang)
    from babel.dates import format_date  # here: Babel takes 0.1 s to import, and the checker reads data without it
    return format_date(d, format=s["date"], locale=s["locale"])


def when(value: str, lang: str) -> str:
    """A date known to the year, month or day (1603, 1905-09, 1905-04-27), in `lang`.
    Anything else (1972–73, "c. 1900") is returned as written."""
    m = PARTIAL.match(str(value).strip())
    if not m:
        return str(value)
    if m.group("d"):
        return day(str(value).strip(), lang)
    if m.group("m"):
        s = style(lang)
        from babel.dates import format_date
        return format_date(date(int(m.group("y")), int(m.group("m")), 1), format=s["month"], locale=s["locale"])
    return m.group("y")


def number(value: float | int, lang: str) -> str:
    """500000 -> "500.000" (it, el), "500,000" (en, zh)."""
    from babel.numbers import format_decimal
    return format_decimal(value, locale=style(lang)["locale"])
