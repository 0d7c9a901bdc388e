"""Hostile pull requests, built for real in a copy of the repository: every class of
markup, resource, file and data the allowlist refuses stops `mkdocs build`, the
message names the file and line that wrote it, and nothing of it reaches site/.
Legitimately risky-looking content (code showing <script>, "javascript:" in prose,
links to other hosts, quotes in a description) still builds and is shown as text."""

from __future__ import annotations

import os
import subprocess
import sys

from selectolax.lexbor import LexborHTMLParser

from tests.repo_copy import make_copy

TRACKER = "tracker.example.net"

# (hostile Markdown block, expected code). Every block is on its own line(s) and
# names a distinct URL, so the reported line can be checked for each one.
PAGE_CASES = [
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', "M007"),  # mutation XSS
    (f'<p><img src="https://{TRACKER}/a1.gif" alt=""></p>', "M009"),                          # tracking pixel
    (f"![pixel](https://{TRACKER}/b2.png)", "M009"),                                           # Markdown image
    (f'<p><img src="//{TRACKER}/c3.gif" alt=""></p>', "M009"),                                  # protocol-relative
    (f'<p><img src="ok.png" srcset="https://{TRACKER}/d4.png 2x" alt=""></p>', "M009"),
    (f'<video src="https://{TRACKER}/e5.mp4" poster="https://{TRACKER}/e6.png"></video>', "M007"),
    (f'<audio controls><source src="https://{TRACKER}/f6.mp3"></audio>', "M007"),
    (f'<p><link rel="stylesheet" href="https://{TRACKER}/g7.css"></p>', "M007"),
    (f"<style>@import url(https://{TRACKER}/h8.css);</style>", "M007"),
    (f'<p style="background:url(https://{TRACKER}/i9.gif)">styled</p>', "M008"),
    (f'<p><a href="https://example.org/" ping="https://{TRACKER}/j1">pinged</a></p>', "M008"),
    (f'<form action="https://{TRACKER}/k2"><input name="q"></form>', "M007"),
    (f'<p><meta http-equiv="refresh" content="0;url=https://{TRACKER}/l3"></p>', "M007"),
    (f'<p><base href="https://{TRACKER}/m4/"></p>', "M007"),
    (f'<svg><image href="https://{TRACKER}/n5.png"/></svg>', "M007"),
    (f'<object data="https://{TRACKER}/o6.swf"></object>', "M003"),
    (f'<embed src="https://{TRACKER}/p7.swf">', "M003"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "M002"),
    ("<template><img src=x onerror=alert(2)></template>", "M007"),
    ("<details open ontoggle=alert(3)><summary>s</summary></details>", "M004"),
    ('A paragraph with an attribute list.\n{: onmouseover="alert(4)" }', "M004"),
    ("[run](javascript:alert(5))", "M005"),
    ("[data](data:text/html;base64,PHNjcmlwdD4=)", "M005"),
    ('<p><a href="jav&#x09;ascript:alert(6)">tab</a></p>', "M005"),
    ("<script>alert(7)</script>", "M001"),
]

# Content that looks risky and is fine: it must build and show as text.
CONTROLS = """

```html
<script src="https://cdn.example.com/x.js"></script>
```

Never paste `javascript:` into the address bar; the word javascript: in prose is text.
See the [source article](https://www.example.org/article) on another host.

| Left | Right |
| --- | ---: |
| a | 1 |
"""


def build(copy, lang=""):
    env = {**os.environ, "SITE_LANG": lang, "PYTHONPATH": str(copy)}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"], cwd=copy, env=env,
                          capture_output=True, text=True)


def site_text(copy) -> str:
    site = copy / "site"
    if not site.is_dir():
        return ""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js", ".css"))


def append_cases(page, cases) -> list[int]:
    """Append each case as its own block; return the line of each block's last line
    (where the offending markup is)."""
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n"
    lines = []
    for block, _code in cases:
        text += "\n"
        lines.append(text.count("\n") + 1 + block.count("\n"))
        text += block + "\n"
    page.write_text(text, encoding="utf-8")
    return lines


