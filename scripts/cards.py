"""Draw the link-preview card of each language and the app icons, as PNG files in
overrides/assets/images/ (committed; the build copies them).

    .venv/bin/python -m scripts.cards

Rendered by Debian's Chromium (/usr/bin/chromium, through Playwright) from local
fonts only: DejaVu for Latin and Greek, Noto Sans CJK TC for Chinese
(apt-get install fonts-noto-cjk). Run it again after changing a site name or
data/ui.yml's card.* strings; nothing is fetched.
"""

from __future__ import annotations

import html
import sys

from scripts import ui
from scripts.languages import ROOT, i18n_config, languages, load_mkdocs_config
from scripts.link_preview import CARD, CARD_SIZE
from scripts.offline import ICONS, THEME_COLOR

CHROMIUM = "/usr/bin/chromium"
OUT = ROOT / "overrides"
FONTS = '"DejaVu Sans", "Noto Sans CJK TC", sans-serif'

# A speech bubble with a tick: "answered". Drawn on a 100 x 100 grid.
MARK = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="{size}" height="{size}">'
        '<path fill="#fff" d="M18 22h64a8 8 0 0 1 8 8v36a8 8 0 0 1-8 8H46L30 88V74H18a8 8 0 0 1-8-8V30a8 8 0 0 1 8-8z"/>'
        '<path fill="none" stroke="{colour}" stroke-width="8" stroke-linecap="round" stroke-linejoin="round" '
        'd="M33 48l11 11 23-22"/></svg>')


def icon_html(size: int, maskable: bool) -> str:
    # A maskable icon keeps its mark inside the central 80% safe zone, on a full bleed.
    mark = int(size * (0.56 if maskable else 0.7))
    radius = 0 if maskable else int(size * 0.18)
    return (f'<body style="margin:0"><div style="width:{size}px;height:{size}px;background:{THEME_COLOR};'
            f'border-radius:{radius}px;display:flex;align-items:center;justify-content:center">'
            f'{MARK.format(size=mark, colour=THEME_COLOR)}</div></body>')


def card_html(site_name: str, tagline: str, lang: str) -> str:
    w, h = CARD_SIZE
    return (f'<html lang="{lang}"><body style="margin:0"><div style="width:{w}px;height:{h}px;box-sizing:border-box;'
            f'padding:72px 80px;background:{THEME_COLOR};color:#fff;font-family:{FONTS};display:flex;'
            f'flex-direction:column;justify-content:space-between">'
            f'{MARK.format(size=120, colour=THEME_COLOR)}'
            f'<div><div style="font-size:68px;font-weight:bold;line-height:1.15">{html.escape(site_name)}</div>'
            f'<div style="font-size:38px;margin-top:28px;opacity:.92;line-height:1.3">{html.escape(tagline)}</div></div>'
            f'</div></body></html>')


def main() -> int:
    from playwright.sync_api import sync_playwright

    names = {entry["locale"]: entry.get("site_name") for entry in i18n_config(load_mkdocs_config())["languages"]}
    default_name = load_mkdocs_config()["site_name"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": CARD_SIZE[0], "height": CARD_SIZE[1]})
        for lang in languages():
            page.set_content(card_html(names.get(lang.code) or default_name, ui.t("card.tagline", lang.code), lang.ui))
            target = OUT / CARD.format(code=lang.code)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": CARD_SIZE[0], "height": CARD_SIZE[1]})
            print(target.relative_to(ROOT))
        for src, sizes, purpose in ICONS:
            size = int(sizes.split("x")[0])
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(icon_html(size, purpose == "maskable"))
            target = OUT / src
            page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": size, "height": size},
                            omit_background=purpose != "maskable")
            print(target.relative_to(ROOT))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
