"""The site's languages, read once from mkdocs.yml so every tool agrees with the build."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts import yaml_loader

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LANGUAGE = "en"
STATUSES = ("complete", "partial")


@dataclass(frozen=True)
class Language:
    code: str  # folder under docs/ and URL prefix (none for the source language)
    name: str  # shown in the language menu
    ui: str  # Material UI language and <html lang>, e.g. zh-Hant
    # "complete": every page must exist (a missing page fails the checker);
    # "partial": a language being launched, a missing page is a warning.
    # Set per language in mkdocs.yml: `extra: {status: partial}` in its i18n entry.
    status: str = "complete"

    @property
    def prefix(self) -> str:
        """URL path prefix of this language's pages, relative to the site root."""
        return "" if self.code == SOURCE_LANGUAGE else f"{self.code}/"

    @property
    def partial(self) -> bool:
        return self.status == "partial"


class _IgnoreTagsLoader(yaml_loader.SafeLoader):
    """mkdocs.yml uses !ENV tags; for reading the language list their default is enough."""


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return loader.construct_scalar(node)


_IgnoreTagsLoader.add_multi_constructor("!", _construct_tagged)
_IgnoreTagsLoader.add_multi_constructor("tag:", _construct_tagged)


def load_mkdocs_config(root: Path = ROOT) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader)


def i18n_config(config: dict) -> dict:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]
    raise ValueError("mkdocs.yml has no i18n plugin")


@lru_cache(maxsize=None)
def languages(root: Path = ROOT) -> tuple[Language, ...]:
    """All configured languages, the source language first."""
    found = []
    for entry in i18n_config(load_mkdocs_config(root))["languages"]:
        ui = (entry.get("theme") or {}).get("language", entry["locale"]).removeprefix("kb-")
        status = str((entry.get("extra") or {}).get("status", "complete"))
        if status not in STATUSES:
            raise ValueError(f"mkdocs.yml: language {entry['locale']}: extra.status is '{status}'; "
                             f"use one of {', '.join(STATUSES)}")
        found.append(Language(entry["locale"], entry["name"], ui, status))
    found.sort(key=lambda lang: lang.code != SOURCE_LANGUAGE)
    return tuple(found)


def codes(root: Path = ROOT) -> list[str]:
    return [lang.code for lang in languages(root)]


def translation_codes(root: Path = ROOT) -> list[str]:
    return [code for code in codes(root) if code != SOURCE_LANGUAGE]


def by_code(root: Path = ROOT) -> dict[str, Language]:
    return {lang.code: lang for lang in languages(root)}