def test_hostile_page_markup_stops_the_build_with_file_and_line(tmp_path):
    copy = make_copy(tmp_path / "kb")
    # A clean build first: the verdicts it keeps (.cache/verdicts) must not let the edit through.
    assert build(copy, "it").returncode == 0
    page = copy / "docs" / "it" / "playbooks" / "saying-no.md"
    lines = append_cases(page, PAGE_CASES)
    result = build(copy, "it")
    assert result.returncode != 0
    for (block, code), line in zip(PAGE_CASES, lines):
        assert f"docs/it/playbooks/saying-no.md:{line}: {code}:" in result.stderr, (block, result.stderr[-4000:])
    assert TRACKER not in site_text(copy)
    assert not (copy / "site" / "playbooks" / "saying-no" / "index.html").exists()


def test_parser_confusion_in_chinese_page_stops_the_build(tmp_path):
    """Markup that only parses into something else (MathML/SVG foreign content, unclosed tags)."""
    copy = make_copy(tmp_path / "kb")
    page = copy / "docs" / "zh" / "history" / "myths.md"
    cases = [("<math><mtext><table><mglyph><style><img src=x onerror=alert(8)>", "M007")]
    lines = append_cases(page, cases)
    result = build(copy, "zh")
    assert result.returncode != 0
    assert f"docs/zh/history/myths.md:{lines[0]}: M007:" in result.stderr, result.stderr[-3000:]
    assert "alert(8)" not in site_text(copy)


def _line_of(path, needle) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def test_markdown_from_data_files_is_reported_at_the_data_line(tmp_path):
    """A glossary definition or timeline label that passes as plain text but is a Markdown
    link or image the allowlist refuses: reported at the .yml line, not the generated page."""
    copy = make_copy(tmp_path / "kb")
    glossary = copy / "data" / "glossary" / "el.yml"
    text = glossary.read_text(encoding="utf-8")
    first = text.index("  definition: ") + len("  definition: ")
    first += text[first] in "'\""  # inside a quoted scalar, so the YAML stays valid
    glossary.write_text(text[:first] + "δείτε [εδώ](javascript:alert(9)) " + text[first:], encoding="utf-8")
    timeline = copy / "data" / "timeline.yml"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace(
        'el: "Chandelor v Lopus: τον κίνδυνο τον έχει ο αγοραστής"',
        f'el: "Chandelor v Lopus ![x](https://{TRACKER}/tl.png)"', 1), encoding="utf-8")
    result = build(copy, "el")
    assert result.returncode != 0
    assert f"data/glossary/el.yml:{_line_of(glossary, 'javascript:alert(9)')}: M005:" in result.stderr, \
        result.stderr[-3000:]
    assert f"data/timeline.yml:{_line_of(timeline, TRACKER)}: M009:" in result.stderr, result.stderr[-3000:]
    assert TRACKER not in site_text(copy) and "alert(9)" not in site_text(copy)


