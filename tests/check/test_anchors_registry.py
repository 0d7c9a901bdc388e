"""scripts/anchors.py: registry update and alias injection."""

from scripts import anchors


def docs_with(tmp_path, body):
    d = tmp_path / "docs" / "en" / "playbooks"
    d.mkdir(parents=True)
    (d / "saying-no.md").write_text(f"---\ntitle: x\ndescription: y\n---\n\n# X\n\n{body}", encoding="utf-8")
    return tmp_path / "docs"


def test_update_adds_and_refuses_to_drop(tmp_path):
    reg = tmp_path / "anchors.yml"
    docs = docs_with(tmp_path, "## A {#alpha}\n\n### B {#beta}\n\n```\n## not a heading\n```\n")
    assert anchors.update(docs, reg) == []
    assert anchors.load(reg).pages == {"playbooks/saying-no.md": ["alpha", "beta"]}
    (docs / "en/playbooks/saying-no.md").write_text("---\ntitle: x\n---\n## A {#alpha}\n", encoding="utf-8")
    problems = anchors.update(docs, reg)
    assert len(problems) == 1 and "beta" in problems[0]
    assert "beta" in anchors.load(reg).pages["playbooks/saying-no.md"]  # nothing written
    reg.write_text(reg.read_text().replace("moved: []", "moved:\n  - from: playbooks/saying-no.md#beta\n"
                                           "    to: playbooks/saying-no.md#alpha"), encoding="utf-8")
    assert anchors.update(docs, reg) == []
    r = anchors.load(reg)
    assert r.pages["playbooks/saying-no.md"] == ["alpha"] and r.moved[0]["from"].endswith("#beta")


def test_inject_same_page_alias():
    reg = anchors.Registry(moved=[{"from": "playbooks/saying-no.md#old", "to": "playbooks/saying-no.md#new"}])
    html = '<p>x</p><h2 id="new">New</h2>'
    out = anchors.inject_aliases(html, "it/playbooks/saying-no.md", reg)
    assert out == '<p>x</p><span id="old" class="kb-alias"></span><h2 id="new">New</h2>'


def test_inject_other_page_redirect_and_chain():
    reg = anchors.Registry(moved=[
        {"from": "playbooks/saying-no.md#old", "to": "history/origins.md#mid"},
        {"from": "history/origins.md#mid", "to": "index.md#final"},
    ])
    out = anchors.inject_aliases("<h2 id='x'>x</h2>", "playbooks/saying-no.md", reg)
    assert 'id="old"' in out and 'data-moved-to="../../#final"' in out and "hidden" in out


def test_inject_leaves_other_pages_alone():
    reg = anchors.Registry(moved=[{"from": "a.md#old", "to": "a.md#new"}])
    assert anchors.inject_aliases('<h2 id="new"></h2>', "b.md", reg) == '<h2 id="new"></h2>'


def test_relative_urls():
    assert anchors.relative_url("playbooks/saying-no.md", "history/origins.md", "x") == "../../history/origins/#x"
    assert anchors.relative_url("index.md", "history/index.md", "x") == "history/#x"
    assert anchors.relative_url("a.md", "a.md", "x") == "./#x"


def test_clean_site_answers_moved_anchors(clean_root):
    html = (clean_root / "site" / "it" / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'id="old-name"' in html and 'data-moved-to="../#welcome"' in html
