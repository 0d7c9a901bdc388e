"""The knowledge base build plugin.

Event-driven and small: each event hands its work to the module that owns the
concern (glossary, bibliography, timeline, status, search_index, sitemaps,
anchors, zh_segmentation, page_meta, finder, notfound).
"""

from __future__ import annotations

import logging
import os
import re
from html import unescape as html_unescape
from pathlib import Path

import jieba
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from scripts import (allowlist, anchors, bibliography, csp, escaping, evidence, finder, glossary, inputs, link_preview,
                     minify_cache, notfound, offline, page_meta, print_summary, search_index, sitemaps, source_errors, status,
                     template_cache, termbase, timeline, ui, ui_localise, verdicts, zh_segmentation)
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
    command = "build"
    serving = False

    def __init__(self):
        super().__init__()
        self.notfound_pages: dict[str, str] = {}  # not-found page per built language (one build run)

    def on_startup(self, *, command, dirty):
        self.command = command  # no offline worker in `mkdocs serve`
        self.serving = command == "serve"  # the policy then lets MkDocs' live-reload script run

    @event_priority(110)  # before mkdocs-static-i18n applies each language's site strings
    def _plain_config_strings(self, config):
        escaping.unescape_config(config)  # escaped for the templates by the previous language's build
        return config

    @staticmethod
    def _inner_build(config) -> bool:
        """An inner, single-language build: static-i18n builds each other language inside the
        first build's on_post_build (its `building` flag), so the sources cannot have changed."""
        return getattr(config.plugins.get("i18n"), "building", False)

    @event_priority(100)  # before mkdocs-bibtex reads the .bib files
    def _check_sources(self, config):
        """Every contributor mistake the build would trip on, at file:line (scripts/source_errors.py)."""
        if self._inner_build(config):
            return config  # checked once already
        i18n = config.plugins.get("i18n")
        root = Path(config.config_file_path).parent
        only = i18n.config.build_only_locale if i18n is not None else None
        langs = [l.code for l in languages(root) if not only or l.code == only]
        docs_dir, data_dir = Path(config.docs_dir), root / self.config.data_dir
        folders = sorted({"docs", "data", *(os.path.relpath(d, root) for d in (docs_dir, data_dir))})
        sources = verdicts.sources_fingerprint(root, folders, f"{langs}")
        judged = verdicts.Verdicts(root / self.config.cache_dir, "sources")
        # A committed cache is never trusted (it could hold the verdict read just below).
        planted = inputs.check_committed_cache(root, self.config.cache_dir)
        if not planted and judged.clean(sources):  # the same files found clean by the same code before
            return config
        # Files and data first: a symlink, a non-UTF-8 file or markup in data stops here, named.
        refused = planted + inputs.check_files(root) + inputs.check_data(root)
        if refused:
            raise PluginError("kb: refused input files or data:\n" + inputs.report(refused))
        problems = source_errors.scan(root, docs_dir, data_dir, langs, SOURCE_LANGUAGE)
        if problems:
            raise PluginError(source_errors.report(problems))
        judged.record(sources)
        return config

    def _configure(self, config):
        self.refused_markup: list[str] = []  # every page's offences, reported together in on_env
        if self._inner_build(config):
            return config  # nothing below depends on the language: loaded once already
        root = Path(config.config_file_path).parent
        self.root = root
        self.data_dir = root / self.config.data_dir
        self.cache_dir = root / self.config.cache_dir
        self.markup_verdicts = verdicts.Verdicts(self.cache_dir, "allowlist")
        self.script_patterns = csp.template_scripts(config.theme.dirs)
        self.config_docs_dir = Path(config.docs_dir).relative_to(root).as_posix() if Path(config.docs_dir).is_relative_to(root) else config.docs_dir
        try:
            self.languages = languages(root)
        except ValueError as exc:  # e.g. an unknown extra.status: say which language and what to write
            raise PluginError(f"kb: {exc}") from exc
        # URL prefix of each built language: a SITE_LANG build puts its language at the root.
        only = config.plugins["i18n"].config.build_only_locale if "i18n" in config.plugins else None
        self.prefixes = {l.code: ("" if l.code == only else l.prefix) for l in self.languages if not only or l.code == only}
        # Offline reading (service worker) only in a full build of every language, never in serve.
        self.offline = not only and self.command != "serve"
        self.app_names = getattr(self, "app_names", {})  # on_config runs again for each language
        try:
            self.bib = bibliography.load(self.data_dir / "bib")
            self.glossaries = {lang.code: glossary.load(self.data_dir, lang.code) for lang in self.languages}
            timeline_file = self.data_dir / "timeline.yml"
            self.timeline = timeline.load(timeline_file) if timeline_file.exists() else []
            self.termbase = termbase.load(self.data_dir, root)
            finder_file = self.data_dir / finder.FILE
            self.finder = finder.load(finder_file, [l.code for l in self.languages]) if finder_file.exists() else None
            self.search_tuning = search_index.load_tuning(self.data_dir / "search.yml", [l.code for l in self.languages])
        except Exception as exc:  # a clear error instead of a half-built site
            raise PluginError(f"kb: cannot load data: {exc}") from exc
        self.abbreviations = {lang.code: glossary.abbreviations(self.glossaries.get(lang.code) or self.glossaries[SOURCE_LANGUAGE])
                              for lang in self.languages}
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
        dictionary = zh_segmentation.traditional_dictionary(self.cache_dir / "jieba", zh_terms)
        zh_segmentation.use_dictionary(dictionary)
        self.segments = zh_segmentation.cache_material_segmentation(self.cache_dir / "jieba", dictionary)
        bibliography.FORMATTED.use(self.cache_dir)
        if "bibtex" in config.plugins:
            bibliography.memoize_bibtex_footnotes(config.plugins["bibtex"])
        minify_cache.cache_minified_pages(config.plugins.get("minify"), self.cache_dir)
        return config

    on_config = CombinedEvent(_plain_config_strings, _check_sources, _configure)

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
            if name == "evidence-scale":
                return evidence.table_markdown(evidence.load(self.data_dir), lang)
            if name == "status":
                return self._status_markdown(lang, depth)
            if name in ("finder", "situations"):
                if self.finder is None:
                    raise PluginError(f"{page.file.src_path}: <!-- kb:{name} --> needs data/{finder.FILE}")
                render_finder = finder.page_markdown if name == "finder" else finder.situations_markdown
                return render_finder(self.finder, lang, depth)
            if name == "fixed-terms":
                names = {l.code: l.name for l in self.languages}
                return termbase.fixed_terms_markdown(self.termbase, lang, names)
            raise PluginError(f"{page.file.src_path}: unknown generated block <!-- kb:{name} -->")

        is_glossary = any(m.group("name") == "glossary" for m in MARKER.finditer(markdown))
        markdown = MARKER.sub(render, markdown)
        markdown = CODE_SPAN.sub(lambda m: m.group(0).replace(AT_SIGN, AT_HIDDEN), markdown)
        # Glossary tooltips in the page's language; MkDocs reads mdx_configs for each page
        # it renders, right after this event. The glossary defines the terms itself: no
        # tooltips on its own headings.
        config.mdx_configs["abbr"] = {"glossary": {} if is_glossary else self.abbreviations[lang]}
        # A blank line at the end: mkdocs-bibtex appends its footnotes after a single newline,
        # which would make them part of a table or list that ends the page.
        return markdown.rstrip("\n") + "\n\n"

    @event_priority(-50)  # after mkdocs-bibtex has turned [@key] into footnotes
    def _link_footnotes(self, markdown, page, config, files):
        """Replace mkdocs-bibtex's plain footnote text with ours: case kept, one line,
        and a link to the entry on the bibliography page of the same language."""
        up = "../" * self._depth(page)
        lang = self.page_lang(page)

        def render(match):
            key = match.group("key")
            entry = self.bib.entries.get(key)
            if entry is None:
                return match.group(0)
            link = f"{up}bibliography.md#{bibliography.anchor(key)}"
            return f"[^{key}]: {bibliography.render_entry_html(entry, lang)} [↗]({link})"

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
        # Permalink and footnote back-link titles in the language being built.
        i18n = config.plugins.get("i18n")
        html = ui_localise.content(html, getattr(i18n, "current_language", None) or self.page_lang(page),
                                   (config.mdx_configs.get("toc") or {}).get("permalink_title"))
        # Published anchors that moved keep answering: alias or redirecting anchors.
        return anchors.inject_aliases(html, page.file.src_uri, self.data_dir / "anchors.yml")

    def _refuse_unsafe_markup(self, html, page):
        """Only what scripts/allowlist.py allows may be published: anything else stops
        the build with the file and line that wrote it (the page, or the data file a
        generated block came from) and what to write instead."""
        if self.markup_verdicts.clean(html.encode()):  # this very HTML passed before
            return
        found = allowlist.offences(html)
        if not found:
            self.markup_verdicts.record(html.encode())
            return
        lang = self.page_lang(page)
        sources = [Path(page.file.abs_src_path)] + [
            self.data_dir / "glossary" / f"{lang}.yml", self.data_dir / "glossary" / f"{SOURCE_LANGUAGE}.yml",
            self.data_dir / "timeline.yml", *sorted((self.data_dir / "bib").glob("*.bib")), self.data_dir / "ui.yml"]
        lines = []
        for offence in found:
            where = f"{self.config_docs_dir}/{page.file.src_path}:1"
            for n, source in enumerate(sources):
                if not source.is_file():
                    continue
                text = source.read_text(encoding="utf-8").lower().splitlines()
                needle = offence.needle.lower()  # as parsed: entities decoded, so try both spellings
                line = (next((i for i, t in enumerate(text, 1) if needle in t), None)
                        or next((i for i, t in enumerate(text, 1) if needle in html_unescape(t)), None))
                if line:
                    shown = source.relative_to(self.root).as_posix() if source.is_relative_to(self.root) else str(source)
                    where = f"{shown}:{line}"
                    break
            lines.append(f"  {where}: {offence.code}: unsafe markup: {offence.detail}\n      {offence.hint}")
        self.refused_markup += lines

    @event_priority(-150)  # after mkdocs-static-i18n has made each language's files
    def on_files(self, files, config):
        import os
        from scripts import live
        if os.environ.get(live.LIVE_ENV):  # make live: rebuild pages saved during the previous build too
            live.refresh_changed(files)
        return files

    # -- Templates --------------------------------------------------------------

    def on_env(self, env, config, files):
        """After every page is rendered and before any is written."""
        # Refused markup stops the build, every offence at once.
        if self.refused_markup:
            lines, self.refused_markup = self.refused_markup, []
            raise PluginError("kb: markup outside the allowlist (scripts/allowlist.py); write Markdown instead:\n"
                              + "\n".join(dict.fromkeys(lines)))
        template_cache.cache_compiled_templates(env, self.cache_dir)
        # Front matter and site strings go into attributes unescaped otherwise (scripts/escaping.py).
        escaping.escape_config(config)
        for file in files.documentation_pages():
            if file.page is not None:
                escaping.escape_meta(file.page.meta)
        return env

    def on_page_context(self, context, page, config, nav):
        # The language being built, even when the page is an English fallback.
        build_lang = context.get("i18n_page_locale") or self.page_lang(page)
        file_lang = self.page_lang(page)
        lang = next((l for l in self.languages if l.code == build_lang), self.languages[0])
        context["kb_lang"] = lang
        # Front-matter values the theme writes into attributes are data: escaped.
        for key in ("description", "author"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        context["kb_prefix"] = self.prefixes.get(lang.code, lang.prefix)
        context["kb_ui"] = {key: ui.t(key, build_lang) for key in ui.strings()}
        ui_localise.palette(config.theme, build_lang)
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
            # plain text (a title from the first heading is HTML); the partial escapes it
            Markup(page.title).striptags() if page.title else config.site_name, config.site_name, page.canonical_url or page.abs_url or page.url,
            updated, build_lang, ui.t,
        )
        self.app_names[lang.code] = (config.site_name, config.site_description or "")
        context["kb_head"] = {
            "offline": self.offline, "theme_color": offline.THEME_COLOR,
            "meta": link_preview.tags(page, config, lang, self.languages, lambda code: ui.t("og.locale", code), ui.t),
        }
        return context

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":  # answers at any address: every language, absolute links
            context["kb_notfound"] = notfound.entries(self.languages, self.prefixes)
            config.extra["alternate"] = notfound.alternates(self.languages, self.prefixes, context["base_url"])
        return context

    # -- Content-Security-Policy ---------------------------------------------------

    def _print_summary(self, output, page, config):
        # A playbook's first printed page is its summary sheet (scripts/print_summary.py).
        return print_summary.add(output, ui.t("print.summary_note", self.page_lang(page)))

    @event_priority(-100)  # after minify: the hashes are of the final text
    def _policy(self, output, page, config):
        try:
            return csp.apply(output, self.script_patterns, page.file.src_path, self.serving)
        except csp.PolicyError as exc:
            raise PluginError(f"kb: {exc}") from None

    on_post_page = CombinedEvent(_print_summary, _policy)

    @event_priority(-100)  # after minify
    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        try:
            form_action = "'self'" if template_name == "404.html" else "'none'"  # its search form
            output_content = csp.apply(output_content, self.script_patterns, template_name, self.serving,
                                       form_action=form_action)
        except csp.PolicyError as exc:
            raise PluginError(f"kb: {exc}") from None
        if template_name == "404.html":  # each language's build writes it: keep them all, pick one after the build
            i18n = config.plugins.get("i18n")
            self.notfound_pages[getattr(i18n, "current_language", None) or SOURCE_LANGUAGE] = output_content
        return output_content

    # -- After the build ----------------------------------------------------------

    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def on_post_build(self, config):
        bibliography.FORMATTED.save()
        if getattr(self, "segments", None) is not None:
            self.segments.save()
        if self._inner_build(config):
            return  # the index is not complete yet
        if self.config.per_language_search:
            try:
                counts = search_index.split(Path(config.site_dir), self._built_prefixes(config), self.search_tuning)
            except search_index.SearchTuningError as exc:
                raise PluginError(f"kb: {exc}") from exc
            log.info("kb: search index per language: %s", counts)
        # Each language's build wrote site/404.html: the source language's stays.
        kept = self.notfound_pages.get(SOURCE_LANGUAGE) or next(iter(self.notfound_pages.values()), None)
        if kept is not None:
            (Path(config.site_dir) / "404.html").write_text(kept, encoding="utf-8")
        if (Path(config.site_dir) / "sitemap.xml").exists():
            sitemaps.split(Path(config.site_dir), config.site_url or "/", self._built_prefixes(config))
        try:
            result = offline.build(Path(config.site_dir), [l for l in self.languages if l.code in self.prefixes],
                                   self.prefixes, self.app_names, ui.t, self.offline)
        except offline.OfflineError as exc:
            raise PluginError(f"kb: {exc}") from exc
        for code, info in result.packs.items():
            log.info("kb: offline pack %s: %d files, %d bytes", code, info["files"], info["bytes"])

    def _built_prefixes(self, config) -> dict[str, str]:
        site_dir = Path(config.site_dir)
        return {code: prefix for code, prefix in self.prefixes.items() if (site_dir / prefix / "index.html").exists()}
