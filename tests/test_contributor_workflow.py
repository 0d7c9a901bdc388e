"""The three ordinary pull requests, replayed on a copy of the repository with real git
history (one commit per step, as a contributor would make them):

1. an English-only edit (a changed paragraph, a new section with a new citation);
2. one Italian page brought up to date while Greek and Chinese stay outdated, then
   another English edit (the Italian page's recorded version is now an older commit);
3. `new-language pt Português` with only the home page translated, marked partial
   (another code if pt is configured already).

After each step the checker has no error (what `make check` and CI fail on) and lists
the right warnings; `status` and `diff` name what changed; the built site shows it.
"""

from __future__ import annotations

import json
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from scripts.languages import SOURCE_LANGUAGE, translation_codes
from tests.conftest import REPO
from tests.repo_copy import build, commit, make_copy, run

PAGE = "playbooks/saying-no.md"
SECTION = "give-reason"
LATER_SECTION = "close-warmly"
NEW_SECTION = "a-new-step"
ADDED = "A new sentence that the translations do not have yet."
TRANSLATED_CHECKS = "translations,anchors,citations,language"  # what does not need a built site
# The language the third step adds: the first of these not configured yet, with its
# translation of the untranslated-page notice.
NEW, NEW_NAME, NEW_NOTICE, NEW_PROSE = next(c for c in (
    ("pt", "Português", "Esta página ainda não foi traduzida",
     "Esta parte do guia explica, com palavras simples, o que a equipa pode fazer quando o cliente não tem razão."),
    ("es", "Español", "Esta página aún no se ha traducido",
     "Esta parte de la guía explica, con palabras sencillas, qué puede hacer el personal cuando el cliente no tiene razón."),
    ("fr", "Français", "Cette page n'est pas encore traduite",
     "Cette partie du guide explique, avec des mots simples, ce que le personnel peut faire quand le client a tort."),
    ("nl", "Nederlands", "Deze pagina is nog niet vertaald",
     "Dit deel van de gids legt in eenvoudige woorden uit wat het personeel kan doen als de klant geen gelijk heeft."),
) if c[0] not in translation_codes(REPO))
CITATION = re.compile(r"\[@[^\]]+\]")


def stand_in_translation(english: str) -> str:
    """The English page with its prose in the new language (one sentence per paragraph or
    list item), its headings, ids, citations and front matter kept: what the checks compare."""
    front, body = english.split("\n---\n", 1)
    lines = []
    for line in body.splitlines():
        bullet = "- " if line.startswith("- ") else ""
        if line[:1].isalpha() or bullet:
            line = bullet + NEW_PROSE + "".join(CITATION.findall(line))
        lines.append(line)
    return front + "\n---\n" + "\n".join(lines) + "\n"


def status_json(repo, *extra):
    return json.loads(run(repo, "-m", "scripts.cli", "status", "--format", "json", *extra).stdout)


def states(repo):
    return {(p["lang"], p["page"]): (p["state"], p["changed_sections"]) for p in status_json(repo)["pages"]}


def check(repo, *extra):
    """(exit status with --allow-warnings as `make check` runs it, findings)."""
    result = run(repo, "-m", "scripts.check", "--allow-warnings", "--format", "json", *extra, check=False)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return result.returncode, json.loads(result.stdout)["findings"]


def errors(findings):
    return [f"{f['path']}:{f['line']}: {f['code']}: {f['message']}" for f in findings if f["severity"] == "error"]


def warnings(findings, code=None):
    return sorted((f["path"], f["code"]) for f in findings
                  if f["severity"] == "warning" and (code is None or f["code"] == code))


def edit_section(path, section, addition):
    """Add a paragraph at the start of a section (after its heading)."""
    text = path.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.rstrip().endswith("{#" + section + "}"))
    head, tail = text.split(heading, 1)
    path.write_text(head + heading + "\n\n" + addition + tail, encoding="utf-8")


