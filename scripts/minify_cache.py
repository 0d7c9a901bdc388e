"""Minified pages kept between builds.

mkdocs-minify-plugin runs htmlmin (pure Python, ~0.1 s a page) on every page of
every build, about a sixth of a one-language build. htmlmin's output depends
only on its input and options, so each result is stored under the SHA-1 of
(htmlmin version, options, page HTML) in .cache/minify/: a page whose HTML did
not change since the last build is not minified again, and comes out byte for
byte the same. `make clean` empties the cache.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_minified_pages(minify_plugin, cache_dir: Path) -> None:
    """Wrap the plugin's page minifier with the cache (once per plugin instance)."""
    if minify_plugin is None or getattr(minify_plugin, "_kb_cached", False):
        return
    try:
        import htmlmin
        version = getattr(htmlmin, "__version__", "?")
    except ImportError:  # pragma: no cover
        return
    original = minify_plugin._minify_html_page
    folder = Path(cache_dir) / "minify"
    salt = f"htmlmin {version}\n{sorted((minify_plugin.config.get('htmlmin_opts') or {}).items())!r}\n"

    def minify(output):
        if not output or not minify_plugin.config.get("minify_html"):
            return original(output)
        key = hashlib.sha1((salt + output).encode("utf-8")).hexdigest()
        path = folder / key[:2] / key
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
        result = original(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{key}.{os.getpid()}.tmp")
        tmp.write_text(result, encoding="utf-8", newline="")
        tmp.replace(path)
        return result

    minify_plugin._minify_html_page = minify
    minify_plugin._kb_cached = True
