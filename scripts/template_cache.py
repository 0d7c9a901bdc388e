"""Compiled templates kept between builds.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n
builds once per language: Material's templates were parsed and compiled four
times per build (about a tenth of it). Jinja's own bytecode cache stores each
compiled template in .cache/jinja/, checked against the template's source, so a
changed template is compiled again; the rendered pages are the same.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def cache_compiled_templates(env, cache_dir: Path) -> None:
    folder = Path(cache_dir) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
