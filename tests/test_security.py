"""The rules behind the build's and the checker's refusals, case by case and fast:
the allowlist (scripts/allowlist.py), the input files and data rules
(scripts/inputs.py) and the Content-Security-Policy (scripts/csp.py).
tests/test_security_build.py proves the same classes stop a real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import allowlist, csp, inputs
from scripts.check.model import unsafe_elements

TRACKER = "https://tracker.example.net"

HOSTILE = {
    # mutation XSS: inert to a parser with scripting off, an <img onerror> to a browser
    "noscript": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', "M007"),
    "svg style": ("<svg><style><img src=x onerror=alert(1)></style></svg>", "M007"),
    "math": ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "M007"),
    "template": ("<template><img src=x onerror=alert(1)></template>", "M007"),
    "comment": ("<!--><img src=x onerror=alert(1)>-->", "M004"),
    "xmp": ("<xmp><img src=x onerror=alert(1)></xmp>", "M007"),
    "script": ("<script>alert(1)</script>", "M001"),
    "script in svg": ("<svg><script>alert(1)</script></svg>", "M001"),
    "iframe": ('<iframe src="https://example.org"></iframe>', "M002"),
    "object": ('<object data="x.swf"></object>', "M003"),
    "embed": ('<embed src="x.swf">', "M003"),
    "handler": ('<span onclick="alert(1)">x</span>', "M004"),
    "handler caps": ('<p ONMOUSEOVER="alert(1)">x</p>', "M004"),
    "svg handler": ('<svg onload="alert(1)"></svg>', "M004"),
    "javascript href": ('<a href="javascript:alert(1)">x</a>', "M005"),
    "javascript spaced": ('<a href=" javascript:alert(1)">x</a>', "M005"),
    "javascript entity": ('<a href="jav&#x09;ascript:alert(1)">x</a>', "M005"),
    "javascript case": ('<a href="JaVaScRiPt:alert(1)">x</a>', "M005"),
    "data href": ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "M005"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "M005"),
    "pixel": (f'<img src="{TRACKER}/p.gif">', "M009"),
    "protocol-relative pixel": ('<img src="//tracker.example.net/p.gif">', "M009"),
    "backslash pixel": ('<img src="\\\\tracker.example.net/p.gif">', "M009"),
    "srcset": (f'<img src="a.png" srcset="{TRACKER}/a.png 2x">', "M009"),
    "video": (f'<video src="{TRACKER}/v.mp4"></video>', "M007"),
    "poster": (f'<video poster="{TRACKER}/p.png"></video>', "M007"),
    "audio source": (f'<audio><source src="{TRACKER}/a.mp3"></audio>', "M007"),
    "picture": (f'<picture><source srcset="{TRACKER}/a.png"><img src="a.png"></picture>', "M007"),
    "link stylesheet": (f'<link rel="stylesheet" href="{TRACKER}/s.css">', "M007"),
    "style import": (f"<style>@import url({TRACKER}/s.css);</style>", "M007"),
    "style attribute": (f'<p style="background:url({TRACKER}/b.gif)">x</p>', "M008"),
    "style on cell": (f'<table><tr><td style="background:url({TRACKER}/b.gif)">x</td></tr></table>', "M008"),
    "ping": (f'<a href="https://example.org" ping="{TRACKER}/p">x</a>', "M008"),
    "form": (f'<form action="{TRACKER}/c"><input name=q></form>', "M007"),
    "formaction": (f'<button formaction="{TRACKER}/c">x</button>', "M007"),
    "meta refresh": (f'<meta http-equiv="refresh" content="0;url={TRACKER}">', "M007"),
    "base": (f'<base href="{TRACKER}/">', "M007"),
    "svg image": (f'<svg><image href="{TRACKER}/i.png"/></svg>', "M007"),
    "svg use": (f'<svg><use href="{TRACKER}/s.svg#x"/></svg>', "M007"),
    "svg foreignObject": ("<svg><foreignObject><p>x</p></foreignObject></svg>", "M007"),
    "svg animate": ('<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>', "M007"),
    "input text": ('<input type="text" name="q">', "M008"),
    "input image": (f'<input type="image" src="{TRACKER}/i.png">', "M008"),
    "target top": ('<a href="https://example.org" target="_top">x</a>', "M008"),
    "download": ('<a href="x.pdf" download>x</a>', "M008"),
    "unknown data": ('<p data-md-color-scheme="slate">x</p>', "M008"),
    "dialog": ("<dialog open>x</dialog>", "M007"),
    # DOM clobbering: content taking an id that the templates' scripts look up
    "clobber config": ('<p id="__config">{"search": "x.js"}</p>', "M008"),
    "clobber search": ('<p id="__search">x</p>', "M008"),
    "clobber strings": ('<p id="kb-strings">x</p>', "M008"),
    "clobber cite": ('<details id="cite-this-page"><summary>x</summary></details>', "M008"),
    "marquee": ("<marquee>x</marquee>", "M007"),
}

CONTROLS = {
    "code showing a script": "<pre><code>&lt;script src=&quot;https://cdn.example.com/x.js&quot;&gt;&lt;/script&gt;</code></pre>",
    "the word in prose": "<p>Never type javascript: into the address bar.</p>",
    "link to another host": '<p><a href="https://www.example.org/article" title="t" hreflang="en">source</a></p>',
    "protocol-relative link": '<p><a href="//www.example.org/x">x</a></p>',
    "mail": '<p><a href="mailto:staff@example.org">mail</a></p>',
    "local image": '<p><img src="../images/chart.png" alt="Chart" width="300"></p>',
    "footnote": '<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup>'
                '<div class="footnote"><hr><ol><li id="fn:a"><p>Note.&nbsp;'
                '<a class="footnote-backref" href="#fnref:a" title="Back">↩</a></p></li></ol></div>',
    "abbr": '<p><abbr title="Customer satisfaction score">CSAT</abbr></p>',
    "admonition": '<div class="admonition warning"><p class="admonition-title">Careful</p><p>x</p></div>',
    "details": '<details class="note" open><summary>More</summary><p>x</p></details>',
    "table aligned": '<table><thead><tr><th style="text-align: right;">n</th></tr></thead>'
                     '<tbody><tr><td style="text-align: right;">1</td></tr></tbody></table>',
    "tabbed": '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" '
              'name="__tabbed_1" type="radio"><input id="__tabbed_1_2" name="__tabbed_1" type="radio">'
              '<div class="tabbed-labels"><label for="__tabbed_1_1">A</label><label for="__tabbed_1_2">B</label></div>'
              '<div class="tabbed-content"><div class="tabbed-block"><p>a</p></div><div class="tabbed-block"><p>b</p>'
              '</div></div></div>',
    "tasklist": '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
                '<input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> done</li></ul>',
    "highlighted code": '<div class="highlight"><pre><span></span><code><span class="nt">&lt;p&gt;</span></code></pre></div>',
    "headings with permalinks": '<h2 id="x">X<a class="headerlink" href="#x" title="Link to this section">¶</a></h2>',
    "attr_list": '<p id="intro" class="lead" lang="el">Γεια</p>',
    "def_list": "<dl><dt>Term</dt><dd>Definition</dd></dl>",
    "timeline svg": '<figure class="kb-timeline-figure" markdown="0"><svg class="kb-timeline" viewBox="0 0 480 100" '
                    'role="img" aria-labelledby="t d" xmlns="http://www.w3.org/2000/svg" font-size="15">'
                    '<title id="t">T</title><desc id="d">D</desc><line class="a" x1="70" y1="12" x2="70" y2="80"/>'
                    '<circle class="s" cx="70" cy="28" r="7"/><path class="d" d="M70,20 L78,28 Z"/>'
                    '<text class="l" x="88" y="33">1905: Field</text></svg><figcaption>D</figcaption></figure>',
    "bibliography": '<ol class="kb-bibliography"><li id="ref-a" class="kb-ref" data-key="a">A. '
                    '<span class="bibtex-protected">B</span>. URL: <a href="https://example.org">x</a>.</li></ol>',
    "status": '<span data-translation-status="outdated">Outdated</span>',
    "alias anchors": '<span id="old" class="kb-alias"></span><a id="gone" class="kb-alias" '
                     'data-moved-to="../x/#y" href="../x/#y" hidden></a>',
    "comment": "<!-- kept out of the page by the minifier --><p>x</p>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markup_is_refused_with_its_code(name):
    html, code = HOSTILE[name]
    found = allowlist.offences(html)
    assert found, name
    assert code in [o.code for o in found], (name, found)
    assert all(o.hint and o.needle for o in found)


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_what_our_extensions_write_is_allowed(name):
    assert allowlist.offences(CONTROLS[name]) == [], name


def test_each_offence_is_reported_once_and_in_a_nested_page():
    html = "<p>a</p>" + HOSTILE["pixel"][0] + "<div><p>b " + HOSTILE["handler"][0] + "</p></div>" + HOSTILE["script"][0]
    codes = [o.code for o in allowlist.offences(html)]
    assert codes == ["M009", "M004", "M001"]


def test_the_checker_uses_the_same_allowlist():
    from selectolax.lexbor import LexborHTMLParser
    article = LexborHTMLParser('<article><p>x</p>' + HOSTILE["noscript"][0] + "</article>").css_first("article")
    assert [c for c, _d, _n in unsafe_elements(article, template_parts=True)] == ["M007"]


def test_is_local():
    assert allowlist.is_local("images/a.png") and allowlist.is_local("../a.png") and allowlist.is_local("#x")
    for url in ("https://x/a.png", "//x/a.png", "\\\\x/a.png", " http://x", "data:image/png;base64,AA", "HTTPS://X"):
        assert not allowlist.is_local(url), url


# -- inputs ---------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path) -> Path:
    for d in ("docs/en", "data/bib", "data/glossary"):
        (tmp_path / d).mkdir(parents=True)
    (tmp_path / "docs/en/index.md").write_text("---\ntitle: Home\ndescription: Q&A, 5 < 6\n---\n\n# Home\n")
    (tmp_path / "data/ui.yml").write_text("cite.title:\n  en: Cite this page\n")
    return tmp_path


def test_clean_inputs_pass(repo):
    assert inputs.check(repo) == []


def test_committed_build_caches_are_refused(repo):
    """A pull request could plant compiled templates or clean verdicts in .cache/."""
    import subprocess

    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    planted = repo / ".cache" / "verdicts" / "allowlist" / "ab" / "abcdef"
    planted.parent.mkdir(parents=True)
    planted.write_text("")
    (repo / ".gitignore").write_text("/.cache/\n")
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    assert inputs.check(repo) == []  # ignored files are fine: only committed ones are refused
    subprocess.run([*git, "add", "-f", str(planted)], check=True)
    subprocess.run([*git, "commit", "-qm", "plant"], check=True)
    found = [(f.path, f.code) for f in inputs.check(repo)]
    assert found == [(".cache/verdicts/allowlist/ab/abcdef", "S006")]
    assert "git rm -r --cached .cache" in inputs.report(inputs.check(repo))


def test_symlinks_are_refused_files_and_folders(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text("# secret\n")
    (repo / "docs/en/secret.md").symlink_to(outside / "secret.md")
    (repo / "docs/en/linked").symlink_to(outside, target_is_directory=True)
    found = {(f.path, f.code) for f in inputs.check(repo)}
    assert ("docs/en/secret.md", "S001") in found and ("docs/en/linked", "S001") in found


def test_non_utf8_names_the_line(repo):
    (repo / "data/glossary/it.yml").write_bytes(b"a:\n  term: A\n  definition: perch\xe9\n")
    (repo / "docs/en/utf16.md").write_bytes("# Title\n".encode("utf-16"))
    found = {(f.path, f.line, f.code) for f in inputs.check(repo)}
    assert ("data/glossary/it.yml", 3, "S002") in found
    assert ("docs/en/utf16.md", 1, "S002") in found


def test_oversized_files_are_refused(repo):
    (repo / "docs/en/big.md").write_text("x" * (inputs.MAX_TEXT_BYTES + 1))
    (repo / "docs/en/big.png").write_bytes(b"\0" * (inputs.MAX_OTHER_BYTES + 1))
    found = {(f.path, f.code) for f in inputs.check(repo)}
    assert found == {("docs/en/big.md", "S003"), ("docs/en/big.png", "S003")}


@pytest.mark.parametrize("value", ["<img src=x onerror=alert(1)>", "</title><script>", "a <b>bold</b>",
                                   "&lt;script&gt;", "&#60;script&#62;", "&#x3c;svg", "<!-- x -->", "<?xml"])
def test_markup_in_front_matter_is_refused_at_its_line(repo, value):
    page = repo / "docs/en/page.md"
    page.write_text(f"---\ntitle: Page\nsubtitle: x {value}\ndescription: d\n---\n\n# Page\n")
    found = [(f.path, f.line, f.code) for f in inputs.check(repo)]
    assert found == [("docs/en/page.md", 3, "S004")]


@pytest.mark.parametrize("value", [r'"\x3cscript>"', r'"\u003cb\u003e bold"', '"<\\\n  b>bold"'])
def test_markup_spelled_with_yaml_escapes_is_refused(repo, value):
    # the value holds markup although the file's text has none: YAML escapes make it
    page = repo / "docs/en/page.md"
    page.write_text(f"---\ntitle: Page\nsubtitle: {value}\ndescription: d\n---\n\n# Page\n")
    found = [(f.path, f.line, f.code) for f in inputs.check(repo)]
    assert found == [("docs/en/page.md", 3, "S004")]


def test_markup_in_a_yaml_comment_is_not_data(repo):
    (repo / "data/ui.yml").write_text("# one line per language of docs/<lang>/\ncite.title:\n  en: Cite\n")
    (repo / "docs/en/page.md").write_text("---\ntitle: Page # not <b>data</b>\n---\n\n# Page\n")
    assert inputs.check(repo) == []


@pytest.mark.parametrize("value", ["5 < 6", "Q&A", "AT&T", "a -> b", "x < y"])
def test_plain_text_with_angle_brackets_and_ampersands_is_fine(repo, value):
    (repo / "docs/en/page.md").write_text(f"---\ntitle: 'P {value}'\n---\n\n# P\n")
    assert inputs.check(repo) == []


def test_markup_in_data_files_names_the_data_line(repo):
    (repo / "data/ui.yml").write_text("cite.title:\n  en: Cite\n  it: Cita <b>questa</b>\n")
    (repo / "data/glossary/el.yml").write_text(
        "a:\n  term: A\n  definition: >-\n    Long text\n    with <img src=x onerror=alert(1)> inside\n")
    (repo / "data/timeline.yml").write_text('- id: a\n  label:\n    en: "ok"\n    zh: "<svg onload=alert(1)>"\n')
    found = sorted((f.path, f.line, f.code) for f in inputs.check(repo))
    assert found == [("data/glossary/el.yml", 5, "S004"), ("data/timeline.yml", 4, "S004"), ("data/ui.yml", 3, "S004")]


def test_bibtex_urls_are_web_addresses_named_with_file_line_and_key(repo):
    (repo / "data/bib/x.bib").write_text(
        "@online{good2020,\n  title = {Good},\n  url = {https://example.org/a},\n  doi = {10.1000/xyz}\n}\n\n"
        "@online{bad2020,\n  title = {Bad},\n  url = {javascript:alert(1)}\n}\n\n"
        "@article{bad2021,\n  title = {Bad},\n  doi = {data:text/html,<script>alert(1)</script>}\n}\n\n"
        '@misc{bad2022,\n  title = "Bad <img src=x onerror=alert(1)>",\n  url = " JAVASCRIPT:alert(1)"\n}\n')
    found = sorted((f.line, f.code, f.message.split(":")[0]) for f in inputs.check(repo))
    assert found == [(9, "S005", "entry bad2020"), (14, "S005", "entry bad2021"),
                     (18, "S004", "entry bad2022"), (19, "S005", "entry bad2022")]


# -- Content-Security-Policy ---------------------------------------------------------

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        '<script>__md_scope=new URL("../..",location)</script>'
        '<script id="__config" type="application/json">{"base": "."}</script></head>'
        '<body><p>x</p><script src="assets/b.js"></script></body></html>')


def test_policy_hashes_template_scripts_and_refuses_others(tmp_path):
    (tmp_path / "base.html").write_text('<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)</script>')
    patterns = csp.template_scripts([tmp_path])
    out = csp.apply(PAGE, patterns, "x.md")
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<title>")
    assert csp.sha256('__md_scope=new URL("../..",location)') in out
    policy = out.split('content="')[1].split('"')[0]
    for directive in ("default-src 'self'", "base-uri 'none'", "form-action 'none'", "object-src 'none'",
                      "img-src 'self' data:", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    served = csp.apply(PAGE, patterns, "x.md", serving=True)  # mkdocs serve: live reload runs inline
    assert "script-src 'self' 'unsafe-inline';" in served and "sha256" not in served
    assert "http" not in policy  # no other host anywhere
    injected = PAGE.replace("</head>", "<script>fetch('https://tracker.example.net')</script></head>")
    with pytest.raises(csp.PolicyError, match="no template writes"):
        csp.apply(injected, patterns, "x.md")
    # A template expression may only stand for plain string characters: no breaking out of the string.
    breakout = PAGE.replace('new URL("../..",location)', 'new URL("x");alert(1);("",location)')
    with pytest.raises(csp.PolicyError):
        csp.apply(breakout, patterns, "x.md")


def test_the_built_site_carries_the_policy_on_every_page(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 100
    missing = [str(p) for p in pages if 'http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")[:3000]]
    assert missing == []


def test_the_checker_reports_generated_markup_at_the_data_line(tmp_path):
    """A glossary definition that the glossary page renders as a javascript: link:
    `make check` names data/glossary/el.yml and its line, not the generated page."""
    from types import SimpleNamespace

    from scripts.check import markup

    (tmp_path / "data" / "bib").mkdir(parents=True)
    (tmp_path / "data" / "glossary").mkdir()
    (tmp_path / "data" / "glossary" / "el.yml").write_text(
        "a:\n  term: A\n  definition: δείτε [εδώ](javascript:alert(1))\n", encoding="utf-8")
    src = SimpleNamespace(url="el/glossary/", lang="el", display="docs/el/glossary.md", body_line=5,
                          find=lambda *needles, default=None: default)
    page = SimpleNamespace(unsafe=[("M005", "javascript: URL in href= on <a>", "javascript:alert(1)")])
    model = SimpleNamespace(root=tmp_path.resolve(), pages=lambda: [src], html={"el/glossary/index.html": page})
    found = markup.run(model, {"bib_dir": tmp_path / "data" / "bib"})
    assert [(f.path, f.line, f.code) for f in found] == [("data/glossary/el.yml", 3, "M005")]


def test_policy_accepts_a_json_string_from_a_template_and_nothing_more(tmp_path):
    (tmp_path / "base.html").write_text('<script>__md_scope=new URL("{{ base_url }}",location)</script>')
    (tmp_path / "main.html").write_text('<script type="module">start({{ url | tojson }})</script>')
    patterns = csp.template_scripts([tmp_path])
    page = PAGE.replace("</body>", '<script type="module">start("sw.js")</script></body>')
    assert csp.sha256('start("sw.js")') in csp.apply(page, patterns, "x.md")
    for hostile in ('start("sw.js");alert(1)', 'start("a\\\\"+alert(1)+"")', "start(alert(1))x"):
        with pytest.raises(csp.PolicyError):
            csp.apply(PAGE.replace("</body>", f'<script type="module">{hostile}</script></body>'), patterns, "x.md")
