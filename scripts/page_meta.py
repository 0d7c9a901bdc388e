"""Per-page facts the templates show: translation state, citation, last-updated date."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from scripts import locale_format


def last_updated(root: Path) -> dict[str, str]:
    """Date of the last commit touching each file under docs/ (one git call for all)."""
    try:
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--format=#%cs", "--name-only", "--", "docs"],
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates, current = {}, None
    for line in log.splitlines():
        if line.startswith("#"):
            current = line[1:]
        elif line and current:
            dates.setdefault(line, current)
    return dates


def bibtex_safe(text: str) -> str:
    """Titles go into BibTeX braces: escape the characters BibTeX treats specially."""
    return text.replace("\\", "").replace("{", "(").replace("}", ")").replace("%", "\\%").replace("&", "\\&")


def citation(title: str, site_name: str, url: str, updated: str | None, lang: str, t) -> dict[str, str]:
    """The page's citation as plain text and as BibTeX, in the page's language."""
    day = updated or date.today().isoformat()
    author = t("cite.author", lang)

    # The plain citation in the language's punctuation, quotation marks and date format
    # (data/style.yml, Babel); BibTeX keeps the ISO date below.
    period, comma = locale_format.punct(lang, "period"), locale_format.punct(lang, "comma")
    # a title that ends a sentence itself ("…always right?") takes no second period
    after_title = " " if title.rstrip().endswith(("?", "!", "？", "！", "。")) and period.strip() == "." else \
        ("" if title.rstrip().endswith(("？", "！", "。")) else period)
    plain = (f"{author}{period}{locale_format.quote(title, lang)}{after_title}{site_name}{comma}"
             f"{t('cite.updated', lang)} {locale_format.day(day, lang)}{period}{t('cite.retrieved', lang)} {url}")
    path = url.split("://", 1)[-1].split("/", 1)[-1].strip("/")
    if path == lang or path.startswith(lang + "/"):  # the key names the language once
        path = path[len(lang):].strip("/")
    slug = "".join(ch if ch.isalnum() else "-" for ch in path) or "home"
    key = f"kb-{lang}-{slug}".strip("-").lower()
    bibtex = (
        f"@misc{{{key},\n"
        f"  author       = {{{{{author}}}}},\n"
        f"  title        = {{{bibtex_safe(title)}}},\n"
        f"  howpublished = {{{site_name}}},\n"
        f"  year         = {{{day[:4]}}},\n"
        f"  date         = {{{day}}},\n"
        f"  url          = {{{url}}},\n"
        f"  language     = {{{lang}}}\n"
        f"}}"
    )
    return {"plain": plain, "bibtex": bibtex}