def test_hostile_files_and_data_stop_the_build_before_anything_is_built(tmp_path):
    copy = make_copy(tmp_path / "kb")
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n\npassword: hunter2\n", encoding="utf-8")
    (copy / "docs" / "el" / "secret.md").symlink_to(outside)                       # a page that is a link
    (copy / "data" / "bib" / "linked.bib").symlink_to(outside)
    latin1 = copy / "docs" / "it" / "latin1.md"
    latin1.write_bytes(b"---\ntitle: Prova\n---\n\n# Prova\n\nPerch\xe9 no.\n")   # not UTF-8, line 7
    (copy / "docs" / "en" / "huge.md").write_text("# Huge\n\n" + "word " * 200_000, encoding="utf-8")
    edits = {  # file: (original text, hostile text, needle for its line)
        "docs/en/playbooks/saying-no.md": ("title: ", "title: <img src=x onerror=alert(10)> ", "title:"),
        "docs/zh/playbooks/saying-no.md": ("description: ", 'description: x"><script>alert(11)</script> ', "description:"),
        "docs/it/history/myths.md": ("title: ", "subtitle: <b onmouseover=alert(12)>x</b>\ntitle: ", "subtitle:"),
        "docs/el/history/origins.md": ("title: ", "title: x &lt;/title&gt;&lt;script&gt;alert(13) ", "title:"),
        "data/ui.yml": ("  en: Primary sources", "  en: Primary <img src=x onerror=alert(14)>", "alert(14)"),
        "data/glossary/zh.yml": ("  definition: ", "  definition: <svg onload=alert(15)> ", "alert(15)"),
        "data/timeline.yml": ('    it: "Chandelor', '    it: "<iframe src=//x> Chandelor', "<iframe"),
    }
    for rel, (old, new, _needle) in edits.items():
        path = copy / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    bib = copy / "data" / "bib" / "core.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@online{hostile2024url,\n  title = {T},\n  year = {2024},\n"
                   "  url = {javascript:alert(16)}\n}\n\n@online{hostile2024doi,\n  title = {T},\n  year = {2024},\n"
                   "  doi = { data:text/html,x}\n}\n", encoding="utf-8")
    # A planted cache entry, committed (ignored files cannot reach a pull request otherwise).
    planted = copy / ".cache" / "verdicts" / "sources" / "00" / "planted"
    planted.parent.mkdir(parents=True)
    planted.write_text("", encoding="utf-8")
    subprocess.run(["git", "-C", str(copy), "add", "-f", str(planted)], check=True)
    result = build(copy)
    assert result.returncode != 0
    err = result.stderr
    assert ".cache/verdicts/sources/00/planted:1: S006" in err, err[-3000:]
    assert "docs/el/secret.md:1: S001" in err and "data/bib/linked.bib:1: S001" in err, err[-3000:]
    assert "docs/it/latin1.md:7: S002" in err, err[-3000:]
    assert "docs/en/huge.md:1: S003" in err, err[-3000:]
    for rel, (_old, _new, needle) in edits.items():
        assert f"{rel}:{_line_of(copy / rel, needle)}: S004" in err, (rel, err[-3000:])
    assert f"data/bib/core.bib:{_line_of(bib, 'javascript:alert(16)')}: S005: entry hostile2024url" in err
    assert f"data/bib/core.bib:{_line_of(bib, 'data:text/html')}: S005: entry hostile2024doi" in err
    assert not (copy / "site" / "index.html").exists()
    assert "hunter2" not in site_text(copy)


def test_risky_looking_content_still_builds_and_is_shown_as_text(tmp_path):
    copy = make_copy(tmp_path / "kb")
    page = copy / "docs" / "en" / "playbooks" / "saying-no.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("description: ", 'description: Q&A, say "no" politely, 5 > 3 and ', 1)
    page.write_text(text.rstrip("\n") + "\n" + CONTROLS, encoding="utf-8")
    # A heading whose text spells markup, as the page's title (no title in the front matter):
    # shown as text everywhere, never parsed as tags (Material's striptags would unescape it).
    myths = copy / "docs" / "en" / "history" / "myths.md"
    lines = myths.read_text(encoding="utf-8").split("\n")
    lines = [l for l in lines[:6] if not l.startswith("title:")] + lines[6:]
    h1 = next(i for i, l in enumerate(lines) if l.startswith("# "))
    lines[h1] = ('# Myths &lt;/title&gt;&lt;meta http-equiv="refresh" content="0;url=https://tracker.example.net/"&gt;'
                 ' &lt;script&gt;alert(1)&lt;/script&gt;')
    myths.write_text("\n".join(lines), encoding="utf-8")
    result = build(copy, "en")
    assert result.returncode == 0, result.stderr[-3000:]
    tree = LexborHTMLParser((copy / "site" / "history" / "myths" / "index.html").read_text(encoding="utf-8"))
    assert [m.attributes["http-equiv"] for m in tree.css("meta[http-equiv]")] == ["Content-Security-Policy"]
    assert '</title><meta http-equiv="refresh"' in tree.css_first("title").text()
    assert not [s for s in tree.css("script:not([src])") if "alert(1)" in (s.text() or "")]
    assert "<script>alert(1)</script>" in tree.css_first("#kb-cite-plain").text()
    html = (copy / "site" / "playbooks" / "saying-no" / "index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    code = " ".join(n.text() for n in tree.css("article pre code"))
    assert '<script src="https://cdn.example.com/x.js"></script>' in code       # shown as code ...
    assert not [s for s in tree.css("script[src]") if "example.com" in s.attributes["src"]]  # ... not run
    assert "the word javascript: in prose is text" in tree.css_first("article").text()
    assert tree.css_first('article a[href="https://www.example.org/article"]') is not None  # links stay
    # The description is an attribute value: its quotes cannot end it (no extra attributes).
    meta = tree.css_first('meta[name="description"]')
    assert meta.attributes["content"].startswith('Q&A, say "no" politely, 5 > 3 and ')
    assert set(meta.attributes) == {"name", "content"}
