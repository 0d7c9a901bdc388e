"""Typed configuration of the knowledge base build plugin ("kb" in mkdocs.yml)."""

from mkdocs.config import base, config_options


class KnowledgeBaseConfig(base.Config):
    # Shared data every language renders: ui.yml, glossary/, timeline.yml, bib/.
    data_dir = config_options.Type(str, default="data")
    # Generated intermediates and caches (jieba dictionary, formatted BibTeX...); never committed.
    cache_dir = config_options.Type(str, default=".cache")
    # Split the shared search index into one per language after the build.
    per_language_search = config_options.Type(bool, default=True)
