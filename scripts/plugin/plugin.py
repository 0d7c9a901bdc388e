"""The knowledge base build plugin.

Event-driven and small: each event hands its work to the module that owns the
concern (glossary, bibliography, timeline, status, search_index, sitemaps,
anchors, zh_segmentation, page_meta).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import jieba
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils import get_relative_url
from selectolax.lexbor import LexborHTMLParser

from scripts import anchors, bibliography, glossary, page_meta, search_index, sitemaps, status, timeline, ui, zh_segmentation
from scripts.check.model import unsafe_elements
from scripts.frontmatter import FrontMatterError, front_matter_message
from scripts.languages import SOURCE_LANGUAGE, languages
from scripts.plugin.config import KnowledgeBaseConfig

log = logging.getLogger("mkdocs.plugins.kb")

MARKER = re.compile(r"^<!--\s*kb:(?P<name>[a-z-]+)\s*-->\s*$", re.MULTILINE)
# Citation syntax shown as an example inside `code` is not a citation: hide it from
# mkdocs-bibtex (which does not know about code) and put it back afterwards.
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1|^(```|~~~).*?^\2", re.DOTALL | re.MULTILINE)
AT_SIGN, AT_HIDDEN = "@", "\ue000"
ADJACENT_NOTES = re.compile(r"(\[\^[^\]\s]+\])(?=\[\^)")
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]:.*$", re.MULTILINE)


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.root = root
        self.data_dir = root / self.config.data_dir
        self.cache_dir = root / self.config.cache_dir
        try:
            self.languages = languages(root)
        except ValueError as exc:  # e.g. an unknown extra.status: say which language and what to write
            raise PluginError(f"kb: {exc}") from exc
        # URL prefix of each built language: a SITE_LANG build puts its language at the root.
        only = config.plugins["i18n"].config.build_only_locale if "i18n" in config.plugins else None
        self.prefixes = {l.code: ("" if l.code == only else l.prefix) for l in self.languages if not only or l.code == only}
        try:
            self.bib = bibliography.load(self.data_dir / "bib")
            self.glossaries = {lang.code: glossary.load(self.data_dir, lang.code) for lang in self.languages}
            timeline_file = self.data_dir / "timeline.yml"
            self.timeline = timeline.load(timeline_file) if timeline_file.exists() else []
        except Exception as exc:  # a clear error instead of a half-built site
            raise PluginError(f"kb: cannot load data: {exc}") from exc
        self._write_abbreviation_snippets()
        try:
            self.status_rows = status.report(root)
        except FrontMatterError as exc:  # say what is wrong in which file, and how to fix it
            raise PluginError(f"kb: {front_matter_message(exc, root)}") from exc
        except Exception as exc:
            raise PluginError(f"kb: cannot compute translation status: {exc}") from exc
        self.status_by_page = {(row.lang, row.page): row for row in self.status_rows}
        self.updated = page_meta.last_updated(root)
        zh_terms = [t.term for t in self.glossaries.get("zh", [])]
        jieba.setLogLevel(logging.WARNING)
        dictionary = zh_segmentation.traditional_dictionary(self.cache_dir / "jieba", zh_terms).resolve()
        if getattr(jieba.dt, "dictionary", None) != str(dictionary):  # a rebuild in `make live` keeps it loaded
            jieba.set_dictionary(str(dictionary))
        return config

    def _write_abbreviation_snippets(self):
        folder = self.cache_dir / "snippets" / "abbreviations"
        folder.mkdir(parents=True, exist_ok=True)
        for lang in self.languages:
            terms = self.glossaries.get(lang.code) or self.glossaries[SOURCE_LANGUAGE]
            (folder / f"{lang.code}.md").write_text(glossary.abbreviations_markdown(terms), encoding="utf-8")

    # -- Markdown -------------------------------------------------------------

    @staticmethod
    def page_lang(page) -> str:
        return getattr(page.file, "locale", None) or SOURCE_LANGUAGE

    @event_priority(50)  # before mkdocs-bibtex, so generated citations are resolved too
    def _expand_markers(self, markdown, page, config, files):
        lang = self.page_lang(page)
        depth = self._depth(page)

        def render(match):
            name = match.group("name")
            if name == "glossary":
                return glossary.page_markdown(self.glossaries.get(lang) or self.glossaries[SOURCE_LANGUAGE], lang, depth)
            if name == "bibliography":
                return bibliography.page_markdown(self.bib, lang)
            if name == "timeline":
                return timeline.figure_markdown(self.timeline, lang, depth)
            if name == "status":
                return self._status_markdown(lang, depth)
            if name == "fixed-terms":
                names = {l.code: l.name for l in self.languages}
                return glossary.fixed_terms_markdown(self.glossaries, lang, names)
            raise PluginError(f"{page.file.src_path}: unknown generated block <!-- kb:{name} -->")

        is_glossary = any(m.group("name") == "glossary" for m in MARKER.finditer(markdown))
        markdown = MARKER.sub(render, markdown)
        markdown = CODE_SPAN.sub(lambda m: m.group(0).replace(AT_SIGN, AT_HIDDEN), markdown)
        if is_glossary:  # the glossary defines the terms itself: no tooltips on its own headings
            return markdown
        return markdown + f'\n\n--8<-- "abbreviations/{lang}.md"\n'

    @event_priority(-50)  # after mkdocs-bibtex has turned [@key] into footnotes
    def _link_footnotes(self, markdown, page, config, files):
        """Replace mkdocs-bibtex's plain footnote text with ours: case kept, one line,
        and a link to the entry on the bibliography page of the same language."""
        up = "../" * self._depth(page)

        def render(match):
            key = match.group("key")
            entry = self.bib.entries.get(key)
            if entry is None:
                return match.group(0)
            link = f"{up}bibliography.md#{bibliography.anchor(key)}"
            return f"[^{key}]: {bibliography.render_entry_html(entry)} [↗]({link})"

        markdown = FOOTNOTE_DEF.sub(render, markdown).replace(AT_HIDDEN, AT_SIGN)
        # [@a; @b] becomes [^a][^b]: separate the numbers so 1, 2 does not read as 12.
        return ADJACENT_NOTES.sub(r"\1<sup>,</sup>", markdown)

    on_page_markdown = CombinedEvent(_expand_markers, _link_footnotes)

    def _rel(self, page) -> str:
        """The page's path inside its language folder: it/history/x.md -> history/x.md."""
        head, _, rest = page.file.src_uri.partition("/")
        return rest if rest and head in {l.code for l in self.languages} else page.file.src_uri

    def _depth(self, page) -> int:
        """Folders between the page and its language root, for the relative links we generate."""
        return self._rel(page).count("/")

    def _status_markdown(self, lang: str, depth: int) -> str:
        up = "../" * depth
        names = {l.code: l.name for l in self.languages}
        t = lambda key: ui.t(key, lang)
        counts = status.summary(self.status_rows)
        out = [f"## {t('status.summary')} {{#summary}}", "",
               f"| {t('status.language')} | {t('status.current')} | {t('status.outdated')} | {t('status.missing')} |",
               "| --- | ---: | ---: | ---: |"]
        for code, c in counts.items():
            out.append(f"| [{names[code]}](#lang-{code}) | {c['current']} | {c['outdated']} | {c['missing']} |")
        for code in counts:
            out += ["", f"## {names[code]} {{#lang-{code}}}", ""]
            rows = [r for r in self.status_rows if r.lang == code and r.state != "current"]
            if not rows:
                out.append(t("status.all_current"))
                continue
            out += [f"| {t('status.page')} | {t('status.state')} | {t('status.changed')} |", "| --- | --- | --- |"]
            for r in rows:
                changed = ", ".join(f"`{s}`" for s in r.changed_sections)
                out.append(f'| [{r.page}]({up}{r.page}) | <span data-translation-status="{r.state}">{t("status." + r.state)}</span> | {changed} |')
        return "\n".join(out) + "\n"

    def on_page_content(self, html, page, config, files):
        self._refuse_unsafe_markup(html, page)
        # Published anchors that moved keep answering: alias or redirecting anchors.
        return anchors.inject_aliases(html, page.file.src_uri, self.data_dir / "anchors.yml")

    @staticmethod
    def _refuse_unsafe_markup(html, page):
        """Raw scripts, frames, event handlers or script/data URLs stop the build
        (the same rules as the checker's M00x), with the Markdown file and line."""
        found = unsafe_elements(LexborHTMLParser(html).body)
        if not found:
            return
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8").lower().splitlines()
        lines = []
        for code, detail, needle in found:
            line = next((n for n, text in enumerate(source, 1) if needle.lower() in text), 1)
            lines.append(f"  {page.file.src_path}:{line}: {code}: unsafe markup: {detail}")
        raise PluginError("kb: unsafe markup (write Markdown, no scripts, frames, event handlers or "
                          "javascript:/data: links):\n" + "\n".join(lines))

    @event_priority(-150)  # after mkdocs-static-i18n has made each language's files
    def on_files(self, files, config):
        import os
        from scripts import live
        if os.environ.get(live.LIVE_ENV):  # make live: rebuild pages saved during the previous build too
            live.refresh_changed(files)
        return files

    # -- Templates --------------------------------------------------------------

    def on_env(self, env, config, files):
        from scripts import live
        env.bytecode_cache = live.template_cache()  # rebuilds while serving skip recompiling templates
        return env

    def on_page_context(self, context, page, config, nav):
        # The language being built, even when the page is an English fallback.
        build_lang = context.get("i18n_page_locale") or self.page_lang(page)
        file_lang = self.page_lang(page)
        lang = next((l for l in self.languages if l.code == build_lang), self.languages[0])
        context["kb_lang"] = lang
        context["kb_prefix"] = self.prefixes.get(lang.code, lang.prefix)
        context["kb_ui"] = {key: ui.t(key, build_lang) for key in ui.strings()}
        rel = self._rel(page)
        state = None
        if build_lang != SOURCE_LANGUAGE:
            row = self.status_by_page.get((build_lang, rel))
            state = "missing" if file_lang != build_lang else (row.state if row else None)
        english = getattr(page.file, "alternates", {}).get(SOURCE_LANGUAGE)
        context["kb_translation"] = {
            "state": state,
            "source_lang": SOURCE_LANGUAGE,
            "english_url": get_relative_url(english.url, page.url) if english is not None else None,
            "contributing_url": get_relative_url(context["kb_prefix"] + "contributing/", page.url) + "#how-to-translate",
        }
        updated = self.updated.get(page.file.src_path if page.file.src_path.startswith("docs/") else f"docs/{page.file.src_uri}")
        context["kb_cite"] = page_meta.citation(
            page.title or config.site_name, config.site_name, page.canonical_url or page.abs_url or page.url,
            updated, build_lang, ui.t,
        )
        return context

    # -- After the build ----------------------------------------------------------

    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def on_post_build(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "building", False):
            return  # an inner, single-language build: the index is not complete yet
        if self.config.per_language_search:
            counts = search_index.split(Path(config.site_dir), self._built_prefixes(config))
            log.info("kb: search index per language: %s", counts)
        if (Path(config.site_dir) / "sitemap.xml").exists():
            sitemaps.split(Path(config.site_dir), config.site_url or "/", self._built_prefixes(config))

    def _built_prefixes(self, config) -> dict[str, str]:
        site_dir = Path(config.site_dir)
        return {code: prefix for code, prefix in self.prefixes.items() if (site_dir / prefix / "index.html").exists()}
