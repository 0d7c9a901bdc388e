"""The timeline figure: an SVG drawn at build time from data/timeline.yml.

Vertical, so that it stays readable on a phone; strength of evidence is shown by
shape as well as colour, so that it survives grayscale print; the same events
are also rendered as a list, the figure's text alternative.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from scripts import evidence, locale_format, yaml_loader
from scripts.ui import t

# The grades of the site's one evidence scale (data/evidence.yml), in order.
STRENGTHS = evidence.load().ids

WIDTH = 480
ROW_GAP = 14
LINE_HEIGHT = 19
FONT_SIZE = 15
YEAR_X = 8
AXIS_X = 70
LABEL_X = 88
LABEL_WIDTH = WIDTH - LABEL_X - 6


@dataclass
class Event:
    id: str
    year: int
    when: str
    strength: str
    labels: dict[str, str]
    cite: list[str]
    page: str | None
    claim: str | None = None  # the first cell of the evidence-table row on `page` this event stands for


class TimelineError(ValueError):
    pass


def load(path: Path) -> list[Event]:
    try:
        raw = yaml_loader.load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise TimelineError(f"{path}: {exc}") from exc
    scale_dir = path.parent if (path.parent / "evidence.yml").exists() else evidence.ROOT / "data"
    grades = evidence.load(scale_dir).ids
    events = []
    for item in raw:
        if item.get("strength") not in grades:
            raise TimelineError(f"{path}: event '{item.get('id')}' needs strength in {grades} (data/evidence.yml)")
        events.append(
            Event(
                id=str(item["id"]),
                year=int(item["year"]),
                when=str(item.get("when") or item["year"]),
                strength=item["strength"],
                labels=dict(item["label"]),
                cite=list(item.get("cite") or []),
                page=item.get("page"),
                claim=item.get("claim"),
            )
        )
    return sorted(events, key=lambda e: (e.year, e.when))


def _text_width(text: str) -> float:
    """Approximate rendered width in em: wide (CJK) characters take a full em."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


def wrap(text: str, max_em: float) -> list[str]:
    """Break a label into lines no wider than max_em; CJK text breaks between characters."""
    lines, current = [], ""
    units = []
    for word in text.split(" "):
        if any(unicodedata.east_asian_width(ch) in "WF" for ch in word):
            units.extend(list(word))
            units.append(" ")
        else:
            units.append(word + " ")
    for unit in units:
        if current and _text_width(current + unit.rstrip()) > max_em:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current += unit
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _marker(strength: str, x: float, y: float) -> str:
    if strength == "strong":
        return f'<circle class="kb-tl-strong" cx="{x}" cy="{y}" r="7"/>'
    if strength == "moderate":
        return f'<circle class="kb-tl-moderate" cx="{x}" cy="{y}" r="7"/>'
    if strength == "weak":
        return f'<circle class="kb-tl-weak" cx="{x}" cy="{y}" r="6"/>'
    d = f"M{x},{y - 8} L{x + 8},{y} L{x},{y + 8} L{x - 8},{y} Z"
    return f'<path class="kb-tl-disputed" d="{d}"/>'


def svg(events: list[Event], lang: str) -> str:
    title, desc = t("timeline.title", lang), t("timeline.desc", lang)
    rows, y = [], 28
    max_em = LABEL_WIDTH / FONT_SIZE
    for event in events:
        label = event.labels.get(lang) or event.labels["en"]
        lines = wrap(label, max_em)
        first = y
        rows.append(f'<text class="kb-tl-year" x="{YEAR_X}" y="{first + 5}">{escape(str(event.year))}</text>')
        rows.append(_marker(event.strength, AXIS_X, first))
        for i, line in enumerate(lines):
            rows.append(f'<text class="kb-tl-label" x="{LABEL_X}" y="{first + 5 + i * LINE_HEIGHT}">{escape(line)}</text>')
        y += max(1, len(lines)) * LINE_HEIGHT + ROW_GAP
    legend_y = y + 6
    legend = []
    for i, strength in enumerate(STRENGTHS):
        lx = 16 + i * (WIDTH // 4)
        legend.append(_marker(strength, lx, legend_y))
        legend.append(f'<text class="kb-tl-legend" x="{lx + 12}" y="{legend_y + 4}">{escape(t("evidence." + strength, lang))}</text>')
    height = legend_y + 20
    return (
        f'<svg class="kb-timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="kb-tl-title kb-tl-desc" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT_SIZE}">'
        f'<title id="kb-tl-title">{escape(title)}</title><desc id="kb-tl-desc">{escape(desc)}</desc>'
        f'<line class="kb-tl-axis" x1="{AXIS_X}" y1="12" x2="{AXIS_X}" y2="{y - ROW_GAP}"/>'
        + "".join(rows)
        + "".join(legend)
        + "</svg>"
    )


def list_markdown(events: list[Event], lang: str, page_depth: int) -> str:
    """The text alternative: the same events as a list, each with its evidence and citations."""
    up = "../" * page_depth
    items = []
    for event in events:
        label = escape(event.labels.get(lang) or event.labels["en"], quote=False)  # data, never markup
        cites = "[" + "; ".join(f"@{k}" for k in event.cite) + "]" if event.cite else ""
        when = locale_format.when(event.when, lang)
        colon, open_, close = (locale_format.punct(lang, k) for k in ("colon", "open", "close"))
        evidence = f"{open_}{t('evidence.' + event.strength, lang)}{close}"
        text = f"**{when}**{colon}{label}{evidence}{cites}"
        if event.page:
            text = f"**{when}**{colon}[{label}]({up}{event.page}){evidence}{cites}"
        items.append(f"- {text}")
    return "\n".join(items) + "\n"


def figure_markdown(events: list[Event], lang: str, page_depth: int) -> str:
    return (
        f'<figure class="kb-timeline-figure">{svg(events, lang)}'
        f"<figcaption>{escape(t('timeline.desc', lang))}</figcaption></figure>\n\n"
        + list_markdown(events, lang, page_depth)
    )
