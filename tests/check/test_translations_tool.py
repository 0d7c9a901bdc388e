"""scripts/translations.py: source_hash, mark_current, status, CLI."""
from scripts import translations as tr


def site(tmp_path):
    for lang in ("en", "it", "el", "zh"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
    en = tmp_path / "docs" / "en" / "a.md"
    en.write_text("---\ntitle: A\ndescription: x\n---\n\n# A\n\nText.\n", encoding="utf-8")
    it = tmp_path / "docs" / "it" / "a.md"
    it.write_bytes("---\r\ntitle: A\r\n# a comment\r\ndescription: y\r\n---\r\n\r\n# A\r\n\r\nTesto.\r\n".encode())
    return tmp_path / "docs", en, it


def test_hash_ignores_front_matter_and_whitespace(tmp_path):
    docs, en, _it = site(tmp_path)
    h = tr.source_hash(en)
    assert len(h) == 16
    en.write_text("---\ntitle: A\ndescription: changed\n---\n\n# A   \r\n\nText.\n\n\n", encoding="utf-8")
    assert tr.source_hash(en) == h
    en.write_text("---\ntitle: A\ndescription: x\n---\n\n# A\n\nOther text.\n", encoding="utf-8")
    assert tr.source_hash(en) != h


def test_mark_current_preserves_the_rest_byte_for_byte(tmp_path):
    docs, en, it = site(tmp_path)
    before = it.read_bytes()
    h = tr.mark_current(it)
    after = it.read_bytes()
    assert after == before.replace(b"description: y\r\n", b"description: y\r\nsource_hash: " + h.encode() + b"\r\n")
    en.write_text(en.read_text() + "More.\n", encoding="utf-8")
    h2 = tr.mark_current(it)  # replaces the line, does not add a second one
    assert it.read_bytes().count(b"source_hash") == 1 and h2.encode() in it.read_bytes()


def test_status(tmp_path):
    docs, en, it = site(tmp_path)
    assert ("it", "a.md", "outdated") in tr.status(docs)
    tr.mark_current(it)
    rows = tr.status(docs)
    assert ("it", "a.md", "current") in rows and ("el", "a.md", "missing") in rows
    en.write_text(en.read_text() + "More.\n", encoding="utf-8")
    assert ("it", "a.md", "outdated") in tr.status(docs)


def test_cli_mark_all(tmp_path, capsys):
    docs, _en, it = site(tmp_path)
    assert tr.main(["mark", "--all", "it", "--docs", str(docs)]) == 0
    assert b"source_hash:" in it.read_bytes()
    assert tr.main(["mark", str(docs / "en" / "a.md")]) == 2  # English pages are not marked
