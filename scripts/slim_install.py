"""Trims the writer's install (`make setup-build`, what `make serve` sets up) of package data
that the build never reads, so the environment stays small.

Two pinned packages ship data for uses this site does not have (babel 2.19.0, jieba 0.42.1):

- jieba: `lac_small/` (13 MB) is its "paddle" mode, which needs paddlepaddle (not
  installed); `posseg/` (11 MB) tags parts of speech and `analyse/` (6 MB) extracts
  keywords. The build calls only `jieba.cut` (Material's search plugin) and reads
  `dict.txt` (scripts/zh_segmentation.py); jieba imports none of the three unless asked.
- Babel: CLDR data for 1,149 locales (32 MB). The build formats dates and numbers
  (scripts/locale_format.py), and MkDocs and mkdocs-static-i18n parse each language's
  locale, only in the site's languages. Kept: every locale of a language named in
  mkdocs.yml (each language's code and UI language) or in data/style.yml (`locale`),
  English (MkDocs' default theme locale), the locales these inherit from, and root.

tests/test_slim_install.py builds the site with and without the trimmed data and
compares the two byte for byte.

The Makefile's install stamp covers the `locale:` and `language:` lines of mkdocs.yml and
data/style.yml: after `make new-language`, the next `make serve` reinstalls the trimmed
packages whole and trims them for the new list. The test set (`make setup`) reinstalls
them whole, since its tests build sites in languages the site does not have yet.

    python -m scripts.slim_install --pip "PIP"            # reinstall if trimmed, then trim
    python -m scripts.slim_install --pip "PIP" --restore  # only reinstall the trimmed packages
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import yaml_loader
from scripts.languages import ROOT, languages

TRIMMED = ("babel", "jieba")  # the distributions trimmed here (and reinstalled whole by restore)
JIEBA_UNUSED = ("lac_small", "posseg", "analyse")
# Written into the environment once trimmed; lists what was removed.
MARKER = Path(sys.prefix) / ".slimmed"


def language_subtag(tag: str) -> str:
    """zh-Hant, zh_Hant_TW -> zh."""
    return re.split(r"[-_]", tag, maxsplit=1)[0].lower()


def site_languages(root: Path = ROOT) -> set[str]:
    """The languages the build hands to Babel, as language subtags."""
    found = {"en"}  # MkDocs' default theme locale
    for lang in languages(root):
        found |= {language_subtag(lang.code), language_subtag(lang.ui)}
    style_file = root / "data" / "style.yml"
    style = yaml_loader.load(style_file.read_text(encoding="utf-8")) if style_file.exists() else None
    for entry in (style or {}).values():
        if isinstance(entry, dict) and entry.get("locale"):
            found.add(language_subtag(str(entry["locale"])))
    return found


def kept_locales(locale_dir: Path, langs: set[str]) -> set[str]:
    """Every locale of `langs`, with the locales each inherits from (Babel merges a locale
    with its parents: zh_Hant_TW -> zh_Hant -> root, and across languages nb -> no)."""
    from babel.core import get_global

    exceptions = get_global("parent_exceptions")
    names = {path.stem for path in locale_dir.glob("*.dat")}
    keep = {"root"}
    for name in (n for n in names if language_subtag(n) in langs):
        while name not in keep:
            keep.add(name)
            name = exceptions.get(name) or name.rpartition("_")[0] or "root"
    return keep


def removable(site_packages: Path, langs: set[str]) -> list[Path]:
    """What trim() removes from the babel and jieba installed in `site_packages`."""
    jieba_dir, locale_dir = site_packages / "jieba", site_packages / "babel" / "locale-data"
    paths = [jieba_dir / name for name in JIEBA_UNUSED if (jieba_dir / name).exists()]
    keep = kept_locales(locale_dir, langs)
    return paths + sorted(path for path in locale_dir.glob("*.dat") if path.stem not in keep)


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def trim(site_packages: Path, langs: set[str]) -> tuple[list[Path], int]:
    """Remove removable(); return what was removed and how many bytes that freed."""
    paths = removable(site_packages, langs)
    freed = sum(size(path) for path in paths)
    for path in paths:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return paths, freed


def pins(lock: Path, names=TRIMMED) -> str:
    """The hashed requirement blocks of `names` in a pip-compile lock file."""
    blocks = re.split(r"\n(?=\S)", lock.read_text(encoding="utf-8"))
    wanted = {re.sub(r"[-_.]+", "-", n).lower() for n in names}
    chosen = [b for b in blocks if (m := re.match(r"([A-Za-z0-9_.-]+)==", b))
              and re.sub(r"[-_.]+", "-", m.group(1)).lower() in wanted]
    return "".join(block.rstrip("\n") + "\n" for block in chosen)


def restore(pip: list[str], lock: Path) -> None:
    """Reinstall the trimmed distributions whole (pinned with hashes), if they were trimmed."""
    if not MARKER.exists():
        return
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as requirements:
        requirements.write(pins(lock))
        requirements.flush()
        subprocess.run([*pip, "install", "--quiet", "--no-compile", "--force-reinstall", "--no-deps",
                        "--require-hashes", "-r", requirements.name], check=True)
    MARKER.unlink()


def site_packages() -> Path:
    return Path(importlib.util.find_spec("babel").origin).parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.slim_install", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pip", required=True, help='the command that runs pip for this environment, '
                        'e.g. "python3 -m pip --python .venv/bin/python"')
    parser.add_argument("--restore", action="store_true", help="only reinstall the trimmed packages whole")
    args = parser.parse_args(argv)
    restore(shlex.split(args.pip), ROOT / "requirements" / "build.lock")
    if args.restore:
        return 0
    langs, where = site_languages(), site_packages()
    paths, freed = trim(where, langs)
    MARKER.write_text("".join(f"{path.relative_to(where)}\n" for path in paths), encoding="utf-8")
    parts = [path.name for path in paths if path.suffix != ".dat"]
    locales = len(paths) - len(parts)
    print(f"slim_install: removed jieba's {', '.join(parts) or 'nothing'} and {locales} Babel locales of languages "
          f"other than {', '.join(sorted(langs))}: {freed / 1e6:.1f} MB the build never reads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