def uncited_key(repo):
    """A bibliography key cited somewhere in English, but not on PAGE."""
    cite = re.compile(r"@([A-Za-z0-9_:-]+)")
    mine = set(cite.findall((repo / "docs" / SOURCE_LANGUAGE / PAGE).read_text(encoding="utf-8")))
    for other in sorted((repo / "docs" / SOURCE_LANGUAGE).rglob("*.md")):
        for key in cite.findall(other.read_text(encoding="utf-8")):
            if key not in mine and re.search(r"\[@" + re.escape(key) + r"[\];]", other.read_text(encoding="utf-8")):
                return key
    raise AssertionError("no citation key to borrow")


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = make_copy(tmp_path_factory.mktemp("history") / "kb")
    before = states(repo)
    langs = [lang for lang in translation_codes(repo) if before[(lang, PAGE)][0] != "missing"]
    if any(before[(lang, PAGE)][0] != "current" for lang in langs):
        pytest.skip(f"{PAGE} is not current in every language in this checkout: the scenario needs it current")
    return repo, langs, before


@pytest.fixture(scope="module")
def step1(repo):
    """An English-only pull request: one paragraph changed and one section added, with a citation."""
    repo, langs, before = repo
    english = repo / "docs" / SOURCE_LANGUAGE / PAGE
    edit_section(english, SECTION, ADDED + "\n")
    key = uncited_key(repo)
    english.write_text(english.read_text(encoding="utf-8").rstrip("\n")
                       + f"\n\n## A new step {{#{NEW_SECTION}}}\n\nA step the translations do not have yet [@{key}].\n",
                       encoding="utf-8")
    commit(repo, "English: a new sentence and a new section")
    return repo, langs, before, key, check(repo, "--only", TRANSLATED_CHECKS), states(repo)


def test_1_english_only_edit_has_no_error_and_warns_per_translation(step1):
    repo, langs, before, _key, (rc, findings), _ = step1
    assert rc == 0 and not errors(findings), errors(findings)
    for code in ("T002", "A009", "C009"):  # outdated, its sections and citations differ: all warnings
        assert warnings(findings, code) == sorted((f"docs/{lang}/{PAGE}", code) for lang in langs), code
    hint = next(f["hint"] for f in findings if f["code"] == "T002" and f["path"] == f"docs/it/{PAGE}")
    assert f"make diff FILE=docs/it/{PAGE}" in hint and f"make mark-current FILE=docs/it/{PAGE}" in hint


def test_1_without_allow_warnings_the_checker_still_exits_1(step1):
    repo = step1[0]
    result = run(repo, "-m", "scripts.check", "--only", "translations", check=False)
    assert result.returncode == 1 and "0 error(s)" in result.stdout


def test_1_status_names_exactly_the_changed_sections(step1):
    repo, langs, before, _key, _check, after = step1
    for lang in langs:
        assert after[(lang, PAGE)] == ("outdated", [SECTION, NEW_SECTION])
    unchanged = {k: v for k, v in after.items() if k[1] != PAGE}
    assert unchanged == {k: v for k, v in before.items() if k[1] != PAGE}


def test_1_diff_shows_the_english_changes_with_their_sections(step1):
    repo = step1[0]
    out = run(repo, "-m", "scripts.cli", "diff", f"docs/el/{PAGE}").stdout
    assert f"changed sections: {SECTION}, {NEW_SECTION}" in out
    assert f"+{ADDED}" in out and f"+## A new step {{#{NEW_SECTION}}}" in out
    assert re.search(rf"^@@ .* @@ section {SECTION}$", out, re.M), out
    assert f"make mark-current FILE=docs/el/{PAGE}" in out


@pytest.fixture(scope="module")
def step2(step1):
    """A one-language pull request: the Italian page updated and marked current; then English
    changes again elsewhere on the page (the Italian version is now an older commit)."""
    repo, langs, before, key, _check, _states = step1
    italian = repo / "docs" / "it" / PAGE
    edit_section(italian, SECTION, "Una frase nuova che le altre traduzioni non hanno ancora.\n")
    italian.write_text(italian.read_text(encoding="utf-8").rstrip("\n")
                       + f"\n\n## Un passo nuovo {{#{NEW_SECTION}}}\n\nUn passo che le altre traduzioni non hanno [@{key}].\n",
                       encoding="utf-8")
    run(repo, "-m", "scripts.cli", "mark-current", f"docs/it/{PAGE}")
    commit(repo, "Italian: brought up to date")
    mid = (check(repo, "--only", TRANSLATED_CHECKS), states(repo))
    edit_section(repo / "docs" / SOURCE_LANGUAGE / PAGE, LATER_SECTION, "One more English sentence.\n")
    commit(repo, "English: one more sentence")
    return repo, langs, mid, states(repo)


