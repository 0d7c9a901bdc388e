"""scripts/check/language.py against the fixture corpus."""
from tests.check.conftest import expected, found


def test_language_faults_found_once_at_the_right_line(faulty_root, faulty_result):
    assert found(faulty_result, "G") == expected(faulty_root, "G")


def test_language_clean(clean_result):
    _rc, result, _err = clean_result
    assert found(result, "G") == []


def _classify(lang, text):
    from scripts.check import language
    from scripts.check.model import SrcPage
    lines = text.split("\n")
    simplified, prose = language.scan(lang, lines, [False] * len(lines), 1)
    page = SrcPage(lang, "x.md", None, lines, {}, 1, None, [False] * len(lines), [], [], [], "", simplified, prose)
    class M:
        langs = ("en", "it", "el", "zh")

        def pages(self):
            return [page]
    return [f.code for f in language.run(M(), {})]


def test_names_and_titles_in_english_do_not_make_a_paragraph_english():
    text = ("Nel 1909 Harry Gordon Selfridge aprì a Londra il suo grande magazzino di Oxford Street, "
            "dopo anni passati alla Marshall Field and Company di Chicago; il Boston Daily Globe e "
            "The Sunday Herald ne parlarono già nel 1905.[@otoole2015customer]")
    assert _classify("it", text) == []


def test_english_left_in_a_greek_page_is_flagged():
    text = "Staff should listen first and then explain the facts calmly, without arguing with the customer."
    assert _classify("el", text) == ["G002"]


def test_traditional_chinese_is_not_flagged():
    assert _classify("zh", "顧客說的話不一定對，但第一線人員還是要有禮貌地說明事實。") == []
