"""Live preview of one language at its real path: `make live LANG=el` serves Greek on
http://127.0.0.1:8000/el/ and rebuilds only that language, and only the pages whose
Markdown changed (mkdocs serve --dirty), so an edit shows in the browser within seconds.

How: SITE_LANG builds one language at the root of the output (static-i18n's
build_only_locale), and a site_url ending in /<lang>/ makes the dev server mount that
output at /<lang>/, where the full site serves it. English is served at / as usual.
A change to data/, mkdocs.yml or the plugin rebuilds the language's pages too, but
a new or renamed page needs a restart (dirty builds keep the old navigation).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts.languages import SOURCE_LANGUAGE, codes

LIVE_ENV = "KB_LIVE"  # set for `make live`: the plugin then calls refresh_changed() on every build


def command(lang: str, addr: str = "127.0.0.1:8000") -> tuple[list[str], dict[str, str]]:
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    env = {**os.environ, "SITE_LANG": lang, "KB_SITE_URL": f"http://{addr}/{prefix}", "NO_MKDOCS_2_WARNING": "1",
           LIVE_ENV: "1"}
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", addr], env


def serve(root: Path, lang: str, addr: str = "127.0.0.1:8000") -> int:
    if lang not in codes(root):
        print(f"live: '{lang}' is not a language in mkdocs.yml; choose one of {', '.join(codes(root))}",
              file=sys.stderr)
        return 2
    argv, env = command(lang, addr)
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    print(f"live: {lang} only, at http://{addr}/{prefix} (a saved edit shows within seconds; "
          f"Ctrl+C stops)", flush=True)
    try:
        return subprocess.call(argv, cwd=root, env=env)
    except KeyboardInterrupt:
        return 0


_BUILD_STARTED: float | None = None


def refresh_changed(files) -> None:
    """A dirty build re-renders a page only when its source is newer than its output; a
    page saved while the previous build was running (before that build wrote it) would
    be skipped. Pages saved since the previous build started are rebuilt whatever
    their output's time."""
    import time

    global _BUILD_STARTED
    previous, _BUILD_STARTED = _BUILD_STARTED, time.time()
    if previous is None:
        return
    for file in files.documentation_pages():
        try:
            if os.path.getmtime(file.abs_src_path) >= previous - 0.5:
                file.is_modified = lambda: True
        except OSError:
            pass
