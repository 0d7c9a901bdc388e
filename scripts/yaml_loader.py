"""The one YAML loader for data files, front matter and mkdocs.yml.

libyaml's safe loader when PyYAML was built with it: the same values and the same
marks (lines, character offsets) as the pure-Python loader, about ten times faster,
which matters because every build reads every data file and every page's front matter.
"""
from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str):
    return yaml.load(text, Loader=SafeLoader)
