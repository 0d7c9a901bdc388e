"""Files and data a contributor sends, judged by scripts/inputs.py (the rules the
build applies in on_config): symbolic links, non-UTF-8 or oversized files under
docs/ and data/, markup in front matter or data files, script URLs in BibTeX,
committed build caches."""
from __future__ import annotations

from scripts import inputs
from scripts.check.report import Finding


def run(model, opts) -> list[Finding]:
    found = (inputs.check_committed_cache(model.root) + inputs.check_files(model.root)
             + inputs.check_data(model.root, model.docs, opts["bib_dir"].parent))
    return [Finding(f.path, f.line, f.code, f.message) for f in found]