def test_2_one_updated_translation_lands_while_others_are_outdated(step2):
    repo, langs, ((rc, findings), mid), _ = step2
    assert rc == 0 and not errors(findings), errors(findings)
    others = [lang for lang in langs if lang != "it"]
    assert warnings(findings, "T002") == sorted((f"docs/{lang}/{PAGE}", "T002") for lang in others)
    assert not [f for f in findings if f["path"] == f"docs/it/{PAGE}"]
    assert mid[("it", PAGE)] == ("current", [])
    assert all(mid[(lang, PAGE)] == ("outdated", [SECTION, NEW_SECTION]) for lang in others)


def test_2_changed_sections_come_from_the_recorded_commit(step2):
    """Italian was marked at the second commit: only the later English change is new to it."""
    repo, langs, _mid, after = step2
    assert after[("it", PAGE)] == ("outdated", [LATER_SECTION])
    assert after[("el", PAGE)] == ("outdated", [SECTION, LATER_SECTION, NEW_SECTION])
    out = run(repo, "-m", "scripts.cli", "status", "--lang", "it").stdout
    assert f"outdated docs/it/{PAGE}  (changed: {LATER_SECTION})" in out
    assert f"make diff FILE=docs/it/{PAGE}" in out
    assert "current" not in out.split("\n", 1)[1]  # only what needs work is listed


@pytest.fixture(scope="module")
def step3(step2):
    """A new language, pt, with only its home page translated; marked partial by the scaffold."""
    repo, langs, _mid, _after = step2
    result = run(repo, "-m", "scripts.cli", "new-language", NEW, NEW_NAME)
    assert "marked partial" in result.stdout, result.stdout
    home = (repo / "docs" / SOURCE_LANGUAGE / "index.md").read_text(encoding="utf-8")
    (repo / "docs" / NEW / "index.md").write_text(stand_in_translation(home), encoding="utf-8")
    run(repo, "-m", "scripts.cli", "mark-current", f"docs/{NEW}/index.md")
    ui = repo / "data" / "ui.yml"  # the translator starts with the untranslated-page notice
    ui.write_text(ui.read_text(encoding="utf-8").replace(
        f"  {NEW}: This page has not been translated yet  # TODO: translate",
        f"  {NEW}: {NEW_NOTICE}"), encoding="utf-8")
    commit(repo, f"{NEW_NAME}: scaffold and home page")
    return repo, langs, check(repo, "--only", TRANSLATED_CHECKS)


def test_3_partial_language_has_warnings_not_errors(step3):
    repo, _langs, (rc, findings) = step3
    assert rc == 0 and not errors(findings), errors(findings)
    english_pages = sorted(p.relative_to(repo / "docs" / "en").as_posix() for p in (repo / "docs" / "en").rglob("*.md"))
    mine = [w for w in warnings(findings, "T005") if w[0].startswith(f"docs/{NEW}/")]
    assert mine == sorted((f"docs/{NEW}/{p}", "T005") for p in english_pages if p != "index.md")
    assert {path for path, _ in warnings(findings, "T006")} == {"mkdocs.yml", "data/ui.yml", "data/timeline.yml"}
    hint = next(f["hint"] for f in findings if f["code"] == "T005" and f["path"] == f"docs/{NEW}/{PAGE}")
    assert f"copy docs/en/{PAGE} to docs/{NEW}/{PAGE}" in hint


def test_3_an_english_paragraph_left_in_the_new_language_is_an_error(step3):
    """The language check knows the new language as soon as lingua has a model for it."""
    repo = step3[0]
    home = repo / "docs" / NEW / "index.md"
    saved = home.read_text(encoding="utf-8")
    left = ("This paragraph was copied from the English page and nobody has translated it into the new "
            "language yet, so readers would meet English text here.")
    home.write_text(saved + "\n" + left + "\n", encoding="utf-8")
    try:
        rc, findings = check(repo, "--only", "language")
    finally:
        home.write_text(saved, encoding="utf-8")
    line = (saved + "\n" + left).count("\n") + 1
    found = errors(findings)
    assert rc == 1 and len(found) == 1 and found[0].startswith(f"docs/{NEW}/index.md:{line}: G002:"), found


