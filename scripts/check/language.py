"""Language sanity of translations: no Simplified-only characters on zh pages
(hanzidentifier), and no paragraph left in another language (lingua)."""
from __future__ import annotations

import re
from functools import lru_cache

import hanzidentifier
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from scripts.check.markdown import paragraphs, strip_inline_code
from scripts.check.report import Finding


@lru_cache(maxsize=None)
def lingua_language(code: str) -> Language | None:
    """lingua's model for a site language (its ISO 639-1 code: pt, pt-BR), None when it has
    none: a language added with `make new-language` is checked as soon as lingua knows it."""
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code.split("-")[0].split("_")[0].lower()))
    except ValueError:
        return None


def candidates(codes) -> tuple[Language, ...]:
    """What a paragraph may be told apart from: every site language lingua has a model for."""
    return tuple(sorted({m for m in map(lingua_language, codes) if m is not None}, key=lambda m: m.name))


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
LETTER = re.compile(r"[^\W\d_]")
ASCII_LETTER = re.compile(r"[A-Za-z]")
# Their complements: characters are counted by deleting the others, about twice as fast
# as listing the matching ones (a paragraph is mostly letters).
NOT = {HAN: re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"), GREEK: re.compile(r"[^\u0370-\u03ff\u1f00-\u1fff]+"),
       LETTER: re.compile(r"[\W\d_]+"), ASCII_LETTER: re.compile(r"[^A-Za-z]+")}


def count(rx: re.Pattern, text: str) -> int:
    """How many characters of text the one-character class rx matches."""
    return len(NOT[rx].sub("", text))


# Markdown that is not prose: citations, link targets, ids, URLs, emphasis marks, html tags;
# each with a string it needs (None: always run), to skip the regex where it cannot match.
NOISE = [(needle, re.compile(p)) for needle, p in (
    ("[@", r"\[@[^\]]*\]"), ("](", r"\]\([^)]*\)"), ("{", r"\{[^{}]*\}"), ("://", r"https?://\S+"),
    ("<", r"<[^>]+>"), ("[^", r"\[\^[^\]]*\]"), (None, r"[*_`>#|\[\]]+"), (None, r"^\s*(?:[-+*]|\d+\.)\s+"))]
SPACES = re.compile(r"\s+")
MIN_LETTERS = {"zh": 12}  # Han characters carry more per letter; every other language: 40


@lru_cache(maxsize=4)
def detector(languages: tuple[Language, ...], high_accuracy=False):
    # Only the site's languages: telling a few candidates apart is fast and reliable.
    # Low-accuracy mode (trigram models, loaded lazily) is several times faster
    # to start and is accurate on paragraphs; the minimum relative distance
    # makes it answer None (not flagged) when unsure.
    # Paragraphs it flags are confirmed in high-accuracy mode before reporting.
    builder = LanguageDetectorBuilder.from_languages(*languages).with_minimum_relative_distance(0.2)
    return (builder if high_accuracy else builder.with_low_accuracy_mode()).build()


# Quoted words (a slogan may be quoted in the original language) and
# capitalised Latin-script words (names of people, firms, newspapers, titles)
# say nothing about the language a paragraph is written in.
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|「[^」]*」|『[^』]*』')
CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’.&-]*")


def clean(text: str) -> str:
    text = strip_inline_code(text)
    for needle, rx in NOISE:
        if needle is None or needle in text:
            text = rx.sub(" ", text)
    text = CAPITALISED.sub(" ", QUOTED.sub(" ", text))
    return SPACES.sub(" ", text).strip()


def own_script_share(text: str, lang: str, letters: int | None = None) -> float:
    letters = (count(LETTER, text) if letters is None else letters) or 1
    return count(HAN if lang == "zh" else GREEK, text) / letters


def simplified_only(line: str) -> list[str]:
    if not HAN.search(line):
        return []
    if hanzidentifier.identify(line) not in (hanzidentifier.SIMPLIFIED, hanzidentifier.MIXED):
        return []
    chars = []
    for ch in HAN.findall(line):
        if hanzidentifier.identify(ch) == hanzidentifier.SIMPLIFIED and ch not in chars:
            chars.append(ch)
    return chars


def scan(lang, lines, mask, first):
    """Per-page work (runs in the model's worker processes):
    -> (simplified-only findings [(line, chars)], paragraphs to classify [(line, text)])."""
    simplified, prose = [], []
    if lang == "en":
        return simplified, prose
    if lang == "zh":
        for i, line in enumerate(lines):
            if not mask[i]:
                chars = simplified_only(strip_inline_code(line))
                if chars:
                    simplified.append((first + i, chars))
    if lingua_language(lang) is None:  # lingua has no model for this language
        return simplified, prose
    for text, line in paragraphs(lines, mask, first):
        t = clean(text)
        letters = count(LETTER, t) if lang != "zh" else count(HAN, t) + count(ASCII_LETTER, t) // 4
        if letters < MIN_LETTERS.get(lang, 40):
            continue
        # Greek and Chinese are told apart from English by script: a paragraph
        # mostly in Greek letters / Han characters is in the page's language.
        if lang in ("el", "zh") and own_script_share(t, lang, letters if lang == "el" else None) >= 0.5:
            continue
        prose.append((line, t))
    return simplified, prose


def run(model, opts) -> list[Finding]:
    out = []
    todo = []  # (src, line, text) paragraphs to classify in one batch
    for src in model.pages():
        for line, chars in src.simplified:
            out.append(Finding(src.display, line, "G001", f"Simplified-only characters: {' '.join(chars)}"))
        todo += [(src, line, t) for line, t in src.prose]
    if todo:
        site = candidates(model.langs)  # every page is in one of them
        # First pass: fast model on the first ~150 characters; the few suspects
        # are then judged on their whole text by the high-accuracy model.
        langs = detector(site).detect_languages_in_parallel_of([t[:150] for _s, _l, t in todo])
        suspects = [(item, found) for item, found in zip(todo, langs)
                    if found is not None and found != lingua_language(item[0].lang)]
        confirmed = detector(site, True).detect_languages_in_parallel_of(
            [t for (_s, _l, t), _f in suspects]) if suspects else []
        for ((src, line, t), _first), found in zip(suspects, confirmed):
            expected = lingua_language(src.lang)
            if found is None or found == expected:
                continue
            out.append(Finding(src.display, line, "G002",
                               f"paragraph looks {found.name.title()}, not {expected.name.title()}: "
                               f"\"{t[:60]}...\""))
    return out
