"""scripts/frontmatter.py"""
import pytest

from scripts.frontmatter import FrontMatterError, parse


def write(tmp_path, text, name="p.md"):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


def test_parse_meta_body_and_body_line(tmp_path):
    page = parse(write(tmp_path, "---\ntitle: T\ndescription: D\n---\n\n# T\n"))
    assert page.meta == {"title": "T", "description": "D"}
    assert page.body == "\n# T\n"
    assert page.body_line == 5


def test_no_front_matter(tmp_path):
    page = parse(write(tmp_path, "# Title\n"))
    assert page.meta == {} and page.body == "# Title\n" and page.body_line == 1


def test_crlf(tmp_path):
    page = parse(write(tmp_path, "---\r\ntitle: T\r\n---\r\nbody\r\n"))
    assert page.meta == {"title": "T"} and page.body_line == 4


def test_malformed_yaml_reports_file_line(tmp_path):
    p = write(tmp_path, "---\ntitle: ok\ndescription: a: b\n---\n")
    with pytest.raises(FrontMatterError) as exc:
        parse(p)
    assert exc.value.line == 3 and exc.value.path == str(p)


def test_unclosed_front_matter(tmp_path):
    with pytest.raises(FrontMatterError):
        parse(write(tmp_path, "---\ntitle: x\n"))


def test_errors_say_how_to_fix_them(tmp_path):
    """The message a contributor sees (build or status): file:line, what is wrong, what to do."""
    from scripts.frontmatter import front_matter_message

    docs = tmp_path / "docs" / "it"
    docs.mkdir(parents=True)
    bad = write(docs, "---\ntitle: T\ndescription: Why: the answer\n---\n\n# T\n")
    with pytest.raises(FrontMatterError) as info:
        parse(bad)
    message = front_matter_message(info.value, tmp_path)
    assert message.startswith("docs/it/p.md:3: front matter is not valid YAML")
    assert 'hint: fix the YAML' in message and "double quotes" in message
    unclosed = write(docs, "---\ntitle: T\n\n# T\n", "q.md")
    with pytest.raises(FrontMatterError) as info:
        parse(unclosed)
    assert "three dashes" in front_matter_message(info.value, tmp_path)
