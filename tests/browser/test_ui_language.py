"""In headless Chromium on a phone: the interface around a translated page speaks the page's
language. What a reader (or a screen reader) meets: the skip link, the dark/light toggle,
"back to top", a heading's copy-link button, a footnote's back-link, the footer credit, and in the
Chinese pages Taiwan usage rather than Mainland forms."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import LANGS, REPO, page_url

UI = yaml.safe_load((REPO / "data" / "ui.yml").read_text(encoding="utf-8"))
MAINLAND = [w["form"] for w in yaml.safe_load(
    (REPO / "data" / "glossary" / "terms" / "zh-mainland.yml").read_text(encoding="utf-8"))]
ENGLISH = {"Skip to content", "Back to top", "Dark mode", "Light mode", "Link to this section",
           "Made with", "Navigation", "Table of contents"}

READ_UI = """() => {
  const out = [];
  const push = (what, value) => { if (value && value.trim()) out.push([what, value.trim()]); };
  push("skip link", document.querySelector(".md-skip")?.textContent);
  push("back to top", document.querySelector(".md-top")?.textContent);
  document.querySelectorAll("[data-md-component=palette] label[title], [data-md-component=palette] input[aria-label]")
    .forEach(el => { push("palette title", el.getAttribute("title")); push("palette aria-label", el.getAttribute("aria-label")); });
  document.querySelectorAll("nav[aria-label]").forEach(el => push("nav aria-label", el.getAttribute("aria-label")));
  push("copy-link title", document.querySelector("article .kb-copy-button")?.getAttribute("title"));
  push("footnote back-link", document.querySelector(".footnote-backref")?.getAttribute("title"));
  const credit = document.querySelector(".md-copyright");
  push("footer credit", credit && credit.innerText.replace("Material for MkDocs", "").trim());
  return out;
}"""


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_interface_strings_are_in_the_page_language(phone, server, lang):
    page = phone.page
    page.goto(page_url(server, lang, "history/origins.md"))   # headings, footnotes, palette, footer
    seen = page.evaluate(READ_UI)
    kinds = {what for what, _v in seen}
    assert {"skip link", "palette aria-label", "copy-link title", "footnote back-link", "footer credit"} <= kinds, seen
    english = [(what, value) for what, value in seen
               if value in ENGLISH or value.startswith("Jump back to footnote")]
    assert not english, f"English interface strings on the {lang} page: {english}"
    palette = [value for what, value in seen if what == "palette aria-label"]
    assert set(palette) == {UI["palette.to_dark"][lang], UI["palette.to_light"][lang]}
    if lang == "zh":
        mainland = [(what, value) for what, value in seen for form in MAINLAND if form in value]
        assert not mainland, f"Mainland forms in the zh interface: {mainland}"
        assert dict(seen)["skip link"] == "跳到主要內容" and dict(seen)["back to top"] == "回到頁首"