def test_3_a_complete_language_still_fails_on_a_missing_page(step3, tmp_path):
    repo = step3[0]
    missing = repo / "docs" / "it" / "history" / "myths.md"
    saved = missing.read_bytes()
    missing.unlink()
    try:
        rc, findings = check(repo, "--only", "translations")
    finally:
        missing.write_bytes(saved)
    assert rc == 1 and errors(findings) == ["docs/it/history/myths.md:1: T001: missing translation of docs/en/history/myths.md"]


def test_3_scaffold_adds_every_string_to_translate(step3):
    repo = step3[0]
    from scripts.languages import i18n_config, load_mkdocs_config

    config = load_mkdocs_config(repo)
    entry = next(e for e in i18n_config(config)["languages"] if e["locale"] == NEW)
    assert entry["extra"]["status"] == "partial"
    assert entry["site_name"] == config["site_name"] and entry["site_description"] == config["site_description"]
    assert set(entry["nav_translations"]) == {next(iter(i)) for i in config["nav"] if isinstance(i, dict)}
    import yaml
    ui = yaml.safe_load((repo / "data" / "ui.yml").read_text(encoding="utf-8"))
    assert all(values.get(NEW) is not None for values in ui.values())  # "" stays "" (nothing to say)
    timeline = yaml.safe_load((repo / "data" / "timeline.yml").read_text(encoding="utf-8"))
    assert all(event["label"].get(NEW) == event["label"]["en"] for event in timeline)


@pytest.fixture(scope="module")
def site(step3):
    return build(step3[0])


def page(site, path):
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


def test_built_site_passes_the_whole_checker(step3, site):
    rc, findings = check(step3[0])
    assert rc == 0 and not errors(findings), errors(findings)


def test_banners_show_what_each_language_needs(step3, site):
    _repo, langs, _ = step3
    for lang in langs:
        banner = page(site, f"{lang}/playbooks/saying-no/index.html").css_first('[data-translation-status="outdated"]')
        assert banner is not None, lang
        assert page(site, f"{lang}/playbooks/wrong-on-facts/index.html").css_first("[data-translation-status]") is None
    assert "μετάφραση" in page(site, "el/playbooks/saying-no/index.html").css_first("[data-translation-status]").text()


def test_status_page_lists_outdated_pages_and_the_new_language(step3, site):
    langs = step3[1]
    rows = [(row.text(), row) for row in page(site, "status/index.html").css("tr")]
    assert any(NEW_NAME in text for text, _row in rows)
    outdated = [t for t, row in rows if row.css_first('[data-translation-status="outdated"]')]
    assert sum(PAGE in t for t in outdated) == len(langs)  # it (the later change), el, zh
    assert sum(LATER_SECTION in t and NEW_SECTION not in t for t in outdated) == 1  # it
    missing = [t for t, row in rows if row.css_first('[data-translation-status="missing"]')]
    assert any(PAGE in t for t in missing)  # the new language


def test_new_language_fallback_page(site):
    fallback = page(site, f"{NEW}/{PAGE[:-3]}/index.html")
    assert fallback.css_first("html").attributes["lang"] == NEW
    notice = fallback.css_first('[data-translation-status="missing"]')
    assert notice is not None and NEW_NOTICE in notice.text()
    content = fallback.css_first("div.kb-fallback")
    assert content is not None and content.attributes.get("lang") == "en"
    assert content.css_first("h1") is not None  # the English content is inside it
    home = page(site, f"{NEW}/index.html")
    assert home.css_first("[data-translation-status]") is None and home.css_first("div.kb-fallback") is None
    index = json.loads((site / NEW / "search" / "full_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("playbooks/saying-no/") for doc in index["docs"])


def test_footer_and_cite_box_state_the_licences(step3, site):
    for prefix, word in (("", "Text"), ("it/", "Testi"), ("el/", "Κείμενα"), ("zh/", "文字內容"), (f"{NEW}/", "Text")):
        tree = page(site, f"{prefix}history/origins/index.html")
        footer = tree.css_first(".md-copyright")
        assert footer is not None and word in footer.text() and "CC BY-SA 4.0" in footer.text() and "MIT" in footer.text(), prefix
        assert footer.css_first('a[rel="license"]').attributes["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"
        cite = tree.css_first("#cite-this-page .kb-cite-licence a[rel=license]")
        assert cite is not None and "CC BY-SA 4.0" in cite.text(), prefix
